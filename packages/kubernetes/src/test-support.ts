/** Kubernetes API schema validation of recorded registrations, with kubernetes-models. */
import type { Registration } from "@palisade/core/test-support";
import { Deployment } from "kubernetes-models/apps/v1";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { Role, RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1";
import { LimitRange, Namespace, ResourceQuota, Service, ServiceAccount } from "kubernetes-models/v1";

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
