/** GCP IAM rules (gcp v9 projects, folder, organizations): Cloud Audit Logs configuration. */
import type * as projects from "@pulumi/gcp/projects";
import { resourceRule, type Props } from "../../rule";

const LOG_TYPES = ["ADMIN_READ", "DATA_READ", "DATA_WRITE"];

type AuditConfig = Props<projects.IAMAuditConfigArgs>;

/** The IAM audit config resources at project, folder and organization level (their args share these inputs). */
export const AUDIT_CONFIGS = [
  "gcp:projects/iAMAuditConfig:IAMAuditConfig",
  "gcp:folder/iamAuditConfig:IamAuditConfig",
  "gcp:organizations/iamAuditConfig:IamAuditConfig",
];

/** An audit config's `auditLogConfigs` entries, none when unset. */
export const auditLogConfigs = (props: AuditConfig) =>
  (props.auditLogConfigs as { logType?: unknown; exemptedMembers?: unknown[] }[] | undefined) ?? [];

/** The log types an audit config turns on (`ADMIN_READ`, `DATA_READ`, `DATA_WRITE`). */
const auditLogTypes = (props: AuditConfig): Set<string> =>
  new Set(auditLogConfigs(props).map((c) => String(c?.logType)));

/**
 * IAM audit configs at project, folder or organization level. The allServices config must turn on every
 * log type; exempted members are unioned across a service's configs, so no config may exempt anyone.
 */
export const auditConfigComplete = resourceRule({
  id: "gcp-iam-audit-config-complete",
  description: "Cloud Audit Logs record admin reads and data access for all services, exempting no one",
  target: "gcp",
  types: AUDIT_CONFIGS,
  requirements: [
    {
      id: "no-exempted-members",
      description: "No audit log config exempts any member",
      remediation: "Remove exemptedMembers from every auditLogConfigs entry.",
      check: (props: AuditConfig) =>
        auditLogConfigs(props).flatMap((c, i) =>
          (c?.exemptedMembers ?? []).length > 0 ? [`auditLogConfigs[${i}].exemptedMembers is not empty`] : [],
        ),
    },
    {
      id: "all-log-types",
      description:
        "The allServices config records ADMIN_READ, DATA_READ and DATA_WRITE (Data Access logs are off by default)",
      remediation:
        'Give the "allServices" IAMAuditConfig an auditLogConfigs entry for each of ADMIN_READ, DATA_READ and DATA_WRITE.',
      check: (props: AuditConfig) => {
        if (props.service !== "allServices") return [];
        const types = auditLogTypes(props);
        const missing = LOG_TYPES.filter((t) => !types.has(t));
        return missing.length > 0
          ? [`auditLogConfigs of the all-services config lacks ${missing.join(", ")}`]
          : [];
      },
    },
  ],
});

/** The principals that make a grant public: anyone, or anyone with a Google account. */
const PUBLIC_MEMBERS = ["allUsers", "allAuthenticatedUsers"];

/**
 * Where a resource-level IAM grant (an IamMember's member, an IamBinding's members, an IamPolicy's
 * policyData bindings) names allUsers or allAuthenticatedUsers, as messages naming the property. A
 * policyData that is not JSON is left to the API, which rejects it.
 */
export function publicGrants(props: Record<string, any>): string[] {
  if ("member" in props) return PUBLIC_MEMBERS.includes(props.member) ? ["member is public"] : [];
  if ("members" in props)
    return ((props.members as unknown[] | undefined) ?? []).some((m) => PUBLIC_MEMBERS.includes(String(m)))
      ? ["members include a public principal"]
      : [];
  if (typeof props.policyData !== "string") return [];
  let policy: { bindings?: { members?: unknown[] }[] };
  try {
    policy = JSON.parse(props.policyData) as typeof policy;
  } catch {
    return [];
  }
  return (policy?.bindings ?? []).some((b) =>
    (b?.members ?? []).some((m) => PUBLIC_MEMBERS.includes(String(m))),
  )
    ? ["policyData binds a public principal"]
    : [];
}
