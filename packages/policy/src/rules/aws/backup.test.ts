import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { backupPlanRetention, backupVaultEncrypted } from "./backup";

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
