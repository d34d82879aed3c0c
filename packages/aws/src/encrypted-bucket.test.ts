import { finra, gdpr, hipaa, mergeBaselines } from "@palisade/core";
import { expectRejected, mockArn } from "@palisade/core/test-support";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it, vi } from "vitest";
import { EncryptedBucket, type EncryptedBucketArgs } from "./encrypted-bucket";
import { awsStack, statementsBySid } from "./test-support";

const phi = { frameworks: ["hipaa"], dataClassification: "phi", owner: "ml-platform" } as const;

describe("EncryptedBucket", () => {
  it("registers a private, versioned, TLS-only, SSE-KMS bucket with its own retained key", async () => {
    const stack = await awsStack();
    new EncryptedBucket("phi", { baseline: hipaa, compliance: phi });
    await stack.settle();
    expect(stack.registrations.map((r) => r.type).sort()).toEqual(
      [
        "palisade:aws:EncryptedBucket",
        "palisade:aws:EncryptionKey",
        "aws:kms/key:Key",
        "aws:kms/alias:Alias",
        "aws:s3/bucket:Bucket",
        "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "aws:s3/bucketVersioning:BucketVersioning",
        "aws:s3/bucketPolicy:BucketPolicy",
      ].sort(),
    );
    const bucket = stack.one("aws:s3/bucket:Bucket");
    expect(bucket.inputs).toMatchObject({
      forceDestroy: false,
      objectLockEnabled: false,
      tags: { "data-classification": "phi" },
    });
    expect(bucket.inputs).not.toHaveProperty("serverSideEncryptionConfiguration");
    expect(bucket).toMatchObject({ retainOnDelete: true });
    expect(stack.one("aws:kms/key:Key")).toMatchObject({ retainOnDelete: true });
    expect(stack.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs).toMatchObject({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    expect(stack.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls").inputs.rule).toEqual({
      objectOwnership: "BucketOwnerEnforced",
    });
    const sse = stack.one(
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    );
    expect(sse.inputs.rules[0]).toMatchObject({
      applyServerSideEncryptionByDefault: {
        sseAlgorithm: "aws:kms",
        kmsMasterKeyId: mockArn("aws:kms/key:Key", "phi-kms-key"),
      },
      bucketKeyEnabled: true,
      blockedEncryptionTypes: ["SSE-C"],
    });
    expect(sse.propertyDependencies.bucket).toEqual([bucket.urn]);
    expect(stack.one("aws:s3/bucketVersioning:BucketVersioning").inputs.versioningConfiguration).toEqual({
      status: "Enabled",
    });
  });

  it("denies plain HTTP, TLS below the baseline's minimum and foreign encryption", async () => {
    const stack = await awsStack();
    new EncryptedBucket("phi", { kmsKeyArn: "arn:aws:kms:us-east-2:123456789012:key/k" });
    await stack.settle();
    const policy = stack.one("aws:s3/bucketPolicy:BucketPolicy");
    expect(policy.dependsOn).toContain(
      stack.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").urn,
    );
    const s = statementsBySid(policy.inputs.policy);
    expect(s.DenyInsecureTransport).toMatchObject({
      Effect: "Deny",
      Action: "s3:*",
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
    const bucketArn = mockArn("aws:s3/bucket:Bucket", "phi-bucket");
    expect(s.DenyInsecureTransport?.Resource).toEqual([bucketArn, `${bucketArn}/*`]);
    expect(s.DenyOutdatedTls?.Condition).toEqual({ NumericLessThan: { "s3:TlsVersion": "1.2" } });
    expect(s.DenyOtherKmsKeys?.Condition).toEqual({
      StringNotEquals: {
        "s3:x-amz-server-side-encryption-aws-kms-key-id": "arn:aws:kms:us-east-2:123456789012:key/k",
      },
      Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" },
    });
    expect(stack.ofType("aws:kms/key:Key")).toEqual([]);
  });

  it("keeps the same graph in a first preview, with the key and bucket joined through property dependencies", async () => {
    const stack = await awsStack({ preview: true });
    new EncryptedBucket("phi", { baseline: hipaa, compliance: phi });
    await stack.settle();
    expect(stack.registrations).toHaveLength(10);
    const key = stack.one("aws:kms/key:Key");
    const bucket = stack.one("aws:s3/bucket:Bucket");
    const sse = stack.one(
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    );
    // The key's ARN is unknown until it exists; the dependency on the key is what a policy can judge.
    expect(sse.propertyDependencies.rules).toContain(key.urn);
    expect(sse.propertyDependencies.bucket).toEqual([bucket.urn]);
    expect(stack.one("aws:s3/bucketPolicy:BucketPolicy").propertyDependencies.policy).toContain(bucket.urn);
    expect(bucket).toMatchObject({ retainOnDelete: true, inputs: { forceDestroy: false } });
  });

  it("turns on COMPLIANCE-mode Object Lock with six-year retention and protection under FINRA, when acknowledged", async () => {
    const stack = await awsStack();
    const warn = vi.spyOn(pulumi.log, "warn");
    new EncryptedBucket("records", { baseline: finra, acknowledgeIrreversibleLock: true });
    await stack.settle();
    expect(stack.one("aws:s3/bucket:Bucket")).toMatchObject({
      protect: true,
      inputs: { objectLockEnabled: true },
    });
    const lock = stack.one("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration");
    expect(lock.inputs).toMatchObject({
      objectLockEnabled: "Enabled",
      rule: { defaultRetention: { mode: "COMPLIANCE", days: 2192 } },
    });
    expect(lock.dependsOn).toContain(stack.one("aws:s3/bucketVersioning:BucketVersioning").urn);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it.each([
    ["without the acknowledgement", {}],
    ["with GOVERNANCE asked for", { objectLock: { mode: "GOVERNANCE" as const } }],
  ])("builds GOVERNANCE mode under FINRA %s, and warns that records are not WORM yet", async (_, args) => {
    const stack = await awsStack();
    const warn = vi.spyOn(pulumi.log, "warn");
    new EncryptedBucket("records", { baseline: finra, ...args });
    await stack.settle();
    expect(
      stack.one("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration").inputs.rule,
    ).toEqual({ defaultRetention: { mode: "GOVERNANCE", days: 2192 } });
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^objectLock\.mode is off, so these records are not WORM yet \(SEC 17a-4\(f\)\(2\)\(i\)\(B\).*set acknowledgeIrreversibleLock: true to lock it/,
      ),
      expect.anything(),
    );
    warn.mockRestore();
  });

  it("keeps GOVERNANCE mode without a WORM baseline unless COMPLIANCE is asked for and acknowledged", async () => {
    const stack = await awsStack();
    new EncryptedBucket("governed", { objectLock: { retentionDays: 30 } });
    new EncryptedBucket("locked", {
      objectLock: { mode: "COMPLIANCE", retentionDays: 30 },
      acknowledgeIrreversibleLock: true,
    });
    await stack.settle();
    const modes = stack.registrations
      .filter((r) => r.type === "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration")
      .map((r) => [r.name, r.inputs.rule.defaultRetention.mode]);
    expect(modes.sort()).toEqual([
      ["governed-object-lock", "GOVERNANCE"],
      ["locked-object-lock", "COMPLIANCE"],
    ]);
  });

  it("adds access logging and lifecycle rules, and accepts extra policy statements", async () => {
    const stack = await awsStack({ config: { "aws:region": "eu-west-1" } });
    new EncryptedBucket("pd", {
      baseline: mergeBaselines(hipaa, gdpr),
      accessLogging: { targetBucket: "logs-bucket" },
      lifecycleRules: [{ id: "expire", expirationDays: 365, noncurrentVersionExpirationDays: 30 }],
      extraPolicyStatements: (arn) => [
        {
          Sid: "AllowTrail",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: arn,
        },
      ],
    });
    await stack.settle();
    expect(stack.one("aws:s3/bucketLogging:BucketLogging").inputs).toMatchObject({
      targetBucket: "logs-bucket",
      targetPrefix: "pd/",
    });
    expect(
      stack.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs.rules,
    ).toEqual([
      {
        id: "expire",
        status: "Enabled",
        filter: { prefix: "" },
        expiration: { days: 365 },
        noncurrentVersionExpiration: { noncurrentDays: 30 },
      },
    ]);
    expect(
      Object.keys(statementsBySid(stack.one("aws:s3/bucketPolicy:BucketPolicy").inputs.policy)),
    ).toContain("AllowTrail");
  });

  const bad: [string, EncryptedBucketArgs, unknown][] = [
    ["bucketName", { bucketName: "PHI_Data" }, "PHI_Data"],
    ["bucketName", { bucketName: "192.168.1.1" }, "192.168.1.1"],
    ["bucketName", { bucketName: "xn--bucket" }, "xn--bucket"],
    ["objectLock", { baseline: finra, objectLock: false }, false],
    ["objectLock.mode", { objectLock: { mode: "COMPLIANCE" } }, "COMPLIANCE"],
    ["objectLock.mode", { baseline: finra, objectLock: { mode: "COMPLIANCE" } }, "COMPLIANCE"],
    ["acknowledgeIrreversibleLock", { acknowledgeIrreversibleLock: true }, true],
    ["acknowledgeIrreversibleLock", { objectLock: {}, acknowledgeIrreversibleLock: true }, true],
    ["acknowledgeIrreversibleLock", { baseline: finra, acknowledgeIrreversibleLock: false }, false],
    ["objectLock.retentionDays", { baseline: finra, objectLock: { retentionDays: 365 } }, 365],
    ["lifecycleRules", { baseline: gdpr, region: "eu-west-1" }, undefined],
    [
      "lifecycleRules[1].id",
      {
        lifecycleRules: [
          { id: "a", expirationDays: 1 },
          { id: "a", expirationDays: 2 },
        ],
      },
      "a",
    ],
    ["lifecycleRules[0].expirationDays", { lifecycleRules: [{ id: "a", expirationDays: 0 }] }, 0],
    [
      "lifecycleRules[0].expirationDays",
      { baseline: finra, lifecycleRules: [{ id: "a", expirationDays: 30 }] },
      30,
    ],
    [
      "region",
      { baseline: gdpr, region: "us-east-1", lifecycleRules: [{ id: "a", expirationDays: 30 }] },
      "us-east-1",
    ],
    ["accessLogging.targetPrefix", { accessLogging: { targetBucket: "b", targetPrefix: "" } }, ""],
    ["keyServicePrincipals[0]", { keyServicePrincipals: ["logging"] }, "logging"],
    [
      "keyServicePrincipals",
      { kmsKeyArn: "arn:k", keyServicePrincipals: ["logging.s3.amazonaws.com"] },
      ["logging.s3.amazonaws.com"],
    ],
    ["dataProtection.protect", { baseline: finra, dataProtection: { protect: false } }, false],
  ];
  it.each(bad)("rejects %s (%j) before registering anything", async (path, args, value) => {
    const stack = await awsStack();
    expectRejected(() => new EncryptedBucket("b", args), path, value);
    await stack.settle();
    expect(stack.registrations).toEqual([]);
  });
  it("rejects a missing region, with or without its own key, before registering anything", async () => {
    const stack = await awsStack({ config: { "aws:region": undefined } });
    expectRejected(() => new EncryptedBucket("phi"), "region", undefined);
    // Every child is created in the component's region, so a bucket with a given key needs one too.
    expectRejected(
      () => new EncryptedBucket("byok", { kmsKeyArn: "arn:aws:kms:us-east-2:123456789012:key/k" }),
      "region",
      undefined,
    );
    await stack.settle();
    expect(stack.registrations).toEqual([]);
  });
});
