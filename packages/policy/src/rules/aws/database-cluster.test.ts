import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { docdbClusterProtected } from "./docdb";
import { neptuneClusterProtected } from "./neptune";

// The same cases for both services: only the type token and the KMS key input differ.
const services = [
  { rule: docdbClusterProtected, type: "aws:docdb/cluster:Cluster", keyField: "kmsKeyId" },
  { rule: neptuneClusterProtected, type: "aws:neptune/cluster:Cluster", keyField: "kmsKeyArn" },
];

for (const { rule, type, keyField } of services) {
  const cluster = (props: Record<string, unknown>): KitResource => ({
    type,
    name: "graph",
    props: {
      storageEncrypted: true,
      [keyField]: "arn:aws:kms:us-east-1:123456789012:key/k",
      backupRetentionPeriod: 7,
      deletionProtection: true,
      ...props,
    },
  });

  describeRule(rule, {
    baseline: hipaa,
    compliant: [cluster({}), cluster({ backupRetentionPeriod: 35, [keyField]: UNKNOWN })],
    requirements: {
      "storage-encrypted": {
        // The provider's default is unencrypted.
        violating: [cluster({ storageEncrypted: false }), cluster({ storageEncrypted: undefined })],
        unknown: [cluster({ storageEncrypted: UNKNOWN })],
      },
      "customer-key": {
        violating: [cluster({ [keyField]: undefined })],
        unknown: [],
        decidedWhenUnknown: [cluster({ [keyField]: UNKNOWN })],
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
          {
            resources: [cluster({ backupRetentionPeriod: undefined })],
            config: { minBackupRetentionDays: 1 },
          },
        ],
        unknown: [cluster({ backupRetentionPeriod: UNKNOWN })],
      },
      "deletion-protection": {
        violating: [cluster({ deletionProtection: false }), cluster({ deletionProtection: undefined })],
        unknown: [cluster({ deletionProtection: UNKNOWN })],
      },
    },
  });
}
