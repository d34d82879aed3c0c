import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { storageBucketSecure, storageBucketVersioning } from "./storage";

const bucket = (props: Record<string, unknown>): KitResource => ({
  type: "gcp:storage/bucket:Bucket",
  name: "phi",
  props: {
    location: "US",
    encryption: { defaultKmsKeyName: "projects/p/locations/l/keyRings/r/cryptoKeys/k" },
    uniformBucketLevelAccess: true,
    publicAccessPrevention: "enforced",
    versioning: { enabled: true },
    ...props,
  },
});

describeRule(storageBucketSecure, {
  baseline: hipaa,
  compliant: [bucket({}), bucket({ encryption: { defaultKmsKeyName: UNKNOWN } })],
  requirements: {
    "customer-key": {
      violating: [bucket({ encryption: undefined }), bucket({ encryption: {} })],
      unknown: [],
      decidedWhenUnknown: [bucket({ encryption: { defaultKmsKeyName: UNKNOWN } })],
    },
    "uniform-access": {
      violating: [
        bucket({ uniformBucketLevelAccess: false }),
        bucket({ uniformBucketLevelAccess: undefined }),
      ],
      unknown: [bucket({ uniformBucketLevelAccess: UNKNOWN })],
    },
    "public-access-prevention": {
      violating: [
        bucket({ publicAccessPrevention: "inherited" }),
        bucket({ publicAccessPrevention: undefined }),
      ],
      unknown: [bucket({ publicAccessPrevention: UNKNOWN })],
    },
  },
});

describeRule(storageBucketVersioning, {
  baseline: hipaa,
  compliant: [bucket({}), bucket({ encryption: { defaultKmsKeyName: UNKNOWN } })],
  requirements: {
    versioning: {
      violating: [
        bucket({ versioning: { enabled: false } }),
        bucket({ versioning: undefined }),
        bucket({ versioning: undefined, retentionPolicy: { retentionPeriod: "0" } }),
        bucket({ versioning: undefined, retentionPolicy: { isLocked: false } }),
      ],
      // Cloud Storage refuses versioning with a retention policy: the policy keeps objects instead.
      compliant: [
        bucket({ versioning: undefined, retentionPolicy: { retentionPeriod: "31536000" } }),
        bucket({
          versioning: { enabled: false },
          retentionPolicy: { retentionPeriod: 86400, isLocked: true },
        }),
      ],
      unknown: [
        bucket({ versioning: { enabled: UNKNOWN } }),
        bucket({ versioning: undefined, retentionPolicy: { retentionPeriod: UNKNOWN } }),
      ],
      decidedWhenUnknown: [bucket({ retentionPolicy: { retentionPeriod: UNKNOWN } })],
    },
  },
});
