import { customizeBaseline, finra, gdpr, hipaa } from "@palisade/core";
import { expectRejected } from "@palisade/core/test-support";
import { describe, expect, it } from "vitest";
import { EncryptionKey, type EncryptionKeyArgs } from "./encryption-key";
import { ACCOUNT_ID, awsStack, statementsBySid } from "./test-support";

describe("EncryptionKey", () => {
  it("registers a rotating, retained key with the maximum deletion window and an alias", async () => {
    const stack = await awsStack();
    new EncryptionKey("phi", { usagePrincipals: ["arn:aws:iam::123456789012:role/app"] });
    await stack.settle();
    expect(stack.registrations.map((r) => r.type)).toEqual([
      "palisade:aws:EncryptionKey",
      "aws:kms/key:Key",
      "aws:kms/alias:Alias",
    ]);
    const key = stack.one("aws:kms/key:Key");
    expect(key.inputs).toMatchObject({
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      deletionWindowInDays: 30,
      multiRegion: false,
      tags: { "managed-by": "palisade" },
    });
    expect(key).toMatchObject({ retainOnDelete: true, protect: false, name: "phi-key" });
    expect(stack.one("aws:kms/alias:Alias").inputs.name).toBe("alias/phi");
  });

  it("separates administration from use and scopes service use to the account", async () => {
    const stack = await awsStack();
    new EncryptionKey("logs", {
      usagePrincipals: ["arn:aws:iam::123456789012:role/app"],
      servicePrincipals: [
        "cloudtrail.amazonaws.com",
        "logs.us-east-2.amazonaws.com",
        "delivery.logs.amazonaws.com",
      ],
      viaServices: ["s3", "ec2"],
    });
    await stack.settle();
    const statements = statementsBySid(stack.one("aws:kms/key:Key").inputs.policy);
    expect(Object.keys(statements)).toEqual([
      "AccountAdministration",
      "PrincipalUse",
      "PrincipalGrantsForAwsResources",
      "UseBycloudtrailService",
      "UseBylogsService",
      "UseBydeliveryService",
      "UseThroughAwsServices",
    ]);
    const admin = statements.AccountAdministration;
    expect(admin?.Principal).toEqual({ AWS: [`arn:aws:iam::${ACCOUNT_ID}:root`] });
    expect(admin?.Action).not.toContain("kms:Decrypt");
    expect(admin?.Action).not.toContain("kms:*");
    expect(statements.PrincipalUse?.Action).toEqual([
      "kms:Encrypt",
      "kms:Decrypt",
      "kms:ReEncrypt*",
      "kms:GenerateDataKey*",
      "kms:DescribeKey",
    ]);
    expect(statements.PrincipalGrantsForAwsResources?.Condition).toEqual({
      Bool: { "kms:GrantIsForAWSResource": "true" },
    });
    expect(statements.UseBycloudtrailService?.Condition).toEqual({
      StringLike: {
        "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${ACCOUNT_ID}:trail/*`,
      },
    });
    expect(statements.UseBylogsService?.Condition).toEqual({
      ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:us-east-2:${ACCOUNT_ID}:log-group:*` },
    });
    expect(statements.UseBydeliveryService?.Condition).toEqual({
      StringEquals: { "aws:SourceAccount": ACCOUNT_ID },
    });
    expect(statements.UseThroughAwsServices?.Condition).toEqual({
      StringEquals: {
        "kms:CallerAccount": ACCOUNT_ID,
        "kms:ViaService": ["s3.us-east-2.amazonaws.com", "ec2.us-east-2.amazonaws.com"],
      },
    });
  });

  it("grants no use at all unless asked", async () => {
    const stack = await awsStack();
    new EncryptionKey("bare");
    await stack.settle();
    expect(Object.keys(statementsBySid(stack.one("aws:kms/key:Key").inputs.policy))).toEqual([
      "AccountAdministration",
    ]);
  });

  it("takes the stricter rotation from a baseline and protection from FINRA", async () => {
    const stack = await awsStack();
    const quarterly = customizeBaseline(hipaa, { maxKeyRotationDays: 90 }, "quarterly key rotation policy");
    new EncryptionKey("q", { baseline: quarterly });
    new EncryptionKey("records", {
      baseline: finra,
      compliance: { frameworks: ["finra"], dataClassification: "finra-records", owner: "records" },
    });
    await stack.settle();
    expect(stack.one("aws:kms/key:Key", "q-key").inputs.rotationPeriodInDays).toBe(90);
    const records = stack.one("aws:kms/key:Key", "records-key");
    expect(records.protect).toBe(true);
    expect(records.inputs.tags).toMatchObject({
      "data-classification": "finra-records",
      "compliance-frameworks": "finra",
    });
  });

  const bad: [string, EncryptionKeyArgs, unknown][] = [
    ["rotationPeriodInDays", { rotationPeriodInDays: 30 }, 30],
    ["rotationPeriodInDays", { rotationPeriodInDays: 3000 }, 3000],
    ["region", { baseline: gdpr, region: "us-east-2" }, "us-east-2"],
    ["rotationPeriodInDays", { rotationPeriodInDays: 400, baseline: hipaa }, 400],
    ["deletionWindowInDays", { deletionWindowInDays: 3 }, 3],
    ["deletionWindowInDays", { deletionWindowInDays: 10, baseline: finra }, 10],
    ["alias", { alias: "phi" }, "phi"],
    ["alias", { alias: "alias/aws/s3" }, "alias/aws/s3"],
    ["servicePrincipals[0]", { servicePrincipals: ["cloudtrail"] }, "cloudtrail"],
    ["viaServices[0]", { viaServices: ["S3 service"] }, "S3 service"],
    ["usagePrincipals", { usagePrincipals: [] }, []],
    ["dataProtection.protect", { baseline: finra, dataProtection: { protect: false } }, false],
    ['tags["aws:owner"]', { tags: { "aws:owner": "x" } }, "aws:owner"],
    [
      "compliance.owner",
      { compliance: { frameworks: ["hipaa"], dataClassification: "phi", owner: "Data Team" } },
      "Data Team",
    ],
  ];
  it.each(bad)("rejects %s (%j) before registering anything", async (path, args, value) => {
    const stack = await awsStack();
    expectRejected(() => new EncryptionKey("k", args), path, value);
    await stack.settle();
    expect(stack.registrations).toEqual([]);
  });
});
