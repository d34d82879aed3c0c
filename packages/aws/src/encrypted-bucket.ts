import * as pulumi from "@pulumi/pulumi";
import {
  Bucket,
  BucketLifecycleConfiguration,
  BucketLogging,
  BucketObjectLockConfiguration,
  BucketOwnershipControls,
  BucketPolicy,
  BucketPublicAccessBlock,
  BucketServerSideEncryptionConfiguration,
  BucketVersioning,
} from "@pulumi/aws/s3";
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
import { AwsChildren } from "./children";
import { ownedKey, ownedKeyNames, type EncryptionKey } from "./encryption-key";
import { checkServicePrincipals } from "./principals";
import { AWS_NAME_RULES, checkChildNames, type NamedChild } from "./names";
import { policyDocument, type PolicyStatement } from "./policy-document";
import { AWS_COMPONENT_SCHEMA, resolveAwsSettings, type AwsComponentArgs } from "./settings";

export interface BucketLifecycleRule {
  /** Unique rule id. */
  id: string;
  /** Key prefix the rule applies to. @default the whole bucket */
  prefix?: string;
  /** Days after creation when current versions expire. */
  expirationDays?: number;
  /** Days after becoming noncurrent when old versions are deleted. */
  noncurrentVersionExpirationDays?: number;
}

export interface ObjectLockArgs {
  /**
   * `COMPLIANCE`: nobody, not even the account root, can shorten or remove an object version's retention
   * (needs `acknowledgeIrreversibleLock: true`). `GOVERNANCE`: principals with
   * `s3:BypassGovernanceRetention` can, so records are not WORM.
   * @default "COMPLIANCE" with `acknowledgeIrreversibleLock: true` under a WORM baseline (FINRA), else "GOVERNANCE"
   */
  mode?: "COMPLIANCE" | "GOVERNANCE";
  /** Default retention for new object versions, in days. @default the baseline's record retention */
  retentionDays?: number;
}

export interface EncryptedBucketArgs extends AwsComponentArgs {
  /** Exact bucket name. Forces replacement when changed. @default a name derived from the component name */
  bucketName?: string;
  /** ARN of the KMS key to encrypt with. @default a new EncryptionKey owned by this bucket */
  kmsKeyArn?: pulumi.Input<string>;
  /** Server access logs delivered to another bucket. @default off */
  accessLogging?: { targetBucket: pulumi.Input<string>; targetPrefix?: string };
  /** Lifecycle rules; required (with an expiration) when the baseline requires finite retention (GDPR). */
  lifecycleRules?: BucketLifecycleRule[];
  /**
   * Object Lock (WORM) with a default retention. Only at creation: turning it on later forces replacement,
   * and a bucket's Object Lock can never be turned off.
   * @default off, or on with the baseline's record retention when the baseline requires WORM (FINRA)
   */
  objectLock?: ObjectLockArgs | false;
  /**
   * Confirms that COMPLIANCE-mode Object Lock is irreversible: no one can delete a locked object version, or
   * the bucket holding it, before its retention ends. Under a WORM baseline this alone turns COMPLIANCE on;
   * without it the bucket gets GOVERNANCE mode and a warning. @default false
   */
  acknowledgeIrreversibleLock?: boolean;
  /** More bucket policy statements (e.g. to let CloudTrail write), given the bucket ARN. @default none */
  extraPolicyStatements?: (bucketArn: pulumi.Output<string>) => PolicyStatement[];
  /** Service principals allowed to use the bucket's own key (only when this bucket creates it). @default none */
  keyServicePrincipals?: string[];
}

const TYPE = "palisade:aws:EncryptedBucket";

/**
 * An S3 bucket that is private, versioned, TLS-only and SSE-KMS-encrypted with a customer key, built from
 * the aws v7 per-concern resources. Retained on delete and never force-destroyed.
 */
export class EncryptedBucket extends pulumi.ComponentResource {
  readonly bucket: Bucket;
  readonly arn: pulumi.Output<string>;
  readonly bucketName: pulumi.Output<string>;
  readonly kmsKeyArn: pulumi.Output<string>;
  /** The key this bucket created, when no `kmsKeyArn` was given. */
  readonly encryptionKey?: EncryptionKey;

  constructor(name: string, args: EncryptedBucketArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    const { settings, objectLock, minTlsVersion } = validateEncryptedBucketArgs(name, args);
    super(TYPE, name, {}, opts);
    const children = new AwsChildren(this, settings);
    if (objectLock) warnUnlocked(this, objectLock.lock);

    if (args.kmsKeyArn === undefined) {
      this.encryptionKey = ownedKey(children, childName(name, "kms"), {
        description: `Encrypts S3 bucket ${name}`,
        viaServices: ["s3"],
        servicePrincipals: args.keyServicePrincipals,
      });
    }
    const keyArn = args.kmsKeyArn === undefined ? this.encryptionKey!.arn : pulumi.output(args.kmsKeyArn);

    this.bucket = children.tagged(
      Bucket,
      childName(name, "bucket"),
      { bucket: args.bucketName, forceDestroy: false, objectLockEnabled: objectLock !== undefined },
      { role: "data" },
    );
    const bucket = this.bucket.id;
    // Each guard is retained with the bucket: a destroy must never leave retained data unguarded.
    children.untagged(
      BucketOwnershipControls,
      childName(name, "ownership"),
      { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } },
      { role: "guard" },
    );
    const publicAccessBlock = children.untagged(
      BucketPublicAccessBlock,
      childName(name, "public-access-block"),
      {
        bucket,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      { role: "guard" },
    );
    children.untagged(
      BucketServerSideEncryptionConfiguration,
      childName(name, "sse"),
      {
        bucket,
        rules: [
          {
            applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn },
            bucketKeyEnabled: true,
            blockedEncryptionTypes: ["SSE-C"],
          },
        ],
      },
      { role: "guard" },
    );
    const versioning = children.untagged(
      BucketVersioning,
      childName(name, "versioning"),
      { bucket, versioningConfiguration: { status: "Enabled" } },
      { role: "guard" },
    );
    children.untagged(
      BucketPolicy,
      childName(name, "policy"),
      {
        bucket,
        policy: policyDocument([
          ...secureBucketStatements(this.bucket.arn, keyArn, minTlsVersion),
          ...(args.extraPolicyStatements?.(this.bucket.arn) ?? []),
        ]),
      },
      // A public-access block must exist before a policy, or S3 may evaluate the policy unguarded.
      { role: "guard", dependsOn: [publicAccessBlock] },
    );
    if (objectLock) {
      children.untagged(
        BucketObjectLockConfiguration,
        childName(name, "object-lock"),
        {
          bucket,
          objectLockEnabled: "Enabled",
          rule: { defaultRetention: { mode: objectLock.mode, days: objectLock.retentionDays } },
        },
        { role: "guard", dependsOn: [versioning] },
      );
    }
    if (args.accessLogging) {
      children.untagged(
        BucketLogging,
        childName(name, "access-logging"),
        {
          bucket,
          targetBucket: args.accessLogging.targetBucket,
          targetPrefix: args.accessLogging.targetPrefix ?? `${name}/`,
        },
        { role: "guard" },
      );
    }
    if (args.lifecycleRules?.length) {
      children.untagged(
        BucketLifecycleConfiguration,
        childName(name, "lifecycle"),
        {
          bucket,
          rules: args.lifecycleRules.map((rule) => ({
            id: rule.id,
            status: "Enabled",
            filter: { prefix: rule.prefix ?? "" },
            expiration: rule.expirationDays === undefined ? undefined : { days: rule.expirationDays },
            noncurrentVersionExpiration:
              rule.noncurrentVersionExpirationDays === undefined
                ? undefined
                : { noncurrentDays: rule.noncurrentVersionExpirationDays },
          })),
        },
        { dependsOn: [versioning] },
      );
    }

    this.arn = this.bucket.arn;
    this.bucketName = this.bucket.bucket;
    this.kmsKeyArn = keyArn;
    this.registerOutputs({ arn: this.arn, bucketName: this.bucketName, kmsKeyArn: this.kmsKeyArn });
  }
}

/** Deny anything over plain HTTP or old TLS, and uploads that ask for any encryption but this key. */
export function secureBucketStatements(
  bucketArn: pulumi.Input<string>,
  keyArn: pulumi.Input<string>,
  minTlsVersion: string,
): PolicyStatement[] {
  const everything = [bucketArn, pulumi.interpolate`${bucketArn}/*`];
  const objects = pulumi.interpolate`${bucketArn}/*`;
  return [
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: everything,
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
    {
      Sid: "DenyOutdatedTls",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: everything,
      Condition: { NumericLessThan: { "s3:TlsVersion": minTlsVersion } },
    },
    {
      // Uploads without encryption headers get the bucket default (this key); only explicit others are denied.
      Sid: "DenyOtherEncryption",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:PutObject",
      Resource: objects,
      Condition: {
        StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" },
        Null: { "s3:x-amz-server-side-encryption": "false" },
      },
    },
    {
      Sid: "DenyOtherKmsKeys",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:PutObject",
      Resource: objects,
      Condition: {
        StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": keyArn },
        Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" },
      },
    },
  ];
}

const DAYS = shape.integer("must be a whole number of days");

export const ENCRYPTED_BUCKET_SCHEMA: ArgsSchema = shape.object({
  ...AWS_COMPONENT_SCHEMA,
  bucketName: shape.string("must be an S3 bucket name"),
  kmsKeyArn: shape.input(shape.string("must be a KMS key ARN"), "must be a KMS key ARN or an Output of one"),
  accessLogging: shape.object(
    {
      targetBucket: shape.input(
        shape.string("must be a bucket name"),
        "must be a bucket name or an Output of one",
      ),
      targetPrefix: shape.string("must be a key prefix"),
    },
    { required: ["targetBucket"], description: "must be { targetBucket, targetPrefix? }" },
  ),
  lifecycleRules: shape.array(
    shape.object(
      {
        id: shape.string("must be a rule id"),
        prefix: shape.string("must be a key prefix"),
        expirationDays: DAYS,
        noncurrentVersionExpirationDays: DAYS,
      },
      {
        required: ["id"],
        description:
          "must be a lifecycle rule { id, prefix?, expirationDays?, noncurrentVersionExpirationDays? }",
      },
    ),
    "must list lifecycle rules",
  ),
  objectLock: {
    anyOf: [
      { const: false },
      shape.object({ mode: shape.oneOf(["COMPLIANCE", "GOVERNANCE"]), retentionDays: DAYS }),
    ],
    description: "must be false or { mode?, retentionDays? }",
  },
  acknowledgeIrreversibleLock: shape.boolean(),
  extraPolicyStatements: shape.callable("must be a function from the bucket ARN to policy statements"),
  keyServicePrincipals: shape.array(
    shape.string("must be an AWS service principal such as cloudtrail.amazonaws.com"),
    "must list AWS service principals",
  ),
});

/**
 * The names an EncryptedBucket derives from its component name (the autonamed bucket, its key's alias),
 * checked by the bucket and by every component that owns one.
 */
export function encryptedBucketNames(name: string, args: EncryptedBucketArgs): NamedChild[] {
  const names: NamedChild[] = [];
  if (args.bucketName === undefined)
    names.push({ type: "aws:s3/bucket:Bucket", name: childName(name, "bucket") });
  if (args.kmsKeyArn === undefined) names.push(...ownedKeyNames(childName(name, "kms")));
  return names;
}

/** Every rule an EncryptedBucket's args must meet; parents that create one call it on the args they give. */
export function checkEncryptedBucketArgs(
  problems: ProblemCollector,
  name: string,
  args: EncryptedBucketArgs,
) {
  const settings = resolveAwsSettings(problems, name, args);
  const baseline = args.baseline;
  if (args.bucketName !== undefined) {
    const rule = AWS_NAME_RULES["aws:s3/bucket:Bucket"]!;
    problems.require(
      args.bucketName.length >= 3 &&
        !/^\d+\.\d+\.\d+\.\d+$/.test(args.bucketName) &&
        args.bucketName.length <= rule.maxLength &&
        rule.pattern.test(args.bucketName),
      "bucketName",
      args.bucketName,
      `must be an S3 bucket name: ${rule.describe}, not an IP address, without reserved prefixes or suffixes`,
    );
  }
  checkChildNames(problems, "name", name, encryptedBucketNames(name, args));
  const objectLock = resolveObjectLock(problems, args, baseline);
  validateLifecycle(problems, args.lifecycleRules, baseline, objectLock?.retentionDays);
  if (args.accessLogging?.targetPrefix !== undefined) {
    problems.require(
      args.accessLogging.targetPrefix.length > 0 && args.accessLogging.targetPrefix.length <= 1024,
      "accessLogging.targetPrefix",
      args.accessLogging.targetPrefix,
      "must be 1-1024 characters",
    );
  }
  if (args.kmsKeyArn !== undefined && args.keyServicePrincipals !== undefined) {
    problems.add(
      "keyServicePrincipals",
      args.keyServicePrincipals,
      "only applies when the bucket creates its own key (no kmsKeyArn)",
    );
  }
  checkServicePrincipals(problems, "keyServicePrincipals", args.keyServicePrincipals);
  return { settings, objectLock, minTlsVersion: baseline?.minTlsVersion.value ?? "1.2" };
}

function validateEncryptedBucketArgs(name: string, args: EncryptedBucketArgs) {
  return validateArgs(
    `${TYPE} "${name}"`,
    ENCRYPTED_BUCKET_SCHEMA,
    args,
    (problems, a: EncryptedBucketArgs) => checkEncryptedBucketArgs(problems, name, a),
  );
}

/** The Object Lock a bucket gets: mode, default retention, and the lock decision (COMPLIANCE is the lock). */
interface ResolvedObjectLock {
  mode: "COMPLIANCE" | "GOVERNANCE";
  retentionDays: number;
  lock: ResolvedLock;
}

/**
 * The Object Lock an EncryptedBucket with these args gets, recording every problem; components that create
 * a WORM bucket call it on the args they give, so a bad lock argument fails before anything is registered.
 */
export function resolveObjectLock(
  problems: ProblemCollector,
  args: EncryptedBucketArgs,
  baseline: SectorBaseline | undefined = args.baseline,
): ResolvedObjectLock | undefined {
  const requested = args.objectLock;
  const wormDays = wormRetentionDays(baseline);
  if (requested === false) {
    if (wormDays !== undefined)
      problems.add("objectLock", false, `must be enabled: ${baseline!.recordWorm.citation}`);
  }
  if (requested === false || (requested === undefined && wormDays === undefined)) {
    if (args.acknowledgeIrreversibleLock !== undefined)
      problems.add(
        "acknowledgeIrreversibleLock",
        args.acknowledgeIrreversibleLock,
        "only applies with Object Lock (on by default under a baseline that requires WORM, such as FINRA)",
      );
    return undefined;
  }
  const mode = requested?.mode;
  problems.require(
    mode === undefined || mode === "COMPLIANCE" || mode === "GOVERNANCE",
    "objectLock.mode",
    mode,
    'must be "COMPLIANCE" or "GOVERNANCE"',
  );
  const lock = resolveIrreversibleLock(problems, {
    path: "objectLock.mode",
    lock: mode === undefined ? undefined : mode === "COMPLIANCE",
    lockValue: "COMPLIANCE",
    acknowledged: args.acknowledgeIrreversibleLock,
    consequence:
      "no one, not even the account root, can delete a locked object version, or the bucket holding it, before its retention ends",
    worm: baseline?.recordWorm,
  });
  const minDays = Math.max(baseline?.recordRetentionDays.value ?? 1, 1);
  const retentionDays = requested?.retentionDays ?? minDays;
  problems.require(
    Number.isInteger(retentionDays) && retentionDays >= minDays && retentionDays <= 36500,
    "objectLock.retentionDays",
    retentionDays,
    `must be a whole number of days from ${minDays} to 36500${minDays > 1 && baseline ? ` (${baseline.recordRetentionDays.citation})` : ""}`,
  );
  return { mode: lock.locked ? "COMPLIANCE" : "GOVERNANCE", retentionDays, lock };
}

function validateLifecycle(
  problems: ProblemCollector,
  rules: BucketLifecycleRule[] | undefined,
  baseline: SectorBaseline | undefined,
  lockedDays: number | undefined,
): void {
  const ids = (rules ?? []).map((r) => r.id);
  (rules ?? []).forEach((rule, i) => {
    problems.require(
      /^.{1,255}$/.test(rule.id ?? ""),
      `lifecycleRules[${i}].id`,
      rule.id,
      "must be 1-255 characters",
    );
    problems.require(ids.indexOf(rule.id) === i, `lifecycleRules[${i}].id`, rule.id, "must be unique");
    for (const key of ["expirationDays", "noncurrentVersionExpirationDays"] as const) {
      const days = rule[key];
      if (days === undefined) continue;
      problems.require(
        Number.isInteger(days) && days >= 1,
        `lifecycleRules[${i}].${key}`,
        days,
        "must be a positive whole number of days",
      );
      if (lockedDays !== undefined && key === "expirationDays") {
        problems.require(
          days >= lockedDays,
          `lifecycleRules[${i}].${key}`,
          days,
          `must not be shorter than the Object Lock retention (${lockedDays} days)`,
        );
      }
    }
    problems.require(
      rule.expirationDays !== undefined || rule.noncurrentVersionExpirationDays !== undefined,
      `lifecycleRules[${i}]`,
      rule,
      "must set expirationDays or noncurrentVersionExpirationDays",
    );
  });
  if (baseline?.finiteRetentionRequired.value) {
    problems.require(
      (rules ?? []).some((r) => r.expirationDays !== undefined),
      "lifecycleRules",
      rules,
      `must include a rule with expirationDays: ${baseline.finiteRetentionRequired.citation}`,
    );
  }
}
