/** Kubernetes rules: Pod Security on every workload, namespace policy labels, default-deny networking. */
import { resourceRule, stackRule } from "../../rule";
import { checkPodSpec } from "./pod-security";

/** Where each workload kind keeps its pod template. */
const POD_TEMPLATE: Record<string, (props: any) => { spec: any; metadata: any }> = {
  "kubernetes:core/v1:Pod": (p) => ({ spec: p.spec, metadata: p.metadata }),
  "kubernetes:batch/v1:CronJob": (p) => p.spec?.jobTemplate?.spec?.template ?? {},
};
for (const kind of [
  "apps/v1:Deployment",
  "apps/v1:StatefulSet",
  "apps/v1:DaemonSet",
  "apps/v1:ReplicaSet",
  "batch/v1:Job",
]) {
  POD_TEMPLATE[`kubernetes:${kind}`] = (p) => p.spec?.template ?? {};
}

export const podSecurityRestricted = resourceRule({
  id: "kubernetes-pod-security-restricted",
  description: "Workloads meet the Pod Security Standards restricted profile",
  target: "kubernetes",
  types: Object.keys(POD_TEMPLATE),
  check: (props, args) => {
    const template = POD_TEMPLATE[args.type]?.(props) ?? { spec: undefined, metadata: undefined };
    return checkPodSpec(template.spec, "restricted", template.metadata ?? {});
  },
});

export const namespaceRestricted = resourceRule({
  id: "kubernetes-namespace-pod-security-restricted",
  description: "Namespaces enforce the Pod Security restricted profile through admission labels",
  target: "kubernetes",
  types: ["kubernetes:core/v1:Namespace"],
  check: (props: any) =>
    props.metadata?.labels?.["pod-security.kubernetes.io/enforce"] === "restricted"
      ? []
      : ["label pod-security.kubernetes.io/enforce must be restricted"],
});

/** An empty label selector (no labels, no expressions) selects every pod in the namespace. */
function selectsEveryPod(selector: { matchLabels?: object; matchExpressions?: unknown[] } | undefined) {
  return (
    Object.keys(selector?.matchLabels ?? {}).length === 0 && (selector?.matchExpressions ?? []).length === 0
  );
}

export const namespaceDefaultDeny = stackRule({
  id: "kubernetes-namespace-default-deny",
  description: "Every namespace denies all ingress and egress not explicitly allowed",
  target: "kubernetes",
  check: (resources) => {
    const denies = new Set(
      resources
        .filter((r) => r.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy")
        .filter((r: any) => selectsEveryPod(r.props.spec?.podSelector))
        .filter(
          (r: any) =>
            ["Ingress", "Egress"].every((t) => (r.props.spec?.policyTypes ?? []).includes(t)) &&
            !r.props.spec?.ingress &&
            !r.props.spec?.egress,
        )
        .map((r: any) => r.props.metadata?.namespace),
    );
    return resources
      .filter((r) => r.type === "kubernetes:core/v1:Namespace")
      .filter((ns: any) => !denies.has(ns.props.metadata?.name))
      .map((ns: any) => ({
        urn: ns.urn,
        message: `namespace ${ns.props.metadata?.name} has no default-deny NetworkPolicy for ingress and egress`,
      }));
  },
});

export { ingressTls } from "./ingress";
export { rbacLeastPrivilege } from "./rbac";
