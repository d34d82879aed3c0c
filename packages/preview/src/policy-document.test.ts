import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { renderPolicyDocument } from "./policy-document";

const doc = (args: Parameters<typeof renderPolicyDocument>[0]) =>
  JSON.parse(renderPolicyDocument(args).json) as Record<string, unknown>;

describe("aws.iam.getPolicyDocument, rendered as the AWS provider renders it", () => {
  it("writes a statement with the provider's defaults: version, Allow, no Sid when none is given", () => {
    const result = renderPolicyDocument({
      statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::data/*"] }],
    });
    const expected = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::data/*" }],
    };
    expect(JSON.parse(result.minifiedJson)).toEqual(expected);
    expect(result.json).toBe(JSON.stringify(expected, null, 2));
    expect(result.minifiedJson).toBe(JSON.stringify(expected));
    expect(result.id).toBe(String(crc32(result.json)));
    expect(result.version).toBe("2012-10-17");
  });

  it("writes a list of one as a string, longer lists once each in reverse order, in the provider's key order", () => {
    const [statement] = doc({
      statements: [
        {
          sid: "Deny",
          effect: "Deny",
          notActions: ["s3:PutObject", "s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
          notResources: ["arn:aws:s3:::a", "arn:aws:s3:::b"],
          notPrincipals: [{ type: "AWS", identifiers: ["arn:aws:iam::123456789012:root"] }],
        },
      ],
    }).Statement as Record<string, unknown>[];
    expect(statement).toEqual({
      Sid: "Deny",
      Effect: "Deny",
      NotAction: ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"],
      NotResource: ["arn:aws:s3:::b", "arn:aws:s3:::a"],
      NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" },
    });
    expect(Object.keys(statement!)).toEqual(["Sid", "Effect", "NotAction", "NotResource", "NotPrincipal"]);
  });

  it('groups principals by type, and writes the anonymous principal as "*" only for type "*"', () => {
    const principalOf = (principals: { type: string; identifiers: string[] }[]) =>
      (
        doc({ statements: [{ actions: ["sts:AssumeRole"], principals }] }).Statement as {
          Principal: unknown;
        }[]
      )[0]!.Principal;
    expect(principalOf([{ type: "*", identifiers: ["*"] }])).toBe("*");
    expect(principalOf([{ type: "AWS", identifiers: ["*"] }])).toEqual({ AWS: "*" });
    expect(
      principalOf([
        { type: "Service", identifiers: ["ec2.amazonaws.com"] },
        { type: "AWS", identifiers: ["arn:aws:iam::111111111111:root"] },
        { type: "AWS", identifiers: ["arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:root"] },
      ]),
    ).toEqual({
      AWS: [
        "arn:aws:iam::111111111111:root",
        "arn:aws:iam::333333333333:root",
        "arn:aws:iam::222222222222:root",
      ],
      Service: "ec2.amazonaws.com",
    });
  });

  it("groups conditions by test and variable, keeps the values' order, and turns &{...} into policy variables", () => {
    const [statement] = doc({
      statements: [
        {
          actions: ["s3:ListBucket"],
          conditions: [
            { test: "StringLike", variable: "s3:prefix", values: ["home/&{aws:username}/*"] },
            { test: "IpAddress", variable: "aws:SourceIp", values: ["10.0.0.0/8", "192.168.0.0/16"] },
            { test: "StringLike", variable: "s3:prefix", values: ["shared/*"] },
          ],
        },
      ],
    }).Statement as { Condition: unknown }[];
    expect(statement!.Condition).toEqual({
      IpAddress: { "aws:SourceIp": ["10.0.0.0/8", "192.168.0.0/16"] },
      StringLike: { "s3:prefix": ["home/${aws:username}/*", "shared/*"] },
    });
  });

  it("merges source documents first, then its statements, then overrides, a statement replacing the one with its Sid", () => {
    const source = JSON.stringify({
      Version: "2012-10-17",
      Id: "source",
      Statement: [
        { Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
        { Sid: "Keep", Effect: "Allow", Action: "s3:ListBucket", Resource: "*" },
      ],
    });
    const override = JSON.stringify({
      Statement: { Sid: "Write", Effect: "Deny", Action: "s3:PutObject", Resource: "*" },
    });
    const result = doc({
      sourcePolicyDocuments: [source],
      policyId: "mine",
      statements: [
        { sid: "Read", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::data/*"] },
        { sid: "Write", actions: ["s3:PutObject"], resources: ["arn:aws:s3:::data/*"] },
        { actions: ["s3:GetBucketLocation"], resources: ["*"] },
      ],
      overridePolicyDocuments: [override],
    });
    expect(result.Id).toBe("mine");
    expect(result.Statement).toEqual([
      { Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::data/*" },
      { Sid: "Keep", Effect: "Allow", Action: "s3:ListBucket", Resource: "*" },
      { Sid: "Write", Effect: "Deny", Action: "s3:PutObject", Resource: "*" },
      { Effect: "Allow", Action: "s3:GetBucketLocation", Resource: "*" },
    ]);
  });

  it("echoes the lookup's arguments in the result, as the provider does", () => {
    const statements = [{ actions: ["kms:Decrypt"], resources: ["*"] }];
    expect(renderPolicyDocument({ statements, policyId: "p" })).toMatchObject({ statements, policyId: "p" });
  });
});
