/**
 * Shared rules for Kubernetes arguments once their shape is known (schemas.ts checks the shape): names,
 * label maps, CIDRs, traffic peers and RBAC rules. Every component records problems here against the
 * caller's argument paths.
 */
import {
  admitsWholeInternet,
  checkDerivedName,
  DNS_LABEL,
  formatValue,
  kubernetesLabelRules,
  parseAddressRange,
  satisfiesNameRule,
  WHOLE_INTERNET_RULE,
  type IpFamily,
  type NameRule,
  type ProblemCollector,
} from "@palisade/core";

export type Protocol = "TCP" | "UDP";

export interface PortSpec {
  port: number;
  /** @default "TCP" */
  protocol?: Protocol;
}

/** Pods in a namespace (optionally only those with these labels). */
export interface PodPeer {
  namespace: string;
  /** @default every pod of the namespace */
  podLabels?: Record<string, string>;
}

/** What the Kubernetes API accepts for each kind of object name (apimachinery's validation). */
export const KUBERNETES_NAME_RULES = {
  /** Namespaces, and the names Palisade reuses as container and label values. */
  dnsLabel: {
    pattern: DNS_LABEL,
    maxLength: 63,
    describe: "a DNS label: 1-63 lowercase letters, digits or '-', starting and ending alphanumeric",
  },
  /** Services: their name becomes a DNS name, so it must start with a letter. */
  dns1035Label: {
    pattern: /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
    maxLength: 63,
    describe:
      "a DNS-1035 label: 1-63 lowercase letters, digits or '-', starting with a letter and ending alphanumeric",
  },
  /** Most other objects (Deployments, ServiceAccounts, NetworkPolicies, Roles, custom resources). */
  dnsSubdomain: {
    pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
    maxLength: 253,
    describe:
      "a DNS subdomain: at most 253 lowercase letters, digits, '-' or '.', starting and ending alphanumeric",
  },
} as const satisfies Record<string, NameRule>;

/**
 * What Palisade accepts as a component's logical name, the prefix of every child's name. Pulumi takes any
 * string, but control characters and unpaired surrogates break URNs in logs and over gRPC.
 */
export const COMPONENT_NAME_RULE: NameRule = {
  pattern: /^[^\p{C}]+$/u,
  maxLength: 253,
  describe: "1-253 printable characters (no control or format characters, no unpaired surrogates)",
};

/** How errors name a component, whatever JavaScript passed as its name. */
export function componentSubject(type: string, name: unknown): string {
  return `${type} ${formatValue(name)}`;
}

/** Namespaces the cluster owns: a component that created (and might delete) one could break the cluster. */
export const SYSTEM_NAMESPACES: readonly string[] = [
  "kube-system",
  "kube-public",
  "kube-node-lease",
  "default",
];

export function checkName(problems: ProblemCollector, path: string, value: unknown): boolean {
  return problems.require(
    satisfiesNameRule(value, KUBERNETES_NAME_RULES.dnsLabel),
    path,
    value,
    `must be ${KUBERNETES_NAME_RULES.dnsLabel.describe}`,
  );
}

/** A namespace a component creates: a DNS label, and never one the cluster owns. */
export function checkNewNamespace(problems: ProblemCollector, path: string, value: unknown): void {
  if (!checkName(problems, path, value)) return;
  problems.require(
    !SYSTEM_NAMESPACES.includes(value as string),
    path,
    value,
    `must not be a system namespace (${SYSTEM_NAMESPACES.join(", ")}): Palisade creates the namespaces it secures`,
  );
}

/**
 * A component's own name, checked with {@link COMPONENT_NAME_RULE}. Undefined when it is not valid, so
 * callers derive nothing from a value that is not even a string (`childName` would throw on it).
 */
export function ownName(problems: ProblemCollector, name: unknown): string | undefined {
  const valid = problems.require(
    satisfiesNameRule(name, COMPONENT_NAME_RULE),
    "name",
    name,
    `must be ${COMPONENT_NAME_RULE.describe}`,
  );
  return valid ? (name as string) : undefined;
}

/**
 * The name a child component will get from its parent's (valid) name, checked with the child's own rule
 * before the parent registers anything. Nothing to check when the parent's name is already refused.
 */
export function checkChildName(
  problems: ProblemCollector,
  parentName: string | undefined,
  derived: string,
  kind: string,
): void {
  if (parentName === undefined) return;
  checkDerivedName(problems, "name", parentName, derived, COMPONENT_NAME_RULE, `${kind} name`);
}

export function checkLabels(
  problems: ProblemCollector,
  path: string,
  labels: Record<string, string> | undefined,
): void {
  if (labels !== undefined) problems.addAll(kubernetesLabelRules(labels, path));
}

/** The notation Kubernetes parses: an address and an explicit prefix length, no spaces or zone. */
const CIDR_NOTATION = /^[0-9A-Fa-f.:]+\/\d{1,3}$/;

export function checkCidr(
  problems: ProblemCollector,
  path: string,
  cidr: string,
  families: readonly IpFamily[] = ["ipv4", "ipv6"],
): void {
  const range = CIDR_NOTATION.test(cidr) ? parseAddressRange(cidr) : undefined;
  problems.require(
    range !== undefined && families.includes(range.family),
    path,
    cidr,
    families.length === 2
      ? "must be an IPv4 or IPv6 CIDR such as 10.0.0.0/16 or 2001:db8::/32"
      : `must be an ${families[0] === "ipv4" ? "IPv4 CIDR such as 10.0.0.0/16" : "IPv6 CIDR such as 2001:db8::/32"}`,
  );
}

/** Destinations that together admit every address are no restriction at all. */
export function checkNotWholeInternet(problems: ProblemCollector, path: string, cidrs: unknown): boolean {
  return problems.require(
    !(Array.isArray(cidrs) && admitsWholeInternet(cidrs)),
    path,
    cidrs,
    WHOLE_INTERNET_RULE,
  );
}

export function checkPeer(problems: ProblemCollector, path: string, peer: PodPeer): void {
  checkName(problems, `${path}.namespace`, peer.namespace);
  checkLabels(problems, `${path}.podLabels`, peer.podLabels);
}

export function checkPeers(problems: ProblemCollector, path: string, peers: readonly PodPeer[]): void {
  peers.forEach((peer, i) => checkPeer(problems, `${path}[${i}]`, peer));
}

/** Kubernetes network-policy peer for pods in a namespace, matched by its immutable name label. */
export function podPeer(peer: PodPeer) {
  return {
    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": peer.namespace } },
    podSelector: { matchLabels: peer.podLabels ?? {} },
  };
}

export function policyPorts(ports: readonly PortSpec[]) {
  return ports.map((p) => ({ protocol: p.protocol ?? "TCP", port: p.port }));
}

/** A Kubernetes quantity such as 8, 500m or 16Gi. */
const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

export function checkQuantity(problems: ProblemCollector, path: string, value: string): void {
  problems.require(
    QUANTITY.test(value),
    path,
    value,
    "must be a Kubernetes quantity such as 8, 500m or 16Gi",
  );
}

export interface ContainerResources {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}

export function checkContainerResources(
  problems: ProblemCollector,
  path: string,
  resources: ContainerResources,
): void {
  for (const kind of ["requests", "limits"] as const) {
    for (const resource of ["cpu", "memory"] as const) {
      checkQuantity(problems, `${path}.${kind}.${resource}`, resources[kind][resource]);
    }
  }
}

export const RBAC_VERBS = [
  "get",
  "list",
  "watch",
  "create",
  "update",
  "patch",
  "delete",
  "deletecollection",
] as const;
export type RbacVerb = (typeof RBAC_VERBS)[number];

export interface RbacRule {
  /** API groups, `""` for the core group. No wildcards. */
  apiGroups: string[];
  /** Resources, e.g. `configmaps`. No wildcards. */
  resources: string[];
  verbs: RbacVerb[];
  /** Limit the rule to these object names. @default every object of the resources */
  resourceNames?: string[];
}

/**
 * The rules as fresh plain objects for a Role. Pulumi renders each top-level input with a template string
 * while registering; a caller's rule made with Object.create(null) would throw there, after other children.
 */
export function roleRules(rules: readonly RbacRule[]): RbacRule[] {
  return rules.map((rule) => ({
    apiGroups: [...rule.apiGroups],
    resources: [...rule.resources],
    verbs: [...rule.verbs],
    ...(rule.resourceNames ? { resourceNames: [...rule.resourceNames] } : {}),
  }));
}

/** Least privilege: named verbs on named resources only; no wildcards and no listing of secrets. */
export function checkRbacRules(problems: ProblemCollector, path: string, rules: readonly RbacRule[]): void {
  rules.forEach((rule, i) => {
    const at = `${path}[${i}]`;
    for (const key of ["apiGroups", "resources", "verbs"] as const) {
      rule[key].forEach((entry, j) =>
        problems.require(
          entry !== "*",
          `${at}.${key}[${j}]`,
          entry,
          "must not be a wildcard: name exactly what is needed",
        ),
      );
    }
    rule.verbs.forEach((verb, j) => {
      if (verb !== ("*" as string)) {
        problems.require(
          (RBAC_VERBS as readonly string[]).includes(verb),
          `${at}.verbs[${j}]`,
          verb,
          `must be one of ${RBAC_VERBS.join(", ")} (escalate, bind and impersonate are never granted)`,
        );
      }
    });
    if (rule.resources.includes("secrets")) {
      const reads = rule.verbs.filter((v) => v === "list" || v === "watch");
      problems.require(
        reads.length === 0,
        `${at}.verbs`,
        rule.verbs,
        "must not list or watch secrets: get named secrets instead",
      );
    }
  });
}
