/** Backup and DR Service rules (gcp v9 backupdisasterrecovery): backup vaults holding copies of records. */
import type * as backupdisasterrecovery from "@pulumi/gcp/backupdisasterrecovery";
import { fixedSetting, resourceRule, type InputsContext, type Props } from "../../rule";
import {
  outsideRecords,
  RECORD_RETENTION_SETTINGS,
  RECORDS_SCOPE_SETTINGS,
  requiredRecordRetention,
} from "../scope";

type BackupVault = Props<backupdisasterrecovery.BackupVaultArgs>;

const SECONDS_PER_DAY = 86_400;
const DAY_MS = SECONDS_PER_DAY * 1000;

/** A google.protobuf.Duration in its JSON form (`"189388800s"`, `"1.5s"`) as seconds, or NaN. */
function durationSeconds(value: unknown): number {
  const match = typeof value === "string" ? /^(\d+(?:\.\d{1,9})?)s$/.exec(value.trim()) : null;
  return match ? Number(match[1]) : Number.NaN;
}

const recordsOnly = (props: BackupVault, { config }: InputsContext) => outsideRecords(props.labels, config);

/**
 * SEC 17a-4(f) applied to backup copies of records: a backup vault's minimum enforced retention keeps
 * every backup from being deleted or expiring before it has passed (each backup inherits it, and may only
 * extend it), and the vault's effective time locks that minimum: from then on it can be raised but never
 * lowered. Until the effective time the minimum can be lowered and later backups kept shorter, so a lock
 * that takes effect years ahead does not protect anything now: the effective time must fall within
 * vaultLockDelayDays of the preview.
 */
export const backupVaultRecordsLocked = resourceRule({
  id: "gcp-backupdisasterrecovery-backup-vault-records-locked",
  description:
    "Backup vaults holding records enforce the records' retention on every backup, and lock that retention",
  target: "gcp",
  types: ["gcp:backupdisasterrecovery/backupVault:BackupVault"],
  config: {
    ...RECORDS_SCOPE_SETTINGS,
    ...RECORD_RETENTION_SETTINGS,
    vaultLockDelayDays: fixedSetting(30, {
      type: "integer",
      minimum: 0,
      description:
        "The longest a backup vault's lock may wait: its effectiveTime must fall within this many days of the preview (a grace period to correct the vault before its minimum enforced retention can no longer be lowered)",
    }),
  },
  requirements: [
    {
      id: "enforced-retention",
      description:
        "backupMinimumEnforcedRetentionDuration is at least the records' retention (recordRetentionDays, or recordClassRetentionDays for the vault's record-class label)",
      remediation:
        'Set backupMinimumEnforcedRetentionDuration to at least the required days times 86400 seconds, as a duration ("189388800s" for 2192 days).',
      outOfScope: recordsOnly,
      check: (props: BackupVault, { config }) => {
        const path = "backupMinimumEnforcedRetentionDuration";
        const duration: unknown = props.backupMinimumEnforcedRetentionDuration;
        if (duration === undefined || duration === null) return [`${path} is not set`];
        const value = durationSeconds(duration);
        if (!Number.isFinite(value)) return [`${path} is not a duration in seconds (such as "86400s")`];
        const required = requiredRecordRetention(props.labels, config);
        return value < required.days * SECONDS_PER_DAY
          ? [`${path} is shorter than the required record retention (${required.days} days)`]
          : [];
      },
    },
    {
      id: "retention-locked",
      description:
        "effectiveTime is set, within vaultLockDelayDays of now, so the minimum enforced retention is locked: it can no longer be lowered",
      remediation:
        "Set effectiveTime to an RFC 3339 time at most vaultLockDelayDays ahead (irreversible once passed: the minimum enforced retention can then only be raised).",
      outOfScope: recordsOnly,
      check: (props: BackupVault, { config }) => {
        const time: unknown = props.effectiveTime;
        if (time === undefined || time === null || time === "") return ["effectiveTime is not set"];
        const at = typeof time === "string" ? Date.parse(time) : Number.NaN;
        if (!Number.isFinite(at)) return ["effectiveTime is not an RFC 3339 time"];
        const delay = Number(config.vaultLockDelayDays);
        return at > Date.now() + delay * DAY_MS
          ? [`effectiveTime is more than vaultLockDelayDays (${delay}) days ahead`]
          : [];
      },
    },
  ],
});
