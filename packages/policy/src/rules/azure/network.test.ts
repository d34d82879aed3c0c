import { hipaa } from "@palisade/core";
import { describe, expect, it } from "vitest";
import { UNKNOWN, analyzeRule, describeRule, type KitResource } from "../../test-support";
import { nsgSensitivePorts, vnetFlowLogs } from "./network";

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
