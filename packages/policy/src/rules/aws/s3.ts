/**
 * AWS S3 rules (aws v7). A bucket's settings live in separate resources joined to it through their
 * `bucket` input (the engine's property dependencies, which hold while the bucket's name is unknown), or
 * in the deprecated inline blocks on the bucket itself.
 */
import type { PolicyResource } from "@pulumi/policy";
import type * as s3 from "@pulumi/aws/s3";
import {
  dependents,
  fixedSetting,
  matchesType,
  resourceRule,
  stackRule,
  type Props,
  type Requirement,
  type RuleConfig,
  type StackContext,
} from "../../rule";
import { known } from "../../unknowns";
import { allowedRegionsSetting, residencyFindings } from "../residency";
import {
  DATA_SCOPE_SETTINGS,
  MAX_RETENTION_SETTING,
  RECORD_RETENTION_SETTINGS,
  RECORDS_SCOPE_SETTINGS,
  outsidePersonalData,
  outsideRecords,
  requiredRecordRetention,
} from "../scope";
import { regionOf } from "./residency";

/** The S3 general purpose bucket types. */
export const BUCKETS = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
/** The bucket default-encryption config types, joined to a bucket through `bucket`. */
export const SSE_CONFIGS = [
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
      // The copy of another bucket is the redundancy this asks for, not a bucket needing a copy of its own.
      outOfScope: (_bucket, context) =>
        replicationSources(context).length > 0
          ? "the bucket is the replication destination of another bucket in this stack: it is the copy"
          : undefined,
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
 * A replication, its rules, where they live and the input their dependencies are recorded under:
 * a BucketReplicationConfig's `rules`, or a bucket's deprecated inline `replicationConfiguration`.
 */
function replicationOf(type: string, props: Record<string, any>) {
  if (type === REPLICATION)
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

/** A resource holding replication rules: a BucketReplicationConfig, or a bucket with inline rules. */
interface Replication {
  type: string;
  props: Record<string, any>;
  self: PolicyResource;
  dependencies(key: string): PolicyResource[];
}

/** Any resource of the stack as a `Replication`. */
const replicationIn = (resource: PolicyResource): Replication => ({
  type: resource.type,
  props: resource.props,
  self: resource,
  dependencies: (key) => resource.propertyDependencies[key] ?? [],
});

/**
 * The destination buckets of a replication found in the stack, and the paths of the rules whose
 * destination is not in it. A destination the rules depend on is in the stack, whichever rule names it
 * (property dependencies are per input, not per rule); a known ARN is matched by the bucket's name.
 * Throws when a destination is unknown and nothing in the stack can be it.
 */
function destinationsOf(replication: Replication, resources: readonly PolicyResource[]) {
  const { rules, path, input, source } = replicationOf(replication.type, replication.props);
  const dependencies = replication.dependencies(input).filter((r) => matchesType(BUCKETS, r.type));
  // The replicated bucket is never its own destination.
  const sources = new Set([replication.self, ...(source ? replication.dependencies(source) : [])]);
  const buckets = new Set(dependencies);
  const outside: string[] = [];
  rules.forEach((rule, i) => {
    const arn = known(() => rule?.destination?.bucket);
    if (!arn.known) {
      if (dependencies.length > 0) return;
      throw arn.error;
    }
    const name = bucketNameOf(arn.value);
    const stackBuckets = resources.filter((r) => matchesType(BUCKETS, r.type) && !sources.has(r));
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

/** The destinations of the subject's replication (a BucketReplicationConfig, or a bucket's inline rules). */
const replicationDestinations = (props: Record<string, any>, context: StackContext) =>
  destinationsOf(
    {
      type: context.type,
      props,
      self: context.stack.subject,
      dependencies: (key) => context.stack.dependencies(key),
    },
    context.stack.resources,
  );

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

const OBJECT_LOCK = [
  "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
  "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
];

/** A bucket as the WORM checks see it: its props, the configs joined to it, and how findings name it. */
export interface WormBucket {
  props: Record<string, any>;
  /** Resources of `types` whose `bucket` input depends on this bucket. */
  configs(types: readonly string[]): PolicyResource[];
  /** Put in front of each finding: empty for the subject, the path to a destination bucket otherwise. */
  prefix: string;
}

/** The subject bucket of a stack rule, for `wormFindings`. */
export const subjectBucket = (bucket: Record<string, any>, context: StackContext): WormBucket => ({
  props: bucket,
  configs: (types) => configs(context, types),
  prefix: "",
});

/** Another bucket of the stack (a replica, a trail's log bucket), for `wormFindings`. */
export const stackBucket = (bucket: PolicyResource, context: StackContext, prefix: string): WormBucket => ({
  props: bucket.props,
  configs: (types) => dependents(context.stack.resources, types, "bucket", bucket),
  prefix,
});

/**
 * The default retention rules a bucket declares: each BucketObjectLockConfiguration joined through `bucket`
 * with a rule, and the deprecated inline objectLockConfiguration.rule. Each is judged: two that disagree
 * leave the bucket with whichever S3 applied last.
 */
function retentionRules(bucket: WormBucket) {
  const joined = bucket
    .configs(OBJECT_LOCK)
    .filter((c) => c.props.rule !== undefined)
    .map((c) => ({
      path: "BucketObjectLockConfiguration (bucket) rule.defaultRetention",
      rule: c.props.rule,
    }));
  const inline =
    "objectLockConfiguration" in bucket.props && bucket.props.objectLockConfiguration?.rule !== undefined
      ? [
          {
            path: "objectLockConfiguration.rule.defaultRetention",
            rule: bucket.props.objectLockConfiguration.rule,
          },
        ]
      : [];
  return [...joined, ...inline].map((r) => ({ path: r.path, retention: r.rule?.defaultRetention }));
}

/** A calendar year averages 365.25 days; rounded up, six years are 2192 days, as recordRetentionDays counts them. */
const yearsToDays = (years: number) => Math.ceil(years * 365.25);

/** What makes an S3 bucket WORM-grade for records (SEC 17a-4(f)), each judged on its own. */
export type WormAspect = "object-lock-enabled" | "compliance-mode" | "retention" | "versioning";

const WORM_ASPECTS: readonly WormAspect[] = [
  "object-lock-enabled",
  "compliance-mode",
  "retention",
  "versioning",
];

const wormAspect: Record<
  WormAspect,
  (bucket: WormBucket, required: { days: number; source: string }) => string[]
> = {
  // BucketObjectLockConfiguration's objectLockEnabled defaults to "Enabled" and enables Object Lock on a
  // new or existing bucket (d.ts); the inline block's objectLockEnabled is the deprecated form of the
  // bucket's own flag.
  "object-lock-enabled": (bucket) => {
    if (bucket.configs(OBJECT_LOCK).some((c) => (c.props.objectLockEnabled ?? "Enabled") === "Enabled"))
      return [];
    if (bucket.props.objectLockEnabled === true) return [];
    if (
      "objectLockConfiguration" in bucket.props &&
      bucket.props.objectLockConfiguration?.objectLockEnabled === "Enabled"
    )
      return [];
    return [
      "objectLockEnabled is not true and no BucketObjectLockConfiguration (bucket) enables Object Lock",
    ];
  },
  // GOVERNANCE can be bypassed with s3:BypassGovernanceRetention: only COMPLIANCE is non-erasable.
  "compliance-mode": (bucket) => {
    const rules = retentionRules(bucket);
    if (rules.length === 0)
      return ["no BucketObjectLockConfiguration (bucket) sets rule.defaultRetention.mode to compliance mode"];
    // The mode is never quoted, as no value is: "not compliance mode" says it all.
    return rules.flatMap((r) =>
      r.retention?.mode === "COMPLIANCE"
        ? []
        : [`${r.path}.mode is not compliance mode (governance-mode retention can be bypassed)`],
    );
  },
  retention: (bucket, required) => {
    const rules = retentionRules(bucket);
    if (rules.length === 0)
      return ["no BucketObjectLockConfiguration (bucket) sets rule.defaultRetention.days or years"];
    return rules.flatMap((r) => {
      const { days, years } = r.retention ?? {};
      if (years !== undefined && years !== null) {
        if (typeof years !== "number" || !Number.isFinite(years)) return [`${r.path}.years is not a number`];
        return yearsToDays(years) < required.days
          ? [`${r.path}.years is shorter than ${required.source}`]
          : [];
      }
      if (days === undefined || days === null) return [`${r.path}.days (or years) is not set`];
      if (typeof days !== "number" || !Number.isFinite(days)) return [`${r.path}.days is not a number`];
      // The days are never quoted: they may be a secret.
      return days < required.days ? [`${r.path}.days is shorter than ${required.source}`] : [];
    });
  },
  // Object Lock works on versions: S3 turns versioning on with it, and a BucketVersioning declares it.
  versioning: (bucket) => {
    if ("versioning" in bucket.props && bucket.props.versioning?.enabled === true) return [];
    return bucket.configs(VERSIONING).some((c) => c.props.versioningConfiguration?.status === "Enabled")
      ? []
      : ['no BucketVersioning (bucket) sets versioningConfiguration.status "Enabled"'];
  },
};

/**
 * Whether `bucket` is WORM with at least `required` days: the findings of each of `aspects` (all of them
 * unless narrowed), each prefixed with the bucket's path. A value unknown at preview throws.
 */
export function wormFindings(
  bucket: WormBucket,
  required: { days: number; source: string },
  aspects: readonly WormAspect[] = WORM_ASPECTS,
): string[] {
  return aspects.flatMap((aspect) => wormAspect[aspect](bucket, required).map((m) => `${bucket.prefix}${m}`));
}

const RECORDS_SETTINGS = { ...RECORDS_SCOPE_SETTINGS, ...RECORD_RETENTION_SETTINGS };

const outsideRecordsBucket = (bucket: Record<string, any>, { config }: { config: RuleConfig }) =>
  outsideRecords(bucket.tags, config);

const wormRequirement = (
  aspect: WormAspect,
  description: string,
  remediation: string,
): Requirement<StackContext> => ({
  id: aspect,
  description,
  remediation,
  outOfScope: outsideRecordsBucket,
  check: (bucket, context) =>
    wormFindings(subjectBucket(bucket, context), requiredRecordRetention(bucket.tags, context.config), [
      aspect,
    ]),
});

export const s3BucketRecordsWorm = stackRule({
  id: "aws-s3-bucket-records-worm",
  description:
    "Records S3 buckets are non-rewriteable and non-erasable: Object Lock in COMPLIANCE mode for at least the records' retention, on a versioned bucket",
  target: "aws",
  types: BUCKETS,
  config: RECORDS_SETTINGS,
  requirements: [
    wormRequirement(
      "object-lock-enabled",
      "Object Lock is enabled on the bucket",
      'Create the Bucket with objectLockEnabled: true, or add a BucketObjectLockConfiguration (bucket) whose objectLockEnabled is "Enabled" (the default).',
    ),
    wormRequirement(
      "compliance-mode",
      "The bucket's default retention is in COMPLIANCE mode, which no user, root included, can bypass or shorten",
      'Set the BucketObjectLockConfiguration\'s rule.defaultRetention.mode to "COMPLIANCE" (GOVERNANCE can be bypassed with s3:BypassGovernanceRetention).',
    ),
    wormRequirement(
      "retention",
      "The bucket's default retention is at least the records' required retention (recordRetentionDays, or recordClassRetentionDays for the bucket's record class)",
      "Set the BucketObjectLockConfiguration's rule.defaultRetention.days to at least the required retention (or years: 6 years counts as 2192 days).",
    ),
    wormRequirement(
      "versioning",
      "Versioning is Enabled on the bucket (Object Lock protects object versions)",
      'Add a BucketVersioning (bucket) with versioningConfiguration.status "Enabled".',
    ),
  ],
});

export const s3BucketRecordsProtected = resourceRule({
  id: "aws-s3-bucket-records-protected",
  description: "Records S3 buckets have no destroy path in the program: protected, never force-destroyed",
  target: "aws",
  types: BUCKETS,
  config: RECORDS_SCOPE_SETTINGS,
  requirements: [
    {
      id: "protect",
      description: "The bucket has Pulumi's protect option, so Pulumi refuses to delete it",
      remediation: "Create the Bucket with the resource option protect: true.",
      outOfScope: outsideRecordsBucket,
      check: (_bucket, { protect }) => (protect === true ? [] : ["the protect resource option is not set"]),
    },
    {
      id: "no-force-destroy",
      description: "forceDestroy is not true, so deleting the bucket never empties it first",
      remediation: "Leave forceDestroy unset or false on the Bucket.",
      outOfScope: outsideRecordsBucket,
      check: (bucket: Props<s3.BucketArgs>) => (bucket.forceDestroy === true ? ["forceDestroy is true"] : []),
    },
  ],
});

/**
 * Why a records-scoped replication requirement does not judge the bucket: it is no records store, or it
 * is itself the destination of a records bucket's replication (the redundant copy, held to its source's
 * bar by that source's replica-worm, needs no copy of its own).
 */
function outsideRecordsSource(bucket: Record<string, any>, context: StackContext): string | undefined {
  const outside = outsideRecords(bucket.tags, context.config);
  if (outside) return outside;
  const isRecords = (b: PolicyResource) => {
    const tags = known(() => b.props.tags);
    return tags.known && outsideRecords(tags.value, context.config) === undefined;
  };
  return replicationSources(context).some(isRecords)
    ? "the bucket is the replication destination of a records bucket: its source's replica-worm judges it"
    : undefined;
}

/** The other buckets of the stack whose replication writes into the subject bucket. */
function replicationSources(context: StackContext): PolicyResource[] {
  const { subject, resources } = context.stack;
  // A destination the rules depend on, or (when every destination can be read) one named by its ARN.
  const replicates = (replication: Replication) => {
    const { input } = replicationOf(replication.type, replication.props);
    if (replication.dependencies(input).some((b) => b.urn === subject.urn)) return true;
    const destinations = known(() => destinationsOf(replication, resources).buckets);
    return destinations.known && destinations.value.some((b) => b.urn === subject.urn);
  };
  const isSource = (source: PolicyResource) =>
    [
      ...dependents(resources, REPLICATION, "bucket", source).map(replicationIn),
      ...("replicationConfiguration" in source.props ? [replicationIn(source)] : []),
    ].some(replicates);
  return resources.filter((r) => matchesType(BUCKETS, r.type) && r.urn !== subject.urn && isSource(r));
}

/** The subject's replications with an Enabled rule: BucketReplicationConfigs (bucket), or its inline rules. */
function enabledReplications(bucket: Record<string, any>, context: StackContext): Replication[] {
  const joined = configs(context, REPLICATION)
    .filter((c) => enabledRule(c.props.rules))
    .map(replicationIn);
  const inline =
    "replicationConfiguration" in bucket && enabledRule(bucket.replicationConfiguration?.rules)
      ? [
          {
            type: context.type,
            props: bucket,
            self: context.stack.subject,
            dependencies: (key: string) => context.stack.dependencies(key),
          },
        ]
      : [];
  return [...joined, ...inline];
}

export const s3BucketRecordsReplica = stackRule({
  id: "aws-s3-bucket-records-replica",
  description:
    "Records S3 buckets replicate to a second bucket that meets the same WORM bar (COMPLIANCE mode, retention, versioning)",
  target: "aws",
  types: BUCKETS,
  config: RECORDS_SETTINGS,
  requirements: [
    {
      id: "replicated",
      description: "A BucketReplicationConfig on the bucket has an Enabled rule",
      remediation:
        'Add a BucketReplicationConfig (bucket, role) with a rule of status "Enabled" to a second Object Lock bucket, ideally in another Region; the role also needs s3:GetObjectRetention and s3:GetObjectLegalHold.',
      outOfScope: outsideRecordsSource,
      check: (bucket, context) =>
        enabledReplications(bucket, context).length > 0
          ? []
          : ['no BucketReplicationConfig (bucket) has a rule of status "Enabled"'],
    },
    {
      id: "replica-worm",
      description:
        "Every destination bucket of the bucket's replication is in this stack and is itself WORM: Object Lock in COMPLIANCE mode for at least the source's required retention, and versioned",
      remediation:
        "Declare each destination Bucket in this stack with objectLockEnabled: true, a BucketObjectLockConfiguration in COMPLIANCE mode for at least the source's retention and a BucketVersioning Enabled.",
      outOfScope: outsideRecordsSource,
      check: (bucket, context) => {
        const required = requiredRecordRetention(bucket.tags, context.config);
        return enabledReplications(bucket, context).flatMap((replication) => {
          const where = replication.type === REPLICATION ? "BucketReplicationConfig (bucket) " : "";
          const { buckets, path, outside } = destinationsOf(replication, context.stack.resources);
          return [
            ...outside.map(
              (p) => `${where}${p} names no bucket in this stack, so its WORM protection cannot be shown`,
            ),
            ...buckets.flatMap((b) =>
              wormFindings(stackBucket(b, context, `${where}${path}'s Bucket: `), required),
            ),
          ];
        });
      },
    },
  ],
});

const S3_OBJECT = "AWS::S3::Object";
/** Every bucket's objects: `arn:<partition>:s3` or `arn:<partition>:s3:::` (CloudTrail's all-buckets values). */
const ALL_BUCKETS = /^arn:[a-z-]+:s3(:::)?$/;

/**
 * Whether an ARN value names every object of the bucket: the all-buckets values, or the bucket's own ARN
 * with or without the trailing slash (`arn:aws:s3:::<name>/`, d.ts). A value with a key prefix names some
 * objects only. Unknown when the value (or the bucket's name it is compared with) is.
 */
function namesBucket(value: unknown, name: () => unknown): boolean {
  if (typeof value !== "string") return false;
  if (ALL_BUCKETS.test(value)) return true;
  const bucketName = name();
  if (typeof bucketName !== "string") return false;
  const match = /^arn:[a-z-]+:s3:::(.*?)\/?$/.exec(value);
  return match?.[1] === bucketName;
}

/**
 * What an unknown value of a trail's selectors can be: the bucket's ARN when the selectors depend on the
 * bucket, another resource's when they depend only on others, anything (another stack's output) when on
 * nothing.
 */
type Provenance = "bucket" | "others" | "nothing";

/**
 * Whether some value of `values` names the bucket. A value unknown at preview names it when the selectors
 * depend on the bucket, does not when they depend only on other resources, and throws otherwise.
 */
function someValueNamesBucket(values: () => unknown, provenance: Provenance, name: () => unknown): boolean {
  const list = known(values);
  if (!list.known) {
    if (provenance === "nothing") throw list.error;
    return provenance === "bucket";
  }
  if (!Array.isArray(list.value)) return false;
  let unknownError: Error | undefined;
  for (let i = 0; i < list.value.length; i++) {
    const value = known(() => (list.value as unknown[])[i]);
    if (!value.known) {
      if (provenance === "bucket") return true;
      if (provenance === "nothing") unknownError ??= value.error;
      continue;
    }
    const named = known(() => namesBucket(value.value, name));
    if (named.known && named.value) return true;
    if (!named.known) unknownError ??= named.error;
  }
  if (unknownError) throw unknownError;
  return false;
}

/** A classic selector logging the bucket's object writes: WriteOnly or All (the default), an S3 data resource naming it. */
function classicCovers(selector: any, provenance: Provenance, name: () => unknown): boolean {
  if (!["All", "WriteOnly"].includes(selector?.readWriteType ?? "All")) return false;
  return ((selector?.dataResources as any[] | undefined) ?? []).some(
    (r) => r?.type === S3_OBJECT && someValueNamesBucket(() => r.values, provenance, name),
  );
}

const ADVANCED_FIELDS = new Set(["eventCategory", "resources.type", "readOnly", "resources.ARN"]);
const includes = (list: unknown, value: string) => Array.isArray(list) && list.includes(value);

/**
 * An advanced selector logging the bucket's object writes: eventCategory Data, resources.type
 * AWS::S3::Object, readOnly absent or "false", and resources.ARN absent or naming the bucket (startsWith,
 * equals) without excluding it. Any other field (eventName, eventSource) filters events away, so the
 * selector is not counted.
 */
function advancedCovers(selector: any, provenance: Provenance, name: () => unknown): boolean {
  const fields = (selector?.fieldSelectors as any[] | undefined) ?? [];
  const byField = (field: string) => fields.filter((f) => f?.field === field);
  if (fields.some((f) => !ADVANCED_FIELDS.has(f?.field))) return false;
  if (!byField("eventCategory").some((f) => includes(f.equals, "Data"))) return false;
  if (!byField("resources.type").some((f) => includes(f.equals, S3_OBJECT))) return false;
  if (byField("readOnly").some((f) => !includes(f.equals, "false"))) return false;
  return byField("resources.ARN").every((f) => {
    const negative = ["notEquals", "notStartsWiths", "notEndsWiths"].some(
      (op) => op in f && someValueNamesBucket(() => f[op], provenance, name),
    );
    if (negative) return false;
    const positive = ["equals", "startsWiths"].filter((op) => op in f);
    return positive.every((op) => someValueNamesBucket(() => f[op], provenance, name)) && !("endsWiths" in f);
  });
}

export const s3BucketRecordsDataEvents = stackRule({
  id: "aws-s3-bucket-records-data-events",
  description:
    "The object-level writes and deletes of records S3 buckets are logged by a CloudTrail trail (data events)",
  target: "aws",
  types: BUCKETS,
  config: {
    ...RECORDS_SCOPE_SETTINGS,
    recordAuditTrailManagedCentrally: fixedSetting(false, {
      type: "boolean",
      description:
        "The S3 data events of records buckets are logged by a trail outside this stack (an organisation trail in another account): the pack does not look for one",
    }),
  },
  requirements: [
    {
      id: "data-events",
      description:
        "A Trail in the stack logs the bucket's S3 object-level data events, writes at least (readWriteType All or WriteOnly, or an advanced selector on Data events of AWS::S3::Object)",
      remediation:
        'Add to a Trail an eventSelectors entry with readWriteType "All" and a dataResources entry of type "AWS::S3::Object" whose values hold the bucket\'s ARN followed by "/" (Palisade\'s AuditTrail dataEventBucketArns does), or an advancedEventSelectors entry with eventCategory "Data" and resources.type "AWS::S3::Object".',
      outOfScope: (bucket, { config }) =>
        outsideRecords(bucket.tags, config) ??
        (config.recordAuditTrailManagedCentrally === true
          ? "recordAuditTrailManagedCentrally is true: the records' data events are logged outside this stack"
          : undefined),
      check: (bucket, context) => {
        const subject = context.stack.subject;
        const name = () => bucket.bucket;
        const provenance = (trail: PolicyResource, key: string): Provenance => {
          const dependencies = trail.propertyDependencies[key] ?? [];
          if (dependencies.some((d) => d.urn === subject.urn)) return "bucket";
          return dependencies.length > 0 ? "others" : "nothing";
        };
        let unknownError: Error | undefined;
        for (const trail of context.stack.resources.filter((r) => r.type === TRAIL)) {
          const covers = known(
            () =>
              ((trail.props.eventSelectors as any[] | undefined) ?? []).some((s) =>
                classicCovers(s, provenance(trail, "eventSelectors"), name),
              ) ||
              ((trail.props.advancedEventSelectors as any[] | undefined) ?? []).some((s) =>
                advancedCovers(s, provenance(trail, "advancedEventSelectors"), name),
              ),
          );
          if (covers.known && covers.value) return [];
          if (!covers.known) unknownError ??= covers.error;
        }
        if (unknownError) throw unknownError;
        return [
          "no Trail's eventSelectors or advancedEventSelectors log S3 object-level write events for this bucket",
        ];
      },
    },
  ],
});
