import * as pulumi from "@pulumi/pulumi";
import { Deployment } from "@pulumi/kubernetes/apps/v1";
import { Service } from "@pulumi/kubernetes/core/v1";
import {
  childName,
  checkDerivedName,
  COMPLIANCE_SCHEMA,
  shape,
  type ArgsSchema,
  validateArgs,
  type ComplianceMetadata,
  type ProblemCollector,
} from "@palisade/core";
import { KubernetesChildren } from "./children";
import {
  checkContainerResources,
  checkPeers,
  checkChildName,
  componentSubject,
  ownName,
  KUBERNETES_NAME_RULES,
  type ContainerResources,
  type PodPeer,
  type RbacRule,
} from "./rules";
import {
  CONTAINER_RESOURCES_SCHEMA,
  EGRESS_SCHEMA,
  LABELS_SCHEMA,
  POD_PEER_SCHEMA,
  RBAC_RULES_SCHEMA,
} from "./schemas";
import { resolveSettings, type KubernetesSettings, type KubernetesSettingsArgs } from "./settings";
import {
  NAMESPACE_PROPERTIES,
  planZeroTrustNamespace,
  ZeroTrustNamespace,
  type EgressAllow,
  type ZeroTrustNamespaceArgs,
  type ZeroTrustNamespacePlan,
} from "./zero-trust-namespace";

/** What the service is, as the runtime-security policies see it (`palisade.dev/workload` pod label). */
export type WorkloadKind = "model-serving" | "mcp-context" | "service";
export const WORKLOAD_LABEL = "palisade.dev/workload";
const WORKLOADS: readonly WorkloadKind[] = ["model-serving", "mcp-context", "service"];

/** The settings of the service's ZeroTrustNamespace that it leaves to the caller. */
const NAMESPACE_OPTIONS = [
  "podSecurityVersion",
  "clusterDns",
  "quota",
  "containerDefaults",
  "labels",
  "dataProtection",
] as const;
type NamespaceOption = (typeof NAMESPACE_OPTIONS)[number];

export interface IsolatedServiceArgs {
  /** Container image, pinned by digest (`@sha256:`) or an explicit tag other than `latest`. */
  image: string;
  /** Container port the service listens on (1024-65535: the container runs as non-root). */
  port: number;
  /** Who may call the service, on `port` only. Required: an isolated service names its callers. */
  callers: PodPeer[];
  /** Outbound destinations besides cluster DNS; never the whole internet. @default none */
  egress?: EgressAllow[];
  /** The namespace to create for the service; never a system namespace. @default the component name */
  namespace?: string;
  /**
   * Other settings of the service's ZeroTrustNamespace: PSA version, cluster DNS, quota, container
   * defaults, extra labels for the namespace's objects, and its data protection (retained by default).
   * @default the ZeroTrustNamespace defaults
   */
  namespaceOptions?: Pick<ZeroTrustNamespaceArgs, NamespaceOption>;
  /** @default 2 */
  replicas?: number;
  /** @default "service" */
  workload?: WorkloadKind;
  /** Mount a Kubernetes API token in the pods. @default false */
  serviceAccountToken?: boolean;
  /** Namespace-scoped permissions of the service's own service account. @default none */
  rules?: RbacRule[];
  /** @default requests 250m CPU / 256Mi, limits 1 CPU / 1Gi */
  resources?: ContainerResources;
  /** Environment variables of the container. @default none */
  env?: Record<string, string>;
  /** Container arguments. @default the image's */
  args?: string[];
  /** Non-root user the container runs as. @default 65532 */
  runAsUser?: number;
  /** Compliance labels for every object, the namespace's included. @default none */
  compliance?: ComplianceMetadata;
  /** Labels for every object, the namespace's included. @default none */
  labels?: Record<string, string>;
}

const TYPE = "palisade:kubernetes:IsolatedService";
const DEFAULT_RESOURCES: ContainerResources = {
  requests: { cpu: "250m", memory: "256Mi" },
  limits: { cpu: "1", memory: "1Gi" },
};
const PINNED_IMAGE = /^[a-z0-9]+([._/:-][a-zA-Z0-9]+)*(@sha256:[a-f0-9]{64}|:[\w][\w.-]{0,127})$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export const ISOLATED_SERVICE_SCHEMA: ArgsSchema = shape.object(
  {
    image: shape.string("must be a container image reference"),
    port: shape.integer("must be a whole number from 1024 to 65535 (the container runs as non-root)", {
      minimum: 1024,
      maximum: 65535,
    }),
    callers: shape.array(
      POD_PEER_SCHEMA,
      "must name at least one caller (an isolated service names its callers)",
      {
        minItems: 1,
      },
    ),
    egress: EGRESS_SCHEMA,
    namespace: shape.string("must be a namespace name"),
    namespaceOptions: shape.object(
      Object.fromEntries(NAMESPACE_OPTIONS.map((key) => [key, NAMESPACE_PROPERTIES[key]])),
      { description: `must be an object with ${NAMESPACE_OPTIONS.join(", ")}` },
    ),
    replicas: shape.integer("must be a whole number from 1 to 100", { minimum: 1, maximum: 100 }),
    workload: shape.oneOf(WORKLOADS),
    serviceAccountToken: shape.boolean(),
    rules: RBAC_RULES_SCHEMA,
    resources: CONTAINER_RESOURCES_SCHEMA,
    env: shape.stringMap("must be an object of variable names to string values"),
    args: shape.array(shape.string("must be a string"), "must list the container's arguments as strings"),
    runAsUser: shape.integer("must be a positive user id (never root)", { minimum: 1 }),
    compliance: COMPLIANCE_SCHEMA,
    labels: LABELS_SCHEMA,
  },
  { required: ["image", "port", "callers"] },
);

interface ServicePlan {
  settings: KubernetesSettings;
  namespace: ZeroTrustNamespacePlan;
  replicas: number;
  workload: WorkloadKind;
  runAsUser: number;
}

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
    const plan = validateArgs(componentSubject(TYPE, name), ISOLATED_SERVICE_SCHEMA, args, (problems, a) =>
      planService(problems, name, a as IsolatedServiceArgs),
    );
    super(TYPE, name, {}, opts);
    const ns = plan.namespace.namespace;
    const children = new KubernetesChildren(this, name, plan.settings);
    this.namespace = children.component(ZeroTrustNamespace, plan.namespace);
    const selector = { "app.kubernetes.io/name": name };
    const labels = { ...selector, [WORKLOAD_LABEL]: plan.workload };
    const inNs = [this.namespace];

    this.deployment = children.object(
      Deployment,
      "plain",
      ["deployment"],
      { name, namespace: ns, labels },
      {
        spec: {
          replicas: plan.replicas,
          selector: { matchLabels: selector },
          template: {
            metadata: { labels: { ...children.settings.labels, ...labels } },
            spec: restrictedPodSpec(name, args, plan.runAsUser),
          },
        },
      },
      inNs,
    );
    this.service = children.object(
      Service,
      "plain",
      ["service"],
      { name, namespace: ns, labels },
      {
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

function planService(
  problems: ProblemCollector,
  name: unknown,
  args: Partial<IsolatedServiceArgs>,
): ServicePlan {
  const own = ownName(problems, name);
  // The Service, Deployment, service account and container are all called `name`; the Service is strictest.
  const valid =
    own !== undefined &&
    checkDerivedName(problems, "name", own, own, KUBERNETES_NAME_RULES.dns1035Label, "Service name");
  // A refused name is reported once: a stand-in keeps the names derived from it from repeating that.
  const base = valid ? own : "refused";
  if (args.image !== undefined) {
    problems.require(
      PINNED_IMAGE.test(args.image) && !args.image.endsWith(":latest"),
      "image",
      args.image,
      "must be pinned by digest (@sha256:...) or by an explicit tag other than latest",
    );
  }
  checkPeers(problems, "callers", args.callers ?? []);
  for (const key of Object.keys(args.env ?? {})) {
    problems.require(
      ENV_NAME.test(key),
      `env[${JSON.stringify(key)}]`,
      key,
      "must be a valid environment variable name",
    );
  }
  checkContainerResources(problems, "resources", args.resources ?? DEFAULT_RESOURCES);

  const options = args.namespaceOptions ?? {};
  const ownSettings: KubernetesSettingsArgs = {
    compliance: args.compliance,
    labels: args.labels,
    dataProtection: options.dataProtection,
    podSecurityVersion: options.podSecurityVersion,
  };
  const settings = resolveSettings(problems, ownSettings, {
    at: (key) => (key === "compliance" || key === "labels" ? key : `namespaceOptions.${key}`),
  });
  const namespaceSettings = resolveSettings(
    problems,
    { labels: options.labels },
    { at: (key) => `namespaceOptions.${key}`, inherited: settings },
  );
  const namespaceArgs: Partial<ZeroTrustNamespaceArgs> = {
    namespace: args.namespace ?? base,
    clusterDns: options.clusterDns,
    quota: options.quota,
    containerDefaults: options.containerDefaults,
    ingress:
      args.callers && args.port !== undefined
        ? [
            {
              from: args.callers,
              toPodLabels: { "app.kubernetes.io/name": base },
              ports: [{ port: args.port }],
            },
          ]
        : [],
    egress: args.egress,
    serviceAccounts: [{ name: base, rules: args.rules }],
  };
  const zeroTrustName = childName(base, "zt");
  checkChildName(problems, own, zeroTrustName, "ZeroTrustNamespace");
  const namespace = planZeroTrustNamespace(problems, {
    name: zeroTrustName,
    args: namespaceArgs,
    settings: namespaceSettings,
    at: (path) => callerPath(path, args.namespace === undefined),
  });
  return {
    settings,
    namespace,
    replicas: args.replicas ?? 2,
    workload: args.workload ?? "service",
    runAsUser: args.runAsUser ?? 65532,
  };
}

/** Names a problem in the generated namespace args by the IsolatedService argument it came from. */
function callerPath(path: string, namespaceFromName: boolean): string {
  const renames: [string, string][] = [
    ["namespace", namespaceFromName ? "name" : "namespace"],
    ["ingress[0].from", "callers"],
    ["ingress[0]", "port"],
    ["serviceAccounts[0].rules", "rules"],
    ["serviceAccounts[0]", "name"],
    ["clusterDns", "namespaceOptions.clusterDns"],
    ["quota", "namespaceOptions.quota"],
    ["containerDefaults", "namespaceOptions.containerDefaults"],
  ];
  for (const [from, to] of renames) {
    if (path === from) return to;
    if (path.startsWith(from) && /^[.[]/.test(path.slice(from.length))) {
      // A whole-argument rename (namespace, serviceAccounts[0]) keeps no sub-path of its own.
      return to === "name" || to === "port" ? to : `${to}${path.slice(from.length)}`;
    }
  }
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
