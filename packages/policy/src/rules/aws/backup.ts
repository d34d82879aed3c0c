/** AWS Backup rules (aws v7): vaults and plans. */
import type * as backup from "@pulumi/aws/backup";
import {
  baselineSetting,
  resourceRule,
  stackRule,
  type Props,
  type RuleConfig,
  type StackContext,
} from "../../rule";
import { known } from "../../unknowns";
import { allowedRegionsSetting, residencyFindings } from "../residency";
import {
  RECORD_RETENTION_SETTINGS,
  RECORDS_SCOPE_SETTINGS,
  outsideRecords,
  requiredRecordRetention,
} from "../scope";
import { regionOf } from "./residency";

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

const VAULT = "aws:backup/vault:Vault";

/** A backup vault ARN's region segment: `arn:<partition>:backup:<region>:<account>:backup-vault:<name>`. */
const arnRegion = (arn: unknown) => (typeof arn === "string" ? arn.split(":")[3] : undefined);

export const backupPlanCopyRegion = stackRule({
  id: "aws-backup-plan-copy-region",
  description: "Backup plans copy recovery points only to vaults in allowed regions",
  target: "aws",
  types: ["aws:backup/plan:Plan"],
  config: { allowedRegions: allowedRegionsSetting("aws") },
  requirements: [
    {
      id: "copy-region-allowed",
      description: "Every rules[*].copyActions[*].destinationVaultArn is a vault in one of allowedRegions",
      remediation:
        "Point each copy action's destinationVaultArn at a backup Vault created in (or on a provider whose region is) one of allowedRegions.",
      check: (plan, context) => {
        const rules = (plan.rules as any[] | undefined) ?? [];
        // `rules` depends on the source vaults too (targetVaultName): a vault named there is no copy target.
        const sources = new Set(
          rules.map((r) => known(() => r?.targetVaultName)).flatMap((n) => (n.known ? [n.value] : [])),
        );
        const targets = () =>
          context.stack.dependencies("rules").filter((v) => {
            if (v.type !== VAULT) return false;
            const name = known(() => v.props.name);
            return !name.known || !sources.has(name.value);
          });
        return rules.flatMap((rule, i) =>
          ((rule?.copyActions as any[] | undefined) ?? []).flatMap((action, j) => {
            const path = `rules[${i}].copyActions[${j}].destinationVaultArn`;
            const arn = known(() => action?.destinationVaultArn);
            if (arn.known)
              return residencyFindings("aws", `${path} region segment`, arnRegion(arn.value), context.config);
            // Unknown at preview: the vault it comes from, when the plan depends on one.
            const vaults = targets();
            if (vaults.length === 0) throw arn.error;
            return vaults.flatMap((vault) => {
              // A vault with no region at all is aws-residency-resource-region's finding.
              const resolved = regionOf(vault.props, vault.provider?.props);
              return resolved
                ? residencyFindings(
                    "aws",
                    `${path}'s Vault ${resolved.path}`,
                    resolved.region,
                    context.config,
                  )
                : [];
            });
          }),
        );
      },
    },
  ],
});

const VAULT_LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";

/** The vault's lock configurations, joined through their backupVaultName. */
const vaultLocks = (context: StackContext) => context.stack.dependents(VAULT_LOCK, "backupVaultName");

const outsideRecordsVault = (vault: Record<string, any>, { config }: { config: RuleConfig }) =>
  outsideRecords(vault.tags, config);

export const backupVaultRecordsLock = stackRule({
  id: "aws-backup-vault-records-lock",
  description:
    "Backup vaults holding records are locked in compliance mode, keeping recovery points at least the records' retention",
  target: "aws",
  types: [VAULT],
  config: { ...RECORDS_SCOPE_SETTINGS, ...RECORD_RETENTION_SETTINGS },
  requirements: [
    {
      id: "compliance-lock",
      description:
        "A VaultLockConfiguration on the vault sets changeableForDays, so the lock becomes immutable (compliance mode) once that grace time ends",
      remediation:
        "Add a VaultLockConfiguration (backupVaultName) with changeableForDays set (without it the lock is in governance mode and can be removed).",
      outOfScope: outsideRecordsVault,
      check: (_vault, context) =>
        vaultLocks(context).some((lock) => typeof lock.props.changeableForDays === "number")
          ? []
          : [
              "no VaultLockConfiguration (backupVaultName) sets changeableForDays: the vault is unlocked or in governance mode",
            ],
    },
    {
      id: "min-retention",
      description:
        "The vault lock's minRetentionDays is at least the records' required retention (recordRetentionDays, or recordClassRetentionDays for the vault's record class)",
      remediation:
        "Set the VaultLockConfiguration's minRetentionDays to at least the required retention, and each backup rule's lifecycle.deleteAfter no shorter.",
      outOfScope: outsideRecordsVault,
      check: (vault, context) => {
        // A vault without a lock is compliance-lock's one finding: there is no minimum to judge.
        const locks = vaultLocks(context);
        const required = requiredRecordRetention(vault.tags, context.config);
        return locks.flatMap((lock) => {
          const days = lock.props.minRetentionDays;
          if (days === undefined || days === null)
            return ["VaultLockConfiguration (backupVaultName) minRetentionDays is not set"];
          if (typeof days !== "number" || !Number.isFinite(days))
            return ["VaultLockConfiguration (backupVaultName) minRetentionDays is not a number of days"];
          // The days are never quoted: they may be a secret.
          return days < required.days
            ? [`VaultLockConfiguration (backupVaultName) minRetentionDays is shorter than ${required.source}`]
            : [];
        });
      },
    },
  ],
});
