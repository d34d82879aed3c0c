/**
 * Cloud region facts that both components and rules need: where Azure geo-redundant storage replicates.
 */

/** Azure storage SKUs that copy every blob to the location's paired region (geo-redundant storage). */
export const AZURE_GEO_REDUNDANT_SKUS = [
  "Standard_GRS",
  "Standard_GZRS",
  "Standard_RAGRS",
  "Standard_RAGZRS",
] as const;

export const REGION_PAIRS_SOURCE =
  "https://learn.microsoft.com/en-us/azure/reliability/cross-region-replication-azure";

/**
 * The region each Azure public-cloud region's geo-redundant storage replicates to (its pair), from
 * {@link REGION_PAIRS_SOURCE}. Most pairs go both ways; West US 3, Brazil Southeast and West India pair
 * one way. Regions missing here (Italy North, Poland Central, Spain Central, Israel Central, Qatar
 * Central, Mexico Central...) have no pair, so geo-redundant storage cannot be placed there.
 */
export const AZURE_REGION_PAIRS: Readonly<Record<string, string>> = {
  australiacentral: "australiacentral2",
  australiacentral2: "australiacentral",
  australiaeast: "australiasoutheast",
  australiasoutheast: "australiaeast",
  brazilsouth: "southcentralus",
  brazilsoutheast: "brazilsouth",
  canadacentral: "canadaeast",
  canadaeast: "canadacentral",
  centralindia: "southindia",
  southindia: "centralindia",
  westindia: "southindia",
  centralus: "eastus2",
  eastus2: "centralus",
  eastus: "westus",
  westus: "eastus",
  northcentralus: "southcentralus",
  southcentralus: "northcentralus",
  westus2: "westcentralus",
  westcentralus: "westus2",
  westus3: "eastus",
  eastasia: "southeastasia",
  southeastasia: "eastasia",
  francecentral: "francesouth",
  francesouth: "francecentral",
  germanywestcentral: "germanynorth",
  germanynorth: "germanywestcentral",
  japaneast: "japanwest",
  japanwest: "japaneast",
  koreacentral: "koreasouth",
  koreasouth: "koreacentral",
  northeurope: "westeurope",
  westeurope: "northeurope",
  norwayeast: "norwaywest",
  norwaywest: "norwayeast",
  southafricanorth: "southafricawest",
  southafricawest: "southafricanorth",
  swedencentral: "swedensouth",
  swedensouth: "swedencentral",
  switzerlandnorth: "switzerlandwest",
  switzerlandwest: "switzerlandnorth",
  uaenorth: "uaecentral",
  uaecentral: "uaenorth",
  uksouth: "ukwest",
  ukwest: "uksouth",
};

/** The region `location`'s geo-redundant storage replicates to, or undefined when it has no pair. */
export function pairedRegion(location: string): string | undefined {
  return Object.hasOwn(AZURE_REGION_PAIRS, location) ? AZURE_REGION_PAIRS[location] : undefined;
}
