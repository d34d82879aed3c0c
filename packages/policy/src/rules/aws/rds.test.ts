import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import {
  rdsClusterProtected,
  rdsInstanceLogged,
  rdsInstanceMultiAz,
  rdsInstanceNotPublic,
  rdsInstanceProtected,
} from "./rds";

const db = (props: Record<string, unknown>): KitResource => ({
  type: "aws:rds/instance:Instance",
  name: "db",
  props: {
    engine: "postgres",
    storageEncrypted: true,
    kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k",
    backupRetentionPeriod: 7,
    deletionProtection: true,
    ...props,
  },
});

describeRule(rdsInstanceProtected, {
  baseline: hipaa,
  compliant: [db({}), db({ backupRetentionPeriod: 35, kmsKeyId: UNKNOWN })],
  requirements: {
    "storage-encrypted": {
      violating: [db({ storageEncrypted: false }), db({ storageEncrypted: undefined })],
      unknown: [db({ storageEncrypted: UNKNOWN })],
    },
    "customer-key": {
      violating: [db({ kmsKeyId: undefined })],
      unknown: [],
      // A key created in the same preview: present but unknown is enough.
      decidedWhenUnknown: [db({ kmsKeyId: UNKNOWN })],
    },
    "backup-retention": {
      violating: [
        db({ backupRetentionPeriod: 6 }),
        db({ backupRetentionPeriod: undefined }),
        { resources: [db({ backupRetentionPeriod: 13 })], config: { minBackupRetentionDays: 14 } },
      ],
      compliant: [{ resources: [db({ backupRetentionPeriod: 14 })], config: { minBackupRetentionDays: 14 } }],
      unknown: [db({ backupRetentionPeriod: UNKNOWN })],
    },
    "deletion-protection": {
      violating: [db({ deletionProtection: false }), db({ deletionProtection: undefined })],
      unknown: [db({ deletionProtection: UNKNOWN })],
    },
  },
});

const instance = (type: string, props: Record<string, unknown>): KitResource => ({
  type,
  name: "db",
  props: { engine: "aurora-postgresql", ...props },
});

describeRule(rdsInstanceNotPublic, {
  baseline: hipaa,
  compliant: [
    // Omitted is private: the provider's default is false.
    instance("aws:rds/instance:Instance", {}),
    instance("aws:rds/instance:Instance", { publiclyAccessible: false }),
    instance("aws:rds/clusterInstance:ClusterInstance", { publiclyAccessible: false }),
  ],
  requirements: {
    "not-public": {
      violating: [
        instance("aws:rds/instance:Instance", { publiclyAccessible: true }),
        instance("aws:rds/clusterInstance:ClusterInstance", { publiclyAccessible: true }),
      ],
      unknown: [instance("aws:rds/clusterInstance:ClusterInstance", { publiclyAccessible: UNKNOWN })],
    },
  },
});

const cluster = (props: Record<string, unknown>): KitResource => ({
  type: "aws:rds/cluster:Cluster",
  name: "aurora",
  props: {
    engine: "aurora-postgresql",
    storageEncrypted: true,
    kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k",
    backupRetentionPeriod: 7,
    deletionProtection: true,
    ...props,
  },
});

describeRule(rdsClusterProtected, {
  baseline: hipaa,
  compliant: [cluster({}), cluster({ backupRetentionPeriod: 35, kmsKeyId: UNKNOWN })],
  requirements: {
    "storage-encrypted": {
      violating: [
        cluster({ storageEncrypted: false }),
        // Provisioned (the default mode) is unencrypted unless told otherwise.
        cluster({ storageEncrypted: undefined }),
        cluster({ storageEncrypted: undefined, engineMode: "provisioned" }),
        cluster({ storageEncrypted: false, engineMode: "serverless" }),
      ],
      // Serverless v1 is encrypted by default.
      compliant: [cluster({ storageEncrypted: undefined, engineMode: "serverless" })],
      unknown: [
        cluster({ storageEncrypted: UNKNOWN }),
        cluster({ storageEncrypted: undefined, engineMode: UNKNOWN }),
      ],
      decidedWhenUnknown: [cluster({ engineMode: UNKNOWN })],
    },
    "customer-key": {
      violating: [cluster({ kmsKeyId: undefined })],
      unknown: [],
      decidedWhenUnknown: [cluster({ kmsKeyId: UNKNOWN })],
    },
    "backup-retention": {
      violating: [
        cluster({ backupRetentionPeriod: 6 }),
        // The provider's default is one day.
        cluster({ backupRetentionPeriod: undefined }),
        { resources: [cluster({ backupRetentionPeriod: 13 })], config: { minBackupRetentionDays: 14 } },
      ],
      compliant: [
        { resources: [cluster({ backupRetentionPeriod: 14 })], config: { minBackupRetentionDays: 14 } },
        { resources: [cluster({ backupRetentionPeriod: undefined })], config: { minBackupRetentionDays: 1 } },
      ],
      unknown: [cluster({ backupRetentionPeriod: UNKNOWN })],
    },
    "deletion-protection": {
      violating: [cluster({ deletionProtection: false }), cluster({ deletionProtection: undefined })],
      unknown: [cluster({ deletionProtection: UNKNOWN })],
    },
  },
});

describeRule(rdsInstanceLogged, {
  baseline: hipaa,
  compliant: [
    db({ enabledCloudwatchLogsExports: ["postgresql"] }),
    db({ enabledCloudwatchLogsExports: [UNKNOWN] }),
  ],
  requirements: {
    "logs-exported": {
      violating: [db({}), db({ enabledCloudwatchLogsExports: [] })],
      unknown: [db({ enabledCloudwatchLogsExports: UNKNOWN })],
    },
  },
});

describeRule(rdsInstanceMultiAz, {
  baseline: hipaa,
  compliant: [db({ multiAz: true })],
  requirements: {
    "multi-az": {
      violating: [db({}), db({ multiAz: false })],
      unknown: [db({ multiAz: UNKNOWN })],
    },
  },
});
