/** Kubernetes API schema and name validation of recorded registrations, with kubernetes-models. */
import { satisfiesNameRule, type NameRule } from "@palisade/core";
import type { Registration } from "@palisade/core/test-support";
import { Deployment } from "kubernetes-models/apps/v1";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { Role, RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1";
import { LimitRange, Namespace, ResourceQuota, Service, ServiceAccount } from "kubernetes-models/v1";
import { KUBERNETES_NAME_RULES } from "./rules";

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: never) => Validatable;

const MODELS = new Map<string, ModelClass>(
  Object.entries({
    "kubernetes:core/v1:Namespace": Namespace,
    "kubernetes:core/v1:ServiceAccount": ServiceAccount,
    "kubernetes:core/v1:ResourceQuota": ResourceQuota,
    "kubernetes:core/v1:LimitRange": LimitRange,
    "kubernetes:core/v1:Service": Service,
    "kubernetes:networking.k8s.io/v1:NetworkPolicy": NetworkPolicy,
    "kubernetes:rbac.authorization.k8s.io/v1:Role": Role,
    "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding": RoleBinding,
    "kubernetes:apps/v1:Deployment": Deployment,
  }),
);

/**
 * Kinds not checked against an API schema: patches are partial objects by design, Helm releases are not
 * Kubernetes objects, and custom resources (Tetragon TracingPolicy) have no schema in kubernetes-models.
 */
export const UNVALIDATED_TYPES = new Set([
  "kubernetes:core/v1:NamespacePatch",
  "kubernetes:core/v1:ServiceAccountPatch",
  "kubernetes:helm.sh/v3:Release",
  "kubernetes:cilium.io/v1alpha1:TracingPolicy",
]);

/** Validates every Kubernetes object among `registrations`; throws naming the first invalid one. */
export function validateKubernetesObjects(registrations: readonly Registration[]): number {
  let validated = 0;
  for (const r of registrations) {
    if (!r.type.startsWith("kubernetes:") || UNVALIDATED_TYPES.has(r.type)) continue;
    const Model = MODELS.get(r.type);
    if (!Model) throw new Error(`no kubernetes-models class for ${r.type} (${r.name}); add one to MODELS`);
    try {
      new Model(r.inputs as never).validate();
    } catch (error) {
      throw new Error(`${r.type} ${r.name} fails the Kubernetes API schema: ${String(error)}`);
    }
    validated += 1;
  }
  return validated;
}

/** Helm release names: a DNS subdomain of at most 53 characters (Helm's own limit). */
const RELEASE_NAME: NameRule = { ...KUBERNETES_NAME_RULES.dnsSubdomain, maxLength: 53 };

/** The rule for `metadata.name` of each kind; every other kind Palisade creates takes a DNS subdomain. */
const NAME_RULES = new Map<string, NameRule>([
  ["kubernetes:core/v1:Namespace", KUBERNETES_NAME_RULES.dnsLabel],
  ["kubernetes:core/v1:NamespacePatch", KUBERNETES_NAME_RULES.dnsLabel],
  ["kubernetes:core/v1:Service", KUBERNETES_NAME_RULES.dns1035Label],
]);

/**
 * Every Kubernetes name among `registrations` that its kind would refuse (`metadata.name`, the
 * namespace, a Helm release's name), and every URN registered twice, as readable lines.
 */
export function kubernetesNameProblems(registrations: readonly Registration[]): string[] {
  const problems: string[] = [];
  const check = (r: Registration, field: string, value: unknown, rule: NameRule) => {
    if (!satisfiesNameRule(value, rule))
      problems.push(`${r.type} ${r.name}: ${field} ${JSON.stringify(value)}`);
  };
  const urns = new Set<string>();
  for (const r of registrations) {
    if (urns.has(r.urn)) problems.push(`${r.urn} registered twice`);
    urns.add(r.urn);
    if (!r.type.startsWith("kubernetes:")) continue;
    if (r.type === "kubernetes:helm.sh/v3:Release") {
      check(r, "name", r.inputs.name, RELEASE_NAME);
      check(r, "namespace", r.inputs.namespace, KUBERNETES_NAME_RULES.dnsLabel);
      continue;
    }
    check(
      r,
      "metadata.name",
      r.inputs.metadata?.name,
      NAME_RULES.get(r.type) ?? KUBERNETES_NAME_RULES.dnsSubdomain,
    );
    if (r.inputs.metadata?.namespace !== undefined) {
      check(r, "metadata.namespace", r.inputs.metadata.namespace, KUBERNETES_NAME_RULES.dnsLabel);
    }
  }
  return problems;
}
