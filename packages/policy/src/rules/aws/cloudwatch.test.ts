import { gdpr, hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { logGroupProtected, logGroupRetentionLimited } from "./cloudwatch";

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

describeRule(logGroupRetentionLimited, {
  baseline: gdpr,
  compliant: [
    group({ retentionInDays: 365 }),
    group({ retentionInDays: 2192, tags: { "data-classification": "pd" } }),
    // DELIVERY ignores retentionInDays and keeps events two days.
    group({ retentionInDays: undefined, logGroupClass: "DELIVERY" }),
    group({ retentionInDays: 30, logGroupClass: UNKNOWN }),
  ],
  requirements: {
    "retention-limited": {
      violating: [
        group({ retentionInDays: undefined }),
        group({ retentionInDays: 0 }),
        group({ retentionInDays: 2557 }),
        group({ retentionInDays: 0, logGroupClass: "STANDARD" }),
        { resources: [group({ retentionInDays: 400 })], config: { maxRetentionDays: 365 } },
        { resources: [group({ logGroupClass: "DELIVERY" })], config: { maxRetentionDays: 1 } },
      ],
      compliant: [{ resources: [group({ retentionInDays: 365 })], config: { maxRetentionDays: 365 } }],
      unknown: [group({ retentionInDays: UNKNOWN }), group({ retentionInDays: 0, logGroupClass: UNKNOWN })],
      outOfScope: [
        group({ retentionInDays: 0, tags: { "data-classification": "finra-records" } }),
        { resources: [group({ retentionInDays: 0 })], config: { judgeUnclassified: false } },
      ],
    },
  },
});
