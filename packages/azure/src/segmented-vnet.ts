/**
 * A virtual network cut into tiers: one subnet per tier (planned by @palisade/core, append-stable), each
 * with no default outbound access, network policies applied to its private endpoints, and its own network
 * security group that denies everything in and out except the named allows. The VNet's flows go to a VNet
 * flow log with traffic analytics; private DNS zones resolve private endpoints inside it; a NAT gateway
 * gives internet egress only to the tiers that ask for it.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  FlowLog,
  NatGateway,
  NetworkSecurityGroup,
  PublicIPAddress,
  Subnet,
  VirtualNetwork,
} from "@pulumi/azure-native/network";
import { PrivateZone, VirtualNetworkLink } from "@pulumi/azure-native/privatedns";
import {
  admitsWholeInternet,
  childName,
  describePorts,
  parseAddressRange,
  planSubnets,
  satisfiesNameRule,
  sensitivePortsIn,
  shape,
  validateArgs,
  type ArgsSchema,
  type ProblemCollector,
  type SensitivePort,
  type SubnetPlan,
} from "@palisade/core";
import { AzureChildren } from "./children";
import {
  AZURE_LOCATION,
  AZURE_NAME_RULES,
  AZURE_RESOURCE_GROUP,
  checkChildNames,
  type NamedChild,
} from "./names";
import { PRIVATE_DNS_ZONES, type PrivateLinkGroup } from "./private-endpoint";
import { AZURE_COMPONENT_SCHEMA, resolveAzureSettings, type AzureComponentArgs } from "./settings";

export interface VnetTier {
  /** Tier name (a DNS label), e.g. `app`, `data`. Append new tiers at the end: existing subnets never move. */
  name: string;
  /**
   * Prefix length of the tier's subnet, /29 at the longest (Azure keeps 5 addresses of every subnet).
   * Changing it renumbers the subnet (Azure allows that only while it is empty) and can move later tiers.
   */
  prefixLength: number;
  /**
   * Internet egress through the VNet's NAT gateway. Packets still leave only where an Outbound allow lets
   * them.
   * @default false: nothing in the tier reaches the internet
   */
  nat?: boolean;
  /**
   * A service the subnet is delegated to, e.g. `Microsoft.ContainerService/managedClusters` for AKS API
   * server VNet integration.
   * @default none
   */
  delegation?: string;
}

export type NsgProtocol = "Tcp" | "Udp" | "Icmp" | "*";

export interface NsgAllow {
  /** Rule name, unique among the allows; the rule is named so in every NSG it lands in. */
  name: string;
  /** `Inbound` lands in each destination tier's NSG, `Outbound` in each source tier's. */
  direction: "Inbound" | "Outbound";
  protocol: NsgProtocol;
  /** Destination ports or ranges (`"443"`, `"8000-8080"`), or `["*"]` for every port (the only choice for Icmp). */
  ports: string[];
  /** Sending tiers (their subnets' CIDRs). Outbound: the tiers whose NSGs get the rule (required). */
  sourceTiers?: string[];
  /**
   * Inbound only: sending CIDRs, or one service tag (`AzureLoadBalancer`, `VirtualNetwork`). The internet
   * (`*`, `Internet`, `0.0.0.0/0`, or ranges whose union covers it) is refused on sensitive ports.
   */
  sourceAddressPrefixes?: string[];
  /** Receiving tiers (their subnets' CIDRs). Inbound: the tiers whose NSGs get the rule (required). */
  destinationTiers?: string[];
  /** Outbound only: receiving CIDRs, or one service tag (`Storage.westeurope`, `AzureMonitor`). */
  destinationAddressPrefixes?: string[];
}

export interface VnetFlowLogArgs {
  /**
   * The storage account flow records are written to (resource id), in the VNet's region. It sets how long
   * records are kept past the flow log's own retention.
   */
  storageAccountResourceId: pulumi.Input<string>;
  /** The Log Analytics workspace traffic analytics writes to (resource id). */
  workspaceResourceId: pulumi.Input<string>;
  /** The same workspace's customer id (a GUID, the workspace's `customerId`). */
  workspaceCustomerId: pulumi.Input<string>;
  /** The workspace's region. @default the component's location */
  workspaceRegion?: string;
}

export interface SegmentedVnetArgs extends AzureComponentArgs {
  /** The VNet's IPv4 address space (private ranges only). Changing it renumbers every subnet. */
  cidr: string;
  /** Tiers, in order; append new ones at the end (existing subnets never move). */
  tiers: VnetTier[];
  /**
   * Allows over each NSG's DenyAllInbound and DenyAllOutbound (priority 4096), at priorities 100, 101...
   * in the order given: append new ones at the end, or later allows change priority.
   * @default none: no traffic in or out of any subnet (Azure's DHCP, DNS and IMDS at 168.63.129.16 and
   * 169.254.169.254 are not filtered by NSGs)
   */
  allows?: NsgAllow[];
  /** Where the VNet flow log (required: the record of every flow in and out) sends its records. */
  flowLogs: VnetFlowLogArgs;
  /**
   * The region's Network Watcher, which holds the flow log. Changing it replaces the flow log.
   * @default `NetworkWatcher_<location>` in `NetworkWatcherRG`, the one Azure creates for a subscription
   */
  networkWatcher?: { resourceGroupName?: string; name?: string };
  /**
   * Private DNS zones, linked to the VNet, that private endpoints of these services register in. Zones are
   * global and named by the service, so only one VNet per resource group can create each.
   * @default ["vault", "blob"]
   */
  privateDnsZones?: PrivateLinkGroup[];
}

const TYPE = "palisade:azure:SegmentedVnet";

/** Azure subnets are /29 at the smallest. */
const MAX_PREFIX = 29;
/** NSG priorities run 100 (first) to 4096 (last); the deny-alls take the last. */
export const DENY_ALL_PRIORITY = 4096;
export const FIRST_ALLOW_PRIORITY = 100;
/** An NSG holds at most 1,000 rules. */
const MAX_ALLOWS = 1000;
/** A flow log deletes records after at most 365 days; 0 keeps them until the storage account does. */
export const FLOW_LOG_MAX_RETENTION_DAYS = 365;
const DEFAULT_DNS_ZONES: PrivateLinkGroup[] = ["vault", "blob"];
/** Sources and destinations that stand for every address. */
const ANYWHERE = new Set(["*", "internet", "any"]);
/** A service tag: `AzureLoadBalancer`, `Storage.westeurope`. */
const SERVICE_TAG = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)?$/;
const PORT_SPEC = /^(\*|[0-9]{1,5}(-[0-9]{1,5})?)$/;
const DELEGATION = /^Microsoft\.[A-Za-z]+(\/[A-Za-z]+)+$/;

/** The flow log's retention: the settings' days when Network Watcher can keep them, else 0 (never deleted by it). */
export function flowLogRetentionDays(logRetentionDays: number): number {
  return logRetentionDays <= FLOW_LOG_MAX_RETENTION_DAYS ? logRetentionDays : 0;
}

export class SegmentedVnet extends pulumi.ComponentResource {
  readonly vnet: VirtualNetwork;
  readonly vnetId: pulumi.Output<string>;
  readonly vnetName: pulumi.Output<string>;
  readonly plan: SubnetPlan;
  readonly subnetIds: Record<string, pulumi.Output<string>>;
  /** Each tier's subnet CIDR. */
  readonly subnetCidrs: Record<string, string>;
  readonly nsgIds: Record<string, pulumi.Output<string>>;
  readonly privateDnsZoneIds: Partial<Record<PrivateLinkGroup, pulumi.Output<string>>>;
  readonly flowLog: FlowLog;

  constructor(name: string, args: SegmentedVnetArgs, opts?: pulumi.ComponentResourceOptions) {
    const s = validateArgs(
      `${TYPE} "${name}"`,
      SEGMENTED_VNET_SCHEMA,
      args,
      (problems, a: SegmentedVnetArgs) => checkSegmentedVnetArgs(problems, name, a),
    );
    super(TYPE, name, {}, opts);
    const children = new AzureChildren(this, s.settings);
    const location = s.settings.location;
    const regional = { resourceGroupName: true, location: true, tags: true } as const;
    this.plan = s.plan;
    this.subnetCidrs = Object.fromEntries(args.tiers.map((t) => [t.name, cidrOf(s.plan, t.name)]));

    // Standalone subnets only: a VNet's inline `subnets` would fight them on every update.
    this.vnet = children.create(VirtualNetwork, childName(name, "vnet"), regional, {
      addressSpace: { addressPrefixes: [args.cidr] },
    });
    const virtualNetworkName = this.vnet.name;

    // One NAT gateway for every NAT tier: one egress address to allow-list, one hourly charge.
    const natTiers = args.tiers.filter((t) => t.nat);
    let natGateway: NatGateway | undefined;
    if (natTiers.length > 0) {
      const ip = children.create(PublicIPAddress, childName(name, "nat-ip"), regional, {
        sku: { name: "Standard", tier: "Regional" },
        publicIPAllocationMethod: "Static",
        publicIPAddressVersion: "IPv4",
      });
      natGateway = children.create(NatGateway, childName(name, "nat"), regional, {
        sku: { name: "Standard" },
        publicIpAddresses: [{ id: ip.id }],
      });
    }

    this.subnetIds = {};
    this.nsgIds = {};
    let previous: Subnet | undefined;
    for (const tier of args.tiers) {
      // Rules inline: the NSG is created with its deny-alls, never open even for a moment, and a rule
      // dropped from `allows` leaves the NSG in the same update.
      const nsg = children.create(NetworkSecurityGroup, childName(name, tier.name, "nsg"), regional, {
        securityRules: nsgRules(tier.name, args.allows ?? [], s.plan),
      });
      const subnet: Subnet = children.create(
        Subnet,
        childName(name, tier.name),
        { resourceGroupName: true },
        {
          virtualNetworkName,
          addressPrefix: cidrOf(s.plan, tier.name),
          // Fixed at creation: Azure refuses to change it on an existing subnet.
          defaultOutboundAccess: false,
          // NSGs and route tables apply to private endpoints too.
          privateEndpointNetworkPolicies: "Enabled",
          networkSecurityGroup: { id: nsg.id },
          ...(tier.nat && natGateway ? { natGateway: { id: natGateway.id } } : {}),
          ...(tier.delegation ? { delegations: [{ name: "delegation", serviceName: tier.delegation }] } : {}),
        },
        // Azure serializes changes to a VNet's subnets; one at a time avoids AnotherOperationInProgress.
        previous ? { dependsOn: [previous] } : {},
      );
      previous = subnet;
      this.subnetIds[tier.name] = subnet.id;
      this.nsgIds[tier.name] = nsg.id;
    }

    const flowLogs = args.flowLogs;
    this.flowLog = children.create(
      FlowLog,
      childName(name, "flow-log"),
      { resourceGroupName: { elsewhere: s.networkWatcher.resourceGroupName }, location: true, tags: true },
      {
        networkWatcherName: s.networkWatcher.name,
        // A VNet flow log: NSG flow logs can no longer be created.
        targetResourceId: this.vnet.id,
        storageId: flowLogs.storageAccountResourceId,
        enabled: true,
        format: { type: "JSON", version: 2 },
        retentionPolicy: { enabled: true, days: flowLogRetentionDays(s.settings.logRetentionDays) },
        flowAnalyticsConfiguration: {
          networkWatcherFlowAnalyticsConfiguration: {
            enabled: true,
            workspaceResourceId: flowLogs.workspaceResourceId,
            workspaceId: flowLogs.workspaceCustomerId,
            workspaceRegion: flowLogs.workspaceRegion ?? location,
            trafficAnalyticsInterval: 10,
          },
        },
      },
      { role: "guard" },
    );

    this.privateDnsZoneIds = {};
    for (const group of s.privateDnsZones) {
      const zone = children.create(
        PrivateZone,
        childName(name, group, "dns"),
        { resourceGroupName: true, location: "global", tags: true },
        { privateZoneName: PRIVATE_DNS_ZONES[group] },
      );
      children.create(
        VirtualNetworkLink,
        childName(name, group, "dns-link"),
        { resourceGroupName: true, location: "global", tags: true },
        {
          privateZoneName: zone.name,
          virtualNetwork: { id: this.vnet.id },
          // Endpoints register through their DNS zone groups, not VM auto-registration.
          registrationEnabled: false,
        },
      );
      this.privateDnsZoneIds[group] = zone.id;
    }

    this.vnetId = this.vnet.id;
    this.vnetName = virtualNetworkName;
    this.registerOutputs({
      vnetId: this.vnetId,
      vnetName: this.vnetName,
      subnetIds: this.subnetIds,
      subnetCidrs: this.subnetCidrs,
      nsgIds: this.nsgIds,
      privateDnsZoneIds: this.privateDnsZoneIds,
    });
  }
}

function cidrOf(plan: SubnetPlan, tier: string): string {
  return Object.values(plan.byTier[tier] ?? {})[0] as string;
}

/** An inline NSG rule as this component writes it (a plain `SecurityRuleArgs`). */
export interface SecurityRule {
  name: string;
  priority: number;
  direction: "Inbound" | "Outbound";
  access: "Allow" | "Deny";
  protocol: NsgProtocol;
  sourceAddressPrefix?: string;
  sourceAddressPrefixes?: string[];
  sourcePortRange: "*";
  destinationAddressPrefix?: string;
  destinationAddressPrefixes?: string[];
  destinationPortRange?: string;
  destinationPortRanges?: string[];
}

/** `from` and `to` of one address side: one prefix goes in the singular field (the only one that takes a tag). */
function addresses(side: "source" | "destination", prefixes: string[]): Partial<SecurityRule> {
  return prefixes.length === 1
    ? { [`${side}AddressPrefix`]: prefixes[0] }
    : { [`${side}AddressPrefixes`]: prefixes };
}

function ports(specs: string[]): Partial<SecurityRule> {
  return specs.length === 1 ? { destinationPortRange: specs[0] } : { destinationPortRanges: specs };
}

function denyAll(direction: "Inbound" | "Outbound"): SecurityRule {
  return {
    name: `DenyAll${direction}`,
    priority: DENY_ALL_PRIORITY,
    direction,
    access: "Deny",
    protocol: "*",
    sourceAddressPrefix: "*",
    sourcePortRange: "*",
    destinationAddressPrefix: "*",
    destinationPortRange: "*",
  };
}

/** A tier's NSG rules: the allows that target it (by their priority among all allows), then the deny-alls. */
export function nsgRules(tier: string, allows: readonly NsgAllow[], plan: SubnetPlan): SecurityRule[] {
  const cidrs = (tiers: string[] | undefined) => (tiers ?? []).map((t) => cidrOf(plan, t));
  const rules = allows.flatMap((allow, index): SecurityRule[] => {
    const inbound = allow.direction === "Inbound";
    const targets = inbound ? allow.destinationTiers : allow.sourceTiers;
    if (!(targets ?? []).includes(tier)) return [];
    const here = [cidrOf(plan, tier)];
    const sources = inbound ? [...cidrs(allow.sourceTiers), ...(allow.sourceAddressPrefixes ?? [])] : here;
    const destinations = inbound
      ? here
      : [...cidrs(allow.destinationTiers), ...(allow.destinationAddressPrefixes ?? [])];
    return [
      {
        name: allow.name,
        priority: FIRST_ALLOW_PRIORITY + index,
        direction: allow.direction,
        access: "Allow",
        protocol: allow.protocol,
        ...addresses("source", sources),
        sourcePortRange: "*",
        ...addresses("destination", destinations),
        ...ports(allow.ports),
      },
    ];
  });
  return [...rules, denyAll("Inbound"), denyAll("Outbound")];
}

const NAMES = (what: string) => shape.array(shape.string(`must be ${what}`), `must list ${what}s`);

export const SEGMENTED_VNET_SCHEMA: ArgsSchema = shape.object(
  {
    ...AZURE_COMPONENT_SCHEMA,
    cidr: shape.string("must be an IPv4 CIDR such as 10.20.0.0/16"),
    tiers: shape.array(
      shape.object(
        {
          name: shape.string("must be a tier name"),
          prefixLength: shape.integer("must be a prefix length"),
          nat: shape.boolean(),
          delegation: shape.string(
            "must be a service name such as Microsoft.ContainerService/managedClusters",
          ),
        },
        {
          required: ["name", "prefixLength"],
          description: "must be a tier { name, prefixLength, nat?, delegation? }",
        },
      ),
      "must list tiers",
      { minItems: 1 },
    ),
    allows: shape.array(
      shape.object(
        {
          name: shape.string("must be a rule name"),
          direction: shape.oneOf(["Inbound", "Outbound"]),
          protocol: shape.oneOf(["Tcp", "Udp", "Icmp", "*"]),
          ports: shape.array(
            shape.string("must be a port, a range such as 8000-8080, or *"),
            "must list ports",
            {
              minItems: 1,
            },
          ),
          sourceTiers: NAMES("a tier name"),
          sourceAddressPrefixes: NAMES("a CIDR or a service tag"),
          destinationTiers: NAMES("a tier name"),
          destinationAddressPrefixes: NAMES("a CIDR or a service tag"),
        },
        {
          required: ["name", "direction", "protocol", "ports"],
          description: "must be an allow { name, direction, protocol, ports, sources, destinations }",
        },
      ),
      `must list at most ${MAX_ALLOWS} allows (an NSG's rule limit)`,
      { maxItems: MAX_ALLOWS },
    ),
    flowLogs: shape.object(
      {
        storageAccountResourceId: shape.input(shape.string("must be a storage account resource id")),
        workspaceResourceId: shape.input(shape.string("must be a Log Analytics workspace resource id")),
        workspaceCustomerId: shape.input(shape.string("must be a Log Analytics workspace customer id")),
        workspaceRegion: shape.string('must be an Azure region name such as "westeurope"'),
      },
      {
        required: ["storageAccountResourceId", "workspaceResourceId", "workspaceCustomerId"],
        description: "must be { storageAccountResourceId, workspaceResourceId, workspaceCustomerId }",
      },
    ),
    networkWatcher: shape.object(
      {
        resourceGroupName: shape.string("must be a resource group name"),
        name: shape.string("must be a Network Watcher name"),
      },
      { description: "must be { resourceGroupName?, name? }" },
    ),
    privateDnsZones: shape.array(
      shape.oneOf(Object.keys(PRIVATE_DNS_ZONES)),
      "must list private link groups",
    ),
  },
  { required: ["resourceGroupName", "cidr", "tiers", "flowLogs"] },
);

/** The names a SegmentedVnet derives from its component name alone. */
export function segmentedVnetNames(
  name: string,
  args: Pick<SegmentedVnetArgs, "privateDnsZones">,
): NamedChild[] {
  return [
    { type: "azure-native:network:VirtualNetwork", name: childName(name, "vnet") },
    { type: "azure-native:network:PublicIPAddress", name: childName(name, "nat-ip") },
    { type: "azure-native:network:NatGateway", name: childName(name, "nat") },
    { type: "azure-native:network:FlowLog", name: childName(name, "flow-log") },
    ...(args.privateDnsZones ?? DEFAULT_DNS_ZONES).map((group): NamedChild => ({
      type: "azure-native:privatedns:VirtualNetworkLink",
      name: childName(name, group, "dns-link"),
    })),
  ];
}

/** The names a tier's subnet and NSG carry. */
export function tierNames(name: string, tier: string): NamedChild[] {
  return [
    { type: "azure-native:network:Subnet", name: childName(name, tier) },
    { type: "azure-native:network:NetworkSecurityGroup", name: childName(name, tier, "nsg") },
  ];
}

/** Every rule a SegmentedVnet's args must meet, with the plan they resolve to. */
export function checkSegmentedVnetArgs(problems: ProblemCollector, name: string, args: SegmentedVnetArgs) {
  const settings = resolveAzureSettings(problems, name, args);
  const tiers = args.tiers ?? [];
  // Azure subnets are regional: one zone slot per tier, named by the region.
  const plan = problems.attempt(() =>
    planSubnets({
      cidr: args.cidr,
      zones: [settings.location || "region"],
      tiers: tiers.map((t) => ({ name: t.name, prefixLength: t.prefixLength })),
      zoneSlots: 1,
      maxPrefixLength: MAX_PREFIX,
    }),
  );
  tiers.forEach((tier, i) => {
    if (tier.delegation !== undefined)
      problems.require(
        DELEGATION.test(tier.delegation),
        `tiers[${i}].delegation`,
        tier.delegation,
        "must be a service name such as Microsoft.ContainerService/managedClusters",
      );
  });
  // Tiers of the wrong shape are already reported; naming them again from the allows would only add noise.
  if (args.tiers !== undefined) checkAllows(problems, args.allows ?? [], tiers);

  const watcher = {
    resourceGroupName: args.networkWatcher?.resourceGroupName ?? "NetworkWatcherRG",
    name: args.networkWatcher?.name ?? `NetworkWatcher_${settings.location}`,
  };
  problems.require(
    satisfiesNameRule(watcher.resourceGroupName, AZURE_RESOURCE_GROUP),
    "networkWatcher.resourceGroupName",
    watcher.resourceGroupName,
    `must be a resource group name: ${AZURE_RESOURCE_GROUP.describe}`,
  );
  const watcherRule = AZURE_NAME_RULES["azure-native:network:NetworkWatcher"]!;
  if (args.networkWatcher?.name !== undefined)
    problems.require(
      satisfiesNameRule(watcher.name, watcherRule),
      "networkWatcher.name",
      watcher.name,
      `must be a ${watcherRule.what}: ${watcherRule.describe}`,
    );
  const region = args.flowLogs?.workspaceRegion;
  if (region !== undefined)
    problems.require(
      AZURE_LOCATION.test(region),
      "flowLogs.workspaceRegion",
      region,
      'must be an Azure region name such as "westeurope"',
    );

  const privateDnsZones = args.privateDnsZones ?? DEFAULT_DNS_ZONES;
  privateDnsZones.forEach((group, i) =>
    problems.require(privateDnsZones.indexOf(group) === i, `privateDnsZones[${i}]`, group, "must be unique"),
  );

  // Names from the component name first; a tier's names then blame the tier.
  if (checkChildNames(problems, "name", name, segmentedVnetNames(name, args)))
    tiers.forEach((tier, i) =>
      checkChildNames(problems, `tiers[${i}].name`, tier.name, tierNames(name, tier.name)),
    );
  return { settings, plan: plan as SubnetPlan, networkWatcher: watcher, privateDnsZones };
}

/** `[from, to]` of a port spec (`*` is every port), or undefined when Azure would refuse it. */
function portRange(spec: string): [number, number] | undefined {
  if (!PORT_SPEC.test(spec)) return undefined;
  if (spec === "*") return [0, 65535];
  const [from, to = from] = spec.split("-").map(Number) as [number, number?];
  return from >= 1 && from <= to && to <= 65535 ? [from, to] : undefined;
}

function checkAllows(problems: ProblemCollector, allows: NsgAllow[], tiers: VnetTier[]): void {
  const tierNames = tiers.map((t) => t.name);
  const seen = new Set<string>();
  const rule = AZURE_NAME_RULES["azure-native:network:SecurityRule"]!;
  allows.forEach((allow, i) => {
    const at = `allows[${i}]`;
    // Azure names are case-insensitive; the deny-alls' names are taken.
    const key = allow.name.toLowerCase();
    problems.require(
      satisfiesNameRule(allow.name, rule),
      `${at}.name`,
      allow.name,
      `must be a ${rule.what}: ${rule.describe}`,
    );
    problems.require(
      !seen.has(key) && key !== "denyallinbound" && key !== "denyalloutbound",
      `${at}.name`,
      allow.name,
      "must be unique among the allows (ignoring case) and not DenyAllInbound or DenyAllOutbound",
    );
    seen.add(key);

    for (const key of ["sourceTiers", "destinationTiers"] as const)
      (allow[key] ?? []).forEach((tier, j) =>
        problems.require(
          tierNames.includes(tier),
          `${at}.${key}[${j}]`,
          tier,
          `must be one of the tiers: ${tierNames.join(", ")}`,
        ),
      );

    const inbound = allow.direction === "Inbound";
    const [targets, targetKey, sourceKey, destinationKey] = inbound
      ? ([
          allow.destinationTiers,
          "destinationTiers",
          "sourceAddressPrefixes",
          "destinationAddressPrefixes",
        ] as const)
      : ([allow.sourceTiers, "sourceTiers", "sourceAddressPrefixes", "destinationAddressPrefixes"] as const);
    problems.require(
      (targets ?? []).length > 0,
      `${at}.${targetKey}`,
      targets,
      `must name at least one tier: an ${allow.direction} allow lands in the NSG of each`,
    );
    const ownSide = inbound ? destinationKey : sourceKey;
    problems.require(
      allow[ownSide] === undefined,
      `${at}.${ownSide}`,
      allow[ownSide],
      `must be omitted for ${allow.direction}: the rule's ${inbound ? "destination" : "source"} is its tier's subnet`,
    );
    const otherTiers = inbound ? allow.sourceTiers : allow.destinationTiers;
    const otherKey = inbound ? sourceKey : destinationKey;
    const prefixes = allow[otherKey] ?? [];
    problems.require(
      (otherTiers ?? []).length + prefixes.length > 0,
      at,
      allow.name,
      inbound
        ? "must name its sources (sourceTiers or sourceAddressPrefixes): an Inbound allow from anywhere is refused"
        : "must name its destinations (destinationTiers or destinationAddressPrefixes)",
    );
    checkPrefixes(problems, `${at}.${otherKey}`, prefixes, (otherTiers ?? []).length);

    const ranges = allow.ports.map((spec, j) => {
      const range = portRange(spec);
      problems.require(
        range !== undefined,
        `${at}.ports[${j}]`,
        spec,
        "must be a port or range from 1 to 65535 (443, 8000-8080) or *",
      );
      return range;
    });
    if (allow.ports.length > 1)
      problems.require(
        !allow.ports.includes("*"),
        `${at}.ports`,
        allow.ports,
        'must be ["*"] alone when it has *',
      );
    if (allow.protocol === "Icmp")
      problems.require(
        allow.ports.length === 1 && allow.ports[0] === "*",
        `${at}.ports`,
        allow.ports,
        'must be ["*"] for Icmp, which has no ports',
      );
    else if (inbound) {
      const internet = prefixes.map((p) => (ANYWHERE.has(p.trim().toLowerCase()) ? "0.0.0.0/0" : p));
      const sensitive = new Map<number, SensitivePort>();
      for (const range of ranges)
        if (range) for (const port of sensitivePortsIn(range[0], range[1])) sensitive.set(port.port, port);
      problems.require(
        !(admitsWholeInternet(internet) && sensitive.size > 0),
        `${at}.sourceAddressPrefixes`,
        prefixes,
        `must not admit the internet (*, Internet, 0.0.0.0/0, ::/0 or ranges whose union covers either) to ${describePorts([...sensitive.values()])}: reach hosts through Azure Bastion, services through private endpoints`,
      );
    }
  });
}

/** CIDRs or addresses, or a single service tag or `*` (Azure takes tags only in the singular field). */
function checkPrefixes(
  problems: ProblemCollector,
  path: string,
  prefixes: string[],
  tierCount: number,
): void {
  const single = prefixes.length + tierCount === 1;
  prefixes.forEach((prefix, j) => {
    const isRange = parseAddressRange(prefix) !== undefined;
    const isTag = prefix === "*" || SERVICE_TAG.test(prefix);
    if (
      !problems.require(
        isRange || isTag,
        `${path}[${j}]`,
        prefix,
        "must be a CIDR, an IP address or a service tag",
      )
    )
      return;
    problems.require(
      isRange || single,
      `${path}[${j}]`,
      prefix,
      "must be the rule's only address when it is a service tag or * (Azure takes tags only alone); list CIDRs instead",
    );
  });
}
