import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { cloudTrailSecure } from "./cloudtrail";

const trail = (props: Record<string, unknown>): KitResource => ({
  type: "aws:cloudtrail/trail:Trail",
  name: "trail",
  props: {
    s3BucketName: "audit-logs",
    isMultiRegionTrail: true,
    enableLogFileValidation: true,
    kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k",
    ...props,
  },
});

describeRule(cloudTrailSecure, {
  baseline: hipaa,
  compliant: [
    trail({}),
    trail({ includeGlobalServiceEvents: true, enableLogging: true }),
    // The bucket and key are created in the same preview: present is enough.
    trail({ s3BucketName: UNKNOWN, kmsKeyId: UNKNOWN }),
  ],
  requirements: {
    "multi-region": {
      violating: [trail({ isMultiRegionTrail: false }), trail({ isMultiRegionTrail: undefined })],
      unknown: [trail({ isMultiRegionTrail: UNKNOWN })],
    },
    "log-file-validation": {
      violating: [trail({ enableLogFileValidation: false }), trail({ enableLogFileValidation: undefined })],
      unknown: [trail({ enableLogFileValidation: UNKNOWN })],
    },
    "global-service-events": {
      violating: [trail({ includeGlobalServiceEvents: false })],
      unknown: [trail({ includeGlobalServiceEvents: UNKNOWN })],
    },
    "logging-enabled": {
      violating: [trail({ enableLogging: false })],
      unknown: [trail({ enableLogging: UNKNOWN })],
    },
    "customer-key": {
      violating: [trail({ kmsKeyId: undefined })],
      // Only whether a key is named matters: an unknown key is still a key.
      unknown: [],
      decidedWhenUnknown: [trail({ kmsKeyId: UNKNOWN })],
    },
  },
});
