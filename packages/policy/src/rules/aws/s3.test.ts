import { finra, gdpr, hipaa } from "@palisade/core";
import { describe, expect, it } from "vitest";
import { UNKNOWN, analyzeRule, describeRule, requirementsOf, type KitResource } from "../../test-support";
import {
  s3BucketAccessLogged,
  s3BucketLifecycleExpiry,
  s3BucketPublicAccessBlock,
  s3BucketRecordsDataEvents,
  s3BucketRecordsProtected,
  s3BucketRecordsReplica,
  s3BucketRecordsWorm,
  s3BucketReplicated,
  s3BucketSseKms,
  s3BucketVersioning,
  s3ReplicationDestinationRegion,
} from "./s3";

// A first preview: the bucket's name is unknown, so configs join it through property dependencies.
const bucket = (props: Record<string, unknown> = {}, type = "aws:s3/bucket:Bucket"): KitResource => ({
  type,
  name: "b",
  props: { bucket: UNKNOWN, forceDestroy: false, ...props },
});
const config = (type: string, name: string, props: Record<string, unknown>, target = "b"): KitResource => ({
  type: `aws:s3/${type}`,
  name,
  props: { bucket: UNKNOWN, ...props },
  propertyDependencies: { bucket: [target] },
});
const sse = (byDefault: unknown, target = "b") =>
  config(
    "bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "sse",
    { rules: [{ applyServerSideEncryptionByDefault: byDefault }] },
    target,
  );
const kms = { sseAlgorithm: "aws:kms", kmsMasterKeyId: UNKNOWN };

describeRule(s3BucketSseKms, {
  baseline: hipaa,
  compliant: [
    [bucket(), sse(kms)],
    [bucket({}, "aws:s3/bucketV2:BucketV2"), sse({ sseAlgorithm: "aws:kms:dsse", kmsMasterKeyId: "arn:k" })],
    [
      bucket(),
      config("bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", "sse2", {
        rules: [{ bucketKeyEnabled: true }, { applyServerSideEncryptionByDefault: kms }],
      }),
    ],
    // The deprecated inline form counts too.
    [bucket({ serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: kms } } })],
  ],
  requirements: {
    "customer-key": {
      violating: [
        [bucket()],
        [bucket(), sse({ sseAlgorithm: "AES256" })],
        // SSE-KMS with the AWS-managed aws/s3 key.
        [bucket(), sse({ sseAlgorithm: "aws:kms" })],
        [bucket(), sse(kms, "other-bucket")],
        [
          bucket({
            serverSideEncryptionConfiguration: {
              rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
            },
          }),
        ],
        [bucket({ serverSideEncryptionConfiguration: {} })],
      ],
      unknown: [[bucket(), sse({ sseAlgorithm: UNKNOWN, kmsMasterKeyId: UNKNOWN })]],
      decidedWhenUnknown: [[bucket(), sse({ sseAlgorithm: "aws:kms", kmsMasterKeyId: UNKNOWN })]],
    },
  },
});

const blocks = {
  blockPublicAcls: true,
  blockPublicPolicy: true,
  ignorePublicAcls: true,
  restrictPublicBuckets: true,
};
const pab = (props: Record<string, unknown>, target = "b") =>
  config("bucketPublicAccessBlock:BucketPublicAccessBlock", "pab", { ...blocks, ...props }, target);

describeRule(s3BucketPublicAccessBlock, {
  baseline: hipaa,
  compliant: [
    [bucket(), pab({})],
    [bucket({}, "aws:s3/bucketV2:BucketV2"), pab({})],
  ],
  requirements: {
    "all-public-access-blocked": {
      violating: [
        [bucket()],
        [bucket(), pab({ blockPublicAcls: false })],
        [bucket(), pab({ blockPublicPolicy: false })],
        [bucket(), pab({ ignorePublicAcls: undefined })],
        [bucket(), pab({ restrictPublicBuckets: false })],
        [bucket(), pab({}, "other-bucket")],
      ],
      unknown: [[bucket(), pab({ restrictPublicBuckets: UNKNOWN })]],
    },
  },
});

const versioning = (status: unknown, target = "b") =>
  config("bucketVersioning:BucketVersioning", "v", { versioningConfiguration: { status } }, target);

describeRule(s3BucketVersioning, {
  baseline: hipaa,
  compliant: [
    [bucket(), versioning("Enabled")],
    [
      bucket(),
      config("bucketVersioningV2:BucketVersioningV2", "v2", {
        versioningConfiguration: { status: "Enabled" },
      }),
    ],
    [bucket({ versioning: { enabled: true } })],
  ],
  requirements: {
    "versioning-enabled": {
      violating: [
        [bucket()],
        [bucket(), versioning("Suspended")],
        [bucket(), versioning("Enabled", "other-bucket")],
        [bucket({ versioning: { enabled: false } })],
        [bucket({ versioning: {} })],
      ],
      unknown: [[bucket(), versioning(UNKNOWN)]],
    },
  },
});

const accessLogging = (type: string, target = "b") =>
  config(type, "logging", { targetBucket: "access-logs", targetPrefix: "b/" }, target);
const trail = (key: string, target = "b"): KitResource => ({
  type: "aws:cloudtrail/trail:Trail",
  name: `trail-${key}`,
  props: { s3BucketName: "audit-logs", [key]: UNKNOWN },
  propertyDependencies: { [key]: [target] },
});

describeRule(s3BucketAccessLogged, {
  baseline: hipaa,
  compliant: [
    [bucket(), accessLogging("bucketLogging:BucketLogging")],
    [bucket({}, "aws:s3/bucketV2:BucketV2"), accessLogging("bucketLoggingV2:BucketLoggingV2")],
    // AuditTrail's shape: data event selectors whose values are the bucket's ARN.
    [bucket(), trail("eventSelectors")],
    [bucket(), trail("advancedEventSelectors")],
    // The deprecated inline form.
    [bucket({ logging: { targetBucket: "access-logs" } })],
  ],
  requirements: {
    "access-logging": {
      violating: [
        [bucket()],
        [bucket(), accessLogging("bucketLogging:BucketLogging", "other")],
        [bucket(), trail("eventSelectors", "other")],
        // A trail that only writes into the bucket does not record the bucket's requests.
        [bucket(), trail("s3BucketName")],
        [bucket({ logging: {} })],
      ],
      unknown: [[bucket({ logging: UNKNOWN })]],
      decidedWhenUnknown: [[bucket({ logging: UNKNOWN }), trail("eventSelectors")]],
    },
  },
});

const replication = (status: unknown, target = "b") =>
  config(
    "bucketReplicationConfig:BucketReplicationConfig",
    "replication",
    { role: UNKNOWN, rules: [{ id: "all", status, destination: { bucket: UNKNOWN } }] },
    target,
  );

describeRule(s3BucketReplicated, {
  baseline: hipaa,
  compliant: [
    [bucket(), replication("Enabled")],
    [bucket({}, "aws:s3/bucketV2:BucketV2"), replication("Enabled")],
    [bucket({ replicationConfiguration: { role: UNKNOWN, rules: [{ status: "Enabled" }] } })],
  ],
  requirements: {
    replication: {
      violating: [
        [bucket()],
        [bucket(), replication("Disabled")],
        [bucket(), replication("Enabled", "other")],
        [
          bucket({
            replicationConfiguration: {
              role: "arn:aws:iam::123456789012:role/r",
              rules: [{ status: "Disabled" }],
            },
          }),
        ],
      ],
      unknown: [[bucket(), replication(UNKNOWN)], [bucket({ replicationConfiguration: UNKNOWN })]],
      // The copy another bucket replicates into needs no copy of its own: in two-way replication each
      // bucket is the other's copy.
      outOfScope: [
        [
          bucket(),
          { ...bucket(), name: "peer" },
          { ...replication("Enabled", "b"), propertyDependencies: { bucket: ["b"], rules: ["peer"] } },
          {
            ...replication("Enabled", "peer"),
            name: "peer-replication",
            propertyDependencies: { bucket: ["peer"], rules: ["b"] },
          },
        ],
      ],
    },
  },
});

// Replication to a destination in the stack: at a first preview its ARN is unknown, and the rules
// depend on it.
const destination = (props: Record<string, unknown>, provider?: Record<string, unknown>): KitResource => ({
  type: "aws:s3/bucket:Bucket",
  name: "dest",
  props: { bucket: UNKNOWN, ...props },
  provider,
});
const replicationTo = (destinationArn: unknown, dependsOn: string[] = ["dest"]): KitResource => ({
  type: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
  name: "replication",
  props: {
    bucket: UNKNOWN,
    role: UNKNOWN,
    rules: [{ id: "all", status: "Enabled", destination: { bucket: destinationArn } }],
  },
  propertyDependencies: { bucket: ["b"], rules: dependsOn },
});
const source = bucket({ bucket: "source-bucket", region: "eu-west-1" });
const inlineSource = (destinationArn: unknown, dependsOn: string[] = []): KitResource => ({
  ...bucket({
    region: "eu-west-1",
    replicationConfiguration: {
      role: UNKNOWN,
      rules: [{ status: "Enabled", destination: { bucket: destinationArn } }],
    },
  }),
  propertyDependencies: { replicationConfiguration: dependsOn },
});

describeRule(s3ReplicationDestinationRegion, {
  baseline: gdpr,
  compliant: [
    [source, destination({ region: "eu-central-1" }), replicationTo(UNKNOWN)],
    [source, destination({}, { region: "eu-north-1" }), replicationTo(UNKNOWN)],
    [
      source,
      { ...destination({ region: "eu-central-1" }), type: "aws:s3/bucketV2:BucketV2" },
      replicationTo(UNKNOWN),
    ],
    // The deprecated inline form on the source bucket.
    [inlineSource(UNKNOWN, ["dest"]), destination({ region: "eu-central-1" })],
    // Buckets that replicate nothing.
    [bucket({ region: "eu-west-1" }), bucket({ replicationConfiguration: { role: "r", rules: [] } })],
    // Once deployed, or with a literal ARN: the destination is found by its name.
    [
      source,
      destination({ bucket: "dest-bucket", region: "eu-west-3" }),
      replicationTo("arn:aws:s3:::dest-bucket", []),
    ],
  ],
  requirements: {
    "destination-in-stack": {
      violating: [
        [source, replicationTo("arn:aws:s3:::elsewhere", [])],
        [
          source,
          destination({ bucket: "dest-bucket", region: "eu-west-1" }),
          replicationTo("arn:aws:s3:::elsewhere", []),
        ],
        // The replicated bucket, whose name is unknown, is not taken for the destination.
        [bucket(), replicationTo("arn:aws:s3:::elsewhere", [])],
        [inlineSource("arn:aws:s3:::elsewhere")],
      ],
      unknown: [
        [inlineSource(UNKNOWN)],
        // Unknown and depending on no bucket: another stack's output, known at update.
        [source, replicationTo(UNKNOWN, [])],
        // A known ARN, and a bucket whose name is not known yet.
        [source, destination({ region: "eu-west-1" }), replicationTo("arn:aws:s3:::dest-bucket", [])],
      ],
      readsWith: ["destination-region-allowed"],
    },
    "destination-region-allowed": {
      violating: [
        [source, destination({ region: "us-east-1" }), replicationTo(UNKNOWN)],
        [inlineSource(UNKNOWN, ["dest"]), destination({ region: "us-east-1" })],
        [source, destination({}, { region: "us-west-2" }), replicationTo(UNKNOWN)],
        [
          source,
          destination({ bucket: "dest-bucket", region: "eu-west-2" }),
          replicationTo("arn:aws:s3:::dest-bucket", []),
        ],
      ],
      compliant: [
        {
          resources: [source, destination({ region: "us-east-1" }), replicationTo(UNKNOWN)],
          config: { allowedRegions: "any" },
        },
      ],
      unknown: [[source, destination({ region: UNKNOWN }), replicationTo(UNKNOWN)]],
    },
  },
});

const lifecycle = (
  rules: unknown[],
  target = "b",
  type = "bucketLifecycleConfiguration:BucketLifecycleConfiguration",
) => config(type, "lifecycle", { rules }, target);
const expire = { id: "expire", status: "Enabled", expiration: { days: 365 } };
const expireAll = { ...expire, noncurrentVersionExpiration: { noncurrentDays: 30 } };

describeRule(s3BucketLifecycleExpiry, {
  baseline: gdpr,
  compliant: [
    [bucket(), lifecycle([expire])],
    [bucket(), versioning("Enabled"), lifecycle([expireAll])],
    // Separate rules for current and noncurrent versions.
    [
      bucket(),
      versioning("Enabled"),
      lifecycle([
        { id: "nc", status: "Enabled", filter: {}, noncurrentVersionExpiration: { noncurrentDays: 7 } },
        expire,
      ]),
    ],
    [
      bucket({}, "aws:s3/bucketV2:BucketV2"),
      lifecycle(
        [{ ...expire, filter: { prefix: "" } }],
        "b",
        "bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
      ),
    ],
    // A filter as the provider reports it back: empty prefix, zero size.
    [bucket(), lifecycle([{ ...expire, filter: { prefix: "", objectSizeGreaterThan: 0 } }])],
    [
      bucket({
        versioning: { enabled: true },
        lifecycleRules: [
          { enabled: true, expiration: { days: 30 }, noncurrentVersionExpiration: { days: 30 } },
        ],
      }),
    ],
    [bucket({ tags: { "data-classification": "pd" } }), lifecycle([expire])],
  ],
  requirements: {
    "current-expiry": {
      violating: [
        [bucket()],
        [bucket(), lifecycle([{ ...expire, status: "Disabled" }])],
        [bucket(), lifecycle([{ ...expire, expiration: { days: 3000 } }])],
        { resources: [bucket(), lifecycle([expire])], config: { maxRetentionDays: 90 } },
        // A fixed date does not bound how long a new object is kept.
        [bucket(), lifecycle([{ ...expire, expiration: { date: "2030-01-01T00:00:00Z" } }])],
        [bucket(), lifecycle([{ ...expire, expiration: { expiredObjectDeleteMarker: true } }])],
        // Rules for some objects only.
        [bucket(), lifecycle([{ ...expire, prefix: "tmp/" }])],
        [bucket(), lifecycle([{ ...expire, filter: { prefix: "logs/" } }])],
        [bucket(), lifecycle([{ ...expire, filter: { tag: { key: "k", value: "v" } } }])],
        [bucket(), lifecycle([{ ...expire, filter: { objectSizeGreaterThan: 1024 } }])],
        [bucket(), lifecycle([{ ...expire, filter: { objectSizeLessThan: 1024 } }])],
        [bucket(), lifecycle([{ ...expire, filter: { and: { prefix: "a/", tags: { k: "v" } } } }])],
        [
          bucket(),
          lifecycle([{ ...expire, filter: { and: { tags: { k: "v" }, objectSizeGreaterThan: 0 } } }]),
        ],
        [bucket(), lifecycle([expire], "other-bucket")],
        [bucket({ lifecycleRules: [{ enabled: false, expiration: { days: 30 } }] })],
        [bucket({ lifecycleRules: [{ enabled: true, prefix: "logs/", expiration: { days: 30 } }] })],
        [bucket({ lifecycleRules: [{ enabled: true, tags: { k: "v" }, expiration: { days: 30 } }] })],
        [bucket({ lifecycleRules: [{ enabled: true, expiration: { days: 3000 } }] })],
      ],
      compliant: [
        {
          resources: [bucket(), lifecycle([{ ...expire, expiration: { days: 90 } }])],
          config: { maxRetentionDays: 90 },
        },
      ],
      unknown: [[bucket(), lifecycle([{ ...expire, expiration: { days: UNKNOWN } }])]],
      outOfScope: [
        [bucket({ tags: { "data-classification": "public" } })],
        { resources: [bucket()], config: { judgeUnclassified: false } },
      ],
    },
    "noncurrent-expiry": {
      violating: [
        [bucket(), versioning("Enabled"), lifecycle([expire])],
        [bucket(), versioning("Suspended"), lifecycle([expire])],
        [bucket({ objectLockEnabled: true }), lifecycle([expire])],
        [
          bucket({
            versioning: { enabled: true },
            lifecycleRules: [{ enabled: true, expiration: { days: 30 } }],
          }),
        ],
        [
          bucket(),
          versioning("Enabled"),
          lifecycle([{ ...expire, noncurrentVersionExpiration: { noncurrentDays: 3000 } }]),
        ],
        [
          bucket(),
          versioning("Enabled"),
          lifecycle([
            expire,
            {
              id: "nc",
              status: "Enabled",
              filter: { prefix: "a/" },
              noncurrentVersionExpiration: { noncurrentDays: 7 },
            },
          ]),
        ],
      ],
      compliant: [[bucket(), versioning("Disabled"), lifecycle([expire])]],
      unknown: [[bucket(), versioning(UNKNOWN), lifecycle([expire])]],
      decidedWhenUnknown: [[bucket(), versioning(UNKNOWN), lifecycle([expireAll])]],
      outOfScope: [[bucket({ tags: { "data-classification": "finra-records" } })]],
    },
  },
});

// FINRA 4511 / SEC 17a-4: records buckets, as Palisade's RecordsStore declares them at a first preview.
const RECORDS = { "data-classification": "finra-records" };
const records = (props: Record<string, unknown> = {}, name = "b", tags: unknown = RECORDS): KitResource => ({
  ...bucket({ objectLockEnabled: true, tags, ...props }),
  name,
});
const lock = (defaultRetention: unknown, target = "b", props: Record<string, unknown> = {}) =>
  config(
    "bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    `lock-${target}`,
    { rule: { defaultRetention }, ...props },
    target,
  );
const compliance = { mode: "COMPLIANCE", days: 2192 };
const versioned = (target = "b", status: unknown = "Enabled") =>
  config("bucketVersioning:BucketVersioning", `v-${target}`, { versioningConfiguration: { status } }, target);
const worm = (props: Record<string, unknown> = {}, retention: unknown = compliance, name = "b") => [
  records(props, name),
  lock(retention, name),
  versioned(name),
];
const inlineLock = (defaultRetention: unknown, objectLockEnabled?: string) => ({
  objectLockConfiguration: { objectLockEnabled, rule: { defaultRetention } },
});
const untagged = (r: KitResource): KitResource => {
  const { tags: _tags, ...props } = r.props;
  return { ...r, props };
};
// A bucket out of the records scope, breaking every requirement.
const outOfRecordsScope = (tags?: unknown) => [
  tags === undefined
    ? untagged(records({ objectLockEnabled: false }))
    : records({ objectLockEnabled: false }, "b", tags),
  lock({ mode: "GOVERNANCE", days: 1 }),
];

describeRule(s3BucketRecordsWorm, {
  baseline: finra,
  compliant: [
    worm(),
    worm({}, { mode: "COMPLIANCE", years: 6 }),
    worm({}, { mode: "COMPLIANCE", days: 3650 }),
    [{ ...records(), type: "aws:s3/bucketV2:BucketV2" }, lock(compliance), versioned()],
    // A BucketObjectLockConfiguration enables Object Lock itself (objectLockEnabled defaults to "Enabled").
    [records({ objectLockEnabled: undefined }), lock(compliance), versioned()],
    [
      records({ objectLockEnabled: undefined }),
      lock(compliance, "b", { objectLockEnabled: "Enabled" }),
      versioned(),
    ],
    [
      records(),
      config("bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2", "lock2", {
        rule: { defaultRetention: compliance },
      }),
      config("bucketVersioningV2:BucketVersioningV2", "v2", {
        versioningConfiguration: { status: "Enabled" },
      }),
    ],
    // The deprecated inline forms.
    [
      records({
        objectLockEnabled: undefined,
        versioning: { enabled: true },
        ...inlineLock({ mode: "COMPLIANCE", years: 7 }, "Enabled"),
      }),
    ],
    // A config that only enables Object Lock, and a retention rule elsewhere.
    [
      records(inlineLock(compliance)),
      config("bucketObjectLockConfiguration:BucketObjectLockConfiguration", "enable", {}),
      versioned(),
    ],
    [records({ objectLockConfiguration: { objectLockEnabled: "Enabled" } }), lock(compliance), versioned()],
    // A record class with a shorter retention (SEC 17a-4(b): three years).
    {
      resources: worm(
        { tags: { ...RECORDS, "record-class": "communications" } },
        { mode: "COMPLIANCE", days: 1096 },
      ),
      config: { recordClassRetentionDays: { communications: 1096 } },
    },
  ],
  requirements: {
    "object-lock-enabled": {
      violating: [
        [records({ objectLockEnabled: false, ...inlineLock(compliance) }), versioned()],
        [records({ objectLockEnabled: undefined, ...inlineLock(compliance, "Disabled") }), versioned()],
        [
          records({ objectLockEnabled: undefined }),
          lock(compliance, "b", { objectLockEnabled: "Disabled" }),
          versioned(),
        ],
      ],
      unknown: [
        [records({ objectLockEnabled: UNKNOWN, ...inlineLock(compliance) }), versioned()],
        [records(), lock(compliance, "b", { objectLockEnabled: UNKNOWN }), versioned()],
      ],
      decidedWhenUnknown: [[records({ objectLockEnabled: UNKNOWN }), lock(compliance), versioned()]],
      outOfScope: [
        outOfRecordsScope(),
        outOfRecordsScope({ "data-classification": "pd" }),
        { resources: worm(), config: { recordsClasses: ["sec-records"] } },
      ],
    },
    "compliance-mode": {
      violating: [
        worm({}, { mode: "GOVERNANCE", days: 2192 }),
        worm({}, { days: 2192 }),
        // Two retention rules that disagree: S3 keeps whichever was applied last.
        worm(inlineLock({ mode: "GOVERNANCE", days: 2192 }), compliance),
        [records({ versioning: { enabled: true }, ...inlineLock({ mode: "GOVERNANCE", years: 6 }) })],
      ],
      unknown: [worm({}, { mode: UNKNOWN, days: 2192 })],
    },
    retention: {
      violating: [
        worm({}, { mode: "COMPLIANCE", days: 365 }),
        worm({}, { mode: "COMPLIANCE", days: 2191 }),
        worm({}, { mode: "COMPLIANCE", years: 5 }),
        worm({}, { mode: "COMPLIANCE" }),
        worm({}, { mode: "COMPLIANCE", days: "2192" }),
        worm({}, { mode: "COMPLIANCE", years: "6" }),
        [records({ versioning: { enabled: true }, ...inlineLock({ mode: "COMPLIANCE", days: 30 }) })],
        { resources: worm(), config: { recordRetentionDays: 2193 } },
        { resources: worm({}, { mode: "COMPLIANCE", years: 6 }), config: { recordRetentionDays: 2193 } },
        {
          resources: worm(
            { tags: { ...RECORDS, "record-class": "communications" } },
            { mode: "COMPLIANCE", days: 1095 },
          ),
          config: { recordClassRetentionDays: { communications: 1096 } },
        },
        {
          resources: worm(
            { tags: { ...RECORDS, "record-class": "trade" } },
            { mode: "COMPLIANCE", days: 2192 },
          ),
          config: { recordClassRetentionDays: { trade: 2557 } },
        },
      ],
      unknown: [
        worm({}, { mode: "COMPLIANCE", days: UNKNOWN }),
        worm({}, { mode: "COMPLIANCE", years: UNKNOWN }),
      ],
    },
    versioning: {
      violating: [
        [records(), lock(compliance)],
        [records(), lock(compliance), versioned("b", "Suspended")],
        [records(), lock(compliance), versioned("other")],
        [records({ versioning: { enabled: false } }), lock(compliance)],
      ],
      unknown: [[records(), lock(compliance), versioned("b", UNKNOWN)]],
    },
  },
});

describe("aws-s3-bucket-records-worm without a default retention", () => {
  it("reports both the mode and the retention missing", async () => {
    const result = await analyzeRule(s3BucketRecordsWorm, [records(), versioned()], { baseline: finra });
    expect(requirementsOf(result)).toEqual([
      "aws-s3-bucket-records-worm/compliance-mode",
      "aws-s3-bucket-records-worm/retention",
    ]);
    expect(result.violations).toMatchSnapshot();
  });
});

describeRule(s3BucketRecordsProtected, {
  baseline: finra,
  compliant: [
    { ...records(), protect: true },
    { ...records({ forceDestroy: undefined }), protect: true },
    { ...records({}, "b2"), type: "aws:s3/bucketV2:BucketV2", protect: true },
  ],
  requirements: {
    protect: {
      violating: [records(), { ...records(), protect: false }],
      unknown: [],
      decidedWhenUnknown: [{ ...records({ forceDestroy: UNKNOWN }), protect: true }],
      outOfScope: [
        untagged(records({ forceDestroy: true })),
        records({ forceDestroy: true }, "b", { "data-classification": "" }),
        records({ forceDestroy: true }, "b", { "data-classification": "phi" }),
      ],
    },
    "no-force-destroy": {
      violating: [{ ...records({ forceDestroy: true }), protect: true }],
      unknown: [{ ...records({ forceDestroy: UNKNOWN }), protect: true }],
    },
  },
});

// The source "b" replicates to "replica", a second WORM bucket; at a first preview the replica's ARN is
// unknown and the rules depend on it.
const replicaRule = (destination: unknown = UNKNOWN, status: unknown = "Enabled") => ({
  id: "all",
  status,
  destination: { bucket: destination },
});
const replicateTo = (
  rules: unknown[] = [replicaRule()],
  dependsOn = ["replica"],
  source = "b",
): KitResource => ({
  type: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
  name: `replication-${source}`,
  props: { bucket: UNKNOWN, role: UNKNOWN, rules },
  propertyDependencies: { bucket: [source], rules: dependsOn },
});
const replicated = (
  replica: KitResource[] = worm({}, compliance, "replica"),
  replication = replicateTo(),
) => [...worm(), replication, ...replica];

describeRule(s3BucketRecordsReplica, {
  baseline: finra,
  compliant: [
    replicated(),
    // An untagged replica is held to its source's bar all the same.
    replicated([untagged(records({}, "replica")), lock(compliance, "replica"), versioned("replica")]),
    replicated(worm({}, { mode: "COMPLIANCE", years: 10 }, "replica")),
    // Once deployed, or with a literal ARN: the destination is found by its name.
    replicated(
      worm({ bucket: "replica-bucket" }, compliance, "replica"),
      replicateTo([replicaRule("arn:aws:s3:::replica-bucket")], []),
    ),
    // The deprecated inline form on the source.
    [
      {
        ...records({ replicationConfiguration: { role: UNKNOWN, rules: [replicaRule()] } }),
        propertyDependencies: { replicationConfiguration: ["replica"] },
      },
      lock(compliance),
      versioned(),
      ...worm({}, compliance, "replica"),
    ],
  ],
  requirements: {
    replicated: {
      violating: [
        worm(),
        [...worm(), replicateTo([replicaRule(UNKNOWN, "Disabled")]), ...worm({}, compliance, "replica")],
        // Replication of another bucket.
        [...worm(), replicateTo([replicaRule()], ["replica"], "other"), ...worm({}, compliance, "replica")],
        [
          records({ replicationConfiguration: { role: "r", rules: [{ status: "Disabled" }] } }),
          lock(compliance),
          versioned(),
        ],
        // The replica of a bucket that holds no records is judged as a records bucket of its own.
        [untagged(records()), replicateTo(), ...worm({}, compliance, "replica")],
      ],
      unknown: [
        [...worm(), replicateTo([replicaRule(UNKNOWN, UNKNOWN)]), ...worm({}, compliance, "replica")],
      ],
      readsWith: ["replica-worm"],
      outOfScope: [
        [untagged(records()), replicateTo([replicaRule()]), untagged(records({}, "replica"))],
        [records({}, "b", { "data-classification": "pd" })],
      ],
    },
    "replica-worm": {
      violating: [
        // The replica is not WORM, in each way the source could be.
        replicated(worm({}, { mode: "GOVERNANCE", days: 2192 }, "replica")),
        replicated(worm({}, { mode: "COMPLIANCE", days: 365 }, "replica")),
        replicated([records({ objectLockEnabled: undefined }, "replica"), versioned("replica")]),
        replicated([records({}, "replica"), lock(compliance, "replica")]),
        // At least the source's retention, whatever the replica's own class.
        {
          resources: replicated(
            worm(
              { tags: { ...RECORDS, "record-class": "short" } },
              { mode: "COMPLIANCE", days: 400 },
              "replica",
            ),
          ),
          config: { recordClassRetentionDays: { short: 365 } },
        },
        // A destination outside the stack.
        replicated([], replicateTo([replicaRule("arn:aws:s3:::elsewhere")], [])),
      ],
      unknown: [
        replicated(worm({}, { mode: UNKNOWN, days: 2192 }, "replica")),
        // Unknown and depending on no bucket: another stack's output.
        replicated([], replicateTo([replicaRule()], [])),
      ],
    },
  },
});

// A trail logging data events; at a first preview the bucket's ARN is unknown and the selectors depend on it.
const recordsTrail = (
  props: Record<string, unknown>,
  dependsOn: Record<string, string[]> = {},
): KitResource => ({
  type: "aws:cloudtrail/trail:Trail",
  name: "records-trail",
  props: { s3BucketName: UNKNOWN, ...props },
  propertyDependencies: dependsOn,
});
const objectSelector = (values: unknown, readWriteType?: string) => ({
  readWriteType,
  includeManagementEvents: true,
  dataResources: [{ type: "AWS::S3::Object", values }],
});
const classicTrail = (values: unknown = [UNKNOWN], readWriteType?: string, dependsOn = ["b"]) =>
  recordsTrail({ eventSelectors: [objectSelector(values, readWriteType)] }, { eventSelectors: dependsOn });
const field = (name: string, operator: Record<string, unknown>) => ({ field: name, ...operator });
const dataS3 = [
  field("eventCategory", { equals: ["Data"] }),
  field("resources.type", { equals: ["AWS::S3::Object"] }),
];
const advancedTrail = (fields: unknown[] = dataS3, dependsOn: string[] = []) =>
  recordsTrail(
    { advancedEventSelectors: [{ name: "records", fieldSelectors: fields }] },
    { advancedEventSelectors: dependsOn },
  );

describeRule(s3BucketRecordsDataEvents, {
  baseline: finra,
  compliant: [
    // AuditTrail's shape: the bucket's ARN followed by "/".
    [records(), classicTrail()],
    [records(), classicTrail([UNKNOWN], "All")],
    [records(), classicTrail([UNKNOWN], "WriteOnly")],
    [{ ...records(), type: "aws:s3/bucketV2:BucketV2" }, classicTrail()],
    // Every bucket of the account.
    [records(), classicTrail(["arn:aws:s3"], "All", [])],
    [records(), classicTrail(["arn:aws-us-gov:s3:::"], "All", [])],
    // A known ARN, once deployed or when the bucket's name is given.
    [records({ bucket: "records-bucket" }), classicTrail(["arn:aws:s3:::records-bucket/"], "All", [])],
    [
      records({ bucket: "records-bucket" }),
      classicTrail(["arn:aws:s3:::other/", "arn:aws:s3:::records-bucket"], "All", []),
    ],
    // Advanced selectors: all S3 objects, or this bucket's.
    [records(), advancedTrail()],
    [records(), advancedTrail([...dataS3, field("readOnly", { equals: ["false"] })])],
    [records(), advancedTrail([...dataS3, field("resources.ARN", { startsWiths: [UNKNOWN] })], ["b"])],
    [
      records({ bucket: "records-bucket" }),
      advancedTrail([...dataS3, field("resources.ARN", { startsWiths: ["arn:aws:s3:::records-bucket/"] })]),
    ],
    // Another trail of the stack logs nothing of it; this one does.
    [records(), recordsTrail({}), classicTrail()],
  ],
  requirements: {
    "data-events": {
      violating: [
        [records()],
        // Reads only.
        [records(), classicTrail([UNKNOWN], "ReadOnly")],
        // Another bucket's objects, or another resource type.
        [records(), untagged(records({}, "other")), classicTrail([UNKNOWN], "All", ["other"])],
        [records(), untagged(records({}, "other")), classicTrail(UNKNOWN, "All", ["other"])],
        [
          records({ bucket: "records-bucket" }),
          classicTrail(["arn:aws:s3:::records-bucket/prefix"], "All", []),
        ],
        [records({ bucket: "records-bucket" }), classicTrail(["arn:aws:s3:::other-bucket/"], "All", [])],
        [records({ bucket: "records-bucket" }), classicTrail("arn:aws:s3", "All", [])],
        [records({ bucket: "records-bucket" }), classicTrail([], "All", [])],
        [
          records(),
          // Another resource type, though its values are the bucket's.
          recordsTrail(
            {
              eventSelectors: [
                {
                  readWriteType: "All",
                  dataResources: [{ type: "AWS::DynamoDB::Table", values: [UNKNOWN] }],
                },
              ],
            },
            { eventSelectors: ["b"] },
          ),
        ],
        // A trail that only writes its logs into the bucket.
        [records(), recordsTrail({}, { s3BucketName: ["b"] })],
        // Advanced selectors filtered away from the bucket's writes.
        [records(), advancedTrail([field("eventCategory", { equals: ["Management"] })])],
        [records(), advancedTrail([field("resources.type", { equals: ["AWS::S3::Object"] })])],
        [
          records(),
          advancedTrail([
            field("eventCategory", { equals: ["Data"] }),
            field("resources.type", { equals: ["AWS::DynamoDB::Table"] }),
          ]),
        ],
        [records(), advancedTrail([...dataS3, field("readOnly", { equals: ["true"] })])],
        [records(), advancedTrail([...dataS3, field("eventName", { equals: ["GetObject"] })])],
        [records(), advancedTrail([...dataS3, field("resources.ARN", { notStartsWiths: [UNKNOWN] })], ["b"])],
        [records(), advancedTrail([...dataS3, field("resources.ARN", { endsWiths: [".pdf"] })])],
        [
          records({ bucket: "records-bucket" }),
          advancedTrail([...dataS3, field("resources.ARN", { startsWiths: ["arn:aws:s3:::other-bucket/"] })]),
        ],
        [records(), advancedTrail([])],
      ],
      unknown: [
        // Not depending on the bucket: another stack's ARN, known at update.
        [records(), classicTrail([UNKNOWN], "All", [])],
        [records(), classicTrail(UNKNOWN, "All", [])],
        // A known ARN against a name not known yet.
        [records(), classicTrail(["arn:aws:s3:::records-bucket/"], "All", [])],
        [records(), recordsTrail({ eventSelectors: UNKNOWN })],
      ],
      decidedWhenUnknown: [[records(), recordsTrail({ eventSelectors: UNKNOWN }), classicTrail()]],
      outOfScope: [
        [untagged(records())],
        [records({}, "b", { "data-classification": "pd" })],
        { resources: [records()], config: { recordAuditTrailManagedCentrally: true } },
      ],
    },
  },
});

describe("aws-s3-bucket-records-replica on a replica whose other destinations cannot be read yet", () => {
  it("still knows the replica by the rules' dependency, and judges it no records source", async () => {
    const result = await analyzeRule(
      s3BucketRecordsReplica,
      replicated(
        worm({}, compliance, "replica"),
        replicateTo([replicaRule(), replicaRule("arn:aws:s3:::elsewhere")]),
      ),
      { baseline: finra },
    );
    expect(requirementsOf(result)).toEqual([]);
  });
});
