/**
 * Residency as every cloud's rules judge it: the `allowedRegions` setting (the framework baseline's
 * allow-list for the rule's cloud, e.g. GDPR's EU/EEA regions) and the one check of a region against it.
 * How a resource's region is resolved (its own input, its provider's, its resource group's) is each
 * cloud's business; what counts as allowed is decided here.
 */
import type { Cloud } from "@palisade/core";
import type { RuleConfig, RuleSetting } from "../rule";

/** The `allowedRegions` setting of a rule judging `cloud`: `"any"` or exact region names. */
export function allowedRegionsSetting(cloud: Cloud): RuleSetting {
  return {
    schema: {
      // "any" or a list: `pattern` binds only strings and `items` only arrays.
      type: ["string", "array"],
      pattern: "^any$",
      items: { type: "string", minLength: 1 },
      uniqueItems: true,
      description: `The ${cloud} regions resources may be placed in, by exact name ("any" allows every region); the baseline's allow-list by default`,
    },
    default: (baseline) => baseline.allowedRegions[cloud].value,
  };
}

/**
 * A region name as the allow-list spells it: Azure accepts `West Europe` for `westeurope`, and GCP
 * services accept `EU` for `eu`; AWS region names are exact.
 */
export function normalizeRegion(cloud: Cloud, region: string): string {
  if (cloud === "azure") return region.toLowerCase().replace(/\s+/g, "");
  return cloud === "gcp" ? region.toLowerCase() : region;
}

/** Whether `region` is allowed under the rule's `allowedRegions` setting. */
export function regionAllowed(cloud: Cloud, region: string, config: RuleConfig): boolean {
  const allowed = config.allowedRegions as readonly string[] | "any" | undefined;
  if (allowed === undefined || allowed === "any") return true;
  const wanted = normalizeRegion(cloud, region);
  return allowed.some((r) => normalizeRegion(cloud, r) === wanted);
}

/**
 * The finding for a region read from `path`, when it is outside `allowedRegions`; none when allowed. A
 * region that is not a string (a mistyped input) is named as unreadable rather than passed.
 */
export function residencyFindings(cloud: Cloud, path: string, region: unknown, config: RuleConfig): string[] {
  if (typeof region !== "string" || region.length === 0) return [`${path} is not a region name`];
  return regionAllowed(cloud, region, config) ? [] : [`${path} is outside allowedRegions`];
}
