import * as pulumi from "@pulumi/pulumi";
import { Trail } from "@pulumi/aws/cloudtrail";
import { childName, validate, type DataProtectionArgs } from "@palisade/core";
import { accountContext } from "./account";
import { EncryptedBucket } from "./encrypted-bucket";
import { encryptedLogWriter } from "./encrypted-log-group";
import { ownedKey } from "./encryption-key";
import { type PolicyStatement } from "./policy-document";
import {
  REGION_REQUIRED,
  resolveRegion,
  checkLogRetention,
  checkDataProtection,
  type BaselineArgs,
} from "./settings";
import { resolveTags, type TaggingArgs } from "./tags";

export interface AuditTrailArgs extends BaselineArgs, TaggingArgs {
  /** CloudTrail trail name. Forces replacement. @default the component name */
  trailName?: string;
  /** ARNs of buckets whose object reads and writes are recorded as data events. @default none */
  dataEventBucketArns?: pulumi.Input<string>[];
  /** Days the log group keeps events (a CloudWatch value). @default 365, or the baseline's audit-log retention */
  logRetentionDays?: number;
  /** Region the trail is created in (it records every region). @default the stack's `aws:region` */
  region?: string;
  /** Applies to the trail's bucket, key and log group. */
  dataProtection?: DataProtectionArgs;
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
    const child = { parent: this };
    const account = accountContext(this);
    const trailArn = pulumi.interpolate`arn:${account.partition}:cloudtrail:${s.region}:${account.accountId}:trail/${s.trailName}`;

    const key = ownedKey(this, childName(name, "kms"), args, {
      description: `Encrypts CloudTrail ${s.trailName} and its bucket`,
      servicePrincipals: ["cloudtrail.amazonaws.com"],
      viaServices: ["s3"],
      region: s.region,
    });
    this.bucket = new EncryptedBucket(
      childName(name, "logs"),
      {
        kmsKeyArn: key.arn,
        baseline: args.baseline,
        compliance: args.compliance,
        tags: args.tags,
        region: s.region,
        dataProtection: args.dataProtection,
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
      child,
    );

    const { logGroup, role, rolePolicy } = encryptedLogWriter({
      parent: this,
      name: childName(name, "events"),
      region: s.region,
      retentionInDays: s.logRetentionDays,
      protection: s.protection,
      tags: s.tags,
      logGroupNamePrefix: `/aws/cloudtrail/${s.trailName}-`,
      service: "cloudtrail.amazonaws.com",
      sid: "DeliverTrailEvents",
      actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
      resourceSuffix: ":log-stream:*",
    });

    this.trail = new Trail(
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
        tags: s.tags,
      },
      // The bucket policy and the role's permissions must exist before CloudTrail validates delivery.
      { parent: this, dependsOn: [this.bucket, rolePolicy] },
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

function validateAuditTrailArgs(name: string, args: AuditTrailArgs) {
  return validate(`${TYPE} "${name}"`, (problems) => {
    const trailName = args.trailName ?? name;
    problems.require(
      /^[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]$/.test(trailName) && !/[._-]{2}/.test(trailName),
      "trailName",
      trailName,
      "must be 3-128 letters, digits, '.', '_' or '-', start and end alphanumeric, with no adjacent punctuation",
    );
    const buckets = args.dataEventBucketArns ?? [];
    problems.require(
      buckets.length <= 250,
      "dataEventBucketArns",
      buckets.length,
      "must list at most 250 buckets (a CloudTrail event selector limit)",
    );
    const region = resolveRegion(problems, args, REGION_REQUIRED);
    const retention = checkLogRetention(problems, args.baseline, args.logRetentionDays, "logRetentionDays");
    const protection = checkDataProtection(problems, args);
    const tags = resolveTags(problems, args);
    // Expire delivered logs only where the baseline demands finite retention, never before WORM allows.
    const bucketExpirationDays = args.baseline?.finiteRetentionRequired.value
      ? Math.max(retention, args.baseline.recordRetentionDays.value)
      : undefined;
    return {
      trailName,
      region: region as string,
      logRetentionDays: retention,
      protection,
      tags,
      dataEvents: buckets.length > 0,
      bucketExpirationDays,
    };
  });
}
