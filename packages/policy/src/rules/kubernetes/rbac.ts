/** Kubernetes RBAC least privilege: no wildcard grants, no escalation verbs, no bindings to cluster-admin. */
import { resourceRule } from "../../rule";

const RBAC = "kubernetes:rbac.authorization.k8s.io/v1";
const ROLES = [`${RBAC}:Role`, `${RBAC}:ClusterRole`];
const BINDINGS = [`${RBAC}:RoleBinding`, `${RBAC}:ClusterRoleBinding`];

/** Verbs that let a subject grant itself more than it was given. */
const ESCALATION_VERBS = ["escalate", "bind", "impersonate"];

interface PolicyRule {
  verbs?: unknown;
  resources?: unknown;
  apiGroups?: unknown;
  nonResourceURLs?: unknown;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

function ruleProblems(rule: PolicyRule, i: number): string[] {
  const problems: string[] = [];
  for (const field of ["verbs", "resources", "apiGroups", "nonResourceURLs"] as const) {
    if (strings(rule[field]).includes("*")) problems.push(`rules[${i}].${field} contains "*"`);
  }
  const escalation = strings(rule.verbs).filter((v) => ESCALATION_VERBS.includes(v));
  if (escalation.length > 0) problems.push(`rules[${i}].verbs grants ${escalation.join(", ")}`);
  return problems;
}

export const rbacLeastPrivilege = resourceRule({
  id: "kubernetes-rbac-least-privilege",
  description:
    "Roles name their verbs and resources (no wildcards, no escalation) and nothing binds cluster-admin",
  target: "kubernetes",
  types: [...ROLES, ...BINDINGS],
  check: (props: any, args) => {
    if (BINDINGS.includes(args.type)) {
      const ref = props.roleRef as { kind?: unknown; name?: unknown } | undefined;
      return ref?.kind === "ClusterRole" && ref.name === "cluster-admin"
        ? ["roleRef binds the cluster-admin ClusterRole"]
        : [];
    }
    // Aggregated ClusterRoles get their rules from the roles they select; those are judged on their own.
    if (props.aggregationRule !== undefined) return [];
    return ((props.rules as PolicyRule[] | undefined) ?? []).flatMap(ruleProblems);
  },
});
