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
