import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { iamLeastPrivilege } from "./iam";

const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const writeLogs = {
  Effect: "Allow",
  Action: ["logs:PutLogEvents"],
  Resource: "arn:aws:logs:r:1:log-group:g:*",
};
const ec2Trust = doc({
  Effect: "Allow",
  Principal: { Service: "ec2.amazonaws.com" },
  Action: "sts:AssumeRole",
});

const iam = (type: string, props: Record<string, unknown>): KitResource => ({
  type: `aws:iam/${type}`,
  name: "grant",
  props,
});
const rolePolicy = (...statements: object[]) =>
  iam("rolePolicy:RolePolicy", { role: "r", policy: doc(...statements) });
const attachment = (policyArn: unknown, type = "rolePolicyAttachment:RolePolicyAttachment") =>
  iam(type, { role: "r", policyArn });
const role = (props: Record<string, unknown>) => iam("role:Role", { assumeRolePolicy: ec2Trust, ...props });
const managed = (name: string) => `arn:aws:iam::aws:policy/${name}`;

describeRule(iamLeastPrivilege, {
  baseline: hipaa,
  compliant: [
    rolePolicy(writeLogs, { Effect: "Deny", Action: "*", Resource: "*" }),
    // A service-wide action scoped to named resources.
    iam("groupPolicy:GroupPolicy", {
      group: "g",
      policy: doc({ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::phi/*" }),
    }),
    iam("policy:Policy", { policy: { Statement: [writeLogs] } }),
    attachment(managed("AmazonSSMManagedInstanceCore")),
    attachment("arn:aws:iam::123456789012:policy/S3FullAccessForApp"),
    attachment(managed("service-role/AmazonEKSClusterPolicy")),
    iam("policyAttachment:PolicyAttachment", {
      roles: ["r"],
      groups: ["g"],
      policyArn: managed("ReadOnlyAccess"),
    }),
    role({
      managedPolicyArns: [managed("AmazonEKSWorkerNodePolicy")],
      inlinePolicies: [{ name: "logs", policy: doc(writeLogs) }],
    }),
    role({
      assumeRolePolicy: doc({
        Effect: "Allow",
        Principal: "*",
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { "oidc:aud": "sts.amazonaws.com" } },
      }),
    }),
    role({ assumeRolePolicy: doc({ Effect: "Deny", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }) }),
  ],
  requirements: {
    "no-admin-access": {
      violating: [
        rolePolicy(writeLogs, { Effect: "Allow", Action: "*", Resource: "*" }),
        rolePolicy({ Effect: "Allow", Action: ["s3:GetObject", "*"], Resource: "arn:aws:s3:::phi/*" }),
        rolePolicy({ Effect: "Allow", NotAction: "iam:*", Resource: "arn:aws:s3:::phi/*" }),
        // The typed form, with a single statement.
        iam("policy:Policy", {
          policy: { Statement: { Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::x" } },
        }),
        attachment("arn:aws-us-gov:iam::aws:policy/AdministratorAccess"),
        attachment(managed("PowerUserAccess"), "groupPolicyAttachment:GroupPolicyAttachment"),
        attachment(managed("IAMFullAccess")),
        role({ managedPolicyArns: [managed("ReadOnlyAccess"), managed("AdministratorAccess")] }),
        role({
          inlinePolicies: [
            { name: "all", policy: doc({ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::x" }) },
          ],
        }),
      ],
      unknown: [
        iam("policy:Policy", {
          policy: { Statement: [{ Effect: "Allow", NotAction: UNKNOWN, Resource: "arn:aws:s3:::x" }] },
        }),
      ],
    },
    "no-service-wide-grant": {
      violating: [
        rolePolicy(writeLogs, { Effect: "Allow", Action: ["s3:*"], Resource: ["*"] }),
        rolePolicy({
          Effect: "Allow",
          Action: "dynamodb:*",
          NotResource: "arn:aws:dynamodb:r:1:table/audit",
        }),
        // The same grant through an AWS-managed policy.
        attachment(managed("AmazonS3FullAccess")),
        attachment(managed("AWSLambda_FullAccess"), "groupPolicyAttachment:GroupPolicyAttachment"),
        role({ managedPolicyArns: [managed("AmazonSageMakerFullAccess")] }),
      ],
      unknown: [
        iam("policy:Policy", {
          policy: { Statement: [{ Effect: "Allow", Action: "s3:*", Resource: UNKNOWN }] },
        }),
      ],
    },
    "no-user-grants": {
      violating: [
        iam("userPolicyAttachment:UserPolicyAttachment", {
          user: "alice",
          policyArn: managed("ReadOnlyAccess"),
        }),
        iam("userPolicy:UserPolicy", { user: "alice", policy: doc(writeLogs) }),
        iam("policyAttachment:PolicyAttachment", { users: ["alice"], policyArn: managed("ReadOnlyAccess") }),
      ],
      unknown: [
        iam("policyAttachment:PolicyAttachment", { users: UNKNOWN, policyArn: managed("ReadOnlyAccess") }),
      ],
      decidedWhenUnknown: [
        iam("policyAttachment:PolicyAttachment", { groups: [UNKNOWN], policyArn: managed("ReadOnlyAccess") }),
      ],
    },
    "no-open-trust": {
      violating: [
        role({
          assumeRolePolicy: doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }),
        }),
        role({
          assumeRolePolicy: doc({
            Effect: "Allow",
            Principal: { AWS: ["arn:aws:iam::1:root", "*"] },
            Action: "sts:AssumeRole",
          }),
        }),
        role({ assumeRolePolicy: doc({ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }) }),
      ],
      unknown: [
        role({
          assumeRolePolicy: {
            Statement: [{ Effect: "Allow", Principal: UNKNOWN, Action: "sts:AssumeRole" }],
          },
        }),
      ],
    },
    "readable-document": {
      violating: [
        iam("rolePolicy:RolePolicy", { role: "r", policy: "{not json" }),
        role({ assumeRolePolicy: "not json" }),
        role({ inlinePolicies: [{ name: "x", policy: "{" }] }),
      ],
      // A policy naming a resource created in the same preview is unknown until deployment: every
      // requirement that reads the document is undetermined.
      unknown: [iam("rolePolicy:RolePolicy", { role: UNKNOWN, policy: UNKNOWN })],
      readsWith: ["no-admin-access", "no-service-wide-grant"],
    },
  },
});
