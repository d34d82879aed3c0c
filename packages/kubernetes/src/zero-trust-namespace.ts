import * as pulumi from "@pulumi/pulumi";
import {
  LimitRange,
  Namespace,
  ResourceQuota,
  ServiceAccount,
  ServiceAccountPatch,
} from "@pulumi/kubernetes/core/v1";
import { NetworkPolicy, type NetworkPolicyArgs } from "@pulumi/kubernetes/networking/v1";
import { Role, RoleBinding } from "@pulumi/kubernetes/rbac/v1";
import {
  admitsWholeInternet,
  COMPLIANCE_SCHEMA,
  DATA_PROTECTION_SCHEMA,
  shape,
  type ArgsSchema,
  validateArgs,
  WHOLE_INTERNET_RULE,
  type ComplianceMetadata,
  type DataProtectionArgs,
  type ProblemCollector,
  warnDataLoss,
} from "@palisade/core";
import { KubernetesChildren } from "./children";
import {
  checkCidr,
  checkContainerResources,
  checkLabels,
  checkName,
  checkNewNamespace,
  checkNotWholeInternet,
  checkPeer,
  checkPeers,
  checkQuantity,
  checkRbacRules,
  componentSubject,
  ownName,
  podPeer,
  policyPorts,
  roleRules,
  type ContainerResources,
  type PodPeer,
  type PortSpec,
  type RbacRule,
} from "./rules";
import {
  CONTAINER_RESOURCES_SCHEMA,
  EGRESS_SCHEMA,
  INGRESS_SCHEMA,
  LABELS_SCHEMA,
  POD_PEER_SCHEMA,
  RBAC_RULES_SCHEMA,
} from "./schemas";
import { resolveSettings, type KubernetesSettings } from "./settings";

export interface IngressAllow {
  /** Who may connect. */
  from: PodPeer[];
  /** Which pods of this namespace they may reach. @default every pod */
  toPodLabels?: Record<string, string>;
  ports: PortSpec[];
}

export interface EgressAllow {
  /** Which pods of this namespace may connect out. @default every pod */
  fromPodLabels?: Record<string, string>;
  /**
   * Destinations by IPv4 or IPv6 CIDR (e.g. a managed database's subnet). Ranges that together admit the
   * whole internet are refused. @default none
   */
  toCidrs?: string[];
  /** Destinations as pods in other namespaces. @default none */
  toPods?: PodPeer[];
  ports: PortSpec[];
}

export interface NamespaceServiceAccount {
  /** Service account name (a DNS label, not `default`). */
  name: string;
  /** What it may do, in this namespace only. @default nothing */
  rules?: RbacRule[];
}

export interface ZeroTrustNamespaceArgs {
  /** The namespace name; never a system namespace (kube-system, kube-public, kube-node-lease, default). Forces replacement. */
  namespace: string;
  /** Pod Security Standards version the namespace is pinned to. @default "v1.33" */
  podSecurityVersion?: string;
  /** Allowed inbound flows. @default none */
  ingress?: IngressAllow[];
  /** Allowed outbound flows besides cluster DNS. @default none */
  egress?: EgressAllow[];
  /** The cluster DNS pods that every pod may query on port 53. @default kube-system pods labelled k8s-app=kube-dns */
  clusterDns?: PodPeer;
  /** Namespace quota (ResourceQuota `hard` entries). @default 8 CPU / 16Gi requested, 16 CPU / 32Gi limits, 50 pods */
  quota?: Record<string, string>;
  /** Container defaults for the LimitRange. @default requests 100m / 128Mi, limits 500m / 512Mi */
  containerDefaults?: ContainerResources;
  /** Service accounts of the namespace's workloads, without tokens mounted by default. @default none */
  serviceAccounts?: NamespaceServiceAccount[];
  /** Compliance labels for every object; frameworks named here count as the sector baseline. @default none */
  compliance?: ComplianceMetadata;
  /** Labels for every object. @default none */
  labels?: Record<string, string>;
  /**
   * The namespace is retained on delete by default (deleting it deletes everything in it), and so are its
   * default deny and the default service account's patch, which guard what it holds. Turning retention
   * off under `compliance.frameworks` needs `acknowledgeDataLoss: true`, and is logged as a warning.
   * @default { retainOnDelete: true, protect: false, acknowledgeDataLoss: false }
   */
  dataProtection?: DataProtectionArgs;
}

const TYPE = "palisade:kubernetes:ZeroTrustNamespace";
export const DEFAULT_QUOTA: Record<string, string> = {
  "requests.cpu": "8",
  "requests.memory": "16Gi",
  "limits.cpu": "16",
  "limits.memory": "32Gi",
  pods: "50",
};
const DEFAULT_CONTAINER: ContainerResources = {
  requests: { cpu: "100m", memory: "128Mi" },
  limits: { cpu: "500m", memory: "512Mi" },
};
const DEFAULT_DNS: PodPeer = { namespace: "kube-system", podLabels: { "k8s-app": "kube-dns" } };

/** The properties of {@link ZeroTrustNamespaceArgs}; IsolatedService takes some of them as `namespaceOptions`. */
export const NAMESPACE_PROPERTIES: Record<keyof ZeroTrustNamespaceArgs, ArgsSchema> = {
  namespace: shape.string("must be a namespace name"),
  podSecurityVersion: shape.string('must be a Kubernetes minor version such as "v1.33"'),
  ingress: INGRESS_SCHEMA,
  egress: EGRESS_SCHEMA,
  clusterDns: POD_PEER_SCHEMA,
  quota: shape.stringMap("must be an object of resource names to quantities such as 8 or 16Gi"),
  containerDefaults: CONTAINER_RESOURCES_SCHEMA,
  serviceAccounts: shape.array(
    shape.object(
      { name: shape.string("must be a service account name"), rules: RBAC_RULES_SCHEMA },
      { required: ["name"], description: "must be a service account: { name, rules? }" },
    ),
    "must list service accounts",
  ),
  compliance: COMPLIANCE_SCHEMA,
  labels: LABELS_SCHEMA,
  dataProtection: DATA_PROTECTION_SCHEMA,
};

export const ZERO_TRUST_NAMESPACE_SCHEMA: ArgsSchema = shape.object(NAMESPACE_PROPERTIES, {
  required: ["namespace"],
});

/** Pod Security Admission labels: enforce, audit and warn at one level, pinned to one version. */
export function podSecurityLabels(
  level: "restricted" | "baseline" | "privileged",
  version: string,
): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const mode of ["enforce", "audit", "warn"]) {
    labels[`pod-security.kubernetes.io/${mode}`] = level;
    labels[`pod-security.kubernetes.io/${mode}-version`] = version;
  }
  return labels;
}

/** A ZeroTrustNamespace's arguments once validated, with the settings it inherits: what a parent hands its child. */
export class ZeroTrustNamespacePlan {
  readonly name: string;
  readonly namespace: string;
  readonly settings: KubernetesSettings;
  readonly ingress: readonly IngressAllow[];
  readonly egress: readonly EgressAllow[];
  readonly dns: PodPeer;
  readonly quota: Readonly<Record<string, string>>;
  readonly container: ContainerResources;
  readonly serviceAccounts: readonly NamespaceServiceAccount[];

  /** Use {@link planZeroTrustNamespace}, which validates. */
  constructor(plan: Omit<ZeroTrustNamespacePlan, never>) {
    this.name = plan.name;
    this.namespace = plan.namespace;
    this.settings = plan.settings;
    this.ingress = plan.ingress;
    this.egress = plan.egress;
    this.dns = plan.dns;
    this.quota = plan.quota;
    this.container = plan.container;
    this.serviceAccounts = plan.serviceAccounts;
  }
}

export interface NamespacePlanInput {
  /** The ZeroTrustNamespace's logical name, already checked (derived from the parent's for a child). */
  name: string;
  /** Well-shaped arguments (the schema has passed, or rejected what is withheld). */
  args: Partial<ZeroTrustNamespaceArgs>;
  settings: KubernetesSettings;
  /** Maps a path in ZeroTrustNamespaceArgs to the caller's argument path. @default the path itself */
  at?: (path: string) => string;
}

/**
 * Validates a ZeroTrustNamespace's arguments (their shape already checked) and resolves its defaults.
 * Parents call it before registering anything, with their own paths, and hand the plan to the child.
 */
export function planZeroTrustNamespace(
  problems: ProblemCollector,
  input: NamespacePlanInput,
): ZeroTrustNamespacePlan {
  const { args, settings } = input;
  const at = input.at ?? ((path: string) => path);
  if (args.namespace !== undefined) checkNewNamespace(problems, at("namespace"), args.namespace);
  const ingress = args.ingress ?? [];
  ingress.forEach((rule, i) => {
    checkPeers(problems, at(`ingress[${i}].from`), rule.from);
    checkLabels(problems, at(`ingress[${i}].toPodLabels`), rule.toPodLabels);
  });
  const egress = args.egress ?? [];
  egress.forEach((rule, i) => {
    const cidrs = rule.toCidrs ?? [];
    cidrs.forEach((cidr, j) => checkCidr(problems, at(`egress[${i}].toCidrs[${j}]`), cidr));
    checkNotWholeInternet(problems, at(`egress[${i}].toCidrs`), cidrs);
    checkPeers(problems, at(`egress[${i}].toPods`), rule.toPods ?? []);
    problems.require(
      cidrs.length + (rule.toPods?.length ?? 0) > 0,
      at(`egress[${i}]`),
      rule,
      "must name at least one destination in toCidrs or toPods",
    );
    checkLabels(problems, at(`egress[${i}].fromPodLabels`), rule.fromPodLabels);
  });
  // Halves of the internet in separate rules admit it as surely as 0.0.0.0/0 in one.
  if (!egress.some((rule) => admitsWholeInternet(rule.toCidrs ?? []))) {
    const all = egress.flatMap((rule) => rule.toCidrs ?? []);
    problems.require(!admitsWholeInternet(all), at("egress"), args.egress, WHOLE_INTERNET_RULE);
  }
  const dns = args.clusterDns ?? DEFAULT_DNS;
  checkPeer(problems, at("clusterDns"), dns);
  const quota = args.quota ?? DEFAULT_QUOTA;
  for (const [key, value] of Object.entries(quota))
    checkQuantity(problems, at(`quota[${JSON.stringify(key)}]`), value);
  const container = args.containerDefaults ?? DEFAULT_CONTAINER;
  checkContainerResources(problems, at("containerDefaults"), container);
  const serviceAccounts = args.serviceAccounts ?? [];
  const names = serviceAccounts.map((a) => a.name);
  serviceAccounts.forEach((account, i) => {
    const path = at(`serviceAccounts[${i}].name`);
    checkName(problems, path, account.name);
    problems.require(
      account.name !== "default",
      path,
      account.name,
      'must not be "default": workloads get their own identity',
    );
    problems.require(names.indexOf(account.name) === i, path, account.name, "must be unique");
    if (account.rules !== undefined)
      checkRbacRules(problems, at(`serviceAccounts[${i}].rules`), account.rules);
  });
  return new ZeroTrustNamespacePlan({
    name: input.name,
    namespace: args.namespace as string,
    settings,
    ingress,
    egress,
    dns,
    quota,
    container,
    serviceAccounts,
  });
}

/**
 * A namespace that trusts nothing by default: Pod Security `restricted` enforced, all traffic denied but
 * DNS and the flows declared here, a quota and container defaults, the default service account without a
 * token, and namespace-scoped roles for the service accounts declared here.
 */
export class ZeroTrustNamespace extends pulumi.ComponentResource {
  readonly namespace: Namespace;
  readonly name: string;

  constructor(
    name: string,
    args: ZeroTrustNamespaceArgs | ZeroTrustNamespacePlan,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    const plan =
      args instanceof ZeroTrustNamespacePlan
        ? args
        : validateArgs(
            componentSubject(TYPE, name),
            ZERO_TRUST_NAMESPACE_SCHEMA,
            args,
            (problems, a: ZeroTrustNamespaceArgs) =>
              planZeroTrustNamespace(problems, {
                name: ownName(problems, name) ?? "",
                args: a,
                settings: resolveSettings(problems, a),
              }),
          );
    super(TYPE, name, {}, opts);
    warnDataLoss(this, plan.settings.protection);
    this.name = plan.namespace;
    this.namespace = createNamespace(new KubernetesChildren(this, name, plan.settings), plan);
    this.registerOutputs({ namespace: plan.namespace });
  }
}

/** The namespace and everything that secures it. */
function createNamespace(children: KubernetesChildren, plan: ZeroTrustNamespacePlan): Namespace {
  const ns = plan.namespace;
  const namespace = children.object(
    Namespace,
    "data",
    ["ns"],
    { name: ns, labels: podSecurityLabels("restricted", children.settings.podSecurityVersion) },
    {},
  );
  const inNs = [namespace];
  const policy = (suffix: string[], role: "guard" | "plain", name: string, spec: NetworkPolicyArgs["spec"]) =>
    children.object(NetworkPolicy, role, suffix, { name, namespace: ns }, { spec }, inNs);

  children.unlabelled(
    ServiceAccountPatch,
    "guard",
    ["default-sa"],
    { metadata: { name: "default", namespace: ns }, automountServiceAccountToken: false },
    inNs,
  );
  policy(["default-deny"], "guard", "default-deny-all", {
    podSelector: {},
    policyTypes: ["Ingress", "Egress"],
  });
  policy(["allow-dns"], "plain", "allow-dns-egress", {
    podSelector: {},
    policyTypes: ["Egress"],
    egress: [
      {
        to: [podPeer(plan.dns)],
        ports: [
          { protocol: "UDP", port: 53 },
          { protocol: "TCP", port: 53 },
        ],
      },
    ],
  });
  plan.ingress.forEach((rule, i) =>
    policy(["allow-ingress", String(i)], "plain", `allow-ingress-${i}`, {
      podSelector: { matchLabels: rule.toPodLabels ?? {} },
      policyTypes: ["Ingress"],
      ingress: [{ from: rule.from.map(podPeer), ports: policyPorts(rule.ports) }],
    }),
  );
  plan.egress.forEach((rule, i) =>
    policy(["allow-egress", String(i)], "plain", `allow-egress-${i}`, {
      podSelector: { matchLabels: rule.fromPodLabels ?? {} },
      policyTypes: ["Egress"],
      egress: [
        {
          to: [
            ...(rule.toCidrs ?? []).map((cidr) => ({ ipBlock: { cidr } })),
            ...(rule.toPods ?? []).map(podPeer),
          ],
          ports: policyPorts(rule.ports),
        },
      ],
    }),
  );
  children.object(
    ResourceQuota,
    "plain",
    ["quota"],
    { name: "palisade-quota", namespace: ns },
    { spec: { hard: plan.quota } },
    inNs,
  );
  children.object(
    LimitRange,
    "plain",
    ["limits"],
    { name: "palisade-container-defaults", namespace: ns },
    {
      spec: {
        limits: [
          { type: "Container", defaultRequest: plan.container.requests, default: plan.container.limits },
        ],
      },
    },
    inNs,
  );
  for (const account of plan.serviceAccounts) {
    const meta = { name: account.name, namespace: ns };
    children.object(
      ServiceAccount,
      "plain",
      ["sa", account.name],
      meta,
      { automountServiceAccountToken: false },
      inNs,
    );
    if (!account.rules?.length) continue;
    const role = children.object(
      Role,
      "plain",
      ["role", account.name],
      meta,
      { rules: roleRules(account.rules) },
      inNs,
    );
    children.object(
      RoleBinding,
      "plain",
      ["binding", account.name],
      meta,
      {
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: account.name },
        subjects: [{ kind: "ServiceAccount", name: account.name, namespace: ns }],
      },
      [role],
    );
  }
  return namespace;
}
