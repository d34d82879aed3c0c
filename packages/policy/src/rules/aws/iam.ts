/** AWS IAM least privilege: no administrator grants, no policies on users, no role anyone may assume. */
import type * as iam from "@pulumi/aws/iam";
import { resourceRule, type Props } from "../../rule";

interface Statement {
  Effect?: unknown;
  Action?: unknown;
  NotAction?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
  Principal?: unknown;
  Condition?: unknown;
}

const list = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** A policy document's statements; `policy` arrives as JSON text, or as an object from the typed form. */
function statements(policy: unknown, property: string): Statement[] | string {
  let document: unknown = policy;
  if (typeof policy === "string") {
    try {
      document = JSON.parse(policy);
    } catch {
      return `${property} is not valid JSON`;
    }
  }
  const statement = (document as { Statement?: unknown } | undefined)?.Statement;
  return list(statement).filter((s): s is Statement => typeof s === "object" && s !== null);
}

/** What an Allow statement grants beyond least privilege, if anything. */
function overreach(s: Statement): string | undefined {
  if (s.Effect !== "Allow") return undefined;
  if (s.NotAction !== undefined) return "allows NotAction (every action but the listed ones)";
  const actions = list(s.Action).map(String);
  if (actions.includes("*")) return 'allows Action "*"';
  const everyResource = list(s.Resource).includes("*") || s.NotResource !== undefined;
  const serviceWide = actions.find((a) => /^[a-z0-9-]+:\*$/i.test(a));
  return everyResource && serviceWide ? `allows ${serviceWide} on every resource` : undefined;
}

/** Managed policies that grant administration of the account or its identities. */
const ADMIN_POLICIES =
  /^arn:aws[a-z-]*:iam::aws:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess)$/;

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
const USER_GRANTS = ["aws:iam/userPolicy:UserPolicy", "aws:iam/userPolicyAttachment:UserPolicyAttachment"];

export const iamLeastPrivilege = resourceRule({
  id: "aws-iam-least-privilege",
  description:
    "IAM policies grant no administrator access, nothing is granted to users directly, and no role trusts everyone",
  target: "aws",
  types: [...POLICY_TYPES, ...ATTACHMENT_TYPES, ROLE],
  check: (props: Props<iam.RolePolicyArgs & iam.RolePolicyAttachmentArgs & iam.RoleArgs>, args) => {
    if (USER_GRANTS.includes(args.type))
      return ["grants permissions to a user directly; attach them to a group or role instead"];
    if (ATTACHMENT_TYPES.includes(args.type))
      return ADMIN_POLICIES.test(String(props.policyArn))
        ? [`policyArn ${props.policyArn} grants administrator access`]
        : [];
    if (args.type === ROLE) return roleProblems(props);
    const found = statements(props.policy, "policy");
    if (typeof found === "string") return [found];
    return found.flatMap((s, i) => {
      const why = overreach(s);
      return why ? [`policy Statement[${i}] ${why}`] : [];
    });
  },
});

function roleProblems(props: Props<iam.RoleArgs>): string[] {
  const trust = statements(props.assumeRolePolicy, "assumeRolePolicy");
  if (typeof trust === "string") return [trust];
  const problems = trust.flatMap((s, i) => {
    const principal = s.Principal as { AWS?: unknown } | string | undefined;
    const anyone = principal === "*" || list((principal as { AWS?: unknown })?.AWS).includes("*");
    return s.Effect === "Allow" && anyone && s.Condition === undefined
      ? [`assumeRolePolicy Statement[${i}] lets any AWS principal assume the role, with no condition`]
      : [];
  });
  const admin = list(props.managedPolicyArns as unknown).filter((arn) => ADMIN_POLICIES.test(String(arn)));
  return [...problems, ...admin.map((arn) => `managedPolicyArns includes ${arn} (administrator access)`)];
}
