/**
 * Kubernetes namespace rules: Pod Security admission labels, and default-deny networking for every
 * namespace a workload runs in, whether the stack declares it or not (`default` included).
 */
import type { PolicyResource } from "@pulumi/policy";
import { resourceRule, stackRule, type StackContext } from "../../rule";
import { known, type Known } from "../../unknowns";
import { WORKLOAD_TYPES } from "./pod-security";

const NAMESPACE = "kubernetes:core/v1:Namespace";
const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

export const namespaceRestricted = resourceRule({
  id: "kubernetes-namespace-pod-security-restricted",
  description: "Namespaces enforce the Pod Security restricted profile through admission labels",
  target: "kubernetes",
  types: [NAMESPACE],
  requirements: [
    {
      id: "enforce-restricted",
      description: "The namespace's pod-security.kubernetes.io/enforce label is restricted",
      remediation:
        'Label the namespace pod-security.kubernetes.io/enforce: "restricted" (Palisade\'s ZeroTrustNamespace does).',
      check: (props) =>
        props.metadata?.labels?.["pod-security.kubernetes.io/enforce"] === "restricted"
          ? []
          : ["label pod-security.kubernetes.io/enforce is not restricted"],
    },
  ],
});

/** An empty label selector (no labels, no expressions) selects every pod in the namespace. */
function selectsEveryPod(selector: { matchLabels?: object; matchExpressions?: unknown[] } | undefined) {
  return (
    Object.keys(selector?.matchLabels ?? {}).length === 0 && (selector?.matchExpressions ?? []).length === 0
  );
}

/** A policy that selects every pod and denies all ingress and egress (no rule admits anything). */
function deniesAll(policy: PolicyResource): boolean {
  const spec = policy.props.spec;
  return (
    selectsEveryPod(spec?.podSelector) &&
    ["Ingress", "Egress"].every((t) => ((spec?.policyTypes as unknown[] | undefined) ?? []).includes(t)) &&
    !spec?.ingress &&
    !spec?.egress
  );
}

/** The namespace a namespaced resource lives in: its own, else its provider's default, else `default`. */
const namespaceOf = (resource: { props: Record<string, any>; provider?: { props?: Record<string, any> } }) =>
  known(() => String(resource.props.metadata?.namespace ?? resource.provider?.props?.namespace ?? "default"));

/**
 * Whether a default-deny policy covers a namespace: a NetworkPolicy that denies all, in that namespace,
 * found through the policy's dependency on the Namespace resource (`urn`, when the stack declares it) or
 * by name. Throws the unknown value when a policy that could cover it cannot be read.
 */
function defaultDenyCovers(context: StackContext, urn: string | undefined, name: Known<unknown>): boolean {
  let pending: Error | undefined;
  for (const policy of context.stack.resources.filter((r) => r.type === NETWORK_POLICY)) {
    const denies = known(() => deniesAll(policy));
    if (denies.known && !denies.value) continue;
    const match = inNamespace(policy, urn, name);
    if (!match.known) pending ??= match.error;
    else if (!match.value) continue;
    else if (!denies.known) pending ??= denies.error;
    else return true;
  }
  if (pending) throw pending;
  return false;
}

/** Whether a policy lives in the namespace: through its dependency on a declared Namespace, else by name. */
function inNamespace(policy: PolicyResource, urn: string | undefined, name: Known<unknown>): Known<boolean> {
  const namespaces = (policy.propertyDependencies.metadata ?? []).filter((d) => d.type === NAMESPACE);
  if (namespaces.length > 0) return { known: true, value: namespaces.some((d) => d.urn === urn) };
  const where = namespaceOf(policy);
  if (!where.known) return where;
  if (!name.known) return name;
  return { known: true, value: where.value === name.value };
}

export const namespaceDefaultDeny = stackRule({
  id: "kubernetes-namespace-default-deny",
  description:
    "Every namespace, and every namespace a workload runs in, denies all ingress and egress not explicitly allowed",
  target: "kubernetes",
  types: [NAMESPACE, ...WORKLOAD_TYPES],
  requirements: [
    {
      id: "declared-namespace",
      description:
        "Each namespace the stack declares has a default-deny NetworkPolicy for ingress and egress",
      remediation:
        'Add a NetworkPolicy in the namespace with podSelector {} and policyTypes ["Ingress", "Egress"] and no rules (Palisade\'s ZeroTrustNamespace does).',
      types: [NAMESPACE],
      check: (props, context) =>
        defaultDenyCovers(
          context,
          context.urn,
          known(() => props.metadata?.name as unknown),
        )
          ? []
          : ["no NetworkPolicy in this namespace denies all ingress and egress by default"],
    },
    {
      id: "workload-namespace",
      description:
        "Each namespace a workload runs in that the stack does not declare (such as default) has a default-deny NetworkPolicy in the stack",
      remediation:
        "Run the workload in a namespace the stack declares with a default-deny policy, or add a default-deny NetworkPolicy to its namespace.",
      types: WORKLOAD_TYPES,
      check: (props, context) => {
        // A namespace the stack declares is judged as such (declared-namespace).
        if (context.stack.dependencies("metadata").some((d) => d.type === NAMESPACE)) return [];
        const name = namespaceOf({ props, provider: context.stack.subject.provider });
        if (!name.known) throw name.error;
        // Declared by name (a namespace whose name is unknown is found through dependencies instead).
        const declared = context.stack.resources.some((r) => {
          if (r.type !== NAMESPACE) return false;
          const declaredName = known(() => r.props.metadata?.name as unknown);
          return declaredName.known && declaredName.value === name.value;
        });
        if (declared) return [];
        return defaultDenyCovers(context, undefined, name)
          ? []
          : [
              "its namespace (metadata.namespace, or the provider's default) is not declared in this stack and has no default-deny NetworkPolicy",
            ];
      },
    },
  ],
});
