/** Kubernetes rules (kubernetes v4 type tokens), one file per area: pods, namespaces, ingress, RBAC. */
export { ingressTls } from "./ingress";
export { namespaceDefaultDeny, namespaceRestricted } from "./namespace";
export {
  POD_SECURITY_CHECKS,
  WORKLOAD_TYPES,
  checkPodSpec,
  podSecurityFindings,
  podSecurityRestricted,
  podTemplate,
  type PodSecurityCheck,
  type PodSecurityFinding,
  type PodSecurityLevel,
  type PodSecurityOptions,
} from "./pod-security";
export { rbacLeastPrivilege } from "./rbac";
export { serviceNotPublic, serviceTls } from "./service";
export { serviceAccountTokenAutomount } from "./service-account";
export { workloadImageDigest, workloadNamespaceOwned, workloadSecretsAsFiles } from "./workload";
