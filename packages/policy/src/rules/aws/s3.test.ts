import { gdpr, hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import {
  s3BucketAccessLogged,
  s3BucketLifecycleExpiry,
  s3BucketPublicAccessBlock,
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
