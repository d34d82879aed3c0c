/**
 * Shared validation for Kubernetes arguments: names, label maps, ports, CIDRs, traffic peers and RBAC
 * rules. Every component records problems here against the caller's argument paths.
 */
import { Address4 } from "ip-address";
import { DNS_LABEL_RULE, isDnsLabel, kubernetesLabelRules, type ProblemCollector } from "@palisade/core";

export type Protocol = "TCP" | "UDP";

export interface PortSpec {
  port: number;
  /** @default "TCP" */
  protocol?: Protocol;
}

/** Pods in a namespace (optionally only those with these labels). */
export interface PodPeer {
  namespace: string;
  podLabels?: Record<string, string>;
}

export function checkName(problems: ProblemCollector, path: string, value: unknown): void {
  problems.require(isDnsLabel(value), path, value, DNS_LABEL_RULE);
}

export function checkLabels(
  problems: ProblemCollector,
  path: string,
  labels: Record<string, string> | undefined,
): void {
  if (labels !== undefined) problems.addAll(kubernetesLabelRules(labels, path));
}

export function checkPorts(
  problems: ProblemCollector,
  path: string,
  ports: PortSpec[] | undefined,
  required = true,
): void {
  if (required && !(Array.isArray(ports) && ports.length > 0)) {
    problems.add(path, ports, "must list at least one port");
    return;
  }
  (ports ?? []).forEach((p, i) => {
    problems.require(
      Number.isInteger(p.port) && p.port >= 1 && p.port <= 65535,
      `${path}[${i}].port`,
      p.port,
      "must be a whole number from 1 to 65535",
    );
    if (p.protocol !== undefined) {
      problems.require(
        p.protocol === "TCP" || p.protocol === "UDP",
        `${path}[${i}].protocol`,
        p.protocol,
        'must be "TCP" or "UDP"',
      );
    }
  });
}

export function checkCidr(problems: ProblemCollector, path: string, cidr: unknown): void {
  const ok =
    typeof cidr === "string" && /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(cidr) && Address4.isValid(cidr);
  problems.require(ok, path, cidr, "must be an IPv4 CIDR such as 10.0.0.0/16");
}

export function checkPeers(
  problems: ProblemCollector,
  path: string,
  peers: PodPeer[] | undefined,
  required: boolean,
): void {
  if (required && !(Array.isArray(peers) && peers.length > 0)) {
    problems.add(path, peers, "must name at least one peer (an empty list would admit no one, or everyone)");
    return;
  }
  (peers ?? []).forEach((peer, i) => {
    checkName(problems, `${path}[${i}].namespace`, peer.namespace);
    checkLabels(problems, `${path}[${i}].podLabels`, peer.podLabels);
  });
}

/** Kubernetes network-policy peer for pods in a namespace, matched by its immutable name label. */
export function podPeer(peer: PodPeer) {
  return {
    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": peer.namespace } },
    podSelector: { matchLabels: peer.podLabels ?? {} },
  };
}

export function policyPorts(ports: PortSpec[]) {
  return ports.map((p) => ({ protocol: p.protocol ?? "TCP", port: p.port }));
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
  /** Limit the rule to these object names. */
  resourceNames?: string[];
}

/** Least privilege: named verbs on named resources only; no wildcards and no listing of secrets. */
export function checkRbacRules(
  problems: ProblemCollector,
  path: string,
  rules: RbacRule[] | undefined,
): void {
  if (!(Array.isArray(rules) && rules.length > 0)) {
    problems.add(
      path,
      rules,
      "must grant at least one rule (omit the service account's rules to grant nothing)",
    );
    return;
  }
  rules.forEach((rule, i) => {
    const at = `${path}[${i}]`;
    for (const key of ["apiGroups", "resources", "verbs"] as const) {
      const list: unknown = rule[key];
      if (
        !problems.require(
          Array.isArray(list) && list.length > 0,
          `${at}.${key}`,
          list,
          "must list at least one entry",
        )
      )
        continue;
      (list as unknown[]).forEach((entry, j) =>
        problems.require(
          entry !== "*",
          `${at}.${key}[${j}]`,
          entry,
          "must not be a wildcard: name exactly what is needed",
        ),
      );
    }
    (rule.verbs ?? []).forEach((verb, j) => {
      if (verb !== ("*" as string)) {
        problems.require(
          (RBAC_VERBS as readonly string[]).includes(verb),
          `${at}.verbs[${j}]`,
          verb,
          `must be one of ${RBAC_VERBS.join(", ")} (escalate, bind and impersonate are never granted)`,
        );
      }
    });
    if ((rule.resources ?? []).includes("secrets")) {
      const reads = (rule.verbs ?? []).filter((v) => v === "list" || v === "watch");
      problems.require(
        reads.length === 0,
        `${at}.verbs`,
        rule.verbs,
        "must not list or watch secrets: get named secrets instead",
      );
    }
  });
}
