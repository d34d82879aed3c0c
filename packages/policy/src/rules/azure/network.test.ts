import { hipaa } from "@palisade/core";
import { describe, expect, it } from "vitest";
import { UNKNOWN, analyzeRule, describeRule, type KitResource } from "../../test-support";
import { networkInterfaceGuarded, nsgSensitivePorts, vnetFlowLogs } from "./network";

const ssh = {
  name: "ssh",
  priority: 100,
  direction: "Inbound",
  access: "Allow",
  protocol: "Tcp",
  sourceAddressPrefix: "Internet",
  sourcePortRange: "*",
  destinationAddressPrefix: "*",
  destinationPortRange: "22",
};
const nsg = (...rules: Record<string, unknown>[]): KitResource => ({
  type: "azure-native:network:NetworkSecurityGroup",
  name: "nsg",
  props: { resourceGroupName: UNKNOWN, securityRules: rules.map((r) => ({ ...ssh, ...r })) },
});
const securityRule = (props: Record<string, unknown>, name: string, nsgName?: string): KitResource => ({
  type: "azure-native:network:SecurityRule",
  name,
  props: { ...ssh, networkSecurityGroupName: nsgName ? UNKNOWN : "existing-nsg", ...props },
  ...(nsgName ? { propertyDependencies: { networkSecurityGroupName: [nsgName] } } : {}),
});

const emptyNsg: KitResource = { ...nsg(), props: { resourceGroupName: UNKNOWN, securityRules: [] } };

describeRule(nsgSensitivePorts, {
  baseline: hipaa,
  compliant: [
    [nsg({ destinationPortRange: "443" })],
    [nsg({ access: "Deny" })],
    [nsg({ direction: "Outbound" })],
    [nsg({ sourceAddressPrefix: "VirtualNetwork" })],
    [nsg({ sourceAddressPrefix: "203.0.113.0/24" })],
    [nsg({ destinationPortRange: "8000-8999" })],
    [nsg({ protocol: "Icmp", destinationPortRange: "*" })],
    [nsg({ destinationPortRange: "not-a-port" })],
    [securityRule({ sourceAddressPrefix: "10.0.0.0/8" }, "private")],
    // The NSG's name is unknown in a first preview; sources and ports are known.
    [securityRule({ sourceAddressPrefix: "VirtualNetwork", networkSecurityGroupName: UNKNOWN }, "vnet")],
    // Halves of the internet in two different rule sets.
    [
      nsg({ sourceAddressPrefix: "0.0.0.0/1" }),
      securityRule({ sourceAddressPrefix: "128.0.0.0/1" }, "elsewhere"),
    ],
  ],
  requirements: {
    "sensitive-ports-closed": {
      violating: [
        ...["*", "Internet", "internet", "Any", "0.0.0.0/0", "::/0", "0::/0"].map((source) => [
          nsg({ sourceAddressPrefix: source }),
        ]),
        ...["*", "3389", "1-65535", "3380-3390", "3306", "6379"].map((ports) => [
          nsg({ destinationPortRange: ports }),
        ]),
        [nsg({ protocol: "*", destinationPortRange: "3389" })],
        [nsg({ protocol: "Udp", destinationPortRange: "3389" })],
        [nsg({ access: "allow", direction: "inbound", protocol: "tcp" })],
        [
          nsg({
            sourceAddressPrefix: undefined,
            sourceAddressPrefixes: ["10.0.0.0/8", "0.0.0.0/0"],
            destinationPortRange: undefined,
            destinationPortRanges: ["443", "3000-4000"],
          }),
        ],
        // Two halves of the internet in two rules of one NSG.
        [
          nsg(
            { sourceAddressPrefix: "0.0.0.0/1" },
            { name: "b", priority: 110, sourceAddressPrefix: "128.0.0.0/1", destinationPortRange: "20-25" },
          ),
        ],
        // Standalone rules joined to their NSG through its name, while the name is unknown.
        [
          emptyNsg,
          securityRule({ sourceAddressPrefix: "0.0.0.0/1" }, "a", "nsg"),
          securityRule({ sourceAddressPrefix: "128.0.0.0/1" }, "b", "nsg"),
        ],
        [
          securityRule(
            { sourceAddressPrefixes: ["10.0.0.0/8", "::/0"], sourceAddressPrefix: undefined },
            "open",
          ),
        ],
        { resources: [nsg({ destinationPortRange: "8080" })], config: { sensitivePorts: [8080] } },
      ],
      unknown: [
        [nsg({ sourceAddressPrefix: UNKNOWN })],
        [nsg({ destinationPortRange: UNKNOWN })],
        [emptyNsg, securityRule({ sourceAddressPrefix: UNKNOWN }, "r", "nsg")],
      ],
      // A private rule decides without its ports; a Deny rule without its sources.
      decidedWhenUnknown: [
        [nsg({ sourceAddressPrefix: "10.0.0.0/8", destinationPortRange: UNKNOWN })],
        [nsg({ access: "Deny", sourceAddressPrefix: UNKNOWN })],
      ],
    },
  },
});

describe("azure-network-security-group-admin-ports-closed", () => {
  it("names the ports and services the rules open", async () => {
    const result = await analyzeRule(nsgSensitivePorts, [nsg({ destinationPortRange: "20-25" })], {
      baseline: hipaa,
    });
    expect(result.violations).toEqual([
      "[azure-network-security-group-admin-ports-closed/sensitive-ports-closed] inbound rules leave SSH (22), Telnet (23) open to the whole internet",
    ]);
  });
});

const vnet: KitResource = {
  type: "azure-native:network:VirtualNetwork",
  name: "vnet",
  props: { id: UNKNOWN, addressSpace: { addressPrefixes: ["10.0.0.0/16"] } },
};
const flowLog = (enabled: unknown, target = "vnet"): KitResource => ({
  type: "azure-native:network:FlowLog",
  name: `fl-${target}-${String(enabled)}`,
  props: { targetResourceId: UNKNOWN, storageId: UNKNOWN, networkWatcherName: "nw", enabled },
  propertyDependencies: { targetResourceId: [target], storageId: ["logs"] },
});

describeRule(vnetFlowLogs, {
  baseline: hipaa,
  compliant: [
    [vnet, flowLog(true)],
    [vnet, flowLog(false), flowLog(true)],
  ],
  requirements: {
    "flow-log": {
      violating: [[vnet], [vnet, flowLog(true, "other-vnet")]],
      unknown: [],
      decidedWhenUnknown: [[vnet, flowLog(true)]],
    },
    enabled: {
      violating: [
        [vnet, flowLog(false)],
        [vnet, flowLog(undefined)],
      ],
      unknown: [[vnet, flowLog(UNKNOWN)]],
    },
  },
});

const nic = (props: Record<string, unknown>, deps: string[] = []): KitResource => ({
  type: "azure-native:network:NetworkInterface",
  name: "nic",
  props: {
    resourceGroupName: "rg",
    networkSecurityGroup: { id: UNKNOWN },
    ipConfigurations: [{ name: "ip", subnet: { id: UNKNOWN } }],
    ...props,
  },
  propertyDependencies: { ipConfigurations: deps },
});
const subnet: KitResource = {
  type: "azure-native:network:Subnet",
  name: "subnet",
  props: { name: "app", addressPrefix: "10.0.1.0/24", networkSecurityGroup: { id: UNKNOWN } },
};
const vnetOf = (subnets: Record<string, unknown>[]): KitResource => ({
  type: "azure-native:network:VirtualNetwork",
  name: "vnet",
  props: { addressSpace: { addressPrefixes: ["10.0.0.0/16"] }, subnets },
});
const guardedSubnet = { name: "app", addressPrefix: "10.0.1.0/24", networkSecurityGroup: { id: UNKNOWN } };
const bareNic = { networkSecurityGroup: undefined };

describeRule(networkInterfaceGuarded, {
  baseline: hipaa,
  compliant: [
    [nic({})],
    [subnet, nic(bareNic, ["subnet"])],
    [
      vnetOf([guardedSubnet, { name: "GatewaySubnet", addressPrefix: "10.0.0.0/27" }]),
      nic(bareNic, ["vnet"]),
    ],
    ...["AzureFirewallSubnet", "AzureFirewallManagementSubnet", "RouteServerSubnet"].map((name) => [
      vnetOf([guardedSubnet, { name, addressPrefix: "10.0.0.0/26" }]),
      nic(bareNic, ["vnet"]),
    ]),
  ],
  requirements: {
    "no-public-ip": {
      violating: [
        [nic({ ipConfigurations: [{ name: "a" }, { name: "b", publicIPAddress: { id: UNKNOWN } }] })],
      ],
      unknown: [[nic({ ipConfigurations: UNKNOWN })]],
    },
    "network-security-group": {
      violating: [
        [nic(bareNic)],
        [{ ...subnet, props: { name: "app", addressPrefix: "10.0.1.0/24" } }, nic(bareNic, ["subnet"])],
        [vnetOf([guardedSubnet, { name: "data", addressPrefix: "10.0.2.0/24" }]), nic(bareNic, ["vnet"])],
        [vnetOf([{ name: "GatewaySubnet", addressPrefix: "10.0.0.0/27" }]), nic(bareNic, ["vnet"])],
        // A dependency on something other than a subnet says nothing about filtering.
        [
          { type: "azure-native:network:PublicIPAddress", name: "pip", props: { networkSecurityGroup: {} } },
          nic(bareNic, ["pip"]),
        ],
      ],
      unknown: [[{ ...vnetOf([]), props: { subnets: UNKNOWN } }, nic(bareNic, ["vnet"])]],
      decidedWhenUnknown: [[nic({ networkSecurityGroup: UNKNOWN })]],
    },
  },
});
