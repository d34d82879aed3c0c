/** Azure networking rules (azure-native v3 network, API 2024-05-01): NSG exposure and VNet flow logs. */
import type { PolicyResource } from "@pulumi/policy";
import type * as network from "@pulumi/azure-native/network";
import { stackRule, type Props, type StackContext } from "../../rule";
import {
  SENSITIVE_PORTS_SETTING,
  exposureMessage,
  openToInternet,
  parsePortSpec,
  sensitivePorts,
  type Ingress,
  type PortRange,
} from "../exposure";

const NSG = "azure-native:network:NetworkSecurityGroup";
const SECURITY_RULE = "azure-native:network:SecurityRule";

type SecurityRule = Props<network.SecurityRuleArgs>;

/** Service tags and the wildcard that mean "anywhere", as the address ranges they stand for. */
const ANYWHERE = new Set(["*", "internet", "any"]);
const WHOLE_INTERNET = ["0.0.0.0/0", "::/0"];

/** Protocols that carry ports: TCP, UDP and `*` (any); ICMP, ESP and AH have none. */
const PORTED = new Set(["tcp", "udp", "*"]);

const values = (one: unknown, many: unknown): unknown[] => [
  ...(one === undefined ? [] : [one]),
  ...((many as unknown[] | undefined) ?? []),
];

/** A security rule as an ingress entry: an inbound Allow rule opens its destination ports to its sources. */
const ingressOf = (rule: SecurityRule): Ingress => ({
  ports: (): PortRange[] => {
    if (String(rule.direction).toLowerCase() !== "inbound" || String(rule.access).toLowerCase() !== "allow")
      return [];
    if (!PORTED.has(String(rule.protocol).toLowerCase())) return [];
    // A range the API would reject opens nothing.
    return values(rule.destinationPortRange, rule.destinationPortRanges).flatMap((spec) => {
      const range = parsePortSpec(spec);
      return range ? [range] : [];
    });
  },
  sources: () =>
    values(rule.sourceAddressPrefix, rule.sourceAddressPrefixes).flatMap((s) =>
      ANYWHERE.has(String(s).trim().toLowerCase()) ? WHOLE_INTERNET : [s],
    ),
});

/** Standalone rules join their NSG through `networkSecurityGroupName` (unknown while the NSG is new). */
const inStackNsg = (rule: PolicyResource) =>
  (rule.propertyDependencies.networkSecurityGroupName ?? []).some((d) => d.type === NSG);

function ruleSet(props: Record<string, any>, context: StackContext): Ingress[] {
  if (context.type === SECURITY_RULE)
    return inStackNsg(context.stack.subject) ? [] : [ingressOf(props as SecurityRule)];
  const inline = ((props.securityRules as SecurityRule[] | undefined) ?? []).map(ingressOf);
  const standalone = context.stack
    .dependents(SECURITY_RULE, "networkSecurityGroupName")
    .map((r) => ingressOf(r.props as SecurityRule));
  return [...inline, ...standalone];
}

export const nsgSensitivePorts = stackRule({
  id: "azure-network-security-group-admin-ports-closed",
  description:
    "No network security group admits the whole internet to an administrative or data port (sensitivePorts), judged on the union of its rules' sources",
  target: "azure",
  types: [NSG, SECURITY_RULE],
  config: { sensitivePorts: SENSITIVE_PORTS_SETTING },
  requirements: [
    {
      id: "sensitive-ports-closed",
      description:
        "No sensitive port admits the whole internet: the Internet, Any or * sources, 0.0.0.0/0 or ::/0 in any notation, or prefixes whose union covers either",
      remediation:
        "Remove the inbound Allow rules whose sources together cover the internet on these ports; reach hosts through Azure Bastion and databases through private endpoints.",
      afterDeployment:
        "Prefixes taken from other resources are unknown in a first preview; a port is still reported when known prefixes alone open it.",
      check: (props, context) => {
        const open = openToInternet(ruleSet(props, context), sensitivePorts(context.config));
        return open.length > 0 ? [`inbound rules leave ${exposureMessage(open)}`] : [];
      },
    },
  ],
});

const flowLogs = (context: StackContext) =>
  context.stack.dependents("azure-native:network:FlowLog", "targetResourceId");

/** VNet flow logs (NSG flow logs can no longer be created): a FlowLog whose targetResourceId is the VNet. */
export const vnetFlowLogs = stackRule({
  id: "azure-network-virtual-network-flow-logs",
  description: "Every virtual network records its flows with an enabled VNet flow log",
  target: "azure",
  types: ["azure-native:network:VirtualNetwork"],
  requirements: [
    {
      id: "flow-log",
      description: "A FlowLog targets the virtual network",
      remediation: "Add a network FlowLog whose targetResourceId is the virtual network.",
      check: (_vnet, context) =>
        flowLogs(context).length > 0 ? [] : ["no FlowLog (targetResourceId) records this virtual network"],
    },
    {
      id: "enabled",
      description: "Its flow log is enabled",
      remediation: "Set enabled: true on the virtual network's FlowLog.",
      check: (_vnet, context) => {
        const logs = flowLogs(context);
        // No flow log at all is the flow-log requirement's finding.
        return logs.length === 0 || logs.some((log) => log.props.enabled === true)
          ? []
          : ["no FlowLog (targetResourceId) of this virtual network sets enabled: true"];
      },
    },
  ],
});

const SUBNET = "azure-native:network:Subnet";
const VNET = "azure-native:network:VirtualNetwork";
const PLATFORM_SUBNETS = [
  "GatewaySubnet",
  "AzureFirewallSubnet",
  "AzureFirewallManagementSubnet",
  "RouteServerSubnet",
];

type Nic = Props<network.NetworkInterfaceArgs>;

/**
 * Whether the subnets a NIC sits in, as the stack declares them, all carry an NSG: standalone Subnets and
 * VirtualNetworks with inline subnets that `ipConfigurations` depends on (ids are unknown in a first preview).
 */
function subnetsGuarded(context: StackContext): boolean {
  const subnets = context.stack
    .dependencies("ipConfigurations")
    .flatMap((r) =>
      r.type === SUBNET
        ? [r.props]
        : r.type === VNET
          ? ((r.props.subnets as Record<string, any>[] | undefined) ?? [])
          : [],
    );
  // Gateway, firewall and route server subnets host no VM interfaces, and Azure refuses NSGs on some of them.
  const hosting = subnets.filter((s) => !PLATFORM_SUBNETS.includes(String(s?.name)));
  return hosting.length > 0 && hosting.every((s) => "networkSecurityGroup" in (s ?? {}));
}

export const networkInterfaceGuarded = stackRule({
  id: "azure-network-interface-guarded",
  description: "Network interfaces have no public IP and sit behind a network security group",
  target: "azure",
  types: ["azure-native:network:NetworkInterface"],
  requirements: [
    {
      id: "no-public-ip",
      description: "No IP configuration of the interface has a public IP address",
      remediation:
        "Remove publicIPAddress from ipConfigurations; reach the host through Azure Bastion or a private network.",
      check: (props: Nic) =>
        ((props.ipConfigurations as Record<string, any>[] | undefined) ?? []).flatMap((ip, i) =>
          "publicIPAddress" in (ip ?? {}) ? [`ipConfigurations[${i}].publicIPAddress gives a public IP`] : [],
        ),
    },
    {
      id: "network-security-group",
      description:
        "An NSG filters the interface's traffic: on the interface, or on every subnet it uses that the stack declares (without one, Azure admits whatever reaches it)",
      remediation:
        "Set networkSecurityGroup on the interface, or declare its subnet in the stack with a networkSecurityGroup.",
      check: (props: Nic, context) =>
        "networkSecurityGroup" in props || subnetsGuarded(context)
          ? []
          : ["no networkSecurityGroup on the interface or on the subnets it uses that the stack declares"],
    },
  ],
});
