import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { rdsInstanceProtected } from "./rds";

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
