/**
 * AWS S3 rules (aws v7). A bucket's settings live in separate resources joined to it through their
 * `bucket` input (the engine's property dependencies, which hold while the bucket's name is unknown), or
 * in the deprecated inline blocks on the bucket itself.
 */
import type { PolicyResource } from "@pulumi/policy";
import { matchesType, stackRule, type StackContext } from "../../rule";
import { known } from "../../unknowns";
import { allowedRegionsSetting, residencyFindings } from "../residency";
import { DATA_SCOPE_SETTINGS, MAX_RETENTION_SETTING, outsidePersonalData } from "../scope";
import { regionOf } from "./residency";

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

/** A bucket ARN's name: S3 ARNs (`arn:<partition>:s3:::<name>`) carry no region. */
const bucketNameOf = (arn: unknown) => (typeof arn === "string" ? arn.split(":::")[1] : undefined);

/**
 * A subject's replication rules, where they live and the input their dependencies are recorded under:
 * a BucketReplicationConfig's `rules`, or a bucket's deprecated inline `replicationConfiguration`.
 */
function replicationOf(props: Record<string, any>, context: StackContext) {
  if (context.type === REPLICATION)
    return {
      rules: (props.rules as any[] | undefined) ?? [],
      path: "rules",
      input: "rules",
      source: "bucket",
    };
  const inline = "replicationConfiguration" in props ? props.replicationConfiguration : undefined;
  return {
    rules: (inline?.rules as any[] | undefined) ?? [],
    path: "replicationConfiguration.rules",
    input: "replicationConfiguration",
    source: undefined,
  };
}

/**
 * The destination buckets of a subject's replication found in the stack, and the paths of the rules
 * whose destination is not in it. A destination the rules depend on is in the stack, whichever rule
 * names it (property dependencies are per input, not per rule); a known ARN is matched by the bucket's
 * name. Throws when a destination is unknown and nothing in the stack can be it.
 */
function replicationDestinations(props: Record<string, any>, context: StackContext) {
  const { rules, path, input, source } = replicationOf(props, context);
  const dependencies = context.stack.dependencies(input).filter((r) => matchesType(BUCKETS, r.type));
  // The replicated bucket is never its own destination.
  const sources = new Set([context.stack.subject, ...(source ? context.stack.dependencies(source) : [])]);
  const buckets = new Set(dependencies);
  const outside: string[] = [];
  rules.forEach((rule, i) => {
    const arn = known(() => rule?.destination?.bucket);
    if (!arn.known) {
      if (dependencies.length > 0) return;
      throw arn.error;
    }
    const name = bucketNameOf(arn.value);
    const stackBuckets = context.stack.resources.filter(
      (r) => matchesType(BUCKETS, r.type) && !sources.has(r),
    );
    const names = stackBuckets.map((b) => ({ bucket: b, name: known(() => b.props.bucket) }));
    const match = names.find((n) => n.name.known && name !== undefined && n.name.value === name);
    if (match) buckets.add(match.bucket);
    else {
      // A bucket whose name is still unknown may be the one named.
      for (const n of names) if (!n.name.known) throw n.name.error;
      outside.push(`${path}[${i}].destination.bucket`);
    }
  });
  return { buckets: [...buckets], path: `${path}[*].destination.bucket`, outside };
}

export const s3ReplicationDestinationRegion = stackRule({
  id: "aws-s3-replication-destination-region",
  description: "S3 replication copies objects only to buckets in allowed regions",
  target: "aws",
  // Buckets for their deprecated inline replicationConfiguration.
  types: [REPLICATION, ...BUCKETS],
  config: { allowedRegions: allowedRegionsSetting("aws") },
  requirements: [
    {
      id: "destination-in-stack",
      description:
        "Each replication rule's destination bucket is declared in this stack, so its region can be shown",
      remediation:
        "Declare the destination Bucket in this stack (with its region) and pass its arn as the rule's destination.bucket (in a BucketReplicationConfig); for a bucket managed elsewhere, exempt the finding and name where its region is attested.",
      // A finding rather than undetermined: a destination outside the stack stays unknowable to this
      // pack at every preview and update, so undetermined would never resolve; an exemption records
      // who vouched for its region instead.
      check: (replication, context) =>
        replicationDestinations(replication, context).outside.map(
          (path) => `${path} names no bucket in this stack, so its region cannot be shown`,
        ),
    },
    {
      id: "destination-region-allowed",
      description: "Each replication destination bucket in the stack is in one of allowedRegions",
      remediation:
        "Create the destination Bucket with region (or on a provider whose region is) one of allowedRegions.",
      check: (replication, context) => {
        const { buckets, path } = replicationDestinations(replication, context);
        return buckets.flatMap((bucket) => {
          // A bucket with no region at all is aws-residency-resource-region's finding.
          const resolved = regionOf(bucket.props, bucket.provider?.props);
          return resolved
            ? residencyFindings("aws", `${path}'s Bucket ${resolved.path}`, resolved.region, context.config)
            : [];
        });
      },
    },
  ],
});

const LIFECYCLE = [
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
];

const empty = (value: unknown) =>
  value === undefined ||
  value === null ||
  value === "" ||
  (typeof value === "object" && Object.keys(value).length === 0);

/** Whether a lifecycle filter selects every object: no prefix, tag or size condition (0 bytes is none). */
function filtersNothing(filter: any): boolean {
  if (empty(filter)) return true;
  return (
    empty(filter.prefix) &&
    empty(filter.tag) &&
    empty(filter.tags) &&
    !filter.objectSizeGreaterThan &&
    !filter.objectSizeLessThan &&
    (empty(filter.and) || filtersNothing(filter.and))
  );
}

const withinDays = (days: unknown, max: number) => typeof days === "number" && days > 0 && days <= max;

/**
 * Whether an enabled lifecycle rule of the bucket, applying to every object, has `expires` within
 * maxRetentionDays: in a BucketLifecycleConfiguration joined through `bucket`, or the deprecated inline
 * `lifecycleRules`. `expires` reads the days from a rule, given the rule's form.
 */
function expiresEveryObject(
  bucket: Record<string, any>,
  context: StackContext,
  expires: (rule: any, form: "config" | "inline") => unknown,
): boolean {
  const max = Number(context.config.maxRetentionDays);
  const configured = configs(context, LIFECYCLE).some((c) =>
    ((c.props.rules as any[] | undefined) ?? []).some(
      (r) =>
        r?.status === "Enabled" &&
        empty(r.prefix) &&
        filtersNothing(r.filter) &&
        withinDays(expires(r, "config"), max),
    ),
  );
  if (configured || !("lifecycleRules" in bucket)) return configured;
  return ((bucket.lifecycleRules as any[] | undefined) ?? []).some(
    (r) => r?.enabled === true && empty(r.prefix) && empty(r.tags) && withinDays(expires(r, "inline"), max),
  );
}

/**
 * Whether the bucket keeps noncurrent versions: versioning Enabled or Suspended (versions made while it
 * was enabled stay), or Object Lock, which turns versioning on.
 */
function versioned(bucket: Record<string, any>, context: StackContext): boolean {
  if (bucket.objectLockEnabled === true) return true;
  if ("versioning" in bucket && bucket.versioning?.enabled === true) return true;
  return configs(context, VERSIONING).some((c) =>
    ["Enabled", "Suspended"].includes(c.props.versioningConfiguration?.status),
  );
}

export const s3BucketLifecycleExpiry = stackRule({
  id: "aws-s3-bucket-lifecycle-expiry",
  description:
    "Personal-data S3 buckets expire objects, current and noncurrent, within maxRetentionDays (storage limitation)",
  target: "aws",
  types: BUCKETS,
  config: { ...DATA_SCOPE_SETTINGS, maxRetentionDays: MAX_RETENTION_SETTING },
  requirements: [
    {
      id: "current-expiry",
      description:
        "An enabled lifecycle rule applying to every object expires current objects within maxRetentionDays",
      remediation:
        'Add a BucketLifecycleConfiguration (bucket) with a rule of status "Enabled", no filter (or an empty one) and expiration.days at most maxRetentionDays.',
      outOfScope: (bucket, { config }) => outsidePersonalData(bucket.tags, config),
      check: (bucket, context) =>
        expiresEveryObject(bucket, context, (r) => r.expiration?.days)
          ? []
          : [
              'no BucketLifecycleConfiguration (bucket) has a rule of status "Enabled" for every object whose expiration.days is at most maxRetentionDays',
            ],
    },
    {
      id: "noncurrent-expiry",
      description:
        "On a versioned bucket, an enabled lifecycle rule applying to every object expires noncurrent versions within maxRetentionDays (expiring current objects only adds delete markers)",
      remediation:
        'Add to the bucket\'s BucketLifecycleConfiguration a rule of status "Enabled", for every object, with noncurrentVersionExpiration.noncurrentDays at most maxRetentionDays.',
      outOfScope: (bucket, { config }) => outsidePersonalData(bucket.tags, config),
      // The lifecycle first: a rule expiring noncurrent versions decides without reading the versioning.
      check: (bucket, context) =>
        expiresEveryObject(bucket, context, (r, form) =>
          form === "config"
            ? r.noncurrentVersionExpiration?.noncurrentDays
            : r.noncurrentVersionExpiration?.days,
        ) || !versioned(bucket, context)
          ? []
          : [
              'the bucket is versioned and no BucketLifecycleConfiguration (bucket) has a rule of status "Enabled" for every object whose noncurrentVersionExpiration.noncurrentDays is at most maxRetentionDays',
            ],
    },
  ],
});
