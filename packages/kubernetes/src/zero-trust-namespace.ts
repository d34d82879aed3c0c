import * as pulumi from "@pulumi/pulumi";
import {
  LimitRange,
  Namespace,
  ResourceQuota,
  ServiceAccount,
  ServiceAccountPatch,
} from "@pulumi/kubernetes/core/v1";
import { NetworkPolicy } from "@pulumi/kubernetes/networking/v1";
import { Role, RoleBinding } from "@pulumi/kubernetes/rbac/v1";
import {
  childName,
  dataResourceOptions,
  kubernetesLabels,
  resolveDataProtection,
  validate,
  type ComplianceMetadata,
  type DataProtectionArgs,
  type ProblemCollector,
} from "@palisade/core";
import {
  checkCidr,
  checkLabels,
  checkName,
  checkPeers,
  checkPorts,
  checkRbacRules,
  podPeer,
  policyPorts,
  type PodPeer,
  type PortSpec,
  type RbacRule,
} from "./rules";

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
  /** Destinations by CIDR (e.g. a managed database's subnet). */
  toCidrs?: string[];
  /** Destinations as pods in other namespaces. */
  toPods?: PodPeer[];
  ports: PortSpec[];
}

export interface NamespaceServiceAccount {
  /** Service account name (a DNS label). */
  name: string;
  /** What it may do, in this namespace only. */
  rules?: RbacRule[];
}

export interface ZeroTrustNamespaceArgs {
  /** The namespace name. Forces replacement. */
  namespace: string;
  /** Pod Security Standards version the namespace is pinned to. @default "v1.33" */
  podSecurityVersion?: string;
  ingress?: IngressAllow[];
  egress?: EgressAllow[];
  /** The cluster DNS pods that every pod may query on port 53. @default kube-system pods labelled k8s-app=kube-dns */
  clusterDns?: PodPeer;
  /** Namespace quota (ResourceQuota `hard` entries). @default 8 CPU / 16Gi requested, 16 CPU / 32Gi limits, 50 pods */
  quota?: Record<string, string>;
  /** Container defaults for the LimitRange. @default requests 100m / 128Mi, limits 500m / 512Mi */
  containerDefaults?: { requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } };
  serviceAccounts?: NamespaceServiceAccount[];
  compliance?: ComplianceMetadata;
  labels?: Record<string, string>;
  /** The namespace is retained on delete by default: deleting it deletes everything in it. */
  dataProtection?: DataProtectionArgs;
}

const TYPE = "palisade:kubernetes:ZeroTrustNamespace";
export const DEFAULT_POD_SECURITY_VERSION = "v1.33";
export const DEFAULT_QUOTA: Record<string, string> = {
  "requests.cpu": "8",
  "requests.memory": "16Gi",
  "limits.cpu": "16",
  "limits.memory": "32Gi",
  pods: "50",
};
const DEFAULT_CONTAINER = {
  requests: { cpu: "100m", memory: "128Mi" },
  limits: { cpu: "500m", memory: "512Mi" },
};
const DEFAULT_DNS: PodPeer = { namespace: "kube-system", podLabels: { "k8s-app": "kube-dns" } };
const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

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

/**
 * A namespace that trusts nothing by default: Pod Security `restricted` enforced, all traffic denied but
 * DNS and the flows declared here, a quota and container defaults, the default service account without a
 * token, and namespace-scoped roles for the service accounts declared here.
 */
export class ZeroTrustNamespace extends pulumi.ComponentResource {
  readonly namespace: Namespace;
  readonly name: string;

  constructor(name: string, args: ZeroTrustNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
    const s = validate(`${TYPE} "${name}"`, (problems) => validateNamespaceArgs(problems, args));
    super(TYPE, name, {}, opts);
    const ns = args.namespace;
    this.name = ns;
    this.namespace = new Namespace(
      childName(name, "ns"),
      { metadata: { name: ns, labels: s.labels } },
      dataResourceOptions(this, s.protection),
    );
    const inNs = { parent: this, dependsOn: [this.namespace] };
    const meta = (object: string) => ({ name: object, namespace: ns, labels: s.labels });

    new ServiceAccountPatch(
      childName(name, "default-sa"),
      { metadata: { name: "default", namespace: ns }, automountServiceAccountToken: false },
      inNs,
    );
    new NetworkPolicy(
      childName(name, "default-deny"),
      { metadata: meta("default-deny-all"), spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } },
      inNs,
    );
    new NetworkPolicy(
      childName(name, "allow-dns"),
      {
        metadata: meta("allow-dns-egress"),
        spec: {
          podSelector: {},
          policyTypes: ["Egress"],
          egress: [
            {
              to: [podPeer(s.dns)],
              ports: [
                { protocol: "UDP", port: 53 },
                { protocol: "TCP", port: 53 },
              ],
            },
          ],
        },
      },
      inNs,
    );
    (args.ingress ?? []).forEach(
      (rule, i) =>
        new NetworkPolicy(
          childName(name, "allow-ingress", String(i)),
          {
            metadata: meta(`allow-ingress-${i}`),
            spec: {
              podSelector: { matchLabels: rule.toPodLabels ?? {} },
              policyTypes: ["Ingress"],
              ingress: [{ from: rule.from.map(podPeer), ports: policyPorts(rule.ports) }],
            },
          },
          inNs,
        ),
    );
    (args.egress ?? []).forEach(
      (rule, i) =>
        new NetworkPolicy(
          childName(name, "allow-egress", String(i)),
          {
            metadata: meta(`allow-egress-${i}`),
            spec: {
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
            },
          },
          inNs,
        ),
    );
    new ResourceQuota(
      childName(name, "quota"),
      { metadata: meta("palisade-quota"), spec: { hard: s.quota } },
      inNs,
    );
    new LimitRange(
      childName(name, "limits"),
      {
        metadata: meta("palisade-container-defaults"),
        spec: {
          limits: [{ type: "Container", defaultRequest: s.container.requests, default: s.container.limits }],
        },
      },
      inNs,
    );
    for (const account of args.serviceAccounts ?? []) {
      new ServiceAccount(
        childName(name, "sa", account.name),
        { metadata: meta(account.name), automountServiceAccountToken: false },
        inNs,
      );
      if (!account.rules?.length) continue;
      const role = new Role(
        childName(name, "role", account.name),
        { metadata: meta(account.name), rules: account.rules },
        inNs,
      );
      new RoleBinding(
        childName(name, "binding", account.name),
        {
          metadata: meta(account.name),
          roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: account.name },
          subjects: [{ kind: "ServiceAccount", name: account.name, namespace: ns }],
        },
        { parent: this, dependsOn: [role] },
      );
    }
    this.registerOutputs({ namespace: ns });
  }
}

/** Validates namespace args under `prefix` (so IsolatedService can report `namespace.*` paths). */
export function validateNamespaceArgs(problems: ProblemCollector, args: ZeroTrustNamespaceArgs, prefix = "") {
  const at = (path: string) => `${prefix}${path}`;
  checkName(problems, at("namespace"), args.namespace);
  const version = args.podSecurityVersion ?? DEFAULT_POD_SECURITY_VERSION;
  problems.require(
    /^(v1\.\d{1,2}|latest)$/.test(version),
    at("podSecurityVersion"),
    version,
    'must be a Kubernetes minor version such as "v1.33", or "latest"',
  );
  (args.ingress ?? []).forEach((rule, i) => {
    checkPeers(problems, at(`ingress[${i}].from`), rule.from, true);
    checkLabels(problems, at(`ingress[${i}].toPodLabels`), rule.toPodLabels);
    checkPorts(problems, at(`ingress[${i}].ports`), rule.ports);
  });
  (args.egress ?? []).forEach((rule, i) => {
    (rule.toCidrs ?? []).forEach((cidr, j) => checkCidr(problems, at(`egress[${i}].toCidrs[${j}]`), cidr));
    checkPeers(problems, at(`egress[${i}].toPods`), rule.toPods, false);
    problems.require(
      (rule.toCidrs?.length ?? 0) + (rule.toPods?.length ?? 0) > 0,
      at(`egress[${i}]`),
      rule,
      "must name at least one destination in toCidrs or toPods",
    );
    checkLabels(problems, at(`egress[${i}].fromPodLabels`), rule.fromPodLabels);
    checkPorts(problems, at(`egress[${i}].ports`), rule.ports);
  });
  const dns = args.clusterDns ?? DEFAULT_DNS;
  checkPeers(problems, at("clusterDns"), [dns], true);
  const quota = args.quota ?? DEFAULT_QUOTA;
  for (const [key, value] of Object.entries(quota)) {
    problems.require(
      QUANTITY.test(value),
      at(`quota["${key}"]`),
      value,
      "must be a Kubernetes quantity such as 8, 500m or 16Gi",
    );
  }
  const container = args.containerDefaults ?? DEFAULT_CONTAINER;
  for (const kind of ["requests", "limits"] as const) {
    for (const resource of ["cpu", "memory"] as const) {
      const value = container[kind]?.[resource];
      problems.require(
        typeof value === "string" && QUANTITY.test(value),
        at(`containerDefaults.${kind}.${resource}`),
        value,
        "must be a Kubernetes quantity",
      );
    }
  }
  const names = (args.serviceAccounts ?? []).map((a) => a.name);
  (args.serviceAccounts ?? []).forEach((account, i) => {
    checkName(problems, at(`serviceAccounts[${i}].name`), account.name);
    problems.require(
      account.name !== "default",
      at(`serviceAccounts[${i}].name`),
      account.name,
      'must not be "default": workloads get their own identity',
    );
    problems.require(
      names.indexOf(account.name) === i,
      at(`serviceAccounts[${i}].name`),
      account.name,
      "must be unique",
    );
    if (account.rules !== undefined)
      checkRbacRules(problems, at(`serviceAccounts[${i}].rules`), account.rules);
  });
  checkLabels(problems, at("labels"), args.labels);
  const compliance = args.compliance
    ? (problems.attempt(() => kubernetesLabels(args.compliance as ComplianceMetadata)) ?? {})
    : {};
  const protection = resolveDataProtection(args.dataProtection, problems, { path: at("dataProtection") });
  return {
    labels: { ...compliance, ...args.labels, ...podSecurityLabels("restricted", version) },
    dns,
    quota,
    container,
    protection,
  };
}
