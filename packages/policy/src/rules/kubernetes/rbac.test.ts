import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { rbacLeastPrivilege } from "./rbac";

const RBAC = "kubernetes:rbac.authorization.k8s.io/v1";
const readPods = { apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] };
const role = (rules: unknown, kind = "Role", extra: Record<string, unknown> = {}): KitResource => ({
  type: `${RBAC}:${kind}`,
  name: "role",
  props: { metadata: { namespace: "apps" }, rules, ...extra },
});
const binding = (roleRef: Record<string, unknown>, kind = "ClusterRoleBinding"): KitResource => ({
  type: `${RBAC}:${kind}`,
  name: "binding",
  props: {
    roleRef: { apiGroup: "rbac.authorization.k8s.io", ...roleRef },
    subjects: [{ kind: "ServiceAccount", name: "s", namespace: UNKNOWN }],
  },
});

describeRule(rbacLeastPrivilege, {
  baseline: hipaa,
  compliant: [
    role([readPods]),
    role([readPods], "ClusterRole"),
    // Aggregated ClusterRoles get their rules from the roles they select, judged on their own.
    role(undefined, "ClusterRole", {
      aggregationRule: {
        clusterRoleSelectors: [{ matchLabels: { "example.com/aggregate-to-view": "true" } }],
      },
      rules: [{ verbs: ["*"] }],
    }),
    binding({ kind: "ClusterRole", name: "view" }),
    binding({ kind: "Role", name: "cluster-admin" }, "RoleBinding"),
    { ...role([readPods]), props: { metadata: { namespace: UNKNOWN }, rules: [readPods] } },
  ],
  requirements: {
    "no-wildcards": {
      violating: [
        role([readPods, { ...readPods, verbs: ["*"] }]),
        role([{ ...readPods, resources: ["*"] }], "ClusterRole"),
        role([{ ...readPods, apiGroups: ["*"] }]),
        role([{ nonResourceURLs: ["*"], verbs: ["get"] }], "ClusterRole"),
      ],
      unknown: [role([{ ...readPods, resources: UNKNOWN }])],
    },
    "no-escalation-verbs": {
      violating: [
        role(
          [{ apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], verbs: ["bind"] }],
          "ClusterRole",
        ),
        role([{ ...readPods, verbs: ["get", "escalate"] }]),
        role([{ apiGroups: [""], resources: ["users"], verbs: ["impersonate"] }]),
      ],
      unknown: [role([{ ...readPods, verbs: [UNKNOWN] }])],
      readsWith: ["no-wildcards"],
    },
    "no-cluster-admin-binding": {
      violating: [
        binding({ kind: "ClusterRole", name: "cluster-admin" }),
        binding({ kind: "ClusterRole", name: "cluster-admin" }, "RoleBinding"),
      ],
      unknown: [binding({ kind: "ClusterRole", name: UNKNOWN })],
    },
  },
});
