import { hipaa } from "@palisade/core";
import type * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { SegmentedVnet, type NsgAllow, type SegmentedVnetArgs } from "./segmented-vnet";
import {
  azureStack,
  COMPONENT_CASES,
  LOCATION,
  RESOURCE_GROUP,
  rejectedPaths,
  WORKSPACE_ID,
} from "./test-support";

const VNET = "azure-native:network:VirtualNetwork";
const SUBNET = "azure-native:network:Subnet";
const NSG = "azure-native:network:NetworkSecurityGroup";
const FLOW_LOG = "azure-native:network:FlowLog";
const ZONE = "azure-native:privatedns:PrivateZone";
const LINK = "azure-native:privatedns:VirtualNetworkLink";
const NAT = "azure-native:network:NatGateway";
const IP = "azure-native:network:PublicIPAddress";
const CASE = COMPONENT_CASES.SegmentedVnet;
const FLOW_LOGS = CASE.args.flowLogs;
const ALLOWS = CASE.args.allows as unknown as NsgAllow[];
const ALLOW = ALLOWS[0]!;

async function built(args: Partial<SegmentedVnetArgs> = {}, name = "phi") {
  const stack = await azureStack();
  const vnet = new SegmentedVnet(name, { ...CASE.args, ...args } as unknown as SegmentedVnetArgs);
  return { stack: await stack.settle(), vnet };
}

function value<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

const DENY_ALL = {
  priority: 4096,
  access: "Deny",
  protocol: "*",
  sourceAddressPrefix: "*",
  sourcePortRange: "*",
  destinationAddressPrefix: "*",
  destinationPortRange: "*",
};
const DENY_ALLS = [
  { name: "DenyAllInbound", direction: "Inbound", ...DENY_ALL },
  { name: "DenyAllOutbound", direction: "Outbound", ...DENY_ALL },
];

describe("SegmentedVnet", () => {
  it("is a VNet over the CIDR with no inline subnets", async () => {
    const { stack } = await built();
    const vnet = stack.one(VNET, "phi-vnet");
    expect(vnet.inputs).toEqual({
      resourceGroupName: RESOURCE_GROUP,
      location: LOCATION,
      tags: { "managed-by": "palisade" },
      addressSpace: { addressPrefixes: ["10.20.0.0/16"] },
      // azure-native's own defaults.
      enableDdosProtection: false,
      enableVmProtection: false,
    });
  });

  it("gives each tier a planned subnet without default outbound access, with its own NSG and endpoint policies", async () => {
    const { stack, vnet } = await built();
    const app = stack.one(SUBNET, "phi-app");
    const data = stack.one(SUBNET, "phi-data");
    expect(data.inputs).toEqual({
      resourceGroupName: RESOURCE_GROUP,
      virtualNetworkName: "phi-vnet00000000",
      addressPrefix: "10.20.1.0/24",
      defaultOutboundAccess: false,
      privateEndpointNetworkPolicies: "Enabled",
      // azure-native's default.
      privateLinkServiceNetworkPolicies: "Enabled",
      networkSecurityGroup: { id: "phi-data-nsg-id" },
    });
    expect(app.inputs).toMatchObject({
      addressPrefix: "10.20.0.0/24",
      defaultOutboundAccess: false,
      privateEndpointNetworkPolicies: "Enabled",
      networkSecurityGroup: { id: "phi-app-nsg-id" },
    });
    expect(app.propertyDependencies.networkSecurityGroup).toEqual([stack.one(NSG, "phi-app-nsg").urn]);
    expect(app.propertyDependencies.virtualNetworkName).toEqual([stack.one(VNET).urn]);
    // One subnet at a time: Azure serializes a VNet's subnet operations.
    expect(app.dependsOn).not.toContain(data.urn);
    expect(data.dependsOn).toContain(app.urn);
    expect(vnet.subnetCidrs).toEqual({ app: "10.20.0.0/24", data: "10.20.1.0/24" });
    expect(await value(vnet.subnetIds.data!)).toBe("phi-data-id");
    expect(await value(vnet.nsgIds.app!)).toBe("phi-app-nsg-id");
    expect(await value(vnet.vnetName)).toBe("phi-vnet00000000");
    expect(await value(vnet.vnetId)).toBe("phi-vnet-id");
  });

  it("keeps every subnet where it was when a tier is appended", async () => {
    const before = (await built()).vnet.subnetCidrs;
    const { stack, vnet } = await built({
      tiers: [...CASE.args.tiers, { name: "gpu", prefixLength: 22 }],
    });
    expect(vnet.subnetCidrs).toEqual({ ...before, gpu: "10.20.4.0/22" });
    expect(stack.ofType(SUBNET).map((s) => s.inputs.addressPrefix)).toEqual([
      "10.20.0.0/24",
      "10.20.1.0/24",
      "10.20.4.0/22",
    ]);
  });

  it("denies everything at 4096 in every NSG, with each allow only in the NSGs of the tiers it targets", async () => {
    const { stack } = await built();
    for (const nsg of stack.ofType(NSG))
      expect(nsg.inputs, nsg.name).toMatchObject({
        resourceGroupName: RESOURCE_GROUP,
        location: LOCATION,
        tags: { "managed-by": "palisade" },
      });
    expect(stack.one(NSG, "phi-app-nsg").inputs.securityRules).toEqual(DENY_ALLS);
    expect(stack.one(NSG, "phi-data-nsg").inputs.securityRules).toEqual([
      {
        name: "app-to-data",
        priority: 100,
        direction: "Inbound",
        access: "Allow",
        protocol: "Tcp",
        sourceAddressPrefix: "10.20.0.0/24",
        sourcePortRange: "*",
        destinationAddressPrefix: "10.20.1.0/24",
        destinationPortRange: "5432",
      },
      ...DENY_ALLS,
    ]);
  });

  it("numbers allows from 100 in declared order across NSGs, lists many addresses, and takes a lone service tag", async () => {
    const allows: NsgAllow[] = [
      ...ALLOWS,
      {
        name: "lb-probes",
        direction: "Inbound",
        protocol: "Tcp",
        ports: ["8080", "9000-9010"],
        sourceAddressPrefixes: ["AzureLoadBalancer"],
        destinationTiers: ["app", "data"],
      },
      {
        name: "app-out",
        direction: "Outbound",
        protocol: "Tcp",
        ports: ["443"],
        sourceTiers: ["app"],
        destinationTiers: ["data"],
        destinationAddressPrefixes: ["192.168.10.0/24"],
      },
      {
        name: "ping",
        direction: "Outbound",
        protocol: "Icmp",
        ports: ["*"],
        sourceTiers: ["data"],
        destinationTiers: ["app"],
      },
    ];
    const { stack } = await built({ allows });
    expect(stack.one(NSG, "phi-app-nsg").inputs.securityRules).toEqual([
      {
        name: "lb-probes",
        priority: 101,
        direction: "Inbound",
        access: "Allow",
        protocol: "Tcp",
        sourceAddressPrefix: "AzureLoadBalancer",
        sourcePortRange: "*",
        destinationAddressPrefix: "10.20.0.0/24",
        destinationPortRanges: ["8080", "9000-9010"],
      },
      {
        name: "app-out",
        priority: 102,
        direction: "Outbound",
        access: "Allow",
        protocol: "Tcp",
        sourceAddressPrefix: "10.20.0.0/24",
        sourcePortRange: "*",
        destinationAddressPrefixes: ["10.20.1.0/24", "192.168.10.0/24"],
        destinationPortRange: "443",
      },
      ...DENY_ALLS,
    ]);
    expect(
      stack
        .one(NSG, "phi-data-nsg")
        .inputs.securityRules.map((r: { name: string; priority: number }) => [r.name, r.priority]),
    ).toEqual([
      ["app-to-data", 100],
      ["lb-probes", 101],
      ["ping", 103],
      ["DenyAllInbound", 4096],
      ["DenyAllOutbound", 4096],
    ]);
  });

  it("records the VNet's flows in the region's Network Watcher, with traffic analytics, as a retained guard", async () => {
    const { stack } = await built();
    const log = stack.one(FLOW_LOG, "phi-flow-log");
    expect(log.inputs).toEqual({
      resourceGroupName: "NetworkWatcherRG",
      location: LOCATION,
      tags: { "managed-by": "palisade" },
      networkWatcherName: `NetworkWatcher_${LOCATION}`,
      targetResourceId: "phi-vnet-id",
      storageId: FLOW_LOGS.storageAccountResourceId,
      enabled: true,
      format: { type: "JSON", version: 2 },
      retentionPolicy: { enabled: true, days: 365 },
      flowAnalyticsConfiguration: {
        networkWatcherFlowAnalyticsConfiguration: {
          enabled: true,
          workspaceResourceId: WORKSPACE_ID,
          workspaceId: FLOW_LOGS.workspaceCustomerId,
          workspaceRegion: LOCATION,
          trafficAnalyticsInterval: 10,
        },
      },
    });
    expect(log.propertyDependencies.targetResourceId).toEqual([stack.one(VNET).urn]);
    expect(log.retainOnDelete).toBe(true);
  });

  it("keeps flow records past 365 days (0: never deleted by Network Watcher) when the baseline needs longer", async () => {
    const { stack } = await built({ baseline: hipaa });
    expect(stack.one(FLOW_LOG).inputs.retentionPolicy).toEqual({ enabled: true, days: 0 });
  });

  it("uses the Network Watcher and workspace region it is given", async () => {
    const { stack } = await built({
      networkWatcher: { resourceGroupName: "rg-watchers", name: "watcher-weu" },
      flowLogs: { ...FLOW_LOGS, workspaceRegion: "northeurope" },
    });
    expect(stack.one(FLOW_LOG).inputs).toMatchObject({
      resourceGroupName: "rg-watchers",
      networkWatcherName: "watcher-weu",
      flowAnalyticsConfiguration: {
        networkWatcherFlowAnalyticsConfiguration: { workspaceRegion: "northeurope" },
      },
    });
  });

  it("creates the vault and blob private DNS zones, global, each linked to the VNet without auto-registration", async () => {
    const { stack, vnet } = await built();
    expect(stack.ofType(ZONE).map((z) => [z.name, z.inputs])).toEqual([
      [
        "phi-vault-dns",
        {
          resourceGroupName: RESOURCE_GROUP,
          location: "global",
          tags: { "managed-by": "palisade" },
          privateZoneName: "privatelink.vaultcore.azure.net",
        },
      ],
      [
        "phi-blob-dns",
        {
          resourceGroupName: RESOURCE_GROUP,
          location: "global",
          tags: { "managed-by": "palisade" },
          privateZoneName: "privatelink.blob.core.windows.net",
        },
      ],
    ]);
    const link = stack.one(LINK, "phi-vault-dns-link");
    expect(link.inputs).toEqual({
      resourceGroupName: RESOURCE_GROUP,
      location: "global",
      tags: { "managed-by": "palisade" },
      privateZoneName: "privatelink.vaultcore.azure.net",
      virtualNetwork: { id: "phi-vnet-id" },
      registrationEnabled: false,
    });
    expect(link.propertyDependencies.privateZoneName).toEqual([stack.one(ZONE, "phi-vault-dns").urn]);
    expect(stack.one(LINK, "phi-blob-dns-link").inputs.privateZoneName).toBe(
      "privatelink.blob.core.windows.net",
    );
    expect(Object.keys(vnet.privateDnsZoneIds)).toEqual(["vault", "blob"]);
    expect(await value(vnet.privateDnsZoneIds.blob!)).toBe("phi-blob-dns-id");
  });

  it("creates only the zones asked for", async () => {
    const { stack } = await built({ privateDnsZones: ["vault"] });
    expect(stack.ofType(ZONE).map((z) => z.name)).toEqual(["phi-vault-dns"]);
    expect(stack.ofType(LINK).map((z) => z.name)).toEqual(["phi-vault-dns-link"]);
  });

  it("gives NAT tiers one Standard NAT gateway with a static Standard IP, and other tiers none", async () => {
    const { stack } = await built();
    expect(stack.one(IP, "phi-nat-ip").inputs).toEqual({
      resourceGroupName: RESOURCE_GROUP,
      location: LOCATION,
      tags: { "managed-by": "palisade" },
      sku: { name: "Standard", tier: "Regional" },
      publicIPAllocationMethod: "Static",
      publicIPAddressVersion: "IPv4",
    });
    const nat = stack.one(NAT, "phi-nat");
    expect(nat.inputs).toEqual({
      resourceGroupName: RESOURCE_GROUP,
      location: LOCATION,
      tags: { "managed-by": "palisade" },
      sku: { name: "Standard" },
      publicIpAddresses: [{ id: "phi-nat-ip-id" }],
    });
    expect(stack.one(SUBNET, "phi-app").inputs.natGateway).toEqual({ id: "phi-nat-id" });
    expect(stack.one(SUBNET, "phi-app").propertyDependencies.natGateway).toEqual([nat.urn]);
    expect(stack.one(SUBNET, "phi-data").inputs).not.toHaveProperty("natGateway");
  });

  it("shares the NAT gateway between NAT tiers, and creates none without them", async () => {
    const shared = (
      await built({
        tiers: [
          { name: "app", prefixLength: 24, nat: true },
          { name: "data", prefixLength: 24, nat: true },
        ],
      })
    ).stack;
    expect(shared.ofType(NAT)).toHaveLength(1);
    expect(shared.ofType(SUBNET).map((s) => s.inputs.natGateway)).toEqual([
      { id: "phi-nat-id" },
      { id: "phi-nat-id" },
    ]);
    const none = (await built({ tiers: [{ name: "app", prefixLength: 24 }], allows: [] })).stack;
    expect([...none.ofType(NAT), ...none.ofType(IP)]).toEqual([]);
  });

  it("delegates a tier's subnet when asked", async () => {
    const { stack } = await built({
      tiers: [
        { name: "app", prefixLength: 24, nat: true },
        { name: "data", prefixLength: 24 },
        { name: "aks-api", prefixLength: 28, delegation: "Microsoft.ContainerService/managedClusters" },
      ],
    });
    expect(stack.one(SUBNET, "phi-aks-api").inputs.delegations).toEqual([
      { name: "delegation", serviceName: "Microsoft.ContainerService/managedClusters" },
    ]);
    expect(stack.one(SUBNET, "phi-app").inputs).not.toHaveProperty("delegations");
  });

  it("allows internet sources to ports that are not sensitive, and the internet as an outbound destination", async () => {
    const { stack } = await built({
      allows: [
        { ...ALLOW, sourceTiers: undefined, sourceAddressPrefixes: ["Internet"], ports: ["443"] },
        {
          name: "out",
          direction: "Outbound",
          protocol: "Tcp",
          ports: ["22"],
          sourceTiers: ["app"],
          destinationAddressPrefixes: ["*"],
        },
      ],
    });
    expect(stack.one(NSG, "phi-data-nsg").inputs.securityRules[0]).toMatchObject({
      sourceAddressPrefix: "Internet",
    });
    expect(stack.one(NSG, "phi-app-nsg").inputs.securityRules[0]).toMatchObject({
      destinationAddressPrefix: "*",
    });
  });
});

const allow = (change: Partial<NsgAllow>) => ({ allows: [{ ...ALLOW, ...change }] });

describe("SegmentedVnet bad input", () => {
  it.each([
    ["args null", null, "args"],
    ["no resource group", { resourceGroupName: undefined }, "resourceGroupName"],
    ["a public CIDR", { cidr: "8.8.0.0/16" }, "cidr"],
    ["a CIDR that is not a network address", { cidr: "10.20.0.1/16" }, "cidr"],
    ["no tiers", { tiers: [] }, "tiers"],
    ["a tier that is not a DNS label", { tiers: [{ name: "App_1", prefixLength: 24 }] }, "tiers[0].name"],
    [
      "duplicate tiers",
      {
        tiers: [
          { name: "app", prefixLength: 24 },
          { name: "app", prefixLength: 24 },
        ],
      },
      "tiers[1].name",
    ],
    [
      "a /30 subnet (Azure's smallest is /29)",
      { tiers: [{ name: "app", prefixLength: 30 }] },
      "tiers[0].prefixLength",
    ],
    [
      "a tier that does not fit",
      {
        cidr: "10.20.0.0/24",
        tiers: [
          { name: "app", prefixLength: 24 },
          { name: "data", prefixLength: 28 },
        ],
      },
      "tiers[1]",
    ],
    [
      "a bad delegation",
      { tiers: [{ name: "app", prefixLength: 24, delegation: "aks" }] },
      "tiers[0].delegation",
    ],
    ["an unknown source tier", allow({ sourceTiers: ["web"] }), "allows[0].sourceTiers[0]"],
    ["an unknown destination tier", allow({ destinationTiers: ["web"] }), "allows[0].destinationTiers[0]"],
    ["an inbound allow with no target tier", allow({ destinationTiers: [] }), "allows[0].destinationTiers"],
    [
      "an outbound allow with no target tier",
      allow({ direction: "Outbound", sourceTiers: undefined }),
      "allows[0].sourceTiers",
    ],
    ["an inbound allow from nowhere", allow({ sourceTiers: undefined }), "allows[0]"],
    [
      "an outbound allow to nowhere",
      allow({ direction: "Outbound", sourceTiers: ["app"], destinationTiers: undefined }),
      "allows[0]",
    ],
    [
      "inbound destination prefixes",
      allow({ destinationAddressPrefixes: ["10.0.0.0/8"] }),
      "allows[0].destinationAddressPrefixes",
    ],
    [
      "outbound source prefixes",
      allow({ direction: "Outbound", sourceAddressPrefixes: ["10.0.0.0/8"] }),
      "allows[0].sourceAddressPrefixes",
    ],
    [
      "SSH from *",
      allow({ sourceTiers: undefined, sourceAddressPrefixes: ["*"], ports: ["22"] }),
      "allows[0].sourceAddressPrefixes",
    ],
    [
      "RDP from Internet",
      allow({ sourceTiers: undefined, sourceAddressPrefixes: ["Internet"], ports: ["3389"] }),
      "allows[0].sourceAddressPrefixes",
    ],
    [
      "PostgreSQL from 0.0.0.0/0",
      allow({ sourceTiers: undefined, sourceAddressPrefixes: ["0.0.0.0/0"] }),
      "allows[0].sourceAddressPrefixes",
    ],
    [
      "every port from two halves of the internet",
      allow({
        sourceTiers: undefined,
        sourceAddressPrefixes: ["0.0.0.0/1", "128.0.0.0/1"],
        ports: ["*"],
        protocol: "*",
      }),
      "allows[0].sourceAddressPrefixes",
    ],
    [
      "SSH from ::/0 in a range",
      allow({ sourceTiers: undefined, sourceAddressPrefixes: ["::/0"], ports: ["20-25"] }),
      "allows[0].sourceAddressPrefixes",
    ],
    [
      "a prefix that is neither CIDR nor tag",
      allow({ sourceAddressPrefixes: ["10.0.0.0/33"] }),
      "allows[0].sourceAddressPrefixes[0]",
    ],
    [
      "a service tag among other sources",
      allow({ sourceAddressPrefixes: ["AzureLoadBalancer"] }),
      "allows[0].sourceAddressPrefixes[0]",
    ],
    ["duplicate allow names", { allows: [ALLOW, { ...ALLOW, name: "App-To-Data" }] }, "allows[1].name"],
    ["an allow named like a deny-all", allow({ name: "DenyAllInbound" }), "allows[0].name"],
    ["an allow name Azure refuses", allow({ name: "-bad" }), "allows[0].name"],
    ["port 0", allow({ ports: ["0"] }), "allows[0].ports[0]"],
    ["port 65536", allow({ ports: ["65536"] }), "allows[0].ports[0]"],
    ["a backwards range", allow({ ports: ["90-80"] }), "allows[0].ports[0]"],
    ["a word for a port", allow({ ports: ["https"] }), "allows[0].ports[0]"],
    ["* with other ports", allow({ ports: ["*", "443"] }), "allows[0].ports"],
    ["ports for Icmp", allow({ protocol: "Icmp", ports: ["443"] }), "allows[0].ports"],
    ["no ports", allow({ ports: [] }), "allows[0].ports"],
    ["a lower-case direction", allow({ direction: "inbound" as "Inbound" }), "allows[0].direction"],
    [
      "more allows than an NSG holds",
      { allows: Array.from({ length: 1001 }, (_, i) => ({ ...ALLOW, name: `a${i}` })) },
      "allows",
    ],
    ["no flow logs", { flowLogs: undefined }, "flowLogs"],
    [
      "flow logs without a workspace",
      { flowLogs: { ...FLOW_LOGS, workspaceResourceId: undefined } },
      "flowLogs.workspaceResourceId",
    ],
    [
      "a display-name workspace region",
      { flowLogs: { ...FLOW_LOGS, workspaceRegion: "North Europe" } },
      "flowLogs.workspaceRegion",
    ],
    [
      "a bad watcher resource group",
      { networkWatcher: { resourceGroupName: "rg." } },
      "networkWatcher.resourceGroupName",
    ],
    ["a bad watcher name", { networkWatcher: { name: "watcher-" } }, "networkWatcher.name"],
    ["an unknown DNS zone", { privateDnsZones: ["file"] }, "privateDnsZones[0]"],
    ["a duplicate DNS zone", { privateDnsZones: ["vault", "vault"] }, "privateDnsZones[1]"],
    ["a display-name location", { location: "West Europe" }, "location"],
    ["a typo", { tier: [] }, "tier"],
  ] as const)("rejects %s", async (_, change, path) => {
    expect(await rejectedPaths("SegmentedVnet", change as Record<string, unknown> | null)).toContain(path);
  });

  it("names only the tiers when they are malformed, not the allows that refer to them", async () => {
    const paths = await rejectedPaths("SegmentedVnet", { tiers: [{ name: "app" }] });
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((p) => !p.startsWith("tiers"))).toEqual([]);
  });

  it("rejects a name a child would refuse, naming `name`", async () => {
    expect(await rejectedPaths("SegmentedVnet", {}, `p${"x".repeat(60)}`)).toEqual(["name"]);
  });

  it("rejects a tier whose subnet or NSG name Azure would refuse, naming the tier", async () => {
    // The VNet's own names fit a 40-character component name; "<name>-<tier>-nsg" and its suffix do not.
    const name = `phi${"x".repeat(37)}`;
    const tiers = [{ name: "t".repeat(30), prefixLength: 24 }];
    expect(await rejectedPaths("SegmentedVnet", { tiers, allows: [] }, name)).toEqual(["tiers[0].name"]);
  });
});
