/**
 * Service-account token automount (NSA/CISA Kubernetes Hardening Guide, "Pod security": disable the
 * automatic mount of service account tokens where pods do not need the API). Kubernetes mounts a token
 * into every pod unless the pod or its service account sets automountServiceAccountToken: false; the pod's
 * own setting wins.
 */
import type { PolicyResource } from "@pulumi/policy";
import { stackRule, type StackContext } from "../../rule";
import { known } from "../../unknowns";
import { WORKLOAD_TYPES, podTemplate } from "./pod-security";

const SERVICE_ACCOUNT = "kubernetes:core/v1:ServiceAccount";

type Spec = Record<string, any>;

/** The namespace a resource lives in: its own, else its provider's default, else `default`. */
const namespaceOf = (props: Spec, provider: Spec | undefined): string =>
  String(props.metadata?.namespace ?? provider?.namespace ?? "default");

/**
 * Whether the workload's service account, as the stack declares it, turns automount off: the accounts
 * its pod spec depends on (names unknown in a first preview), else the account of that name and namespace.
 */
function accountDisablesToken(pod: Spec, props: Spec, context: StackContext): boolean {
  const declared = context.stack.dependencies("spec").filter((r) => r.type === SERVICE_ACCOUNT);
  if (declared.length > 0) return declared.every((r) => r.props.automountServiceAccountToken === false);
  const name = String(pod.serviceAccountName ?? pod.serviceAccount ?? "default");
  const namespace = namespaceOf(props, context.stack.subject.provider?.props);
  return context.stack.resources.some((r: PolicyResource) => {
    if (r.type !== SERVICE_ACCOUNT) return false;
    const same = known(
      () => r.props.metadata?.name === name && namespaceOf(r.props, r.provider?.props) === namespace,
    );
    return same.known && same.value && r.props.automountServiceAccountToken === false;
  });
}

export const serviceAccountTokenAutomount = stackRule({
  id: "kubernetes-service-account-token-automount",
  description:
    "Pods get no service-account token unless they ask for one, and service accounts mount none by default",
  target: "kubernetes",
  types: [SERVICE_ACCOUNT, ...WORKLOAD_TYPES],
  requirements: [
    {
      id: "service-account",
      description: "Service accounts set automountServiceAccountToken: false (Kubernetes defaults to true)",
      remediation:
        "Set automountServiceAccountToken: false on the ServiceAccount, and true only in the pod specs that call the API.",
      types: [SERVICE_ACCOUNT],
      check: (props) =>
        props.automountServiceAccountToken === false ? [] : ["automountServiceAccountToken is not false"],
    },
    {
      id: "workload-token",
      description:
        "A workload's pods mount no token: the pod spec sets automountServiceAccountToken: false, or leaves it unset and its service account, declared in the stack, sets it false",
      remediation:
        "Set automountServiceAccountToken: false in the pod template, or run the pods as a ServiceAccount declared with automountServiceAccountToken: false.",
      types: WORKLOAD_TYPES,
      check: (props, context) => {
        const pod = podTemplate(context.type, props).spec ?? {};
        if (pod.automountServiceAccountToken === false) return [];
        if (pod.automountServiceAccountToken === true)
          return ["the pod template sets automountServiceAccountToken: true"];
        return accountDisablesToken(pod, props, context)
          ? []
          : [
              "the pod template leaves automountServiceAccountToken unset and its service account is not declared in the stack with it false",
            ];
      },
    },
  ],
});
