import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { neptuneClusterProtected } from "./neptune";

const cluster = (props: Record<string, unknown>): KitResource => ({
  type: "aws:neptune/cluster:Cluster",
  name: "graph",
  props: {
    storageEncrypted: true,
    kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k",
    backupRetentionPeriod: 7,
    deletionProtection: true,
    ...props,
  },
});

describeRule(neptuneClusterProtected, {
  baseline: hipaa,
  compliant: [cluster({}), cluster({ backupRetentionPeriod: 35, kmsKeyArn: UNKNOWN })],
  requirements: {
    "storage-encrypted": {
      // The provider's default is unencrypted.
      violating: [cluster({ storageEncrypted: false }), cluster({ storageEncrypted: undefined })],
      unknown: [cluster({ storageEncrypted: UNKNOWN })],
    },
    "customer-key": {
      violating: [cluster({ kmsKeyArn: undefined })],
      unknown: [],
      decidedWhenUnknown: [cluster({ kmsKeyArn: UNKNOWN })],
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
