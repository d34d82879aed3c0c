import * as pulumi from "@pulumi/pulumi";
import { Bucket, BucketIAMMember } from "@pulumi/gcp/storage";
import type { CryptoKeyIAMMember } from "@pulumi/gcp/kms";
import type * as inputs from "@pulumi/gcp/types/input";
import {
  childName,
  resolveIrreversibleLock,
  shape,
  validateArgs,
  warnUnlocked,
  wormRetentionDays,
  type ArgsSchema,
  type ProblemCollector,
  type ResolvedLock,
  type SectorBaseline,
} from "@palisade/core";
import { GcpChildren } from "./children";
import {
  checkKeyId,
  checkMember,
  encryptionKeyNames,
  serviceKey,
  type EncryptionKey,
} from "./encryption-key";
import { checkChildNames, GCP_NAME_RULES, type NamedChild } from "./names";
import { checkProjectNumber, serviceAgentMember } from "./service-agents";
import {
  GCP_COMPONENT_SCHEMA,
  resolveGcpSettings,
  type GcpComponentArgs,
  type GcpSettings,
} from "./settings";

export interface BucketLifecycleRule {
  /** Delete objects this many days after creation. @default never */
  deleteAfterDays?: number;
  /** Delete noncurrent versions this many days after they became noncurrent. @default never */
  deleteNoncurrentAfterDays?: number;
  /** Only objects whose names start with one of these prefixes. @default every object */
  prefixes?: string[];
}

export interface RetentionPolicyArgs {
  /** Days every object must be kept before it can be deleted or replaced (1-36500). @default none: required */
  retentionDays: number;
  /**
   * Lock the policy (Bucket Lock): it can then never be removed or shortened, and the bucket cannot be
   * deleted until every object has aged out. Needs `acknowledgeIrreversibleLock: true`.
   * @default false; when the baseline requires compliance-mode WORM (FINRA), locked by
   * `acknowledgeIrreversibleLock: true` alone, and otherwise built unlocked with a warning
   */
  lock?: boolean;
}

export interface AccessLoggingArgs {
  /** Name of an existing bucket that receives the usage and storage logs. @default a new bucket `<name>-access-logs` */
  logBucket?: pulumi.Input<string>;
  /** Prefix of the log objects. @default the bucket's name (Cloud Storage's default) */
  logObjectPrefix?: string;
}

export interface EncryptedBucketArgs extends GcpComponentArgs {
  /**
   * The project's number, for the Cloud Storage service agent's email
   * (`service-<number>@gs-project-accounts.iam.gserviceaccount.com`), granted the key before the bucket
   * exists.
   * @default none: required unless `storageServiceAgent` is given
   */
  projectNumber?: string;
  /**
   * The Cloud Storage service agent as an IAM member (`serviceAccount:<email>`), e.g. from
   * `storage.getProjectServiceAccountOutput()`, which also creates the agent on a fresh project.
   * @default built from `projectNumber`
   */
  storageServiceAgent?: pulumi.Input<string>;
  /** Exact bucket name (global). Forces replacement when changed. @default `<name>-bucket-` plus 7 random hex */
  bucketName?: string;
  /** Id of an existing Cloud KMS key in the bucket's region. @default a new EncryptionKey owned by this bucket */
  kmsKeyId?: pulumi.Input<string>;
  /** Usage and storage logs. @default on, to a new log bucket encrypted with the same key */
  accessLogging?: AccessLoggingArgs;
  /**
   * Lifecycle rules (Delete actions) that bound storage; incomplete multipart uploads are always aborted
   * after 7 days. Required with a `deleteAfterDays` when the baseline requires finite retention (GDPR).
   * @default noncurrent versions deleted after 365 days (or the baseline's record retention); none with a
   * retention policy (as under FINRA by default), which leaves the bucket unversioned
   */
  lifecycleRules?: BucketLifecycleRule[];
  /** Days deleted objects stay restorable (soft delete), 7-90. @default 90 */
  softDeleteDays?: number;
  /**
   * A retention policy (WORM). Cloud Storage forbids versioning together with a retention policy, so with
   * one the bucket is unversioned and the policy protects every object instead.
   * @default none, or `{ retentionDays: <the baseline's record retention> }` when the baseline requires
   * WORM (FINRA): built unlocked with a warning unless `acknowledgeIrreversibleLock`
   */
  retentionPolicy?: RetentionPolicyArgs;
  /**
   * Confirms that `retentionPolicy.lock` is irreversible: the policy can never be removed or shortened.
   * Under a baseline that requires compliance-mode WORM (FINRA) it alone locks the policy (Bucket Lock)
   * unless `retentionPolicy.lock` is false.
   * @default false
   */
  acknowledgeIrreversibleLock?: boolean;
}

const TYPE = "palisade:gcp:EncryptedBucket";
const SECONDS_PER_DAY = 86_400;
/** Cloud Storage's own group that writes usage and storage logs (https://cloud.google.com/storage/docs/access-logs). */
export const STORAGE_ANALYTICS_MEMBER = "group:cloud-storage-analytics@google.com";
export const SOFT_DELETE_DAYS = { min: 7, max: 90 } as const;

/**
 * A Cloud Storage bucket that only Palisade's key encrypts: CMEK with the storage service agent granted
 * first, uniform bucket-level access, public access prevention enforced, versioning (or a retention
 * policy), soft delete, lifecycle limits and access logs. Retained on delete, never force-destroyed.
 */
export class EncryptedBucket extends pulumi.ComponentResource {
  readonly bucket: Bucket;
  readonly bucketName: pulumi.Output<string>;
  readonly url: pulumi.Output<string>;
  readonly kmsKeyId: pulumi.Output<string>;
  /** The key this bucket created, when no `kmsKeyId` was given. */
  readonly encryptionKey?: EncryptionKey;
  /** The grant the bucket depends on: the storage service agent may use the key. */
  readonly keyGrant: CryptoKeyIAMMember;
  /** The bucket that receives access logs, when this component created it. */
  readonly accessLogBucket?: Bucket;

  constructor(name: string, args: EncryptedBucketArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    const s = validateEncryptedBucketArgs(name, args);
    super(TYPE, name, {}, opts);
    warnUnlocked(this, s.lock);
    const children = new GcpChildren(this, s.settings);

    const agent = args.storageServiceAgent ?? serviceAgentMember("storage", args.projectNumber ?? "");
    ({
      keyId: this.kmsKeyId,
      encryptionKey: this.encryptionKey,
      keyGrant: this.keyGrant,
    } = serviceKey(children, name, "storage-agent", agent, args.kmsKeyId));
    const keyId = this.kmsKeyId;
    const common = secureBucketArgs(keyId, s.settings, s.softDeleteDays);

    let logBucket = args.accessLogging?.logBucket;
    if (logBucket === undefined) {
      this.accessLogBucket = children.create(
        Bucket,
        childName(name, "access-logs"),
        { project: true, location: true, labels: true },
        {
          ...common,
          versioning: { enabled: true },
          lifecycleRules: lifecycleRules([
            { deleteAfterDays: s.settings.logRetentionDays, deleteNoncurrentAfterDays: 30 },
          ]),
        },
        { role: "data", dependsOn: [this.keyGrant] },
      );
      children.create(
        BucketIAMMember,
        childName(name, "access-logs-writer"),
        {},
        {
          bucket: this.accessLogBucket.name,
          role: "roles/storage.objectCreator",
          member: STORAGE_ANALYTICS_MEMBER,
        },
        { role: "guard" },
      );
      logBucket = this.accessLogBucket.name;
    }

    this.bucket = children.create(
      Bucket,
      childName(name, "bucket"),
      { project: true, location: true, labels: true },
      {
        ...common,
        name: args.bucketName,
        versioning: { enabled: s.retention === undefined },
        retentionPolicy: s.retention && {
          retentionPeriod: String(s.retention.retentionDays * SECONDS_PER_DAY),
          isLocked: s.lock.locked,
        },
        lifecycleRules: lifecycleRules(s.lifecycle),
        logging: { logBucket, logObjectPrefix: args.accessLogging?.logObjectPrefix },
      },
      // The agent must hold the key before Cloud Storage encrypts anything with it.
      { role: "data", dependsOn: [this.keyGrant] },
    );
    this.bucketName = this.bucket.name;
    this.url = this.bucket.url;
    this.registerOutputs({ bucketName: this.bucketName, url: this.url, kmsKeyId: this.kmsKeyId });
  }
}

/** What every Palisade bucket has: CMEK only, no public access, no ACLs, soft delete, never force-destroyed. */
function secureBucketArgs(keyId: pulumi.Input<string>, settings: GcpSettings, softDeleteDays: number) {
  return {
    forceDestroy: false,
    uniformBucketLevelAccess: true,
    publicAccessPrevention: "enforced",
    encryption: {
      defaultKmsKeyName: keyId,
      // New objects may use only customer-managed keys, never Google's or a caller-supplied one.
      googleManagedEncryptionEnforcementConfig: { restrictionMode: "FullyRestricted" },
      customerSuppliedEncryptionEnforcementConfig: { restrictionMode: "FullyRestricted" },
    },
    softDeletePolicy: { retentionDurationSeconds: softDeleteDays * SECONDS_PER_DAY },
    deletionPolicy: settings.protection.retainOnDelete ? "PREVENT" : "DELETE",
  };
}

/** Palisade's lifecycle rules as Cloud Storage's (conditions in one rule are ANDed, so one per limit). */
function lifecycleRules(rules: readonly BucketLifecycleRule[]): inputs.storage.BucketLifecycleRule[] {
  const result: inputs.storage.BucketLifecycleRule[] = [
    { action: { type: "AbortIncompleteMultipartUpload" }, condition: { age: 7 } },
  ];
  for (const rule of rules) {
    const prefixes = rule.prefixes?.length ? { matchesPrefixes: rule.prefixes } : {};
    if (rule.deleteAfterDays !== undefined)
      result.push({ action: { type: "Delete" }, condition: { age: rule.deleteAfterDays, ...prefixes } });
    if (rule.deleteNoncurrentAfterDays !== undefined)
      result.push({
        action: { type: "Delete" },
        condition: {
          daysSinceNoncurrentTime: rule.deleteNoncurrentAfterDays,
          withState: "ARCHIVED",
          ...prefixes,
        },
      });
  }
  return result;
}

const DAYS = shape.integer("must be a whole number of days");

export const ENCRYPTED_BUCKET_SCHEMA: ArgsSchema = shape.object({
  ...GCP_COMPONENT_SCHEMA,
  projectNumber: shape.string('must be the project\'s number, e.g. "123456789012"'),
  storageServiceAgent: shape.input(
    shape.string("must be an IAM member such as serviceAccount:<email>"),
    "must be the storage service agent as an IAM member, or an Output of one",
  ),
  bucketName: shape.string("must be a Cloud Storage bucket name"),
  kmsKeyId: shape.input(
    shape.string("must be a Cloud KMS key id"),
    "must be a Cloud KMS key id or an Output of one",
  ),
  accessLogging: shape.object(
    {
      logBucket: shape.input(
        shape.string("must be a bucket name"),
        "must be a bucket name or an Output of one",
      ),
      logObjectPrefix: shape.string("must be an object name prefix"),
    },
    { description: "must be { logBucket?, logObjectPrefix? }" },
  ),
  lifecycleRules: shape.array(
    shape.object(
      {
        deleteAfterDays: DAYS,
        deleteNoncurrentAfterDays: DAYS,
        prefixes: shape.array(
          shape.string("must be an object name prefix"),
          "must list object name prefixes",
        ),
      },
      { description: "must be a lifecycle rule { deleteAfterDays?, deleteNoncurrentAfterDays?, prefixes? }" },
    ),
    "must list lifecycle rules",
  ),
  softDeleteDays: DAYS,
  retentionPolicy: shape.object(
    { retentionDays: DAYS, lock: shape.boolean() },
    { required: ["retentionDays"], description: "must be { retentionDays, lock? }" },
  ),
  acknowledgeIrreversibleLock: shape.boolean(),
});

/** The names an EncryptedBucket derives from its component name, checked by it and by its owners. */
export function encryptedBucketNames(name: string, args: EncryptedBucketArgs): NamedChild[] {
  const names: NamedChild[] = [];
  if (args.bucketName === undefined)
    names.push({ type: "gcp:storage/bucket:Bucket", name: childName(name, "bucket") });
  if (args.accessLogging?.logBucket === undefined)
    names.push({ type: "gcp:storage/bucket:Bucket", name: childName(name, "access-logs") });
  if (args.kmsKeyId === undefined) names.push(...encryptionKeyNames(childName(name, "kms")));
  return names;
}

/** Every rule an EncryptedBucket's args must meet; parents that create one call it on the args they give. */
export function checkEncryptedBucketArgs(
  problems: ProblemCollector,
  name: string,
  args: EncryptedBucketArgs,
) {
  const settings = resolveGcpSettings(problems, name, args);
  const baseline = args.baseline;
  if (args.storageServiceAgent === undefined)
    checkProjectNumber(problems, "projectNumber", args.projectNumber);
  else checkMember(problems, "storageServiceAgent", args.storageServiceAgent);
  checkKeyId(problems, "kmsKeyId", args.kmsKeyId, settings.region);
  if (args.bucketName !== undefined) {
    const rule = GCP_NAME_RULES["gcp:storage/bucket:Bucket"]!;
    problems.require(
      rule.pattern.test(args.bucketName),
      "bucketName",
      args.bucketName,
      `must be a Cloud Storage bucket name: ${rule.describe}`,
    );
  }
  checkChildNames(problems, "name", name, encryptedBucketNames(name, args));
  const softDeleteDays = args.softDeleteDays ?? SOFT_DELETE_DAYS.max;
  problems.require(
    Number.isInteger(softDeleteDays) &&
      softDeleteDays >= SOFT_DELETE_DAYS.min &&
      softDeleteDays <= SOFT_DELETE_DAYS.max,
    "softDeleteDays",
    softDeleteDays,
    `must be a whole number of days from ${SOFT_DELETE_DAYS.min} to ${SOFT_DELETE_DAYS.max} (Cloud Storage's soft delete range)`,
  );
  const { retention, lock } = checkRetention(problems, args, baseline);
  const lifecycle = args.lifecycleRules ?? [
    ...(retention === undefined
      ? [{ deleteNoncurrentAfterDays: Math.max(365, baseline?.recordRetentionDays.value ?? 0) }]
      : []),
  ];
  checkLifecycle(problems, args.lifecycleRules, baseline, retention?.retentionDays);
  if (args.accessLogging?.logObjectPrefix !== undefined)
    problems.require(
      /^[^\r\n]{1,900}$/.test(args.accessLogging.logObjectPrefix),
      "accessLogging.logObjectPrefix",
      args.accessLogging.logObjectPrefix,
      "must be 1-900 characters without line breaks",
    );
  return { settings, softDeleteDays, retention, lock, lifecycle };
}

/**
 * The retention policy: the one given, or under a WORM baseline one for the baseline's record retention;
 * and whether Bucket Lock locks it (the one decision every Palisade lock takes, in core).
 */
function checkRetention(
  problems: ProblemCollector,
  args: EncryptedBucketArgs,
  baseline: SectorBaseline | undefined,
): { retention?: RetentionPolicyArgs; lock: ResolvedLock } {
  const wormDays = wormRetentionDays(baseline);
  const policy = args.retentionPolicy ?? (wormDays === undefined ? undefined : { retentionDays: wormDays });
  const lock = resolveIrreversibleLock(problems, {
    path: "retentionPolicy.lock",
    lock: policy?.lock,
    acknowledged: args.acknowledgeIrreversibleLock,
    consequence:
      "a locked retention policy can never be removed or shortened, and the bucket cannot be deleted until every object has aged out",
    worm: baseline?.recordWorm,
  });
  if (policy === undefined) return { lock };
  const minDays = Math.max(1, baseline?.recordRetentionDays.value ?? 1);
  problems.require(
    Number.isInteger(policy.retentionDays) &&
      policy.retentionDays >= minDays &&
      policy.retentionDays <= 36_500,
    "retentionPolicy.retentionDays",
    policy.retentionDays,
    `must be a whole number of days from ${minDays} to 36500${minDays > 1 && baseline ? ` (${baseline.recordRetentionDays.citation})` : ""}`,
  );
  return { retention: policy, lock };
}

function checkLifecycle(
  problems: ProblemCollector,
  rules: BucketLifecycleRule[] | undefined,
  baseline: SectorBaseline | undefined,
  retainedDays: number | undefined,
): void {
  (rules ?? []).forEach((rule, i) => {
    for (const key of ["deleteAfterDays", "deleteNoncurrentAfterDays"] as const) {
      const days = rule[key];
      if (days === undefined) continue;
      problems.require(
        Number.isInteger(days) && days >= 1,
        `lifecycleRules[${i}].${key}`,
        days,
        "must be a positive whole number of days",
      );
      if (retainedDays !== undefined && key === "deleteAfterDays")
        problems.require(
          days >= retainedDays,
          `lifecycleRules[${i}].${key}`,
          days,
          `must not be shorter than the retention policy (${retainedDays} days)`,
        );
    }
    problems.require(
      rule.deleteAfterDays !== undefined || rule.deleteNoncurrentAfterDays !== undefined,
      `lifecycleRules[${i}]`,
      rule,
      "must set deleteAfterDays or deleteNoncurrentAfterDays",
    );
    (rule.prefixes ?? []).forEach((prefix, j) =>
      problems.require(prefix.length > 0, `lifecycleRules[${i}].prefixes[${j}]`, prefix, "must not be empty"),
    );
  });
  if (baseline?.finiteRetentionRequired.value)
    problems.require(
      (rules ?? []).some((r) => r.deleteAfterDays !== undefined && !r.prefixes?.length),
      "lifecycleRules",
      rules,
      `must include a rule with deleteAfterDays for every object: ${baseline.finiteRetentionRequired.citation}`,
    );
}

function validateEncryptedBucketArgs(name: string, args: EncryptedBucketArgs) {
  return validateArgs(
    `${TYPE} "${name}"`,
    ENCRYPTED_BUCKET_SCHEMA,
    args,
    (problems, a: EncryptedBucketArgs) => checkEncryptedBucketArgs(problems, name, a),
  );
}
