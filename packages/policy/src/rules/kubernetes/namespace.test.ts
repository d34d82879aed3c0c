import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { namespaceDefaultDeny, namespaceRestricted } from "./namespace";

const labelled = (enforce: unknown, name: unknown = "apps"): KitResource => ({
  type: "kubernetes:core/v1:Namespace",
  name: "ns",
  props: { metadata: { name, labels: { "pod-security.kubernetes.io/enforce": enforce } } },
});

describeRule(namespaceRestricted, {
  baseline: hipaa,
  compliant: [labelled("restricted"), labelled("restricted", UNKNOWN)],
  requirements: {
    "enforce-restricted": {
      violating: [
        labelled("privileged"),
        labelled("baseline"),
        { type: "kubernetes:core/v1:Namespace", name: "ns", props: { metadata: { name: "apps" } } },
      ],
      unknown: [labelled(UNKNOWN)],
    },
  },
});

const namespace = (name: unknown = "apps", resource = "ns"): KitResource => ({
  type: "kubernetes:core/v1:Namespace",
  name: resource,
  props: { metadata: { name } },
});
const denyAll = { podSelector: {}, policyTypes: ["Ingress", "Egress"] };
const policy = (
  spec: Record<string, unknown>,
  namespace?: unknown,
  dependsOn?: string,
  name = "deny",
): KitResource => ({
  type: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  name,
  props: { metadata: { name: "default-deny-all", ...(namespace === undefined ? {} : { namespace }) }, spec },
  ...(dependsOn ? { propertyDependencies: { metadata: [dependsOn] } } : {}),
});
const deployment = (metadata: Record<string, unknown>, extra: Partial<KitResource> = {}): KitResource => ({
  type: "kubernetes:apps/v1:Deployment",
  name: "api",
  props: { metadata: { name: "api", ...metadata }, spec: { template: { spec: { containers: [] } } } },
  ...extra,
});

describeRule(namespaceDefaultDeny, {
  baseline: hipaa,
  compliant: [
    [namespace(), policy(denyAll, "apps")],
    // Joined through the policy's dependency on the Namespace while the generated name is unknown.
    [namespace(UNKNOWN), policy(denyAll, UNKNOWN, "ns")],
    // A workload in a declared namespace is judged through the namespace.
    [namespace(), policy(denyAll, "apps"), deployment({ namespace: "apps" })],
    [
      namespace(UNKNOWN),
      policy(denyAll, UNKNOWN, "ns"),
      deployment({ namespace: UNKNOWN }, { propertyDependencies: { metadata: ["ns"] } }),
    ],
    // An undeclared namespace with a default deny in the stack.
    [deployment({ namespace: "legacy" }), policy(denyAll, "legacy")],
    [deployment({}), policy(denyAll)],
    [deployment({}, { provider: { namespace: "team" } }), policy(denyAll, "team")],
  ],
  requirements: {
    "declared-namespace": {
      violating: [
        [namespace()],
        [namespace(), policy(denyAll, "other")],
        [namespace(), policy({ ...denyAll, policyTypes: ["Ingress"] }, "apps")],
        // A selector with expressions picks some pods only.
        [
          namespace(),
          policy(
            {
              ...denyAll,
              podSelector: { matchExpressions: [{ key: "app", operator: "In", values: ["web"] }] },
            },
            "apps",
          ),
        ],
        [namespace(), policy({ ...denyAll, podSelector: { matchLabels: { app: "web" } } }, "apps")],
        [namespace(), policy({ ...denyAll, ingress: [{}] }, "apps")],
        [namespace(), policy({ ...denyAll, egress: [{ to: [] }] }, "apps")],
        [namespace(UNKNOWN), namespace("other", "other-ns"), policy(denyAll, UNKNOWN, "other-ns")],
        [namespace(UNKNOWN)],
      ],
      unknown: [
        [namespace(), policy({ ...denyAll, policyTypes: UNKNOWN }, "apps")],
        [namespace(), policy(denyAll, UNKNOWN)],
        [namespace(UNKNOWN), policy(denyAll, "apps")],
      ],
      // One default deny decides it, whatever another policy in the namespace selects.
      decidedWhenUnknown: [
        [namespace(), policy(denyAll, "apps"), policy({ podSelector: UNKNOWN }, "apps", undefined, "other")],
      ],
    },
    "workload-namespace": {
      violating: [
        [deployment({})],
        [deployment({ namespace: "default" })],
        [deployment({ namespace: "legacy" }), policy(denyAll, "other")],
        [deployment({}, { provider: { namespace: "team" } }), policy(denyAll)],
        [deployment({ namespace: "legacy" }), policy({ ...denyAll, policyTypes: ["Egress"] }, "legacy")],
      ],
      unknown: [
        [deployment({ namespace: UNKNOWN })],
        [deployment({ namespace: "legacy" }), policy(denyAll, UNKNOWN)],
      ],
    },
  },
});
