import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import {
  s3BucketAccessLogged,
  s3BucketPublicAccessBlock,
  s3BucketReplicated,
  s3BucketSseKms,
  s3BucketVersioning,
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
