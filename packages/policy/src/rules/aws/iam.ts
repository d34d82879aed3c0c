/**
 * AWS IAM least privilege (aws v7): no administrator or service-wide grants (inline or managed), nothing
 * granted to users directly, no role anyone may assume, and policy documents that can be read.
 */
import type * as iam from "@pulumi/aws/iam";
import { fixedSetting, resourceRule, type Props } from "../../rule";

export interface Statement {
  Effect?: unknown;
  Action?: unknown;
  NotAction?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
  Principal?: unknown;
  Condition?: unknown;
}

export const list = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** A policy document's statements; the document arrives as JSON text, or as an object from the typed form. */
export function statements(document: unknown): Statement[] | undefined {
  let parsed: unknown = document;
  if (typeof document === "string") {
    try {
      parsed = JSON.parse(document);
    } catch {
      return undefined;
    }
  }
  const statement = (parsed as { Statement?: unknown } | undefined)?.Statement;
  return list(statement).filter((s): s is Statement => typeof s === "object" && s !== null);
}

const POLICY_TYPES = [
  "aws:iam/policy:Policy",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/groupPolicy:GroupPolicy",
  "aws:iam/userPolicy:UserPolicy",
];
const ATTACHMENT_TYPES = [
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
  "aws:iam/userPolicyAttachment:UserPolicyAttachment",
  "aws:iam/policyAttachment:PolicyAttachment",
];
const ROLE = "aws:iam/role:Role";
const GRANTS = [...POLICY_TYPES, ...ATTACHMENT_TYPES, ROLE];

type Grant = Props<
  iam.RolePolicyArgs & iam.RolePolicyAttachmentArgs & iam.RoleArgs & iam.PolicyAttachmentArgs
>;

/** The permission documents a resource grants, by property path (a role's trust policy is not one). */
function documents(props: Grant, type: string): { path: string; document: unknown }[] {
  if (POLICY_TYPES.includes(type)) return [{ path: "policy", document: props.policy }];
  if (type !== ROLE) return [];
  return ((props.inlinePolicies as { policy?: unknown }[] | undefined) ?? []).map((p, i) => ({
    path: `inlinePolicies[${i}].policy`,
    document: p?.policy,
  }));
}

/** The AWS-managed policies a resource attaches, by property path. */
function managedPolicies(props: Grant, type: string): { path: string; arn: string }[] {
  if (ATTACHMENT_TYPES.includes(type)) return [{ path: "policyArn", arn: String(props.policyArn) }];
  if (type !== ROLE) return [];
  return ((props.managedPolicyArns as unknown[] | undefined) ?? []).map((arn, i) => ({
    path: `managedPolicyArns[${i}]`,
    arn: String(arn),
  }));
}

/** The name of an AWS-managed policy (account `aws`), or undefined for a customer-managed one. */
const awsManagedName = (arn: string) =>
  /^arn:aws[a-z-]*:iam::aws:policy\/(?:[^/]+\/)*([^/]+)$/.exec(arn)?.[1];

/** AWS-managed policies that administer the account or its identities. */
const ADMIN_POLICIES = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];

/** Each readable document's Allow statements, by path. */
function allowStatements(props: Grant, type: string): { path: string; statement: Statement }[] {
  return documents(props, type).flatMap(({ path, document }) =>
    (statements(document) ?? []).flatMap((statement, i) =>
      statement.Effect === "Allow" ? [{ path: `${path} Statement[${i}]`, statement }] : [],
    ),
  );
}

export const iamLeastPrivilege = resourceRule({
  id: "aws-iam-least-privilege",
  description:
    "IAM grants no administrator or service-wide access, nothing is granted to users directly, and no role trusts everyone",
  target: "aws",
  types: GRANTS,
  requirements: [
    {
      id: "no-admin-access",
      description:
        'No grant of every action: Action "*", an Allow with NotAction, or the AdministratorAccess, PowerUserAccess or IAMFullAccess managed policies',
      remediation: "Name the actions the principal needs instead of granting administration.",
      afterDeployment:
        "Documents that embed ARNs of resources created in the same update (most do) are unknown in a first preview.",
      check: (props: Grant, { type }) => [
        ...allowStatements(props, type).flatMap(({ path, statement }) => {
          if (statement.NotAction !== undefined) return [`${path} allows NotAction (every action but some)`];
          return list(statement.Action).includes("*") ? [`${path} allows Action "*"`] : [];
        }),
        ...managedPolicies(props, type).flatMap(({ path, arn }) => {
          const name = ADMIN_POLICIES.find((admin) => awsManagedName(arn) === admin);
          return name ? [`${path} attaches the ${name} managed policy`] : [];
        }),
      ],
    },
    {
      id: "no-service-wide-grant",
      description:
        'No grant of a whole service on every resource: "<service>:*" on Resource "*" (or NotResource), or an AWS-managed *FullAccess policy',
      remediation:
        "Name the actions and the resources the principal needs (the ARNs of its buckets, tables, keys) instead of a service-wide grant.",
      afterDeployment:
        "Documents that embed ARNs of resources created in the same update (most do) are unknown in a first preview.",
      check: (props: Grant, { type }) => [
        ...allowStatements(props, type).flatMap(({ path, statement }) => {
          const serviceWide = list(statement.Action).some((a) => /^[a-z0-9-]+:\*$/i.test(String(a)));
          const everyResource = list(statement.Resource).includes("*") || statement.NotResource !== undefined;
          return serviceWide && everyResource
            ? [`${path} allows a whole service's actions on every resource`]
            : [];
        }),
        ...managedPolicies(props, type).flatMap(({ path, arn }) => {
          const name = awsManagedName(arn);
          return name !== undefined && name.includes("FullAccess") && !ADMIN_POLICIES.includes(name)
            ? [`${path} attaches an AWS-managed policy with full access to a service`]
            : [];
        }),
      ],
    },
    {
      id: "no-user-grants",
      description: "Permissions are granted to groups and roles, never to users directly",
      remediation: "Attach the policy to a group or role the user belongs to or assumes.",
      types: [
        "aws:iam/userPolicy:UserPolicy",
        "aws:iam/userPolicyAttachment:UserPolicyAttachment",
        "aws:iam/policyAttachment:PolicyAttachment",
      ],
      check: (props: Grant, { type }) => {
        if (type !== "aws:iam/policyAttachment:PolicyAttachment")
          return ["grants permissions to a user directly; grant them to a group or role instead"];
        return ((props.users as unknown[] | undefined) ?? []).length > 0
          ? ["users attaches the policy to users directly; attach it to a group or role instead"]
          : [];
      },
    },
    {
      id: "no-open-trust",
      description: "No role lets any AWS principal assume it without a condition",
      remediation:
        "Name the principals (accounts, roles, services) that may assume the role, or add a Condition that narrows them.",
      types: [ROLE],
      check: (props: Grant) =>
        (statements(props.assumeRolePolicy) ?? []).flatMap((s, i) => {
          const principal = s.Principal as { AWS?: unknown } | string | undefined;
          const anyone = principal === "*" || list((principal as { AWS?: unknown })?.AWS).includes("*");
          return s.Effect === "Allow" && anyone && s.Condition === undefined
            ? [`assumeRolePolicy Statement[${i}] lets any AWS principal assume the role, with no condition`]
            : [];
        }),
    },
    {
      id: "readable-document",
      description: "Every policy document is valid JSON, so the other requirements can judge it",
      remediation: "Write the document with JSON.stringify or aws.iam.getPolicyDocument.",
      types: [...POLICY_TYPES, ROLE],
      check: (props: Grant, { type }) => {
        const all = [...documents(props, type)];
        if (type === ROLE) all.push({ path: "assumeRolePolicy", document: props.assumeRolePolicy });
        return all.flatMap(({ path, document }) =>
          statements(document) === undefined ? [`${path} is not valid JSON`] : [],
        );
      },
    },
  ],
});

type PasswordPolicy = Props<iam.AccountPasswordPolicyArgs>;

/** Character classes a password must mix. */
const CHARACTER_CLASSES = [
  "requireLowercaseCharacters",
  "requireUppercaseCharacters",
  "requireNumbers",
  "requireSymbols",
] as const;

/**
 * The account password policy, at AWS Config IAM_PASSWORD_POLICY's HIPAA conformance-pack values. Every
 * field the policy omits takes IAM's default, which is weaker than these (no classes, no reuse
 * prevention, no expiry, 8 characters).
 */
export const iamAccountPasswordPolicy = resourceRule({
  id: "aws-iam-account-password-policy",
  description: "The account password policy asks for long, mixed, fresh passwords",
  target: "aws",
  types: ["aws:iam/accountPasswordPolicy:AccountPasswordPolicy"],
  config: {
    minPasswordLength: fixedSetting(14, { type: "integer", minimum: 6, maximum: 128 }),
    minPasswordReusePrevention: fixedSetting(24, { type: "integer", minimum: 1, maximum: 24 }),
    maxPasswordAgeDays: fixedSetting(90, {
      type: "integer",
      minimum: 0,
      maximum: 1095,
      description:
        "Longest a password may live; 0 leaves expiry unjudged (NIST SP 800-63B advises against forced rotation)",
    }),
  },
  requirements: [
    {
      id: "minimum-length",
      description: "Passwords are at least minPasswordLength characters",
      remediation: "Set minimumPasswordLength to at least minPasswordLength.",
      check: (props: PasswordPolicy, { config }) => {
        const min = Number(config.minPasswordLength);
        return Number(props.minimumPasswordLength ?? 0) < min
          ? [`minimumPasswordLength is below minPasswordLength ${min}`]
          : [];
      },
    },
    {
      id: "character-classes",
      description: "Passwords mix lowercase and uppercase letters, numbers and symbols",
      remediation:
        "Set requireLowercaseCharacters, requireUppercaseCharacters, requireNumbers and requireSymbols to true.",
      check: (props: PasswordPolicy) =>
        CHARACTER_CLASSES.filter((field) => props[field] !== true).map((field) => `${field} is not true`),
    },
    {
      id: "reuse-prevention",
      description: "A new password may not repeat the last minPasswordReusePrevention passwords",
      remediation: "Set passwordReusePrevention to at least minPasswordReusePrevention.",
      check: (props: PasswordPolicy, { config }) => {
        const min = Number(config.minPasswordReusePrevention);
        return Number(props.passwordReusePrevention ?? 0) < min
          ? [`passwordReusePrevention is below minPasswordReusePrevention ${min}`]
          : [];
      },
    },
    {
      id: "max-age",
      description: "Passwords expire within maxPasswordAgeDays (when that setting is not 0)",
      remediation: "Set maxPasswordAge between 1 and maxPasswordAgeDays.",
      check: (props: PasswordPolicy, { config }) => {
        const max = Number(config.maxPasswordAgeDays);
        if (max === 0) return [];
        // Unset or 0: passwords never expire.
        const age = Number(props.maxPasswordAge ?? 0);
        return age === 0 || age > max ? [`maxPasswordAge is unset or above maxPasswordAgeDays ${max}`] : [];
      },
    },
  ],
});
