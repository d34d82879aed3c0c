import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { logGroupProtected } from "./cloudwatch";

const group = (props: Record<string, unknown>): KitResource => ({
  type: "aws:cloudwatch/logGroup:LogGroup",
  name: "logs",
  props: { kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k", retentionInDays: 2192, ...props },
});

describeRule(logGroupProtected, {
  baseline: hipaa,
  compliant: [group({}), group({ retentionInDays: 3653 }), group({ kmsKeyId: UNKNOWN })],
  requirements: {
    "customer-key": {
      violating: [group({ kmsKeyId: undefined })],
      unknown: [],
      decidedWhenUnknown: [group({ kmsKeyId: UNKNOWN })],
    },
    retention: {
      violating: [
        group({ retentionInDays: 2191 }),
        group({ retentionInDays: 1 }),
        { resources: [group({ retentionInDays: 364 })], config: { minRetentionDays: 365 } },
      ],
      // Unset or 0 keeps logs forever.
      compliant: [
        group({ retentionInDays: undefined }),
        group({ retentionInDays: 0 }),
        { resources: [group({ retentionInDays: 365 })], config: { minRetentionDays: 365 } },
      ],
      unknown: [group({ retentionInDays: UNKNOWN })],
    },
  },
});
