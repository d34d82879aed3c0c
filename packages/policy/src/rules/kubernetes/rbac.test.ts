import { describe, expect, it } from "vitest";
import { analyzeResource, UNKNOWN } from "../../kit";
import { describeResourceCases, policy } from "../rule-cases.test-support";

const RBAC = "kubernetes:rbac.authorization.k8s.io/v1";
const readPods = { apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] };

describeResourceCases([
  {
    rule: "kubernetes-rbac-least-privilege",
    type: `${RBAC}:Role`,
    compliant: { metadata: { namespace: "apps" }, rules: [readPods] },
    violating: { metadata: { namespace: "apps" }, rules: [readPods, { ...readPods, verbs: ["*"] }] },
    unknown: { metadata: { namespace: UNKNOWN }, rules: [readPods] },
    unknownVerdict: "compliant",
  },
  {
    rule: "kubernetes-rbac-least-privilege",
    type: `${RBAC}:ClusterRoleBinding`,
    compliant: { roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" } },
    violating: {
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
    },
    unknown: {
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
      subjects: [{ kind: "ServiceAccount", name: "s", namespace: UNKNOWN }],
    },
    unknownVerdict: "compliant",
  },
]);

describe("kubernetes-rbac-least-privilege", () => {
  const run = (kind: string, props: Record<string, unknown>) =>
    analyzeResource(policy("kubernetes-rbac-least-privilege"), { type: `${RBAC}:${kind}`, name: "r", props });

  it("names every wildcard and escalation verb", async () => {
    const result = await run("ClusterRole", {
      rules: [
        { apiGroups: ["*"], resources: ["*"], verbs: ["get"] },
        {
          apiGroups: ["rbac.authorization.k8s.io"],
          resources: ["clusterroles"],
          verbs: ["bind", "escalate"],
        },
        { nonResourceURLs: ["*"], verbs: ["get"] },
      ],
    });
    expect(result.violations.join("\n")).toMatch(
      /rules\[0\]\.resources contains "\*".*rules\[0\]\.apiGroups contains "\*".*rules\[1\]\.verbs grants bind, escalate.*rules\[2\]\.nonResourceURLs contains "\*"/s,
    );
  });

  it("leaves aggregated ClusterRoles to the roles they select, and a RoleBinding to a namespaced Role alone", async () => {
    const aggregated = await run("ClusterRole", {
      aggregationRule: {
        clusterRoleSelectors: [{ matchLabels: { "example.com/aggregate-to-view": "true" } }],
      },
    });
    expect(aggregated.violations).toEqual([]);
    const binding = await run("RoleBinding", { roleRef: { kind: "Role", name: "cluster-admin" } });
    expect(binding.violations).toEqual([]);
  });
});
