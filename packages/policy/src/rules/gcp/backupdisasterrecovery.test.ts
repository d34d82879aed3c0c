import { finra } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { backupVaultRecordsLocked } from "./backupdisasterrecovery";

const DAY = 86_400;
const DAY_MS = DAY * 1000;
/** A time `days` from now, as an RFC 3339 string. */
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

/** A records vault enforcing six years on every backup, locked since 2026. */
const vault = (props: Record<string, unknown> = {}): KitResource => ({
  type: "gcp:backupdisasterrecovery/backupVault:BackupVault",
  name: "records-vault",
  props: {
    location: "us-central1",
    backupVaultId: "records",
    labels: { "data-classification": "finra-records" },
    backupMinimumEnforcedRetentionDuration: `${2192 * DAY}s`,
    effectiveTime: "2026-01-01T00:00:00Z",
    ...props,
  },
});
const communications = { "data-classification": "finra-records", "record-class": "communications" };
const notRecords = (props: Record<string, unknown>): KitResource[] => [
  vault({ labels: undefined, ...props }),
  vault({ labels: { "data-classification": "phi" }, ...props }),
];

describeRule(backupVaultRecordsLocked, {
  baseline: finra,
  compliant: [
    vault(),
    vault({ backupMinimumEnforcedRetentionDuration: `${3650 * DAY}.5s` }),
    // A lock that takes effect within the grace period.
    vault({ effectiveTime: inDays(29) }),
    {
      resources: [
        vault({ labels: communications, backupMinimumEnforcedRetentionDuration: `${1096 * DAY}s` }),
      ],
      config: { recordClassRetentionDays: { communications: 1096 } },
    },
  ],
  requirements: {
    "enforced-retention": {
      violating: [
        vault({ backupMinimumEnforcedRetentionDuration: `${2192 * DAY - 1}s` }),
        vault({ backupMinimumEnforcedRetentionDuration: undefined }),
        vault({ backupMinimumEnforcedRetentionDuration: `${2192 * DAY}` }),
        vault({ backupMinimumEnforcedRetentionDuration: "2192d" }),
        vault({ backupMinimumEnforcedRetentionDuration: 2192 * DAY }),
        vault({ labels: communications, backupMinimumEnforcedRetentionDuration: `${1096 * DAY}s` }),
      ],
      unknown: [vault({ backupMinimumEnforcedRetentionDuration: UNKNOWN })],
      outOfScope: notRecords({ backupMinimumEnforcedRetentionDuration: `${DAY}s` }),
    },
    "retention-locked": {
      violating: [
        vault({ effectiveTime: undefined }),
        vault({ effectiveTime: "" }),
        vault({ effectiveTime: "next year" }),
        vault({ effectiveTime: inDays(31) }),
        vault({ effectiveTime: "9999-12-31T00:00:00Z" }),
        { resources: [vault({ effectiveTime: inDays(2) })], config: { vaultLockDelayDays: 1 } },
      ],
      compliant: [{ resources: [vault({ effectiveTime: inDays(2) })], config: { vaultLockDelayDays: 3 } }],
      unknown: [vault({ effectiveTime: UNKNOWN })],
      outOfScope: notRecords({ effectiveTime: undefined }),
    },
  },
});
