import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { docdbClusterProtected } from "./docdb";

const cluster = (props: Record<string, unknown>): KitResource => ({
  type: "aws:docdb/cluster:Cluster",
  name: "graph",
  props: {
    storageEncrypted: true,
    kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k",
    backupRetentionPeriod: 7,
    deletionProtection: true,
    ...props,
  },
});

describeRule(docdbClusterProtected, {
  baseline: hipaa,
  compliant: [cluster({}), cluster({ backupRetentionPeriod: 35, kmsKeyId: UNKNOWN })],
  requirements: {
    "storage-encrypted": {
      // The provider's default is unencrypted.
      violating: [cluster({ storageEncrypted: false }), cluster({ storageEncrypted: undefined })],
      unknown: [cluster({ storageEncrypted: UNKNOWN })],
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
