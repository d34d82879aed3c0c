import * as pulumi from "@pulumi/pulumi";
import { Deployment } from "@pulumi/kubernetes/apps/v1";
import { Service } from "@pulumi/kubernetes/core/v1";
import { childName, validate, type ComplianceMetadata } from "@palisade/core";
import { checkLabels, checkName, checkPeers, type PodPeer, type RbacRule } from "./rules";
import {
  ZeroTrustNamespace,
  validateNamespaceArgs,
  type EgressAllow,
  type ZeroTrustNamespaceArgs,
} from "./zero-trust-namespace";

/** What the service is, as the runtime-security policies see it (`palisade.dev/workload` pod label). */
export type WorkloadKind = "model-serving" | "mcp-context" | "service";
export const WORKLOAD_LABEL = "palisade.dev/workload";

export interface IsolatedServiceArgs {
  /** Container image, pinned by digest (`@sha256:`) or an explicit tag other than `latest`. */
  image: string;
  /** Container port the service listens on (1024-65535: the container runs as non-root). */
  port: number;
  /** Who may call the service, on `port` only. Required: an isolated service names its callers. */
  callers: PodPeer[];
  /** Outbound destinations besides cluster DNS. @default none */
  egress?: EgressAllow[];
  /** The namespace to create for the service. @default the component name */
  namespace?: string;
  /** Other settings of the service's ZeroTrustNamespace (quota, container defaults, PSA version). */
  namespaceOptions?: Omit<
    ZeroTrustNamespaceArgs,
    "namespace" | "ingress" | "egress" | "serviceAccounts" | "compliance"
  >;
  /** @default 2 */
  replicas?: number;
  /** @default "service" */
  workload?: WorkloadKind;
  /** Mount a Kubernetes API token in the pods. @default false */
  serviceAccountToken?: boolean;
  /** Namespace-scoped permissions of the service's own service account. @default none */
  rules?: RbacRule[];
  /** @default requests 250m CPU / 256Mi, limits 1 CPU / 1Gi */
  resources?: { requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } };
  env?: Record<string, string>;
  args?: string[];
  /** Non-root user the container runs as. @default 65532 */
  runAsUser?: number;
  compliance?: ComplianceMetadata;
  labels?: Record<string, string>;
}

const TYPE = "palisade:kubernetes:IsolatedService";
const DEFAULT_RESOURCES = { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } };

/**
 * The zero-trust home for one sensitive service (a model server, an MCP context service that agents
 * call): its own ZeroTrustNamespace, a Deployment whose pods meet the Pod Security `restricted` profile by
 * construction, a ClusterIP Service, and network policy admitting only the declared callers on the
 * declared port, with egress only to declared destinations.
 */
export class IsolatedService extends pulumi.ComponentResource {
  readonly namespace: ZeroTrustNamespace;
  readonly deployment: Deployment;
  readonly service: Service;
  /** In-cluster DNS name of the service. */
  readonly host: string;

  constructor(name: string, args: IsolatedServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    const s = validate(`${TYPE} "${name}"`, (problems) => {
      const namespace = args.namespace ?? name;
      checkName(problems, "name", name);
      problems.require(
        typeof args.image === "string" &&
          /^[a-z0-9]+([._/:-][a-zA-Z0-9]+)*(@sha256:[a-f0-9]{64}|:[\w][\w.-]{0,127})$/.test(args.image) &&
          !args.image.endsWith(":latest"),
        "image",
        args.image,
        "must be pinned by digest (@sha256:...) or by an explicit tag other than latest",
      );
      problems.require(
        Number.isInteger(args.port) && args.port >= 1024 && args.port <= 65535,
        "port",
        args.port,
        "must be a whole number from 1024 to 65535 (the container runs as non-root)",
      );
      checkPeers(problems, "callers", args.callers, true);
      const replicas = args.replicas ?? 2;
      problems.require(
        Number.isInteger(replicas) && replicas >= 1 && replicas <= 100,
        "replicas",
        replicas,
        "must be a whole number from 1 to 100",
      );
      const workload = args.workload ?? "service";
      problems.require(
        ["model-serving", "mcp-context", "service"].includes(workload),
        "workload",
        workload,
        'must be "model-serving", "mcp-context" or "service"',
      );
      const runAsUser = args.runAsUser ?? 65532;
      problems.require(
        Number.isInteger(runAsUser) && runAsUser > 0,
        "runAsUser",
        runAsUser,
        "must be a positive user id (never root)",
      );
      for (const key of Object.keys(args.env ?? {})) {
        problems.require(
          /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key),
          `env["${key}"]`,
          key,
          "must be a valid environment variable name",
        );
      }
      checkLabels(problems, "labels", args.labels);
      const namespaceArgs: ZeroTrustNamespaceArgs = {
        ...args.namespaceOptions,
        namespace,
        compliance: args.compliance,
        ingress: [
          {
            from: args.callers,
            toPodLabels: { "app.kubernetes.io/name": name },
            ports: [{ port: args.port }],
          },
        ],
        egress: args.egress,
        serviceAccounts: [{ name, rules: args.rules }],
      };
      problems.attempt(
        () => validate("namespace", (p) => validateNamespaceArgs(p, namespaceArgs)),
        callerPath,
      );
      return { namespace, namespaceArgs, replicas, workload, runAsUser };
    });
    super(TYPE, name, {}, opts);
    this.namespace = new ZeroTrustNamespace(childName(name, "zt"), s.namespaceArgs, { parent: this });
    const ns = s.namespace;
    const selector = { "app.kubernetes.io/name": name };
    const labels = { ...args.labels, ...selector, [WORKLOAD_LABEL]: s.workload };
    const inNs = { parent: this, dependsOn: [this.namespace] };

    this.deployment = new Deployment(
      childName(name, "deployment"),
      {
        metadata: { name, namespace: ns, labels },
        spec: {
          replicas: s.replicas,
          selector: { matchLabels: selector },
          template: { metadata: { labels }, spec: restrictedPodSpec(name, args, s.runAsUser) },
        },
      },
      inNs,
    );
    this.service = new Service(
      childName(name, "service"),
      {
        metadata: { name, namespace: ns, labels },
        spec: {
          type: "ClusterIP",
          selector,
          ports: [{ name: "service", port: args.port, targetPort: "service", protocol: "TCP" }],
        },
      },
      inNs,
    );
    this.host = `${name}.${ns}.svc.cluster.local`;
    this.registerOutputs({ namespace: ns, host: this.host });
  }
}

/** Names a problem in the generated namespace args by the IsolatedService argument it came from. */
function callerPath(path: string): string {
  if (path.startsWith("ingress[0].from")) return `callers${path.slice("ingress[0].from".length)}`;
  if (path.startsWith("ingress[0]")) return "port";
  if (path.startsWith("serviceAccounts[0].rules"))
    return `rules${path.slice("serviceAccounts[0].rules".length)}`;
  if (path.startsWith("serviceAccounts[0]")) return "name";
  return path;
}

/** A pod spec that meets the Pod Security `restricted` profile, and NSA hardening, by construction. */
export function restrictedPodSpec(name: string, args: IsolatedServiceArgs, runAsUser: number) {
  const resources = args.resources ?? DEFAULT_RESOURCES;
  return {
    serviceAccountName: name,
    automountServiceAccountToken: args.serviceAccountToken ?? false,
    securityContext: {
      runAsNonRoot: true,
      runAsUser,
      runAsGroup: runAsUser,
      fsGroup: runAsUser,
      seccompProfile: { type: "RuntimeDefault" },
    },
    containers: [
      {
        name,
        image: args.image,
        args: args.args,
        env: Object.entries(args.env ?? {}).map(([key, value]) => ({ name: key, value })),
        ports: [{ name: "service", containerPort: args.port, protocol: "TCP" }],
        resources,
        securityContext: {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          privileged: false,
          capabilities: { drop: ["ALL"] },
          seccompProfile: { type: "RuntimeDefault" },
        },
        // A read-only root filesystem still needs somewhere to write temporary files.
        volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
      },
    ],
    volumes: [{ name: "tmp", emptyDir: { sizeLimit: "1Gi" } }],
  };
}
