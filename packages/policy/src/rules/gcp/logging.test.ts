import { gdpr, hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { logBucketMaxRetention, logBucketProtected } from "./logging";

const bucket = (
  props: Record<string, unknown>,
  kind = "projectBucketConfig:ProjectBucketConfig",
): KitResource => ({
  type: `gcp:logging/${kind}`,
  name: "logs",
  props: {
    location: "global",
    bucketId: "phi-audit",
    retentionDays: 2192,
    cmekSettings: { kmsKeyName: "k" },
    ...props,
  },
});

describeRule(logBucketProtected, {
  baseline: hipaa,
  compliant: [
    bucket({ project: "p" }),
    bucket({ folder: "folders/1" }, "folderBucketConfig:FolderBucketConfig"),
    bucket({ organization: "1" }, "organizationBucketConfig:OrganizationBucketConfig"),
    bucket({ billingAccount: "b" }, "billingAccountBucketConfig:BillingAccountBucketConfig"),
    // The key and the project are created in the same preview.
    bucket({ project: UNKNOWN, cmekSettings: { kmsKeyName: UNKNOWN } }),
  ],
  requirements: {
    "customer-key": {
      violating: [bucket({ cmekSettings: undefined }), bucket({ cmekSettings: {} })],
      unknown: [],
      decidedWhenUnknown: [bucket({ cmekSettings: { kmsKeyName: UNKNOWN } })],
    },
    retention: {
      violating: [
        // No retention (or 0) means the service's 30 days.
        bucket({ retentionDays: undefined }),
        bucket({ retentionDays: 0 }),
        bucket({ retentionDays: 2191 }, "organizationBucketConfig:OrganizationBucketConfig"),
        { resources: [bucket({ retentionDays: 364 })], config: { minRetentionDays: 365 } },
      ],
      compliant: [
        { resources: [bucket({ retentionDays: 365 })], config: { minRetentionDays: 365 } },
        { resources: [bucket({ retentionDays: undefined })], config: { minRetentionDays: 30 } },
      ],
      unknown: [bucket({ retentionDays: UNKNOWN })],
    },
  },
});

describeRule(logBucketMaxRetention, {
  baseline: gdpr,
  compliant: [
    bucket({ retentionDays: 365 }),
    bucket({ retentionDays: 2192 }, "folderBucketConfig:FolderBucketConfig"),
    // Unset or 0 is the service's 30 days, not forever.
    bucket({ retentionDays: undefined }, "billingAccountBucketConfig:BillingAccountBucketConfig"),
    bucket({ retentionDays: 0 }),
  ],
  requirements: {
    "max-retention": {
      violating: [
        bucket({ retentionDays: 2193 }),
        bucket({ retentionDays: 3650 }, "organizationBucketConfig:OrganizationBucketConfig"),
        { resources: [bucket({ retentionDays: undefined })], config: { maxRetentionDays: 14 } },
      ],
      compliant: [{ resources: [bucket({ retentionDays: 14 })], config: { maxRetentionDays: 14 } }],
      unknown: [bucket({ retentionDays: UNKNOWN })],
    },
  },
});
