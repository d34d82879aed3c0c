/** Azure networking rules: NSG admin ports and VNet flow logs (azure-native v3 network, API 2024-05-01). */
import type * as network from "@pulumi/azure-native/network";
import { dependents, resourceRule, stackRule, type Props } from "../../rule";
import { ADMIN_PORTS, ADMIN_PORTS_LABEL, INTERNET_CIDRS, portSpecCoversAdminPort } from "../exposure";

const NSG = "azure-native:network:NetworkSecurityGroup";
const SECURITY_RULE = "azure-native:network:SecurityRule";

/** Source prefixes that mean "anywhere": service tags `Internet` and `Any`, the `*` wildcard, and the all-address CIDRs. */
const INTERNET = new Set(["*", "internet", "any", ...INTERNET_CIDRS]);

/** Ports a protocol can reach: TCP and `*` carry SSH and RDP; UDP only RDP's UDP transport. */
function adminPortsFor(protocol: unknown): number[] {
  const p = String(protocol).toLowerCase();
  if (p === "tcp" || p === "*") return [...ADMIN_PORTS];
  if (p === "udp") return [3389];
  return [];
}

/**
 * Why a security rule (standalone or inline) admits the internet to an admin port, or undefined.
 * Reads direction, access and protocol first, then the sources, and the ports only when the rule is open.
 */
function openAdminRule(rule: Props<network.SecurityRuleArgs>): string | undefined {
  if (String(rule.direction).toLowerCase() !== "inbound" || String(rule.access).toLowerCase() !== "allow")
    return undefined;
  const ports = adminPortsFor(rule.protocol);
  if (ports.length === 0) return undefined;
  const sources = [
    ...(rule.sourceAddressPrefix === undefined ? [] : [rule.sourceAddressPrefix]),
    ...((rule.sourceAddressPrefixes as unknown[] | undefined) ?? []),
  ].map((s) => String(s));
  const source = sources.find((s) => INTERNET.has(s.trim().toLowerCase()));
  if (source === undefined) return undefined;
  const ranges = [
    ...(rule.destinationPortRange === undefined ? [] : [rule.destinationPortRange]),
    ...((rule.destinationPortRanges as unknown[] | undefined) ?? []),
  ];
  const range = ranges.find((r) => portSpecCoversAdminPort(r, ports));
  return range === undefined
    ? undefined
    : `allows Inbound from "${source}" (sourceAddressPrefix(es)) to "${String(range)}" (destinationPortRange(s)), which covers ${ADMIN_PORTS_LABEL}`;
}

export const nsgAdminPorts = resourceRule({
  id: "azure-network-security-group-admin-ports-closed",
  description: "No network security group rule admits SSH or RDP from the internet",
  target: "azure",
  types: [NSG, SECURITY_RULE],
  check: (props: Props<network.NetworkSecurityGroupArgs> & Props<network.SecurityRuleArgs>, args) => {
    if (args.type === SECURITY_RULE) {
      const why = openAdminRule(props);
      return why ? [`security rule ${args.name} ${why}`] : [];
    }
    return ((props.securityRules as Props<network.SecurityRuleArgs>[] | undefined) ?? []).flatMap(
      (rule, i) => {
        const why = openAdminRule(rule);
        return why ? [`securityRules[${i}] ${why}`] : [];
      },
    );
  },
});

/** VNet flow logs (NSG flow logs can no longer be created): a FlowLog whose targetResourceId is the VNet. */
export const vnetFlowLogs = stackRule({
  id: "azure-network-virtual-network-flow-logs",
  description: "Every virtual network records its flows with an enabled VNet flow log",
  target: "azure",
  check: (resources) =>
    resources
      .filter((r) => r.type === "azure-native:network:VirtualNetwork")
      .flatMap((vnet) => {
        const logs = dependents(resources, "azure-native:network:FlowLog", "targetResourceId", vnet);
        if (logs.length === 0)
          return [
            { urn: vnet.urn, message: `virtual network ${vnet.name} has no FlowLog (targetResourceId)` },
          ];
        return logs.some((log) => log.props.enabled === true)
          ? []
          : [{ urn: vnet.urn, message: `virtual network ${vnet.name}: its FlowLog must set enabled: true` }];
      }),
});
