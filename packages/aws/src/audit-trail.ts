import * as pulumi from "@pulumi/pulumi";
import { Trail } from "@pulumi/aws/cloudtrail";
import { childName, shape, validateArgs, type ArgsSchema, type ProblemCollector } from "@palisade/core";
import { accountContext } from "./account";
import { AwsChildren } from "./children";
import { EncryptedBucket, encryptedBucketNames, resolveObjectLock } from "./encrypted-bucket";
import { encryptedLogWriter, encryptedLogWriterNames } from "./encrypted-log-group";
import { ownedKey, ownedKeyNames } from "./encryption-key";
import { checkChildNames } from "./names";
import { type PolicyStatement } from "./policy-document";
import {
  AWS_COMPONENT_SCHEMA,
  checkLogRetention,
  inheritedArgs,
  resolveAwsSettings,
  type AwsComponentArgs,
} from "./settings";

export interface AuditTrailArgs extends AwsComponentArgs {
  /** CloudTrail trail name. Forces replacement. @default the component name */
  trailName?: string;
  /** ARNs of buckets whose object reads and writes are recorded as data events. @default none */
  dataEventBucketArns?: pulumi.Input<string>[];
  /** Days the log group keeps events (a CloudWatch value). @default 365, or the baseline's audit-log retention */
  logRetentionDays?: number;
  /**
   * Under a WORM baseline (FINRA), locks the log bucket in COMPLIANCE mode: no one can delete a delivered
   * log before the baseline's retention ends. Without it the bucket gets GOVERNANCE mode and a warning.
   * @default false
   */
  acknowledgeIrreversibleLock?: boolean;
}

const TYPE = "palisade:aws:AuditTrail";

/**
 * A multi-region CloudTrail with log-file validation and KMS encryption, recording management events and
 * S3 data events for the named buckets, delivered to an EncryptedBucket (Object Lock when the baseline
 * asks for WORM) and to a retained, encrypted CloudWatch log group.
 */
export class AuditTrail extends pulumi.ComponentResource {
  readonly trail: Trail;
  readonly trailArn: pulumi.Output<string>;
  readonly bucket: EncryptedBucket;
  readonly logGroupArn: pulumi.Output<string>;
  readonly kmsKeyArn: pulumi.Output<string>;

  constructor(name: string, args: AuditTrailArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    const s = validateAuditTrailArgs(name, args);
    super(TYPE, name, {}, opts);
    const children = new AwsChildren(this, s.settings);
    const account = accountContext(this);
    const trailArn = pulumi.interpolate`arn:${account.partition}:cloudtrail:${s.settings.region}:${account.accountId}:trail/${s.trailName}`;

    const key = ownedKey(children, childName(name, "kms"), {
      description: `Encrypts CloudTrail ${s.trailName} and its bucket`,
      servicePrincipals: ["cloudtrail.amazonaws.com"],
      viaServices: ["s3"],
    });
    this.bucket = new EncryptedBucket(
      childName(name, "logs"),
      {
        ...inheritedArgs(s.settings),
        kmsKeyArn: key.arn,
        acknowledgeIrreversibleLock: args.acknowledgeIrreversibleLock,
        lifecycleRules: s.bucketExpirationDays
          ? [
              {
                id: "expire-audit-logs",
                expirationDays: s.bucketExpirationDays,
                noncurrentVersionExpirationDays: 30,
              },
            ]
          : undefined,
        extraPolicyStatements: (bucketArn): PolicyStatement[] => [
          {
            Sid: "CloudTrailAclCheck",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:GetBucketAcl",
            Resource: bucketArn,
            Condition: { StringEquals: { "aws:SourceArn": trailArn } },
          },
          {
            Sid: "CloudTrailWrite",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: pulumi.interpolate`${bucketArn}/AWSLogs/${account.accountId}/*`,
            Condition: {
              StringEquals: { "aws:SourceArn": trailArn, "s3:x-amz-acl": "bucket-owner-full-control" },
            },
          },
        ],
      },
      { parent: this },
    );

    const { logGroup, role, rolePolicy } = encryptedLogWriter({
      children,
      name: childName(name, "events"),
      retentionInDays: s.logRetentionDays,
      logGroupNamePrefix: s.logGroupNamePrefix,
      service: "cloudtrail.amazonaws.com",
      sid: "DeliverTrailEvents",
      actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
      resourceSuffix: ":log-stream:*",
    });

    this.trail = children.tagged(
      Trail,
      childName(name, "trail"),
      {
        name: s.trailName,
        s3BucketName: this.bucket.bucketName,
        kmsKeyId: key.arn,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogFileValidation: true,
        enableLogging: true,
        cloudWatchLogsGroupArn: pulumi.interpolate`${logGroup.arn}:*`,
        cloudWatchLogsRoleArn: role.arn,
        eventSelectors: [
          {
            readWriteType: "All",
            includeManagementEvents: true,
            dataResources: s.dataEvents
              ? [
                  {
                    type: "AWS::S3::Object",
                    values: (args.dataEventBucketArns ?? []).map((arn) => pulumi.interpolate`${arn}/`),
                  },
                ]
              : [],
          },
        ],
      },
      // The bucket policy and the role's permissions must exist before CloudTrail validates delivery.
      { dependsOn: [this.bucket, rolePolicy] },
    );
    this.trailArn = this.trail.arn;
    this.logGroupArn = logGroup.arn;
    this.kmsKeyArn = key.arn;
    this.registerOutputs({
      trailArn: this.trailArn,
      bucketName: this.bucket.bucketName,
      logGroupArn: this.logGroupArn,
      kmsKeyArn: this.kmsKeyArn,
    });
  }
}

const BUCKET_ARN = /^arn:aws(-[a-z]+)*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export const AUDIT_TRAIL_SCHEMA: ArgsSchema = shape.object({
  ...AWS_COMPONENT_SCHEMA,
  trailName: shape.string("must be a CloudTrail trail name"),
  dataEventBucketArns: shape.array(
    shape.input(shape.string("must be an S3 bucket ARN"), "must be an S3 bucket ARN or an Output of one"),
    "must list S3 bucket ARNs",
  ),
  logRetentionDays: shape.integer("must be a whole number of days"),
  acknowledgeIrreversibleLock: shape.boolean(),
});

/** Every rule an AuditTrail's args must meet; components that create one call it on the args they give. */
export function checkAuditTrailArgs(problems: ProblemCollector, name: string, a: AuditTrailArgs) {
  const settings = resolveAwsSettings(problems, name, a);
  const trailName = a.trailName ?? name;
  const logGroupNamePrefix = `/aws/cloudtrail/${trailName}-`;
  checkChildNames(problems, a.trailName === undefined ? "name" : "trailName", trailName, [
    { type: "aws:cloudtrail/trail:Trail", name: childName(name, "trail"), inputs: { name: trailName } },
  ]);
  checkChildNames(problems, "name", name, [
    ...ownedKeyNames(childName(name, "kms")),
    ...encryptedBucketNames(childName(name, "logs"), { kmsKeyArn: "given" }),
    ...encryptedLogWriterNames(childName(name, "events"), logGroupNamePrefix),
  ]);
  const buckets = a.dataEventBucketArns ?? [];
  problems.require(
    buckets.length <= 250,
    "dataEventBucketArns",
    buckets.length,
    "must list at most 250 buckets (a CloudTrail event selector limit)",
  );
  buckets.forEach((arn, i) => {
    if (typeof arn === "string")
      problems.require(
        BUCKET_ARN.test(arn),
        `dataEventBucketArns[${i}]`,
        arn,
        "must be an S3 bucket ARN such as arn:aws:s3:::phi-data",
      );
  });
  resolveObjectLock(problems, {
    baseline: a.baseline,
    acknowledgeIrreversibleLock: a.acknowledgeIrreversibleLock,
  });
  const retention = checkLogRetention(problems, a.baseline, a.logRetentionDays, "logRetentionDays");
  // Expire delivered logs only where the baseline demands finite retention, never before WORM allows.
  const bucketExpirationDays = a.baseline?.finiteRetentionRequired.value
    ? Math.max(retention, a.baseline.recordRetentionDays.value)
    : undefined;
  return {
    settings,
    trailName,
    logGroupNamePrefix,
    logRetentionDays: retention,
    dataEvents: buckets.length > 0,
    bucketExpirationDays,
  };
}

function validateAuditTrailArgs(name: string, args: AuditTrailArgs) {
  return validateArgs(`${TYPE} "${name}"`, AUDIT_TRAIL_SCHEMA, args, (problems, a: AuditTrailArgs) =>
    checkAuditTrailArgs(problems, name, a),
  );
}
