import { describe, expect, it } from "vitest";
import { analyzeResource, UNKNOWN } from "../../kit";
import { describeResourceCases, policy } from "../rule-cases.test-support";

const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const writeLogs = {
  Effect: "Allow",
  Action: ["logs:PutLogEvents"],
  Resource: "arn:aws:logs:r:1:log-group:g:*",
};

describeResourceCases([
  {
    rule: "aws-iam-least-privilege",
    type: "aws:iam/rolePolicy:RolePolicy",
    compliant: { role: "r", policy: doc(writeLogs) },
    violating: { role: "r", policy: doc(writeLogs, { Effect: "Allow", Action: "*", Resource: "*" }) },
    // A policy naming a resource created in the same preview cannot be read until it is created.
    unknown: { role: UNKNOWN, policy: UNKNOWN },
    unknownVerdict: "undetermined",
  },
  {
    rule: "aws-iam-least-privilege",
    type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    compliant: { role: "r", policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" },
    violating: { role: "r", policyArn: "arn:aws-us-gov:iam::aws:policy/AdministratorAccess" },
    unknown: { role: UNKNOWN, policyArn: "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy" },
    unknownVerdict: "compliant",
  },
  {
    rule: "aws-iam-least-privilege",
    type: "aws:iam/role:Role",
    compliant: {
      assumeRolePolicy: doc({
        Effect: "Allow",
        Principal: { Service: "ec2.amazonaws.com" },
        Action: "sts:AssumeRole",
      }),
    },
    violating: {
      assumeRolePolicy: doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }),
    },
    unknown: { assumeRolePolicy: UNKNOWN },
    unknownVerdict: "undetermined",
  },
]);

describe("aws-iam-least-privilege", () => {
  const run = (type: string, props: Record<string, unknown>) =>
    analyzeResource(policy("aws-iam-least-privilege"), { type: `aws:iam/${type}`, name: "p", props });

  it("names each statement that grants too much, in text or object form", async () => {
    const result = await run("policy:Policy", {
      policy: {
        Statement: [
          writeLogs,
          { Effect: "Allow", Action: ["s3:*"], Resource: ["*"] },
          { Effect: "Allow", NotAction: "iam:*", Resource: "*" },
          { Effect: "Deny", Action: "*", Resource: "*" },
        ],
      },
    });
    expect(result.violations).toEqual([
      expect.stringContaining("policy Statement[1] allows s3:* on every resource"),
      expect.stringContaining("policy Statement[2] allows NotAction"),
    ]);
  });

  it("allows a service-wide action scoped to named resources", async () => {
    const scoped = { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::phi/*" };
    expect((await run("groupPolicy:GroupPolicy", { group: "g", policy: doc(scoped) })).violations).toEqual(
      [],
    );
  });

  it("rejects grants to users and a policy that is not JSON", async () => {
    const user = await run("userPolicyAttachment:UserPolicyAttachment", {
      user: "alice",
      policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
    });
    expect(user.violations[0]).toContain("grants permissions to a user directly");
    const broken = await run("rolePolicy:RolePolicy", { role: "r", policy: "{not json" });
    expect(broken.violations[0]).toContain("policy is not valid JSON");
  });

  it("accepts a trust policy open to everyone only with a condition, and flags admin managed policies on a role", async () => {
    const conditioned = doc({
      Effect: "Allow",
      Principal: "*",
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { StringEquals: { "oidc:aud": "sts.amazonaws.com" } },
    });
    const result = await run("role:Role", {
      assumeRolePolicy: conditioned,
      managedPolicyArns: ["arn:aws:iam::aws:policy/IAMFullAccess"],
    });
    expect(result.violations).toEqual([
      expect.stringContaining("managedPolicyArns includes arn:aws:iam::aws:policy/IAMFullAccess"),
    ]);
  });
});
