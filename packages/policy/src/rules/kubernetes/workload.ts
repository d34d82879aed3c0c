/**
 * Workload rules beyond the Pod Security Standards, from the NSA/CISA Kubernetes Hardening Guide: secrets
 * handed to containers as files rather than environment variables (which leak into logs, crash dumps and
 * child processes), images pinned by digest, and workloads kept in namespaces the stack declares (and so
 * labels for Pod Security admission and isolates).
 */
import { resourceRule, stackRule } from "../../rule";
import { known } from "../../unknowns";
import { WORKLOAD_TYPES, podTemplate } from "./pod-security";

const NAMESPACE = "kubernetes:core/v1:Namespace";

type Spec = Record<string, any>;

/** Every container of a pod spec (init, app and ephemeral), with its property path. */
const containers = (pod: Spec | undefined): { path: string; c: Spec }[] =>
  (["initContainers", "containers", "ephemeralContainers"] as const).flatMap((kind) =>
    ((pod?.[kind] as Spec[] | undefined) ?? []).map((c, i) => ({ path: `${kind}[${i}]`, c: c ?? {} })),
  );

export const workloadSecretsAsFiles = resourceRule({
  id: "kubernetes-workload-secrets-as-files",
  description: "Containers read Secrets from mounted volumes, not environment variables",
  target: "kubernetes",
  types: WORKLOAD_TYPES,
  requirements: [
    {
      id: "no-secret-env",
      description: "No container takes a Secret through env (valueFrom.secretKeyRef) or envFrom (secretRef)",
      remediation:
        "Mount the Secret as a volume (volumes[].secret, or a CSI secrets-store volume) and read it from the file.",
      check: (props, { type }) =>
        containers(podTemplate(type, props).spec).flatMap(({ path, c }) => [
          ...((c.env as Spec[] | undefined) ?? []).flatMap((e, i) =>
            "secretKeyRef" in (e?.valueFrom ?? {})
              ? [`${path}.env[${i}] reads a Secret into the environment`]
              : [],
          ),
          ...((c.envFrom as Spec[] | undefined) ?? []).flatMap((e, i) =>
            "secretRef" in (e ?? {}) ? [`${path}.envFrom[${i}] loads a Secret into the environment`] : [],
          ),
        ]),
    },
  ],
});

export const workloadImageDigest = resourceRule({
  id: "kubernetes-workload-image-digest",
  description: "Container images are pinned by digest, so what runs is what was reviewed",
  target: "kubernetes",
  types: WORKLOAD_TYPES,
  requirements: [
    {
      id: "pinned-digest",
      description: "Every container image reference carries a digest (@sha256:...)",
      remediation:
        "Reference each image by digest (registry/name@sha256:<digest>), optionally after its tag.",
      check: (props, { type }) =>
        containers(podTemplate(type, props).spec).flatMap(({ path, c }) =>
          /@sha256:[0-9a-f]{64}$/.test(String(c.image ?? ""))
            ? []
            : [`${path}.image is not pinned by digest`],
        ),
    },
  ],
});

export const workloadNamespaceOwned = stackRule({
  id: "kubernetes-workload-namespace-owned",
  description:
    "Workloads run in namespaces the stack declares, so the stack controls their Pod Security labels and policies",
  target: "kubernetes",
  types: WORKLOAD_TYPES,
  requirements: [
    {
      id: "declared-namespace",
      description:
        "The workload's namespace (metadata.namespace, else the provider's default, else default) is a Namespace the stack declares",
      remediation:
        "Declare the namespace in the stack (Palisade's ZeroTrustNamespace) and set metadata.namespace from it.",
      check: (props, context) => {
        if (context.stack.dependencies("metadata").some((d) => d.type === NAMESPACE)) return [];
        const name = String(
          props.metadata?.namespace ?? context.stack.subject.provider?.props?.namespace ?? "default",
        );
        const declared = context.stack.resources.some((r) => {
          if (r.type !== NAMESPACE) return false;
          const declaredName = known(() => r.props.metadata?.name as unknown);
          return declaredName.known && declaredName.value === name;
        });
        return declared
          ? []
          : ["its namespace (metadata.namespace, or the provider's default) is not declared in this stack"];
      },
    },
  ],
});
