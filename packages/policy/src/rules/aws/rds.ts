/** AWS RDS rules (aws v7). */
import type * as rds from "@pulumi/aws/rds";
import { baselineSetting, resourceRule, type Props } from "../../rule";

type Instance = Props<rds.InstanceArgs>;

/** RDS instances: encrypted with a customer key, backed up for the baseline's period, undeletable by IaC. */
export const rdsInstanceProtected = resourceRule({
  id: "aws-rds-instance-protected",
  description:
    "RDS instances encrypt storage with a customer key, keep automated backups and have deletion protection",
  target: "aws",
  types: ["aws:rds/instance:Instance"],
  config: {
    minBackupRetentionDays: baselineSetting("minBackupRetentionDays", {
      type: "integer",
      minimum: 1,
      maximum: 35,
    }),
  },
  requirements: [
    {
      id: "storage-encrypted",
      description: "Storage is encrypted",
      remediation: "Set storageEncrypted: true.",
      check: (props: Instance) => (props.storageEncrypted === true ? [] : ["storageEncrypted is not true"]),
    },
    {
      id: "customer-key",
      description: "Storage is encrypted with a customer-managed KMS key",
      remediation: "Set kmsKeyId to a customer-managed KMS key.",
      // Present is enough: a key created in the same update is unknown at preview, and `in` does not read it.
      check: (props: Instance) => ("kmsKeyId" in props ? [] : ["kmsKeyId names no customer-managed key"]),
    },
    {
      id: "backup-retention",
      description: "Automated backups are kept at least minBackupRetentionDays",
      remediation: "Set backupRetentionPeriod to at least minBackupRetentionDays.",
      check: (props: Instance, { config }) => {
        const min = Number(config.minBackupRetentionDays);
        return Number(props.backupRetentionPeriod ?? 0) < min
          ? [`backupRetentionPeriod is below minBackupRetentionDays ${min}`]
          : [];
      },
    },
    {
      id: "deletion-protection",
      description: "The instance cannot be deleted while deletion protection is on",
      remediation: "Set deletionProtection: true.",
      check: (props: Instance) =>
        props.deletionProtection === true ? [] : ["deletionProtection is not true"],
    },
  ],
});
