import * as pulumi from "@pulumi/pulumi";
import {
  Firewall,
  GlobalAddress,
  GlobalForwardingRule,
  Network,
  Router,
  RouterNat,
  Subnetwork,
  type FirewallArgs,
} from "@pulumi/gcp/compute";
import { ManagedZone, RecordSet } from "@pulumi/gcp/dns";
import { Address4 } from "ip-address";
import {
  admitsWholeInternet,
  childName,
  DNS_LABEL_RULE,
  isDnsLabel,
  isRegionAllowed,
  planSubnets,
  shape,
  validateArgs,
  WHOLE_INTERNET_RULE,
  type ArgsSchema,
  type ProblemCollector,
  type SubnetPlan,
} from "@palisade/core";
import { GcpChildren } from "./children";
import { checkChildNames, GCP_REGION, type NamedChild } from "./names";
import { GCP_COMPONENT_SCHEMA, resolveGcpSettings, type GcpComponentArgs } from "./settings";

export interface SecondaryRange {
  /** Range name (a DNS label), e.g. `pods` or `services`, as GKE's ipAllocationPolicy names it. */
  name: string;
  /** Prefix length of the range. Changing it renumbers the range, which replaces what uses it. */
  prefixLength: number;
}

export interface NetworkTier {
  /** Tier name (a DNS label), e.g. `app`, `data`. Append new tiers at the end. */
  name: string;
  /** Prefix length of the tier's subnet. Changing it replaces the subnet. */
  prefixLength: number;
  /** Secondary ranges (GKE pods and services), planned in `secondaryCidr`. @default none */
  secondaryRanges?: SecondaryRange[];
  /**
   * A Cloud NAT for the tier's subnet. Packets still leave only where an egress allow lets them.
   * @default false: nothing reaches the internet
   */
  nat?: boolean;
}

export type FirewallProtocol = "tcp" | "udp" | "icmp";

export interface FirewallAllow {
  /** Rule name (a DNS label); the firewall rule is `<component>-allow-<name>`. */
  name: string;
  /** `INGRESS` (to the targets) or `EGRESS` (from the targets). */
  direction: "INGRESS" | "EGRESS";
  protocol: FirewallProtocol;
  /** Ports or ranges (`"443"`, `"8000-8080"`); not for icmp. @default every port */
  ports?: string[];
  /** Who the rule applies to: service account emails. @default the targetTags, else every VM */
  targetServiceAccounts?: string[];
  /** Who the rule applies to: network tags. @default the targetServiceAccounts, else every VM */
  targetTags?: string[];
  /** INGRESS: sending service accounts. */
  sourceServiceAccounts?: string[];
  /** INGRESS: sending network tags. */
  sourceTags?: string[];
  /** INGRESS: sending tiers (their subnets' ranges). */
  sourceTiers?: string[];
  /** INGRESS: sending CIDR ranges. Internet-wide ranges are refused. */
  sourceRanges?: string[];
  /** EGRESS: receiving tiers (their subnets' ranges). */
  destinationTiers?: string[];
  /** EGRESS: receiving CIDR ranges. */
  destinationRanges?: string[];
}

export interface SegmentedNetworkArgs extends GcpComponentArgs {
  /**
   * The plan's IPv4 block (private space). Subnets are placed first-fit from its start; its last /28 holds
   * the Private Service Connect endpoint. Changing it renumbers every subnet.
   */
  cidr: string;
  /**
   * Tiers, in order; append new ones at the end (existing subnets never move).
   * @default `app` /20 and `data` /24
   */
  tiers?: NetworkTier[];
  /** Block that the tiers' secondary ranges are planned in. Required when a tier has secondary ranges. */
  secondaryCidr?: string;
  /** Logged allows over the deny-all rules, by service account, tag, tier or range. @default none */
  allows?: FirewallAllow[];
  /**
   * Name of the Private Service Connect endpoint for Google APIs (1-20 lowercase letters and digits,
   * starting with a letter): `<name>.p.googleapis.com`. Forces replacement when changed.
   * @default "palisadeapis"
   */
  pscEndpointName?: string;
  /**
   * Regions the tiers span, in order: a subnet per tier in each, all checked against the baseline. Append
   * new regions at the end (existing subnets never move); the first region's subnets are `<name>-<tier>`,
   * the others' `<name>-<tier>-<region>`.
   * @default the component's region
   */
  regions?: string[];
  /** Region slots reserved in every tier's block, so regions can be added without renumbering. @default 4 */
  regionSlots?: number;
}

const TYPE = "palisade:gcp:SegmentedNetwork";

/** Flow logs on every subnet: every flow, every 5 seconds, with all metadata. */
export const FLOW_LOGS = {
  aggregationInterval: "INTERVAL_5_SEC",
  flowSampling: 1,
  metadata: "INCLUDE_ALL_METADATA",
} as const;

/** Firewall rules log every connection they decide, with metadata. */
const LOGGED = { metadata: "INCLUDE_ALL_METADATA" } as const;

/** Explicit deny-all rules sit just above VPC's implied rules (65535), under every allow (1000). */
export const DENY_ALL_PRIORITY = 65534;
export const ALLOW_PRIORITY = 1000;

const DEFAULT_TIERS: NetworkTier[] = [
  { name: "app", prefixLength: 20 },
  { name: "data", prefixLength: 24 },
];

/** GCP subnets are /29 at the smallest; the PSC endpoint's block is a /28 at the end of `cidr`. */
const MAX_PREFIX = 29;
const PSC_BLOCK_PREFIX = 28;

/**
 * A custom-mode VPC split into tiers: one subnet per tier in the component's region (planned by
 * @palisade/core, append-stable), Private Google Access and full flow logs on each, explicit logged
 * deny-all ingress and egress firewall rules with logged allows above them, Google APIs reached through a
 * Private Service Connect endpoint with its private DNS zone (no internet needed), and Cloud NAT only on
 * tiers that ask for it.
 */
export class SegmentedNetwork extends pulumi.ComponentResource {
  readonly network: Network;
  readonly networkId: pulumi.Output<string>;
  readonly networkSelfLink: pulumi.Output<string>;
  /** Subnetworks of the first region, by tier name. */
  readonly subnets: Record<string, Subnetwork>;
  /** Subnetworks by region, then by tier name. */
  readonly subnetsByRegion: Record<string, Record<string, Subnetwork>>;
  /** The plan: each tier's CIDR, and the secondary ranges by tier and name. */
  readonly plan: { primary: SubnetPlan; secondary?: SubnetPlan; pscAddress: string };
  /** The Private Service Connect endpoint's address for Google APIs. */
  readonly pscAddress: string;

  constructor(name: string, args: SegmentedNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    const s = validateSegmentedNetworkArgs(name, args);
    super(TYPE, name, {}, opts);
    const children = new GcpChildren(this, s.settings);
    // The first region's children keep the plain names, so appending a region renames nothing.
    const suffix = (region: string) => (region === s.regions[0] ? [] : [region]);

    this.network = children.create(
      Network,
      childName(name, "vpc"),
      { project: true },
      { autoCreateSubnetworks: false, routingMode: "REGIONAL" },
    );
    const network = this.network.id;

    this.subnetsByRegion = {};
    for (const region of s.regions) {
      const inRegion = children.inRegion(region);
      const subnets: Record<string, Subnetwork> = {};
      for (const tier of s.tiers) {
        subnets[tier.name] = inRegion.create(
          Subnetwork,
          childName(name, tier.name, ...suffix(region)),
          { project: true, region: true },
          {
            network,
            ipCidrRange: s.primary.byTier[tier.name]![region]!,
            privateIpGoogleAccess: true,
            logConfig: FLOW_LOGS,
            secondaryIpRanges: (tier.secondaryRanges ?? []).map((range) => ({
              rangeName: range.name,
              ipCidrRange: s.secondary!.byTier[secondaryTierName(tier.name, range.name)]![region]!,
            })),
          },
        );
      }
      this.subnetsByRegion[region] = subnets;
    }
    this.subnets = this.subnetsByRegion[s.regions[0]!]!;

    // Every rule is logged, allows and denies alike.
    const firewall = (rule: string, args: Omit<FirewallArgs, "project" | "network" | "logConfig">) =>
      children.create(
        Firewall,
        childName(name, rule),
        { project: true },
        { ...args, network, logConfig: LOGGED },
      );
    firewall("deny-all-ingress", {
      direction: "INGRESS",
      priority: DENY_ALL_PRIORITY,
      denies: [{ protocol: "all" }],
      sourceRanges: ["0.0.0.0/0"],
    });
    firewall("deny-all-egress", {
      direction: "EGRESS",
      priority: DENY_ALL_PRIORITY,
      denies: [{ protocol: "all" }],
      destinationRanges: ["0.0.0.0/0"],
    });
    // Google APIs over HTTPS, to the Private Service Connect endpoint only.
    firewall("allow-google-apis", {
      direction: "EGRESS",
      priority: ALLOW_PRIORITY,
      allows: [{ protocol: "tcp", ports: ["443"] }],
      destinationRanges: [`${s.pscAddress}/32`],
    });
    for (const allow of args.allows ?? []) firewall(`allow-${allow.name}`, allowRule(allow, s.primary));

    const address = children.create(
      GlobalAddress,
      childName(name, "psc-address"),
      { project: true, labels: true },
      { addressType: "INTERNAL", purpose: "PRIVATE_SERVICE_CONNECT", network, address: s.pscAddress },
    );
    children.create(
      GlobalForwardingRule,
      childName(name, "psc"),
      { project: true, labels: true },
      {
        name: s.pscEndpointName,
        target: "all-apis",
        network,
        ipAddress: address.id,
        // Google APIs endpoints take an empty scheme.
        loadBalancingScheme: "",
      },
    );
    // Every *.googleapis.com name resolves to the endpoint inside this network.
    const zone = children.create(
      ManagedZone,
      childName(name, "googleapis"),
      { project: true, labels: true },
      {
        dnsName: "googleapis.com.",
        visibility: "private",
        description: "Google APIs through Private Service Connect (Palisade SegmentedNetwork)",
        privateVisibilityConfig: { networks: [{ networkUrl: network }] },
      },
    );
    children.create(
      RecordSet,
      childName(name, "googleapis-a"),
      { project: true },
      { managedZone: zone.name, name: "googleapis.com.", type: "A", ttl: 300, rrdatas: [s.pscAddress] },
    );
    children.create(
      RecordSet,
      childName(name, "googleapis-cname"),
      { project: true },
      {
        managedZone: zone.name,
        name: "*.googleapis.com.",
        type: "CNAME",
        ttl: 300,
        rrdatas: ["googleapis.com."],
      },
    );

    const natTiers = s.tiers.filter((t) => t.nat);
    for (const region of natTiers.length > 0 ? s.regions : []) {
      const inRegion = children.inRegion(region);
      const router = inRegion.create(
        Router,
        childName(name, "router", ...suffix(region)),
        { project: true, region: true },
        { network },
      );
      inRegion.create(
        RouterNat,
        childName(name, "nat", ...suffix(region)),
        { project: true, region: true },
        {
          router: router.name,
          natIpAllocateOption: "AUTO_ONLY",
          sourceSubnetworkIpRangesToNat: "LIST_OF_SUBNETWORKS",
          subnetworks: natTiers.map((t) => ({
            name: this.subnetsByRegion[region]![t.name]!.id,
            sourceIpRangesToNats: ["ALL_IP_RANGES"],
          })),
          logConfig: { enable: true, filter: "ALL" },
        },
      );
    }

    this.plan = { primary: s.primary, secondary: s.secondary, pscAddress: s.pscAddress };
    this.pscAddress = s.pscAddress;
    this.networkId = this.network.id;
    this.networkSelfLink = this.network.selfLink;
    this.registerOutputs({
      networkId: this.networkId,
      networkSelfLink: this.networkSelfLink,
      subnetIds: Object.fromEntries(Object.entries(this.subnets).map(([t, sub]) => [t, sub.id])),
      pscAddress: this.pscAddress,
    });
  }
}

/** An allow as a firewall rule: tiers become their subnets' ranges; every allow is logged. */
function allowRule(allow: FirewallAllow, plan: SubnetPlan) {
  const ranges = (tiers: string[] | undefined) => (tiers ?? []).map((t) => plan.tierBlocks[t]!);
  const sourceRanges = [...(allow.sourceRanges ?? []), ...ranges(allow.sourceTiers)];
  const destinationRanges = [...(allow.destinationRanges ?? []), ...ranges(allow.destinationTiers)];
  return {
    direction: allow.direction,
    priority: ALLOW_PRIORITY,
    allows: [{ protocol: allow.protocol, ports: allow.ports }],
    targetServiceAccounts: allow.targetServiceAccounts,
    targetTags: allow.targetTags,
    sourceServiceAccounts: allow.sourceServiceAccounts,
    sourceTags: allow.sourceTags,
    sourceRanges: sourceRanges.length > 0 ? sourceRanges : undefined,
    destinationRanges: destinationRanges.length > 0 ? destinationRanges : undefined,
  };
}

function secondaryTierName(tier: string, range: string): string {
  return `${tier}-${range}`;
}

const NAMES = shape.array(shape.string("must be a name"), "must list names");

export const SEGMENTED_NETWORK_SCHEMA: ArgsSchema = shape.object(
  {
    ...GCP_COMPONENT_SCHEMA,
    cidr: shape.string("must be an IPv4 CIDR such as 10.20.0.0/16"),
    tiers: shape.array(
      shape.object(
        {
          name: shape.string("must be a tier name"),
          prefixLength: shape.integer("must be a prefix length"),
          secondaryRanges: shape.array(
            shape.object(
              {
                name: shape.string("must be a range name"),
                prefixLength: shape.integer("must be a prefix length"),
              },
              { required: ["name", "prefixLength"], description: "must be { name, prefixLength }" },
            ),
            "must list secondary ranges",
          ),
          nat: shape.boolean(),
        },
        {
          required: ["name", "prefixLength"],
          description: "must be a tier { name, prefixLength, secondaryRanges?, nat? }",
        },
      ),
      "must list tiers",
    ),
    secondaryCidr: shape.string("must be an IPv4 CIDR such as 100.64.0.0/14"),
    allows: shape.array(
      shape.object(
        {
          name: shape.string("must be a rule name"),
          direction: shape.oneOf(["INGRESS", "EGRESS"]),
          protocol: shape.oneOf(["tcp", "udp", "icmp"]),
          ports: shape.array(
            shape.string("must be a port or range such as 443 or 8000-8080"),
            "must list ports",
          ),
          targetServiceAccounts: NAMES,
          targetTags: NAMES,
          sourceServiceAccounts: NAMES,
          sourceTags: NAMES,
          sourceTiers: NAMES,
          sourceRanges: NAMES,
          destinationTiers: NAMES,
          destinationRanges: NAMES,
        },
        { required: ["name", "direction", "protocol"], description: "must be a firewall allow" },
      ),
      "must list firewall allows",
    ),
    pscEndpointName: shape.string("must be a Private Service Connect endpoint name"),
    regions: shape.array(shape.string("must be a GCP region name"), "must list GCP regions"),
    regionSlots: shape.integer("must be a power of two"),
  },
  { required: ["cidr"] },
);

/** The names a SegmentedNetwork derives from its component name. */
export function segmentedNetworkNames(name: string, args: SegmentedNetworkArgs): NamedChild[] {
  const tiers = args.tiers ?? DEFAULT_TIERS;
  const later = (args.regions ?? []).slice(1);
  return [
    { type: "gcp:compute/network:Network", name: childName(name, "vpc") },
    ...tiers.flatMap((t) =>
      [[], ...later.map((r) => [r])].map((suffix): NamedChild => ({
        type: "gcp:compute/subnetwork:Subnetwork",
        name: childName(name, t.name, ...suffix),
      })),
    ),
    ...[
      "deny-all-ingress",
      "deny-all-egress",
      "allow-google-apis",
      ...(args.allows ?? []).map((a) => `allow-${a.name}`),
    ].map((rule): NamedChild => ({ type: "gcp:compute/firewall:Firewall", name: childName(name, rule) })),
    ...[[], ...later.map((r) => [r])].flatMap((suffix): NamedChild[] => [
      { type: "gcp:compute/router:Router", name: childName(name, "router", ...suffix) },
      { type: "gcp:compute/routerNat:RouterNat", name: childName(name, "nat", ...suffix) },
    ]),
  ];
}

/** Every rule a SegmentedNetwork's args must meet, with the plan they resolve to. */
export function checkSegmentedNetworkArgs(
  problems: ProblemCollector,
  name: string,
  args: SegmentedNetworkArgs,
) {
  const settings = resolveGcpSettings(problems, name, args);
  const tiers = args.tiers ?? DEFAULT_TIERS;
  const regionSlots = args.regionSlots ?? 4;
  const regions = args.regions ?? [settings.region || "region"];
  checkRegions(problems, args, regions, regionSlots);
  const pscEndpointName = args.pscEndpointName ?? "palisadeapis";
  problems.require(
    /^[a-z][a-z0-9]{0,19}$/.test(pscEndpointName),
    "pscEndpointName",
    pscEndpointName,
    "must be 1-20 lowercase letters or digits, starting with a letter (Google APIs endpoint names)",
  );

  // The PSC endpoint takes the first address of the plan's last /28, which no subnet may use.
  const pscBlock = lastBlock(args.cidr);
  const primary = problems.attempt(
    () =>
      planSubnets({
        cidr: args.cidr,
        zones: regions,
        tiers: tiers.map((t) => ({ name: t.name, prefixLength: t.prefixLength })),
        zoneSlots: regionSlots,
        reserved: pscBlock ? [pscBlock] : [],
        maxPrefixLength: MAX_PREFIX,
      }),
    (path) => (path === "zoneSlots" ? "regionSlots" : path),
  );
  // Each tier's secondary ranges are tiers of their own in the secondary plan; its problems name them.
  const secondaryTiers = tiers.flatMap((t, i) =>
    (t.secondaryRanges ?? []).map((r, j) => ({
      name: secondaryTierName(t.name, r.name),
      prefixLength: r.prefixLength,
      path: `tiers[${i}].secondaryRanges[${j}]`,
    })),
  );
  let secondary: SubnetPlan | undefined;
  if (secondaryTiers.length > 0) {
    if (args.secondaryCidr === undefined)
      problems.add(
        "secondaryCidr",
        undefined,
        "must be set when a tier has secondaryRanges: they are planned in it",
      );
    else {
      secondary = problems.attempt(
        () =>
          planSubnets({
            cidr: args.secondaryCidr!,
            zones: regions,
            tiers: secondaryTiers.map(({ name, prefixLength }) => ({ name, prefixLength })),
            zoneSlots: regionSlots,
            maxPrefixLength: MAX_PREFIX,
          }),
        (path) => {
          const tier = /^tiers\[(\d+)\](.*)$/.exec(path);
          if (tier) return `${secondaryTiers[Number(tier[1])]?.path ?? path}${tier[2] ?? ""}`;
          return path === "cidr" ? "secondaryCidr" : path === "zoneSlots" ? "regionSlots" : path;
        },
      );
      checkDisjoint(problems, args.cidr, args.secondaryCidr);
    }
  } else if (args.secondaryCidr !== undefined)
    problems.add("secondaryCidr", args.secondaryCidr, "only applies when a tier has secondaryRanges");

  tiers.forEach((tier, i) => {
    const seen = new Set<string>();
    (tier.secondaryRanges ?? []).forEach((range, j) => {
      problems.require(
        isDnsLabel(range.name),
        `tiers[${i}].secondaryRanges[${j}].name`,
        range.name,
        DNS_LABEL_RULE,
      );
      problems.require(
        !seen.has(range.name),
        `tiers[${i}].secondaryRanges[${j}].name`,
        range.name,
        "must be unique in its tier",
      );
      seen.add(range.name);
    });
  });
  checkAllows(problems, args.allows ?? [], tiers);
  checkChildNames(problems, "name", name, segmentedNetworkNames(name, args));
  return {
    settings,
    tiers,
    regions,
    primary: primary as SubnetPlan,
    secondary,
    pscEndpointName,
    pscAddress: pscBlock ? pscBlock.split("/")[0]! : "",
  };
}

/** Each region a GCP region the baseline allows, once, and no more of them than the plan has slots for. */
function checkRegions(
  problems: ProblemCollector,
  args: SegmentedNetworkArgs,
  regions: readonly string[],
  regionSlots: number,
): void {
  if (args.regions === undefined) return;
  problems.require(
    regions.length > 0 && regions.length <= regionSlots,
    "regions",
    regions,
    `must list 1 to regionSlots (${regionSlots}) regions`,
  );
  regions.forEach((region, i) => {
    if (
      !problems.require(
        GCP_REGION.test(region),
        `regions[${i}]`,
        region,
        'must be a GCP region name such as "europe-west4"',
      )
    )
      return;
    problems.require(regions.indexOf(region) === i, `regions[${i}]`, region, "must be unique");
    const allowed = args.baseline?.allowedRegions.gcp;
    if (args.baseline && allowed && !isRegionAllowed(args.baseline, "gcp", region))
      problems.add(
        `regions[${i}]`,
        region,
        `must be one of ${JSON.stringify(allowed.value)} (${allowed.citation})`,
      );
  });
}

/** The last /28 of `cidr` (the PSC endpoint's block), or undefined when `cidr` is not a CIDR planSubnets takes. */
function lastBlock(cidr: unknown): string | undefined {
  if (typeof cidr !== "string" || !Address4.isValid(cidr)) return undefined;
  const network = new Address4(cidr);
  if (network.subnetMask > PSC_BLOCK_PREFIX) return undefined;
  const start = Address4.fromBigInt(network.endAddress().bigInt() - BigInt(2 ** (32 - PSC_BLOCK_PREFIX) - 1));
  return `${start.correctForm()}/${PSC_BLOCK_PREFIX}`;
}

/** Secondary ranges may not overlap the subnets; judged only when both are CIDRs (else their own checks speak). */
function checkDisjoint(problems: ProblemCollector, cidr: unknown, secondaryCidr: string): void {
  if (typeof cidr !== "string" || !Address4.isValid(cidr) || !Address4.isValid(secondaryCidr)) return;
  const a = new Address4(cidr);
  const b = new Address4(secondaryCidr);
  problems.require(
    !(a.isInSubnet(b) || b.isInSubnet(a)),
    "secondaryCidr",
    secondaryCidr,
    `must not overlap cidr ${cidr}: secondary ranges and subnets share the VPC's address space`,
  );
}

function checkAllows(problems: ProblemCollector, allows: FirewallAllow[], tiers: NetworkTier[]): void {
  const names = new Set<string>();
  const tierNames = tiers.map((t) => t.name);
  allows.forEach((allow, i) => {
    const at = `allows[${i}]`;
    problems.require(isDnsLabel(allow.name), `${at}.name`, allow.name, DNS_LABEL_RULE);
    problems.require(!names.has(allow.name), `${at}.name`, allow.name, "must be unique among the allows");
    names.add(allow.name);
    const ingress = allow.direction === "INGRESS";
    const sources = [allow.sourceServiceAccounts, allow.sourceTags, allow.sourceTiers, allow.sourceRanges];
    const destinations = [allow.destinationTiers, allow.destinationRanges];
    if (ingress) {
      problems.require(
        sources.some((list) => (list ?? []).length > 0),
        at,
        allow.name,
        "must name its sources (sourceServiceAccounts, sourceTags, sourceTiers or sourceRanges): an INGRESS allow from anywhere is refused",
      );
      problems.require(
        destinations.every((l) => l === undefined),
        at,
        allow.name,
        "an INGRESS allow takes no destinations",
      );
    } else {
      problems.require(
        destinations.some((list) => (list ?? []).length > 0),
        at,
        allow.name,
        "must name its destinations (destinationTiers or destinationRanges)",
      );
      problems.require(
        sources.every((l) => l === undefined),
        at,
        allow.name,
        "an EGRESS allow takes no sources",
      );
    }
    if (allow.protocol === "icmp")
      problems.require(allow.ports === undefined, `${at}.ports`, allow.ports, "must be omitted for icmp");
    (allow.ports ?? []).forEach((port, j) =>
      problems.require(
        /^([1-9][0-9]{0,4})(-[1-9][0-9]{0,4})?$/.test(port) &&
          port.split("-").every((p) => Number(p) <= 65535),
        `${at}.ports[${j}]`,
        port,
        "must be a port or range from 1 to 65535, e.g. 443 or 8000-8080",
      ),
    );
    for (const key of ["sourceTiers", "destinationTiers"] as const)
      (allow[key] ?? []).forEach((tier, j) =>
        problems.require(
          tierNames.includes(tier),
          `${at}.${key}[${j}]`,
          tier,
          `must be one of the tiers: ${tierNames.join(", ")}`,
        ),
      );
    // The whole internet is never a source; egress to it is the caller's explicit choice.
    (allow.sourceRanges ?? []).forEach((range, j) =>
      problems.require(Address4.isValid(range), `${at}.sourceRanges[${j}]`, range, "must be an IPv4 CIDR"),
    );
    problems.require(
      !admitsWholeInternet(allow.sourceRanges ?? []),
      `${at}.sourceRanges`,
      allow.sourceRanges,
      WHOLE_INTERNET_RULE,
    );
    (allow.destinationRanges ?? []).forEach((range, j) =>
      problems.require(
        Address4.isValid(range),
        `${at}.destinationRanges[${j}]`,
        range,
        "must be an IPv4 CIDR",
      ),
    );
  });
}

function validateSegmentedNetworkArgs(name: string, args: SegmentedNetworkArgs) {
  return validateArgs(
    `${TYPE} "${name}"`,
    SEGMENTED_NETWORK_SCHEMA,
    args,
    (problems, a: SegmentedNetworkArgs) => checkSegmentedNetworkArgs(problems, name, a),
  );
}
