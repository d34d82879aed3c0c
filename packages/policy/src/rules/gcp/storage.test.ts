import { gdpr, hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { storageBucketExpiry, storageBucketSecure, storageBucketVersioning } from "./storage";

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

const deleteAfter = (condition: Record<string, unknown>) => ({ action: { type: "Delete" }, condition });
/** A personal-data bucket deleting objects after a year and noncurrent versions after 30 days. */
const expiring = (props: Record<string, unknown>) =>
  bucket({
    labels: { "data-classification": "pd" },
    lifecycleRules: [
      deleteAfter({ age: 365, withState: "LIVE" }),
      deleteAfter({ daysSinceNoncurrentTime: 30 }),
    ],
    ...props,
  });

describeRule(storageBucketExpiry, {
  baseline: gdpr,
  compliant: [
    expiring({}),
    // One rule without withState deletes live objects and noncurrent versions alike.
    expiring({ lifecycleRules: [deleteAfter({ age: 2192 })] }),
    // Versions expire with age when the rule names them.
    expiring({
      lifecycleRules: [
        deleteAfter({ age: 30, withState: "ARCHIVED" }),
        deleteAfter({ age: 0, sendAgeIfZero: true, withState: "LIVE" }),
      ],
    }),
    // A 0 the provider does not send, and an empty list, narrow nothing.
    expiring({ lifecycleRules: [deleteAfter({ age: 90, numNewerVersions: 0, matchesPrefixes: [] })] }),
    // Untagged buckets are judged.
    expiring({ labels: undefined }),
  ],
  requirements: {
    "objects-expire": {
      violating: [
        expiring({ lifecycleRules: undefined, versioning: { enabled: false } }),
        expiring({ lifecycleRules: [deleteAfter({ daysSinceNoncurrentTime: 30, age: 30 })] }),
        expiring({
          lifecycleRules: [
            deleteAfter({ age: 2193, withState: "LIVE" }),
            deleteAfter({ daysSinceNoncurrentTime: 30 }),
          ],
        }),
        expiring({
          lifecycleRules: [
            { action: { type: "SetStorageClass", storageClass: "ARCHIVE" }, condition: { age: 30 } },
            deleteAfter({ daysSinceNoncurrentTime: 30 }),
          ],
        }),
        ...[
          { matchesPrefixes: ["tmp/"] },
          { matchesSuffixes: [".log"] },
          { matchesStorageClasses: ["NEARLINE"] },
          { createdBefore: "2024-01-01" },
          { daysSinceCustomTime: 30 },
          { sizeAboveBytes: 1024 },
          { withState: "ARCHIVED" },
        ].map((narrowing) =>
          expiring({
            lifecycleRules: [
              deleteAfter({ age: 30, ...narrowing }),
              deleteAfter({ daysSinceNoncurrentTime: 30 }),
            ],
          }),
        ),
        // Without sendAgeIfZero the provider drops age 0, leaving no timer.
        expiring({ lifecycleRules: [deleteAfter({ age: 0 }), deleteAfter({ daysSinceNoncurrentTime: 30 })] }),
      ],
      unknown: [expiring({ lifecycleRules: UNKNOWN, versioning: { enabled: false } })],
      outOfScope: [
        expiring({ labels: { "data-classification": "finra-records" }, lifecycleRules: undefined }),
        {
          resources: [expiring({ labels: {}, lifecycleRules: undefined })],
          config: { judgeUnclassified: false },
        },
      ],
    },
    "noncurrent-versions-expire": {
      violating: [
        expiring({ lifecycleRules: [deleteAfter({ age: 365, withState: "LIVE" })] }),
        expiring({
          lifecycleRules: [
            deleteAfter({ age: 365, withState: "LIVE" }),
            deleteAfter({ daysSinceNoncurrentTime: 2193 }),
          ],
        }),
        expiring({
          lifecycleRules: [
            deleteAfter({ age: 365, withState: "LIVE" }),
            deleteAfter({ daysSinceNoncurrentTime: 30, matchesPrefixes: ["logs/"] }),
          ],
        }),
      ],
      compliant: [
        expiring({
          versioning: { enabled: false },
          lifecycleRules: [deleteAfter({ age: 30, withState: "LIVE" })],
        }),
      ],
      unknown: [
        expiring({
          versioning: { enabled: UNKNOWN },
          lifecycleRules: [deleteAfter({ age: 30, withState: "LIVE" })],
        }),
      ],
      decidedWhenUnknown: [expiring({ versioning: { enabled: UNKNOWN } })],
      outOfScope: [
        expiring({ labels: { "data-classification": "finra-records" }, lifecycleRules: undefined }),
      ],
    },
  },
});
