/**
 * AWS residency (aws v7): where each resource is managed, as the engine sees it. Every aws v7 regional
 * resource takes a `region` input that defaults to its provider's; the provider's own `region` input is
 * what the engine sends (for a default provider, the stack's `aws:region` config). The other replica,
 * backup and detection rules resolve regions through `regionOf` and skip `globalServiceReason` types.
 */
import type { PolicyResource } from "@pulumi/policy";
import { everyResourceOf, matchesType, resourceRule, type StackView } from "../../rule";
import { known } from "../../unknowns";
import { allowedRegionsSetting, residencyFindings } from "../residency";

/**
 * Services with no region: their data and settings are global or account-wide. Each listed type also
 * has no `region` input in aws 7.48, where every regional resource has one. Route 53 Resolver and
 * Profiles (`aws:route53/resolver*`, `aws:route53/profiles*`) and WAF Classic Regional (`aws:wafregional`)
 * are regional and judged.
 */
const GLOBAL_SERVICES: readonly { types: readonly string[]; reason: string }[] = [
  { types: ["aws:iam/*"], reason: "IAM is a global service: identities and policies have no region" },
  {
    types: ["aws:organizations/*"],
    reason: "AWS Organizations is global: accounts, units and policies have no region",
  },
  {
    types: ["aws:cloudfront/*"],
    reason: "CloudFront is a global service: distributions serve from edge locations, not a region",
  },
  {
    types: [
      "aws:route53/zone:Zone",
      "aws:route53/zoneAssociation:ZoneAssociation",
      "aws:route53/vpcAssociationAuthorization:VpcAssociationAuthorization",
      "aws:route53/record:Record",
      "aws:route53/recordsExclusive:RecordsExclusive",
      "aws:route53/healthCheck:HealthCheck",
      "aws:route53/delegationSet:DelegationSet",
      "aws:route53/hostedZoneDnsSec:HostedZoneDnsSec",
      "aws:route53/keySigningKey:KeySigningKey",
      "aws:route53/queryLog:QueryLog",
      "aws:route53/trafficPolicy:TrafficPolicy",
      "aws:route53/trafficPolicyInstance:TrafficPolicyInstance",
      "aws:route53/cidrCollection:CidrCollection",
      "aws:route53/cidrLocation:CidrLocation",
    ],
    reason: "Route 53 DNS (hosted zones, records, health checks, traffic policies) is a global service",
  },
  { types: ["aws:route53domains/*"], reason: "Route 53 domain registration is a global service" },
  {
    types: ["aws:route53recoverycontrol/*", "aws:route53recoveryreadiness/*"],
    reason: "Route 53 Application Recovery Controller is a global service",
  },
  {
    types: ["aws:waf/*"],
    reason: "WAF Classic (global) protects CloudFront and has no region; WAF Classic Regional is judged",
  },
  { types: ["aws:globalaccelerator/*"], reason: "Global Accelerator is a global service" },
  { types: ["aws:shield/*"], reason: "Shield Advanced subscriptions and protections are account-wide" },
  {
    types: [
      "aws:budgets/*",
      "aws:costexplorer/*",
      "aws:cur/*",
      "aws:bcmdata/*",
      "aws:billing/*",
      "aws:costoptimizationhub/*",
    ],
    reason:
      "billing and cost management settings are account-wide (exports land in buckets judged on their own)",
  },
  {
    types: ["aws:account/*", "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"],
    reason:
      "account-level settings (contacts, region opt-in, account public access block) hold no data in a region",
  },
];

/** Why `type` has no region to judge (a global service), or undefined for a regional one. */
export function globalServiceReason(type: string): string | undefined {
  const service = GLOBAL_SERVICES.find((s) => matchesType(s.types, type));
  return service && `${type} is not regional: ${service.reason}`;
}

/** A resource's region and the path it was read from, for a finding to name. */
export interface ResolvedRegion {
  path: string;
  region: unknown;
}

/**
 * The region a resource is managed in: its own `region`, else its provider's; undefined when neither
 * is set (the provider then takes it from the environment). Throws, as the proxy does, when the value
 * it needs is unknown.
 */
export function regionOf(
  props: Record<string, unknown>,
  provider: Record<string, unknown> | undefined,
): ResolvedRegion | undefined {
  if (props.region !== undefined && props.region !== null) return { path: "region", region: props.region };
  if (provider?.region !== undefined && provider.region !== null)
    return { path: "provider region", region: provider.region };
  return undefined;
}

const AWS_RESOURCES = [everyResourceOf("aws")];

/**
 * How many regions the stack's regional resources use that no resource of `types` passing `qualifies`
 * covers (a detector, a hub): for a requirement that each region in use has one. A resource with no
 * region at all is aws-residency-resource-region's finding, not counted here. Throws when a value
 * unknown at preview could change the answer: a covering resource's, when a region is missing, or a
 * resource's region, when none is.
 */
export function regionsLacking(
  stack: StackView,
  types: readonly string[],
  qualifies: (resource: PolicyResource) => boolean,
): number {
  const regionIn = (r: PolicyResource) => regionOf(r.props, r.provider?.props)?.region;
  const covered = new Set<unknown>();
  let undecidedCover: Error | undefined;
  for (const r of stack.resources.filter((r) => matchesType(types, r.type))) {
    const region = known(() => (qualifies(r) ? regionIn(r) : undefined));
    if (!region.known) undecidedCover ??= region.error;
    else if (region.value !== undefined) covered.add(region.value);
  }
  const inUse = new Set<unknown>();
  let undecidedRegion: Error | undefined;
  for (const r of stack.resources) {
    if (!matchesType(AWS_RESOURCES, r.type) || globalServiceReason(r.type)) continue;
    const region = known(() => regionIn(r));
    if (!region.known) undecidedRegion ??= region.error;
    else if (region.value !== undefined) inUse.add(region.value);
  }
  const missing = [...inUse].filter((region) => !covered.has(region)).length;
  const undecided = missing > 0 ? undecidedCover : undecidedRegion;
  if (undecided) throw undecided;
  return missing;
}

export const residencyRegion = resourceRule({
  id: "aws-residency-resource-region",
  description: "AWS resources are managed in allowed regions only",
  target: "aws",
  types: [everyResourceOf("aws")],
  config: { allowedRegions: allowedRegionsSetting("aws") },
  requirements: [
    {
      id: "region-declared",
      description:
        "The resource's region is declared: its own region input or its provider's, not the environment's",
      remediation:
        "Set region on the aws provider (or the stack's aws:region config for the default provider), or on the resource.",
      outOfScope: (_props, { type }) => globalServiceReason(type),
      check: (props, { provider }) =>
        regionOf(props, provider)
          ? []
          : ["neither region nor the provider's region is set, so the region comes from the environment"],
    },
    {
      id: "region-allowed",
      description: "The resource's region is one of allowedRegions",
      remediation:
        "Set region on the resource, or on its aws provider, to one of allowedRegions (or move the resource to a provider that does).",
      outOfScope: (_props, { type }) => globalServiceReason(type),
      check: (props, { provider, config }) => {
        // No region at all is region-declared's finding.
        const resolved = regionOf(props, provider);
        return resolved ? residencyFindings("aws", resolved.path, resolved.region, config) : [];
      },
    },
  ],
});
