/** AWS Backup rules (aws v7): vaults and plans. */
import type * as backup from "@pulumi/aws/backup";
import { baselineSetting, resourceRule, type Props } from "../../rule";

type Vault = Props<backup.VaultArgs>;
type Plan = Props<backup.PlanArgs>;

export const backupVaultEncrypted = resourceRule({
  id: "aws-backup-vault-encrypted",
  description: "Backup vaults encrypt recovery points with a customer-managed KMS key",
  target: "aws",
  types: ["aws:backup/vault:Vault"],
  requirements: [
    {
      id: "customer-key",
      description:
        "Recovery points are encrypted with a customer-managed key (unset, the AWS-managed aws/backup key)",
      remediation: "Set kmsKeyArn to a customer-managed KMS key.",
      check: (props: Vault) => ("kmsKeyArn" in props ? [] : ["kmsKeyArn names no customer-managed key"]),
    },
  ],
});

export const backupPlanRetention = resourceRule({
  id: "aws-backup-plan-retention",
  description: "Backup plans keep recovery points at least the baseline's backup period",
  target: "aws",
  types: ["aws:backup/plan:Plan"],
  config: {
    minBackupRetentionDays: baselineSetting("minBackupRetentionDays", { type: "integer", minimum: 1 }),
  },
  requirements: [
    {
      id: "retention",
      description: "No rule deletes recovery points before minBackupRetentionDays",
      remediation:
        "Set each rule's lifecycle.deleteAfter to at least minBackupRetentionDays (or leave it unset).",
      check: (props: Plan, { config }) => {
        const min = Number(config.minBackupRetentionDays);
        // Without lifecycle.deleteAfter a recovery point is kept until deleted by hand.
        return ((props.rules as any[] | undefined) ?? []).flatMap((rule, i) => {
          const after = rule?.lifecycle?.deleteAfter;
          return after !== undefined && Number(after) < min
            ? [`rules[${i}].lifecycle.deleteAfter is below minBackupRetentionDays ${min}`]
            : [];
        });
      },
    },
  ],
});
