import { finra, gdpr, hipaa, mergeBaselines } from "@palisade/core";
import { expectRejected } from "@palisade/core/test-support";
import { describe, expect, it } from "vitest";
import { AuditTrail, type AuditTrailArgs } from "./audit-trail";
import { ACCOUNT_ID, awsStack, statementsBySid } from "./test-support";

describe("AuditTrail", () => {
  it("records every region with log-file validation, KMS encryption and global events", async () => {
    const stack = await awsStack();
    new AuditTrail("org", { baseline: hipaa });
    await stack.settle();
    const trail = stack.one("aws:cloudtrail/trail:Trail");
    expect(trail.inputs).toMatchObject({
      name: "org",
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      eventSelectors: [{ readWriteType: "All", includeManagementEvents: true, dataResources: [] }],
    });
    expect(trail.propertyDependencies.kmsKeyId).toEqual([stack.one("aws:kms/key:Key", "org-kms-key").urn]);
    // Depending on the bucket component waits for all its children, the bucket policy included.
    expect(trail.dependsOn).toContain(stack.one("aws:s3/bucketPolicy:BucketPolicy").urn);
    const logGroup = stack.one("aws:cloudwatch/logGroup:LogGroup");
    expect(logGroup).toMatchObject({ retainOnDelete: true, inputs: { retentionInDays: 2192 } });
    expect(trail.propertyDependencies.cloudWatchLogsGroupArn).toEqual([logGroup.urn]);
  });

  it("prefixes the log group with the trail's name, so the delivery role's policy is known in a first preview", async () => {
    const stack = await awsStack({ preview: true });
    new AuditTrail("org", { baseline: hipaa });
    await stack.settle();
    expect(stack.one("aws:cloudwatch/logGroup:LogGroup").inputs.namePrefix).toBe("/aws/cloudtrail/org-");
    const write = JSON.parse(stack.one("aws:iam/rolePolicy:RolePolicy").inputs.policy as string);
    expect(write.Statement).toEqual([
      {
        Sid: "DeliverTrailEvents",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: expect.stringMatching(
          /^arn:aws:logs:[a-z0-9-]+:\d{12}:log-group:\/aws\/cloudtrail\/org-\*:log-stream:\*$/,
        ),
      },
    ]);
  });

  it("keeps the trail's key and destinations joined in a first preview, where their ARNs are unknown", async () => {
    const stack = await awsStack({ preview: true });
    new AuditTrail("org", { baseline: hipaa });
    await stack.settle();
    const trail = stack.one("aws:cloudtrail/trail:Trail");
    expect(trail.inputs).toMatchObject({ isMultiRegionTrail: true, enableLogFileValidation: true });
    expect(trail.propertyDependencies.kmsKeyId).toEqual([stack.one("aws:kms/key:Key", "org-kms-key").urn]);
    expect(trail.propertyDependencies.s3BucketName).toEqual([stack.one("aws:s3/bucket:Bucket").urn]);
    expect(trail.propertyDependencies.cloudWatchLogsGroupArn).toEqual([
      stack.one("aws:cloudwatch/logGroup:LogGroup").urn,
    ]);
  });

  it("delivers to an encrypted bucket whose policy admits only this trail", async () => {
    const stack = await awsStack();
    new AuditTrail("org");
    await stack.settle();
    const s = statementsBySid(stack.one("aws:s3/bucketPolicy:BucketPolicy").inputs.policy);
    const trailArn = `arn:aws:cloudtrail:us-east-2:${ACCOUNT_ID}:trail/org`;
    expect(s.CloudTrailWrite?.Condition).toEqual({
      StringEquals: { "aws:SourceArn": trailArn, "s3:x-amz-acl": "bucket-owner-full-control" },
    });
    expect(s.CloudTrailAclCheck?.Condition).toEqual({ StringEquals: { "aws:SourceArn": trailArn } });
    expect(s).toHaveProperty("DenyInsecureTransport");
    const key = statementsBySid(stack.one("aws:kms/key:Key", "org-kms-key").inputs.policy);
    expect(key).toHaveProperty("UseBycloudtrailService");
  });

  it("records S3 data events for the named buckets", async () => {
    const stack = await awsStack();
    new AuditTrail("org", { dataEventBucketArns: ["arn:aws:s3:::phi", "arn:aws:s3:::models"] });
    await stack.settle();
    expect(stack.one("aws:cloudtrail/trail:Trail").inputs.eventSelectors[0].dataResources).toEqual([
      { type: "AWS::S3::Object", values: ["arn:aws:s3:::phi/", "arn:aws:s3:::models/"] },
    ]);
  });

  it("locks the log bucket in COMPLIANCE mode under FINRA, and expires logs under GDPR no earlier than WORM allows", async () => {
    const stack = await awsStack({ config: { "aws:region": "eu-west-1" } });
    new AuditTrail("records", { baseline: mergeBaselines(finra, gdpr), acknowledgeIrreversibleLock: true });
    await stack.settle();
    expect(
      stack.one("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration").inputs.rule,
    ).toEqual({
      defaultRetention: { mode: "COMPLIANCE", days: 2192 },
    });
    expect(
      stack.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs.rules[0]
        .expiration,
    ).toEqual({ days: 2192 });
    expect(stack.ofType("aws:s3/bucket:Bucket").every((b) => b.protect)).toBe(true);
  });

  const bad: [string, AuditTrailArgs, unknown][] = [
    ["trailName", { trailName: "ab" }, "ab"],
    ["trailName", { trailName: "my..trail" }, "my..trail"],
    ["trailName", { trailName: "-trail" }, "-trail"],
    [
      "dataEventBucketArns",
      { dataEventBucketArns: Array.from({ length: 251 }, (_, i) => `arn:aws:s3:::b${i}`) },
      251,
    ],
    ["logRetentionDays", { logRetentionDays: 100 }, 100],
    ["acknowledgeIrreversibleLock", { baseline: hipaa, acknowledgeIrreversibleLock: true }, true],
    ["acknowledgeIrreversibleLock", { baseline: finra, acknowledgeIrreversibleLock: false }, false],
    ["logRetentionDays", { baseline: hipaa, logRetentionDays: 731 }, 731],
    ["region", { baseline: gdpr }, "us-east-2"],
    ["dataProtection.protect", { baseline: finra, dataProtection: { protect: false } }, false],
    ['tags["aws:team"]', { tags: { "aws:team": "x" } }, "aws:team"],
  ];
  it.each(bad)("rejects %s (%j) before registering anything", async (path, args, value) => {
    const stack = await awsStack();
    expectRejected(() => new AuditTrail("org", args), path, value);
    await stack.settle();
    expect(stack.registrations).toEqual([]);
  });
});
