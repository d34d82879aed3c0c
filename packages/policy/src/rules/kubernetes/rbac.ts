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

/** A role's own rules; aggregated ClusterRoles get theirs from the roles they select, judged on their own. */
const rulesOf = (props: Record<string, any>): PolicyRule[] =>
  props.aggregationRule !== undefined ? [] : ((props.rules as PolicyRule[] | undefined) ?? []);

export const rbacLeastPrivilege = resourceRule({
  id: "kubernetes-rbac-least-privilege",
  description:
    "Roles name their verbs and resources (no wildcards, no escalation) and nothing binds cluster-admin",
  target: "kubernetes",
  types: [...ROLES, ...BINDINGS],
  requirements: [
    {
      id: "no-wildcards",
      description: 'No rule grants "*" verbs, resources, API groups or non-resource URLs',
      remediation: "Name the verbs, resources and API groups the subject needs.",
      types: ROLES,
      check: (props) =>
        rulesOf(props).flatMap((rule, i) =>
          (["verbs", "resources", "apiGroups", "nonResourceURLs"] as const).flatMap((field) =>
            strings(rule?.[field]).includes("*") ? [`rules[${i}].${field} contains "*"`] : [],
          ),
        ),
    },
    {
      id: "no-escalation-verbs",
      description: "No rule grants escalate, bind or impersonate",
      remediation: "Remove the escalate, bind and impersonate verbs; grant roles through reviewed bindings.",
      types: ROLES,
      check: (props) =>
        rulesOf(props).flatMap((rule, i) =>
          strings(rule?.verbs).some((v) => ESCALATION_VERBS.includes(v))
            ? [`rules[${i}].verbs grants a verb that lets the subject raise its own privileges`]
            : [],
        ),
    },
    {
      id: "no-cluster-admin-binding",
      description: "Nothing binds the cluster-admin ClusterRole",
      remediation: "Bind a namespaced Role with the permissions needed (Palisade's ZeroTrustNamespace does).",
      types: BINDINGS,
      check: (props) => {
        const ref = props.roleRef as { kind?: unknown; name?: unknown } | undefined;
        return ref?.kind === "ClusterRole" && ref.name === "cluster-admin"
          ? ["roleRef binds the built-in cluster administrator role"]
          : [];
      },
    },
  ],
});
