import { finra, hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { cloudTrailLogWorm, cloudTrailSecure } from "./cloudtrail";

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

// FINRA 4511 / SEC 17a-4: the audit trail of records is kept on WORM storage; at a first preview the log
// bucket's name is unknown and the trail depends on it.
const logTrail = (s3BucketName: unknown = UNKNOWN, dependsOn = ["logs"]): KitResource => ({
  type: "aws:cloudtrail/trail:Trail",
  name: "trail",
  props: { s3BucketName, isMultiRegionTrail: true },
  propertyDependencies: { s3BucketName: dependsOn },
});
const logBucket = (props: Record<string, unknown> = {}): KitResource => ({
  type: "aws:s3/bucket:Bucket",
  name: "logs",
  props: { bucket: UNKNOWN, objectLockEnabled: true, ...props },
});
const onLogs = (type: string, name: string, props: Record<string, unknown>): KitResource => ({
  type: `aws:s3/${type}`,
  name,
  props: { bucket: UNKNOWN, ...props },
  propertyDependencies: { bucket: ["logs"] },
});
const logLock = (defaultRetention: unknown) =>
  onLogs("bucketObjectLockConfiguration:BucketObjectLockConfiguration", "logs-lock", {
    rule: { defaultRetention },
  });
const logVersioning = onLogs("bucketVersioning:BucketVersioning", "logs-versioning", {
  versioningConfiguration: { status: "Enabled" },
});
const wormLogs = (retention: unknown = { mode: "COMPLIANCE", days: 2192 }, props = {}) => [
  logBucket(props),
  logLock(retention),
  logVersioning,
];

describeRule(cloudTrailLogWorm, {
  baseline: finra,
  compliant: [
    [logTrail(), ...wormLogs()],
    [logTrail(), ...wormLogs({ mode: "COMPLIANCE", years: 7 })],
    // Named, once deployed or when the bucket's name is given.
    [logTrail("audit-logs", []), ...wormLogs(undefined, { bucket: "audit-logs" })],
    // Through the BucketPolicy the trail waits for.
    [
      logTrail(UNKNOWN, ["logs-policy"]),
      onLogs("bucketPolicy:BucketPolicy", "logs-policy", { policy: UNKNOWN }),
      ...wormLogs(),
    ],
  ],
  requirements: {
    "log-bucket-worm": {
      violating: [
        [logTrail(), ...wormLogs({ mode: "GOVERNANCE", days: 2192 })],
        [logTrail(), ...wormLogs({ mode: "COMPLIANCE", days: 365 })],
        [logTrail(), logBucket(), logLock({ mode: "COMPLIANCE", days: 2192 })],
        [
          logTrail(),
          ...wormLogs(undefined, { objectLockEnabled: false }).filter((r) => r.name !== "logs-lock"),
        ],
        { resources: [logTrail(), ...wormLogs()], config: { recordRetentionDays: 2557 } },
        // A log archive outside the stack.
        [logTrail("org-audit-logs", []), ...wormLogs(undefined, { bucket: "audit-logs" })],
        [logTrail("org-audit-logs", [])],
      ],
      unknown: [
        [logTrail(UNKNOWN, []), ...wormLogs()],
        [logTrail(), ...wormLogs({ mode: UNKNOWN, days: 2192 })],
        // A known name, and a bucket whose name is not known yet.
        [logTrail("audit-logs", []), ...wormLogs()],
      ],
    },
  },
});
