/**
 * Deterministic IPv4 subnet planning. Each tier owns one aligned block with a slot per zone, placed first-fit
 * in declaration order, so appending a tier or a zone never moves an existing subnet: renumbering a subnet
 * replaces it, and everything in it, in a live network.
 */
import { Address4 } from "ip-address";
import { ProblemCollector } from "./errors";
import { DNS_LABEL_RULE, isDnsLabel } from "./naming";

export interface TierSpec {
  /** Tier name, a DNS label such as `public`, `private` or `data`. */
  readonly name: string;
  /** Prefix length of each of the tier's subnets, e.g. 20 for a /20 per zone. */
  readonly prefixLength: number;
}

export interface SubnetPlanArgs {
  /** The network's IPv4 CIDR, e.g. `10.0.0.0/16`. Must be the network address of its prefix. */
  readonly cidr: string;
  /** Zones in order (e.g. `us-east-1a`). Append new zones at the end. */
  readonly zones: readonly string[];
  /** Tiers in order. Append new tiers at the end. */
  readonly tiers: readonly TierSpec[];
  /**
   * Zone slots reserved in every tier block: zones can grow up to this count without renumbering.
   * A power of two. Changing it renumbers every subnet.
   * @default 4
   */
  readonly zoneSlots?: number;
  /** Ranges inside the network that no subnet may use (peering, on-premises, reserved for later). */
  readonly reserved?: readonly string[];
  /**
   * Allow a network outside RFC 1918 and RFC 6598 private space.
   * @default false
   */
  readonly allowPublicRanges?: boolean;
  /**
   * Longest subnet prefix the target cloud accepts (AWS /28, Azure /29, GCP /29).
   * @default 28
   */
  readonly maxPrefixLength?: number;
}

export interface PlannedSubnet {
  readonly tier: string;
  readonly zone: string;
  readonly cidr: string;
}

export interface SubnetPlan {
  readonly network: string;
  /** Every subnet, tier by tier, zone by zone. */
  readonly subnets: readonly PlannedSubnet[];
  /** The block each tier owns (all its zone slots); network ACLs between tiers can name these. */
  readonly tierBlocks: Readonly<Record<string, string>>;
  /** Subnet CIDR by tier, then by zone. */
  readonly byTier: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"].map(
  (cidr) => new Address4(cidr),
);

/** Parses `a.b.c.d/n` as a network: the address must be the first of its prefix. */
function parseNetwork(cidr: unknown): Address4 | string {
  if (typeof cidr !== "string" || !/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(cidr) || !Address4.isValid(cidr)) {
    return "must be an IPv4 CIDR such as 10.0.0.0/16";
  }
  const address = new Address4(cidr);
  const network = address.startAddress().correctForm();
  if (network !== address.correctForm())
    return `must be a network address: did you mean ${network}/${address.subnetMask}?`;
  return address;
}

function isPrivate(network: Address4): boolean {
  return PRIVATE_RANGES.some((range) => network.isInSubnet(range));
}

/** Two CIDR blocks overlap exactly when one contains the other. */
function overlaps(a: Address4, b: Address4): boolean {
  return a.isInSubnet(b) || b.isInSubnet(a);
}

function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && (n & (n - 1)) === 0;
}

function validate(args: SubnetPlanArgs, problems: ProblemCollector) {
  const zoneSlots = args.zoneSlots ?? 4;
  const maxPrefix = args.maxPrefixLength ?? 28;
  const network = parseNetwork(args.cidr);
  if (typeof network === "string") problems.add("cidr", args.cidr, network);
  else if (!args.allowPublicRanges && !isPrivate(network)) {
    problems.add(
      "cidr",
      args.cidr,
      "must be private (10/8, 172.16/12, 192.168/16 or 100.64/10) unless allowPublicRanges is true",
    );
  }
  problems.require(
    isPowerOfTwo(zoneSlots) && zoneSlots <= 64,
    "zoneSlots",
    args.zoneSlots,
    "must be a power of two from 1 to 64",
  );
  if (
    problems.require(
      Array.isArray(args.zones) && args.zones.length > 0,
      "zones",
      args.zones,
      "must list at least one zone",
    )
  ) {
    problems.require(
      args.zones.length <= zoneSlots,
      "zones",
      args.zones,
      `must not exceed zoneSlots (${zoneSlots})`,
    );
    args.zones.forEach((zone, i) => {
      if (
        !problems.require(
          typeof zone === "string" && zone.length > 0,
          `zones[${i}]`,
          zone,
          "must be a non-empty zone name",
        )
      )
        return;
      problems.require(args.zones.indexOf(zone) === i, `zones[${i}]`, zone, "must be unique");
    });
  }
  if (
    problems.require(
      Array.isArray(args.tiers) && args.tiers.length > 0,
      "tiers",
      args.tiers,
      "must list at least one tier",
    )
  ) {
    const names = args.tiers.map((t) => t.name);
    args.tiers.forEach((tier, i) => {
      problems.require(isDnsLabel(tier.name), `tiers[${i}].name`, tier.name, DNS_LABEL_RULE);
      problems.require(names.indexOf(tier.name) === i, `tiers[${i}].name`, tier.name, "must be unique");
      const min =
        typeof network === "string"
          ? 1
          : network.subnetMask + Math.log2(isPowerOfTwo(zoneSlots) ? zoneSlots : 1);
      problems.require(
        Number.isInteger(tier.prefixLength) && tier.prefixLength >= min && tier.prefixLength <= maxPrefix,
        `tiers[${i}].prefixLength`,
        tier.prefixLength,
        `must be a whole number from ${min} (room for ${zoneSlots} zone slots in ${String(args.cidr)}) to ${maxPrefix}`,
      );
    });
  }
  const reserved: Address4[] = [];
  (args.reserved ?? []).forEach((cidr, i) => {
    const block = parseNetwork(cidr);
    if (typeof block === "string") return problems.add(`reserved[${i}]`, cidr, block);
    if (typeof network !== "string" && !block.isInSubnet(network)) {
      return problems.add(`reserved[${i}]`, cidr, `must lie inside the network ${args.cidr}`);
    }
    const clash = reserved.findIndex((other) => overlaps(block, other));
    if (clash >= 0)
      return problems.add(
        `reserved[${i}]`,
        cidr,
        `must not overlap reserved[${clash}] ${String(args.reserved?.[clash])}`,
      );
    reserved.push(block);
  });
  return { network, zoneSlots, reserved };
}

/** The first aligned block of `prefixLength` from `start` that overlaps none of `taken`. */
function nextFreeBlock(start: Address4, prefixLength: number, taken: readonly Address4[]): Address4 {
  let block = new Address4(`${start.correctForm()}/${prefixLength}`);
  block = new Address4(`${block.startAddress().correctForm()}/${prefixLength}`);
  for (
    let clash = taken.find((r) => overlaps(block, r));
    clash;
    clash = taken.find((r) => overlaps(block, r))
  ) {
    const after = clash.endAddress().bigInt() > block.endAddress().bigInt() ? clash : block;
    block = new Address4(`${after.endAddress().correctForm()}/${prefixLength}`).nextNetwork();
  }
  return block;
}

/**
 * Plans subnets for every (tier, zone). Throws a {@link PalisadeValidationError} naming each bad argument:
 * an invalid or public CIDR, duplicate zones or tiers, prefixes that do not fit, overlapping reserved
 * ranges, or a plan larger than the network.
 */
export function planSubnets(args: SubnetPlanArgs): SubnetPlan {
  const problems = new ProblemCollector();
  const { network, zoneSlots, reserved } = validate(args, problems);
  problems.throwIfAny(`planSubnets(${String(args.cidr)})`);
  const parent = network as Address4;
  const slotBits = Math.log2(zoneSlots);

  const subnets: PlannedSubnet[] = [];
  const tierBlocks: Record<string, string> = {};
  const byTier: Record<string, Record<string, string>> = {};
  const taken = [...reserved];
  for (const [i, tier] of args.tiers.entries()) {
    let block: Address4 | undefined;
    try {
      // First fit from the start of the network: earlier tiers never depend on later ones.
      block = nextFreeBlock(parent.startAddress(), tier.prefixLength - slotBits, taken);
    } catch {
      block = undefined; // ran off the end of the IPv4 space: reported below as not fitting
    }
    if (!block || !block.isInSubnet(parent)) {
      problems.add(
        `tiers[${i}]`,
        tier,
        `does not fit: ${args.cidr} has no free /${tier.prefixLength - slotBits} left for ${zoneSlots} zone slots of /${tier.prefixLength} after the tiers before it`,
      );
      break;
    }
    taken.push(block);
    tierBlocks[tier.name] = `${block.correctForm()}/${block.subnetMask}`;
    const zones: Record<string, string> = {};
    let slot = new Address4(`${block.correctForm()}/${tier.prefixLength}`);
    for (const zone of args.zones) {
      zones[zone] = `${slot.correctForm()}/${tier.prefixLength}`;
      subnets.push({ tier: tier.name, zone, cidr: zones[zone] });
      slot = slot.nextNetwork();
    }
    byTier[tier.name] = zones;
  }
  problems.throwIfAny(`planSubnets(${args.cidr})`);
  return { network: args.cidr, subnets, tierBlocks, byTier };
}
