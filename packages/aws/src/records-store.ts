/**
 * A broker-dealer's books-and-records store (FINRA 4511, SEC 17a-4(f)) on S3: Object Lock, a replica in a
 * second region, S3 data events in CloudTrail, and AWS Backup into a locked vault.
 */
import * as pulumi from "@pulumi/pulumi";
import { Plan, Selection, Vault, VaultLockConfiguration } from "@pulumi/aws/backup";
import { Role, RolePolicy, RolePolicyAttachment } from "@pulumi/aws/iam";
import { BucketReplicationConfig } from "@pulumi/aws/s3";
import {
  childName,
  ProblemCollector,
  resolveIrreversibleLock,
  shape,
  TAG_KEYS,
  validateArgs,
  warnUnlocked,
  wormRetentionDays,
  type ArgsSchema,
  type ResolvedLock,
} from "@palisade/core";
import { accountContext } from "./account";
import { AuditTrail, checkAuditTrailArgs } from "./audit-trail";
import { AwsChildren } from "./children";
import { checkEncryptedBucketArgs, EncryptedBucket, type EncryptedBucketArgs } from "./encrypted-bucket";
import { checkChildNames } from "./names";
import { assumeRolePolicy, policyDocument } from "./policy-document";
import {
  AWS_COMPONENT_SCHEMA,
  inheritedArgs,
  resolveAwsSettings,
  type AwsComponentArgs,
  type AwsSettings,
} from "./settings";

export interface RecordsStoreArgs extends AwsComponentArgs {
  /**
   * Region of the second records bucket, which receives every object version by S3 replication. Must
   * differ from `region` and be allowed by the baseline. Required: a copy in the same region shares its
   * failures.
   */
  replicaRegion: string;
  /**
   * Days every record version stays WORM, in both buckets and in backups; at least the baseline's record
   * retention. Tag a store with a record class (`recordClass`) when your pack config keeps that class longer.
   * @default the baseline's record retention (2,192 days, six years, under FINRA)
   */
  retentionDays?: number;
  /** The record class (e.g. `blotters`, `communications`), rendered as the `record-class` tag. @default none */
  recordClass?: string;
  /**
   * Confirms the locks are irreversible: COMPLIANCE-mode Object Lock on both records buckets and on the
   * trail's log bucket (no one, not even the account root, can delete a record version before its
   * retention ends, nor the bucket holding it), and a compliance-mode Backup vault lock (immutable after
   * `vaultLockGraceDays`). Without it everything is built unlocked (GOVERNANCE mode, a governance vault
   * lock) and a warning says the records are not WORM yet.
   * @default false
   */
  acknowledgeIrreversibleLock?: boolean;
  /** Days during which a compliance-mode vault lock can still be removed, from 3. @default 3 */
  vaultLockGraceDays?: number;
  /** When AWS Backup copies the primary bucket, as an AWS Backup cron expression. @default daily at 05:00 UTC */
  backupSchedule?: string;
}

const TYPE = "palisade:aws:RecordsStore";
const RECORDS_CLASS = "finra-records";
const DEFAULT_SCHEDULE = "cron(0 5 * * ? *)";
/** AWS Backup's vault lock accepts a grace period of at least three days. */
const MIN_GRACE_DAYS = 3;
const MAX_RETENTION_DAYS = 36500;

/**
 * A records store a broker-dealer can deploy as is: under a WORM baseline (FINRA), two SSE-KMS buckets with
 * Object Lock and versioning, the second in `replicaRegion` and filled by S3 replication; a multi-region
 * CloudTrail recording object-level reads and writes of both, delivered to its own Object Lock bucket;
 * and daily AWS Backup copies into a vault whose lock keeps them for the same retention. Every data-bearing
 * child is protected and retained on delete; no bucket can be force-destroyed.
 */
export class RecordsStore extends pulumi.ComponentResource {
  readonly primary: EncryptedBucket;
  readonly replica: EncryptedBucket;
  readonly trail: AuditTrail;
  readonly backupVault: Vault;
  readonly retentionDays: number;
  readonly bucketName: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;

  constructor(name: string, args: RecordsStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    const s = validateRecordsStoreArgs(name, args);
    super(TYPE, name, {}, opts);
    const children = new AwsChildren(this, s.settings);
    warnUnlocked(this, s.lock);
    this.retentionDays = s.retentionDays;

    this.primary = new EncryptedBucket(childName(name, "records"), s.bucketArgs(s.settings.region), {
      parent: this,
    });
    this.replica = new EncryptedBucket(childName(name, "replica"), s.bucketArgs(args.replicaRegion), {
      parent: this,
    });
    replicate(children, name, this.primary, this.replica);
    this.trail = new AuditTrail(childName(name, "trail"), s.trailArgs([this.primary.arn, this.replica.arn]), {
      parent: this,
    });
    this.backupVault = backUp(children, name, this.primary, s);

    this.bucketName = this.primary.bucketName;
    this.arn = this.primary.arn;
    this.registerOutputs({
      arn: this.arn,
      bucketName: this.bucketName,
      replicaArn: this.replica.arn,
      trailArn: this.trail.trailArn,
      backupVaultArn: this.backupVault.arn,
    });
  }
}

/** S3 replication of every object version (with its retention) from the primary to the replica. */
function replicate(children: AwsChildren, name: string, primary: EncryptedBucket, replica: EncryptedBucket) {
  const role = children.globalTagged(Role, childName(name, "replication-role"), {
    assumeRolePolicy: assumeRolePolicy("s3.amazonaws.com"),
  });
  const policy = children.global(RolePolicy, childName(name, "replication"), {
    role: role.id,
    policy: policyDocument([
      {
        Sid: "ReadSourceConfiguration",
        Effect: "Allow",
        Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
        Resource: primary.arn,
      },
      {
        Sid: "ReadSourceVersions",
        Effect: "Allow",
        Action: [
          "s3:GetObjectVersionForReplication",
          "s3:GetObjectVersionAcl",
          "s3:GetObjectVersionTagging",
          "s3:GetObjectRetention",
          "s3:GetObjectLegalHold",
        ],
        Resource: pulumi.interpolate`${primary.arn}/*`,
      },
      {
        Sid: "WriteReplicas",
        Effect: "Allow",
        Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
        Resource: pulumi.interpolate`${replica.arn}/*`,
      },
      { Sid: "DecryptSource", Effect: "Allow", Action: "kms:Decrypt", Resource: primary.kmsKeyArn },
      {
        Sid: "EncryptReplicas",
        Effect: "Allow",
        Action: ["kms:Encrypt", "kms:GenerateDataKey"],
        Resource: replica.kmsKeyArn,
      },
    ]),
  });
  children.untagged(
    BucketReplicationConfig,
    childName(name, "replication"),
    {
      bucket: primary.bucket.id,
      role: role.arn,
      rules: [
        {
          id: "records-replica",
          status: "Enabled",
          filter: {},
          // A delete marker is not a deletion under Object Lock, but the replica keeps the record visible.
          deleteMarkerReplication: { status: "Disabled" },
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
          destination: {
            bucket: replica.arn,
            encryptionConfiguration: { replicaKmsKeyId: replica.kmsKeyArn },
          },
        },
      ],
    },
    // Replication needs versioning on both buckets and the role's permissions first.
    { role: "guard", dependsOn: [primary, replica, policy] },
  );
}

/** Daily AWS Backup copies of the primary bucket into a vault locked for the records' retention. */
function backUp(
  children: AwsChildren,
  name: string,
  primary: EncryptedBucket,
  s: ResolvedRecordsStore,
): Vault {
  const vault = children.tagged(
    Vault,
    childName(name, "vault"),
    { kmsKeyArn: primary.kmsKeyArn },
    { role: "data" },
  );
  children.untagged(
    VaultLockConfiguration,
    childName(name, "vault-lock"),
    {
      backupVaultName: vault.name,
      minRetentionDays: s.retentionDays,
      // Without a grace period the lock is governance mode: removable by anyone with the permission.
      changeableForDays: s.lock.locked ? s.vaultLockGraceDays : undefined,
    },
    { role: "guard" },
  );
  const role = children.globalTagged(Role, childName(name, "backup-role"), {
    assumeRolePolicy: assumeRolePolicy("backup.amazonaws.com"),
  });
  const partition = accountContext(children.parent).partition;
  const attachments = ["AWSBackupServiceRolePolicyForS3Backup", "AWSBackupServiceRolePolicyForS3Restore"].map(
    (policy) =>
      children.global(
        RolePolicyAttachment,
        childName(name, `backup-${policy.endsWith("Backup") ? "s3" : "restore"}`),
        {
          role: role.name,
          policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/${policy}`,
        },
      ),
  );
  const plan = children.tagged(Plan, childName(name, "backup-plan"), {
    rules: [
      {
        ruleName: "records-daily",
        targetVaultName: vault.name,
        schedule: s.backupSchedule,
        lifecycle: { deleteAfter: s.retentionDays },
      },
    ],
  });
  children.untagged(
    Selection,
    childName(name, "backup-selection"),
    { name: selectionName(name), planId: plan.id, iamRoleArn: role.arn, resources: [primary.arn] },
    { dependsOn: attachments },
  );
  return vault;
}

const selectionName = (name: string) => `${name}-records`;

/** The store's argument behind a child's argument it derives. */
const CHILD_PATHS: Readonly<Record<string, string>> = {
  "objectLock.retentionDays": "retentionDays",
  "objectLock.mode": "acknowledgeIrreversibleLock",
};

interface ResolvedRecordsStore {
  settings: AwsSettings;
  retentionDays: number;
  lock: ResolvedLock;
  vaultLockGraceDays: number;
  backupSchedule: string;
  bucketArgs(region: string): EncryptedBucketArgs;
  trailArgs(
    dataEventBucketArns: pulumi.Input<string>[],
  ): AwsComponentArgs & { dataEventBucketArns: pulumi.Input<string>[] };
}

export const RECORDS_STORE_SCHEMA: ArgsSchema = shape.object(
  {
    ...AWS_COMPONENT_SCHEMA,
    replicaRegion: shape.string('must be an AWS region name such as "us-west-2"'),
    retentionDays: shape.integer("must be a whole number of days"),
    recordClass: shape.string("must be a record class such as blotters"),
    acknowledgeIrreversibleLock: shape.boolean(),
    vaultLockGraceDays: shape.integer("must be a whole number of days"),
    backupSchedule: shape.string("must be an AWS Backup cron expression such as cron(0 5 * * ? *)"),
  },
  { required: ["replicaRegion"], description: "must be RecordsStore arguments with a replicaRegion" },
);

/** Every rule a RecordsStore's args must meet, including those its buckets, trail and vault would enforce. */
export function checkRecordsStoreArgs(
  problems: ProblemCollector,
  name: string,
  args: RecordsStoreArgs,
): ResolvedRecordsStore {
  const settings = resolveAwsSettings(problems, name, args);
  const baseline = args.baseline;
  const wormDays = wormRetentionDays(baseline);
  if (baseline?.recordWorm.value !== "compliance")
    problems.add(
      "baseline",
      baseline?.frameworks,
      "must require compliance-mode WORM (finra, or a merge with it): a records store keeps books and records under SEC 17a-4(f)",
    );
  const classification = args.compliance?.dataClassification;
  problems.require(
    classification === RECORDS_CLASS,
    "compliance.dataClassification",
    classification,
    `must be "${RECORDS_CLASS}": the FINRA pack finds books and records by this tag`,
  );
  const retentionDays = args.retentionDays ?? wormDays ?? 1;
  problems.require(
    Number.isInteger(retentionDays) &&
      retentionDays >= (wormDays ?? 1) &&
      retentionDays <= MAX_RETENTION_DAYS,
    "retentionDays",
    retentionDays,
    `must be a whole number of days from ${wormDays ?? 1} to ${MAX_RETENTION_DAYS}${baseline && wormDays ? ` (${baseline.recordRetentionDays.citation})` : ""}`,
  );
  const vaultLockGraceDays = args.vaultLockGraceDays ?? MIN_GRACE_DAYS;
  problems.require(
    Number.isInteger(vaultLockGraceDays) &&
      vaultLockGraceDays >= MIN_GRACE_DAYS &&
      vaultLockGraceDays <= MAX_RETENTION_DAYS,
    "vaultLockGraceDays",
    vaultLockGraceDays,
    `must be a whole number of days from ${MIN_GRACE_DAYS} (AWS Backup's minimum) to ${MAX_RETENTION_DAYS}`,
  );
  if (args.vaultLockGraceDays !== undefined && args.acknowledgeIrreversibleLock !== true)
    problems.add(
      "vaultLockGraceDays",
      args.vaultLockGraceDays,
      "only applies with acknowledgeIrreversibleLock: true (a compliance-mode vault lock)",
    );
  const backupSchedule = args.backupSchedule ?? DEFAULT_SCHEDULE;
  problems.require(
    /^cron\(\S+( \S+){5}\)$/.test(backupSchedule),
    "backupSchedule",
    backupSchedule,
    "must be an AWS cron expression with six fields, such as cron(0 5 * * ? *)",
  );
  if (args.replicaRegion !== undefined)
    problems.require(
      args.replicaRegion !== settings.region,
      "replicaRegion",
      args.replicaRegion,
      "must differ from region: a replica in the same region shares its failures",
    );
  const lock = resolveIrreversibleLock(problems, {
    path: "acknowledgeIrreversibleLock",
    lock: undefined,
    acknowledged: args.acknowledgeIrreversibleLock,
    consequence:
      "records, their replicas, their audit logs and their backups could never be deleted before their retention ends",
    worm: baseline?.recordWorm,
  });
  const recordTags: Record<string, string> =
    args.recordClass === undefined ? {} : { [TAG_KEYS.recordClass]: args.recordClass };
  const bucketArgs = (region: string): EncryptedBucketArgs => ({
    ...inheritedArgs(settings),
    region,
    tags: { ...settings.tags, ...recordTags },
    objectLock: { mode: lock.locked ? "COMPLIANCE" : "GOVERNANCE", retentionDays },
    acknowledgeIrreversibleLock: lock.locked ? true : undefined,
  });
  // The trail's logs are the records' audit trail, not records: replicating them or logging their own
  // data events would loop, so they carry another class and are judged as audit logs.
  const trailArgs = (dataEventBucketArns: pulumi.Input<string>[]) => ({
    ...inheritedArgs(settings),
    tags: { ...settings.tags, [TAG_KEYS.dataClassification]: "confidential" },
    dataEventBucketArns,
    acknowledgeIrreversibleLock: lock.locked ? true : undefined,
  });
  // The children's own rules, with their problems named by this component's arguments.
  const nested = new ProblemCollector();
  checkEncryptedBucketArgs(nested, childName(name, "records"), bucketArgs(settings.region));
  if (args.replicaRegion !== undefined) {
    const replica = new ProblemCollector();
    checkEncryptedBucketArgs(replica, childName(name, "replica"), bucketArgs(args.replicaRegion));
    for (const p of replica.problems)
      nested.add(p.path === "region" ? "replicaRegion" : p.path, p.value, p.rule);
  }
  checkAuditTrailArgs(nested, childName(name, "trail"), trailArgs([]));
  checkChildNames(nested, "name", name, [
    { type: "aws:backup/vault:Vault", name: childName(name, "vault") },
    { type: "aws:backup/plan:Plan", name: childName(name, "backup-plan") },
    {
      type: "aws:backup/selection:Selection",
      name: childName(name, "backup-selection"),
      inputs: { name: selectionName(name) },
    },
    { type: "aws:iam/role:Role", name: childName(name, "replication-role") },
    { type: "aws:iam/role:Role", name: childName(name, "backup-role") },
  ]);
  // The store's own arguments are authoritative: a child's problem is kept only for a path not yet named.
  const named = new Set(problems.problems.map((p) => p.path));
  for (const p of nested.problems) {
    const path = CHILD_PATHS[p.path] ?? p.path;
    // A child's name derives from the store's: the store's name is the value the caller gave.
    if (!named.has(path)) problems.add(path, path === "name" ? name : p.value, p.rule);
    named.add(path);
  }
  return {
    settings,
    retentionDays,
    lock,
    vaultLockGraceDays,
    backupSchedule,
    bucketArgs,
    trailArgs,
  };
}

function validateRecordsStoreArgs(name: string, args: RecordsStoreArgs) {
  return validateArgs(`${TYPE} "${name}"`, RECORDS_STORE_SCHEMA, args, (problems, a: RecordsStoreArgs) =>
    checkRecordsStoreArgs(problems, name, a),
  );
}
