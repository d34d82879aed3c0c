import { finra, gdpr, hipaa } from "@palisade/core";
import { describe, expect, it } from "vitest";
import { UNKNOWN, analyzeRule, describeRule, requirementsOf, type KitResource } from "../../test-support";
import {
  backupPlanCopyRegion,
  backupPlanRetention,
  backupVaultEncrypted,
  backupVaultRecordsLock,
} from "./backup";

const vault = (props: Record<string, unknown>): KitResource => ({
  type: "aws:backup/vault:Vault",
  name: "phi-vault",
  props: { kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k", ...props },
});

describeRule(backupVaultEncrypted, {
  baseline: hipaa,
  compliant: [vault({}), vault({ kmsKeyArn: UNKNOWN })],
  requirements: {
    "customer-key": {
      violating: [vault({ kmsKeyArn: undefined })],
      unknown: [],
      decidedWhenUnknown: [vault({ kmsKeyArn: UNKNOWN })],
    },
  },
});

const rule = (lifecycle?: Record<string, unknown>) => ({
  ruleName: "daily",
  targetVaultName: "phi-vault",
  schedule: "cron(0 5 * * ? *)",
  ...(lifecycle ? { lifecycle } : {}),
});
const plan = (...rules: object[]): KitResource => ({
  type: "aws:backup/plan:Plan",
  name: "phi-plan",
  props: { name: "phi-plan", rules },
});

describeRule(backupPlanRetention, {
  baseline: hipaa,
  compliant: [plan(rule({ deleteAfter: 35 })), plan(rule()), plan(rule({ coldStorageAfter: 30 }))],
  requirements: {
    retention: {
      violating: [
        plan(rule({ deleteAfter: 6 })),
        plan(rule({ deleteAfter: 35 }), rule({ deleteAfter: 1 })),
        { resources: [plan(rule({ deleteAfter: 29 }))], config: { minBackupRetentionDays: 30 } },
      ],
      compliant: [
        plan(rule({ deleteAfter: 7 })),
        { resources: [plan(rule({ deleteAfter: 30 }))], config: { minBackupRetentionDays: 30 } },
      ],
      unknown: [plan(rule({ deleteAfter: UNKNOWN }))],
    },
  },
});

// A plan backing up into a vault in its region and copying to another vault, both in the stack.
const copyTarget = (props: Record<string, unknown>, provider?: Record<string, unknown>): KitResource => ({
  type: "aws:backup/vault:Vault",
  name: "copy-vault",
  props: { name: "copy-vault", ...props },
  provider,
});
const sourceVault: KitResource = {
  type: "aws:backup/vault:Vault",
  name: "source-vault",
  props: { name: "source-vault", region: "us-east-1" },
};
const copyingPlan = (
  destinationVaultArn: unknown,
  dependsOn = ["source-vault", "copy-vault"],
): KitResource => ({
  type: "aws:backup/plan:Plan",
  name: "plan",
  props: {
    name: "daily",
    rules: [
      {
        ruleName: "daily",
        targetVaultName: "source-vault",
        schedule: "cron(0 5 * * ? *)",
        copyActions: [{ destinationVaultArn }],
      },
    ],
  },
  propertyDependencies: { rules: dependsOn },
});
const vaultArn = (region: string) => `arn:aws:backup:${region}:123456789012:backup-vault:copy-vault`;

describeRule(backupPlanCopyRegion, {
  baseline: gdpr,
  compliant: [
    [copyingPlan(vaultArn("eu-central-1"), [])],
    // At a first preview the ARN is unknown: the vault it depends on decides (not the source vault).
    [sourceVault, copyTarget({ region: "eu-central-1" }), copyingPlan(UNKNOWN)],
    [sourceVault, copyTarget({}, { region: "eu-west-3" }), copyingPlan(UNKNOWN)],
    // Only vaults are copy targets: rules may depend on other resources (a tag's value).
    [
      sourceVault,
      copyTarget({ region: "eu-central-1" }),
      { type: "aws:sns/topic:Topic", name: "topic", props: { region: "us-east-1" } },
      copyingPlan(UNKNOWN, ["source-vault", "copy-vault", "topic"]),
    ],
    {
      type: "aws:backup/plan:Plan",
      name: "plain",
      props: { rules: [{ ruleName: "daily", targetVaultName: "v" }] },
    },
  ],
  requirements: {
    "copy-region-allowed": {
      violating: [
        [copyingPlan(vaultArn("us-west-2"), [])],
        [copyingPlan("not-an-arn", [])],
        [sourceVault, copyTarget({ region: "eu-west-2" }), copyingPlan(UNKNOWN)],
        [sourceVault, copyTarget({}, { region: "us-east-2" }), copyingPlan(UNKNOWN)],
      ],
      compliant: [{ resources: [copyingPlan(vaultArn("us-west-2"), [])], config: { allowedRegions: "any" } }],
      unknown: [
        // From another stack: known at update.
        [copyingPlan(UNKNOWN, [])],
        [sourceVault, copyingPlan(UNKNOWN, ["source-vault"])],
        [sourceVault, copyTarget({ region: UNKNOWN }), copyingPlan(UNKNOWN)],
      ],
    },
  },
});

// FINRA 4511 / SEC 17a-4: a vault holding backups of records, locked at a first preview (its name unknown).
const RECORDS = { "data-classification": "finra-records" };
const recordsVault = (tags: unknown = RECORDS): KitResource => ({
  type: "aws:backup/vault:Vault",
  name: "records-vault",
  props: { name: UNKNOWN, kmsKeyArn: UNKNOWN, tags },
});
const untaggedVault: KitResource = {
  type: "aws:backup/vault:Vault",
  name: "records-vault",
  props: { name: UNKNOWN, kmsKeyArn: UNKNOWN },
};
const vaultLock = (props: Record<string, unknown>, target = "records-vault"): KitResource => ({
  type: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
  name: `lock-${target}`,
  props: { backupVaultName: UNKNOWN, ...props },
  propertyDependencies: { backupVaultName: [target] },
});
const locked = { changeableForDays: 3, minRetentionDays: 2192, maxRetentionDays: 3650 };

describeRule(backupVaultRecordsLock, {
  baseline: finra,
  compliant: [
    [recordsVault(), vaultLock(locked)],
    [recordsVault(), vaultLock({ ...locked, changeableForDays: 30, minRetentionDays: 3650 })],
    {
      resources: [
        recordsVault({ ...RECORDS, "record-class": "communications" }),
        vaultLock({ ...locked, minRetentionDays: 1096 }),
      ],
      config: { recordClassRetentionDays: { communications: 1096 } },
    },
  ],
  requirements: {
    "compliance-lock": {
      violating: [
        // Governance mode: the lock can be removed.
        [recordsVault(), vaultLock({ ...locked, changeableForDays: undefined })],
        [recordsVault(), vaultLock({ ...locked, changeableForDays: "3" })],
        [recordsVault(), vaultLock({ minRetentionDays: 2192 })],
      ],
      unknown: [[recordsVault(), vaultLock({ ...locked, changeableForDays: UNKNOWN })]],
      outOfScope: [
        [untaggedVault, vaultLock({})],
        [recordsVault({ "data-classification": "phi" }), vaultLock({})],
      ],
    },
    "min-retention": {
      violating: [
        [recordsVault(), vaultLock({ ...locked, minRetentionDays: 365 })],
        [recordsVault(), vaultLock({ ...locked, minRetentionDays: 2191 })],
        [recordsVault(), vaultLock({ changeableForDays: 3 })],
        [recordsVault(), vaultLock({ ...locked, minRetentionDays: "2192" })],
        { resources: [recordsVault(), vaultLock(locked)], config: { recordRetentionDays: 2557 } },
        {
          resources: [
            recordsVault({ ...RECORDS, "record-class": "trade" }),
            vaultLock({ ...locked, minRetentionDays: 2192 }),
          ],
          config: { recordClassRetentionDays: { trade: 2557 } },
        },
      ],
      unknown: [[recordsVault(), vaultLock({ ...locked, minRetentionDays: UNKNOWN })]],
    },
  },
});

describe("aws-backup-vault-records-lock on an unlocked vault", () => {
  it("reports the missing lock once, under compliance-lock", async () => {
    const result = await analyzeRule(
      backupVaultRecordsLock,
      [recordsVault(), vaultLock(locked, "other-vault")],
      {
        baseline: finra,
      },
    );
    expect(requirementsOf(result)).toEqual(["aws-backup-vault-records-lock/compliance-lock"]);
  });
});
