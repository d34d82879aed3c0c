/**
 * AWS S3 rules (aws v7). A bucket's settings live in separate resources joined to it through their
 * `bucket` input (the engine's property dependencies, which hold while the bucket's name is unknown), or
 * in the deprecated inline blocks on the bucket itself.
 */
import type { PolicyResource } from "@pulumi/policy";
import { stackRule, type StackContext } from "../../rule";

const BUCKETS = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
const SSE_CONFIGS = [
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
];
const VERSIONING = [
  "aws:s3/bucketVersioning:BucketVersioning",
  "aws:s3/bucketVersioningV2:BucketVersioningV2",
];
const PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";

const configs = (context: StackContext, types: string | readonly string[]): PolicyResource[] =>
  context.stack.dependents(types, "bucket");

/** SSE-KMS (or DSSE-KMS) naming a key: without kmsMasterKeyId S3 uses the AWS-managed aws/s3 key. */
const customerKey = (d: any) =>
  Boolean(d) && ["aws:kms", "aws:kms:dsse"].includes(d.sseAlgorithm) && "kmsMasterKeyId" in d;

export const s3BucketSseKms = stackRule({
  id: "aws-s3-bucket-sse-kms",
  description: "S3 buckets default to SSE-KMS with a customer-managed key",
  target: "aws",
  types: BUCKETS,
  requirements: [
    {
      id: "customer-key",
      description: "The bucket's default encryption is SSE-KMS (or DSSE-KMS) with a customer-managed key",
      remediation:
        'Add a BucketServerSideEncryptionConfiguration whose rule sets applyServerSideEncryptionByDefault.sseAlgorithm "aws:kms" and a kmsMasterKeyId (Palisade\'s EncryptedBucket does).',
      check: (bucket, context) => {
        const inline = "serverSideEncryptionConfiguration" in bucket;
        if (
          inline &&
          customerKey(bucket.serverSideEncryptionConfiguration?.rule?.applyServerSideEncryptionByDefault)
        )
          return [];
        const found = configs(context, SSE_CONFIGS).some((c) =>
          ((c.props.rules as any[] | undefined) ?? []).some((r) =>
            customerKey(r?.applyServerSideEncryptionByDefault),
          ),
        );
        return found
          ? []
          : ["no BucketServerSideEncryptionConfiguration (bucket) sets SSE-KMS with a kmsMasterKeyId"];
      },
    },
  ],
});

const BLOCKS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

export const s3BucketPublicAccessBlock = stackRule({
  id: "aws-s3-bucket-public-access-block",
  description: "S3 buckets block all four kinds of public access",
  target: "aws",
  types: BUCKETS,
  requirements: [
    {
      id: "all-public-access-blocked",
      description: "A BucketPublicAccessBlock on the bucket sets all four settings true",
      remediation:
        "Add a BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true.",
      check: (_bucket, context) =>
        configs(context, PUBLIC_ACCESS_BLOCK).some((c) => BLOCKS.every((k) => c.props[k] === true))
          ? []
          : [`no BucketPublicAccessBlock (bucket) sets ${BLOCKS.join(", ")} all true`],
    },
  ],
});

export const s3BucketVersioning = stackRule({
  id: "aws-s3-bucket-versioning",
  description: "S3 buckets keep object versions so improper changes can be detected and undone",
  target: "aws",
  types: BUCKETS,
  requirements: [
    {
      id: "versioning-enabled",
      description: "Versioning is Enabled on the bucket",
      remediation: 'Add a BucketVersioning with versioningConfiguration.status "Enabled".',
      check: (bucket, context) => {
        if ("versioning" in bucket && bucket.versioning?.enabled === true) return [];
        return configs(context, VERSIONING).some((c) => c.props.versioningConfiguration?.status === "Enabled")
          ? []
          : ['no BucketVersioning (bucket) sets versioningConfiguration.status "Enabled"'];
      },
    },
  ],
});

const ACCESS_LOGGING = ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"];
const TRAIL = "aws:cloudtrail/trail:Trail";

export const s3BucketAccessLogged = stackRule({
  id: "aws-s3-bucket-access-logged",
  description:
    "S3 buckets record the requests made to them: server access logs, or CloudTrail data events for the bucket",
  target: "aws",
  types: BUCKETS,
  requirements: [
    {
      id: "access-logging",
      description:
        "A BucketLogging delivers the bucket's server access logs, or a Trail's data event selectors name the bucket",
      remediation:
        "Add a BucketLogging with a targetBucket (Palisade's EncryptedBucket accessLogging does), or record the bucket's object-level events in a Trail (Palisade's AuditTrail dataEventBucketArns does).",
      // Joined resources first: a trail's selectors name the bucket's ARN, unknown at preview but a dependency.
      check: (bucket, context) => {
        if (configs(context, ACCESS_LOGGING).length > 0) return [];
        const selectors = ["eventSelectors", "advancedEventSelectors"];
        if (selectors.some((key) => context.stack.dependents(TRAIL, key).length > 0)) return [];
        if ("logging" in bucket && "targetBucket" in (bucket.logging ?? {})) return [];
        return ["no BucketLogging (bucket) and no Trail's data event selectors record this bucket"];
      },
    },
  ],
});

const REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
const enabledRule = (rules: unknown) =>
  ((rules as any[] | undefined) ?? []).some((r) => r?.status === "Enabled");

export const s3BucketReplicated = stackRule({
  id: "aws-s3-bucket-replicated",
  description: "S3 buckets replicate their objects to another bucket, so a copy survives the loss of one",
  target: "aws",
  types: BUCKETS,
  requirements: [
    {
      id: "replication",
      description: "A BucketReplicationConfig on the bucket has an Enabled rule",
      remediation:
        'Add a BucketReplicationConfig (bucket, role) with a rule of status "Enabled" whose destination is a bucket in another Region or account; the source bucket must be versioned.',
      check: (bucket, context) => {
        if (configs(context, REPLICATION).some((c) => enabledRule(c.props.rules))) return [];
        if ("replicationConfiguration" in bucket && enabledRule(bucket.replicationConfiguration?.rules))
          return [];
        return ['no BucketReplicationConfig (bucket) has a rule of status "Enabled"'];
      },
    },
  ],
});
