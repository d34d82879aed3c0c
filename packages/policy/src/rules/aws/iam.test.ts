import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { iamAccountPasswordPolicy, iamLeastPrivilege } from "./iam";

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

const passwordPolicy = (props: Record<string, unknown>): KitResource => ({
  type: "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
  name: "passwords",
  props: {
    minimumPasswordLength: 14,
    requireLowercaseCharacters: true,
    requireUppercaseCharacters: true,
    requireNumbers: true,
    requireSymbols: true,
    passwordReusePrevention: 24,
    maxPasswordAge: 90,
    ...props,
  },
});

describeRule(iamAccountPasswordPolicy, {
  baseline: hipaa,
  compliant: [passwordPolicy({}), passwordPolicy({ minimumPasswordLength: 32, maxPasswordAge: 1 })],
  requirements: {
    "minimum-length": {
      violating: [
        passwordPolicy({ minimumPasswordLength: 13 }),
        passwordPolicy({ minimumPasswordLength: undefined }),
        { resources: [passwordPolicy({ minimumPasswordLength: 15 })], config: { minPasswordLength: 16 } },
      ],
      compliant: [
        { resources: [passwordPolicy({ minimumPasswordLength: 8 })], config: { minPasswordLength: 8 } },
      ],
      unknown: [passwordPolicy({ minimumPasswordLength: UNKNOWN })],
    },
    "character-classes": {
      violating: [
        passwordPolicy({ requireLowercaseCharacters: false }),
        passwordPolicy({ requireUppercaseCharacters: undefined }),
        passwordPolicy({ requireNumbers: false }),
        passwordPolicy({ requireSymbols: undefined }),
      ],
      unknown: [passwordPolicy({ requireSymbols: UNKNOWN })],
    },
    "reuse-prevention": {
      violating: [
        passwordPolicy({ passwordReusePrevention: 23 }),
        passwordPolicy({ passwordReusePrevention: undefined }),
        {
          resources: [passwordPolicy({ passwordReusePrevention: 4 })],
          config: { minPasswordReusePrevention: 5 },
        },
      ],
      compliant: [
        {
          resources: [passwordPolicy({ passwordReusePrevention: 5 })],
          config: { minPasswordReusePrevention: 5 },
        },
      ],
      unknown: [passwordPolicy({ passwordReusePrevention: UNKNOWN })],
    },
    "max-age": {
      violating: [
        passwordPolicy({ maxPasswordAge: 91 }),
        passwordPolicy({ maxPasswordAge: 0 }),
        passwordPolicy({ maxPasswordAge: undefined }),
        { resources: [passwordPolicy({ maxPasswordAge: 61 })], config: { maxPasswordAgeDays: 60 } },
      ],
      compliant: [
        { resources: [passwordPolicy({ maxPasswordAge: 60 })], config: { maxPasswordAgeDays: 60 } },
        // 0 leaves expiry unjudged.
        { resources: [passwordPolicy({ maxPasswordAge: undefined })], config: { maxPasswordAgeDays: 0 } },
      ],
      unknown: [passwordPolicy({ maxPasswordAge: UNKNOWN })],
    },
  },
});
