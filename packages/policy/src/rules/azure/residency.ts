/**
 * Azure data residency: where a resource is placed, as azure-native decides it, judged against
 * `allowedRegions`; and where geo-redundant copies go (a location's paired region), which the service
 * rules (storage, SQL, flexible servers, backup vaults) judge with the same resolution.
 *
 * How azure-native places a resource whose program omits `location` (pulumi-azure-native
 * provider/pkg/provider/provider.go, `applyDefaults` and `getDefaultLocation`, run in Check): for a type
 * whose request body has a `location` and that is not `AutoLocationDisabled`, it takes the old inputs'
 * location, else the provider's `location` config (`azure-native:location` for a default provider), else
 * the location of the resource group named by `resourceGroupName` (read from ARM), and leaves it unknown
 * while that name is unknown. The engine runs Check before it sends inputs to a policy pack
 * (pulumi/pulumi pkg/resource/deploy/step_generator.go), so `location` as a rule sees it already holds
 * that default. What is left to resolve here:
 * - `location` unknown at preview because the resource group is created in the same update: the group's
 *   own location, joined through the property dependencies of `location` (`location: rg.location`) or, when
 *   the program did not set it, of `resourceGroupName` (the group azure-native will read it from);
 * - `location` absent: either the type takes none of its own (a blob container, a role assignment, a
 *   diagnostic setting: it lives where its parent lives, so it is out of scope, never passed), told apart
 *   by the generated list in ../../azure-located-types; or azure-native found no default, which is
 *   resolved in the provider's order (its `location`, then the resource group) and reported when nothing
 *   gives one (Azure would then refuse the resource, or place it nowhere the pack can see).
 * A stack rule, because only AnalyzeStack has the resource group beside the resource.
 */
import { pairedRegion } from "@palisade/core";
import type { PolicyResource } from "@pulumi/policy";
import { takesOwnLocation } from "../../azure-located-types";
import { everyResourceOf, stackRule, type RuleConfig, type StackContext } from "../../rule";
import { known } from "../../unknowns";
import { allowedRegionsSetting, normalizeRegion, regionAllowed, residencyFindings } from "../residency";

const RESOURCE_GROUP = "azure-native:resources:ResourceGroup";

/** Where a resource is placed: a region read from `path`, or why none is. */
export type Placement =
  { kind: "region"; path: string; region: unknown } | { kind: "in-parent" } | { kind: "unresolved" };

const resourceGroupOf = (context: StackContext, key: string): PolicyResource | undefined =>
  context.stack.dependencies(key).find((d) => d.type === RESOURCE_GROUP);

const fromGroup = (group: PolicyResource, key: string): Placement => ({
  kind: "region",
  path: `location (the resource group's, joined through ${key})`,
  region: group.props.location as unknown,
});

/**
 * Where azure-native places the subject (see above). Reads `location` first; reading an unknown value
 * (the location, or the resource group's) throws, so the requirement is undetermined.
 */
export function azurePlacement(props: Record<string, unknown>, context: StackContext): Placement {
  const location = known(() => props.location);
  if (!location.known) {
    // Set from a resource group's output (location: rg.location), or defaulted from the group
    // resourceGroupName names, which is what azure-native does when the program sets no location.
    const key = context.stack.dependencies("location").length > 0 ? "location" : "resourceGroupName";
    const group = resourceGroupOf(context, key);
    if (!group) throw location.error;
    return fromGroup(group, key);
  }
  if (location.value !== undefined && location.value !== null)
    return { kind: "region", path: "location", region: location.value };
  if (!takesOwnLocation(context.type)) return { kind: "in-parent" };
  const providerLocation = context.provider?.location;
  if (providerLocation !== undefined && providerLocation !== null)
    return { kind: "region", path: "the provider's location", region: providerLocation };
  const group = resourceGroupOf(context, "resourceGroupName");
  return group ? fromGroup(group, "resourceGroupName") : { kind: "unresolved" };
}

const UNRESOLVED =
  "location is not set, and neither the provider's location nor a resource group in the stack (resourceGroupName) gives one";

/** Findings for a placement that is not a region in `allowedRegions`. */
function placementFindings(placement: Placement, config: RuleConfig): string[] {
  if (placement.kind === "unresolved") return [UNRESOLVED];
  // A sub-resource is out of scope before it gets here.
  if (placement.kind === "in-parent") return [];
  return residencyFindings("azure", placement.path, placement.region, config);
}

const isGlobal = (placement: Placement) =>
  placement.kind === "region" &&
  typeof placement.region === "string" &&
  normalizeRegion("azure", placement.region) === "global";

export const resourceLocation = stackRule({
  id: "azure-residency-resource-location",
  description: "Every Azure resource is placed in an allowed region",
  target: "azure",
  types: [everyResourceOf("azure-native")],
  config: { allowedRegions: allowedRegionsSetting("azure") },
  requirements: [
    {
      id: "allowed-region",
      description:
        "The resource's location, as azure-native resolves it (its own, else the provider's, else its resource group's), is in allowedRegions",
      remediation:
        "Set location (or the provider's location, or the resource group's) to a region in allowedRegions.",
      outOfScope: (props, context) => {
        // Never throws: an unknown location is the check's to report as undetermined.
        const placement = known(() => azurePlacement(props, context));
        if (!placement.known) return undefined;
        if (placement.value.kind === "in-parent")
          return "this type takes no location of its own: it lives where its parent lives";
        return isGlobal(placement.value)
          ? "location is global: the service is not placed in a region"
          : undefined;
      },
      check: (props, context) => placementFindings(azurePlacement(props, context), context.config),
    },
  ],
});

/**
 * Findings for geo-redundant copies of a resource placed at `placement`: they go to its location's
 * paired region (AZURE_REGION_PAIRS in @palisade/core), which must be allowed; a location without a pair
 * has nowhere in the pair table to put them.
 */
export function geoCopyFindings(placement: Placement, config: RuleConfig): string[] {
  if (placement.kind !== "region")
    return [`${UNRESOLVED}, so the region of its geo-redundant copy is unknown`];
  if (typeof placement.region !== "string")
    return residencyFindings("azure", placement.path, placement.region, config);
  const pair = pairedRegion(normalizeRegion("azure", placement.region));
  if (pair === undefined)
    return [`${placement.path} has no paired region to hold a geo-redundant copy in allowedRegions`];
  return regionAllowed("azure", pair, config)
    ? []
    : [
        `the paired region of ${placement.path}, which holds the geo-redundant copy, is outside allowedRegions`,
      ];
}
