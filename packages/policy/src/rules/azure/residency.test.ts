import { gdpr } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { resourceLocation } from "./residency";

const group = (location: unknown, name = "rg"): KitResource => ({
  type: "azure-native:resources:ResourceGroup",
  name,
  props: { location },
});
const account = (props: Record<string, unknown>, more: Partial<KitResource> = {}): KitResource => ({
  type: "azure-native:storage:StorageAccount",
  name: "sa",
  props: { resourceGroupName: UNKNOWN, sku: { name: "Standard_LRS" }, ...props },
  ...more,
});
const inGroup = { propertyDependencies: { resourceGroupName: ["rg"] } };
const fromGroupLocation = { propertyDependencies: { resourceGroupName: ["rg"], location: ["rg"] } };
const container: KitResource = {
  type: "azure-native:storage:BlobContainer",
  name: "c",
  props: { accountName: UNKNOWN, resourceGroupName: UNKNOWN },
};

describeRule(resourceLocation, {
  baseline: gdpr,
  compliant: [
    [group("westeurope"), account({ location: "westeurope" }, inGroup)],
    [account({ location: "West Europe" })],
    // Unknown at preview, defaulted from the group the stack creates.
    [group("northeurope"), account({ location: UNKNOWN }, inGroup)],
    // Set from the group's output (location: rg.location) while it is created.
    [group("swedencentral"), account({ location: UNKNOWN }, fromGroupLocation)],
    // Unset (azure-native found no default at preview): the provider's location, then the group's.
    [account({}, { provider: { location: "germanywestcentral" } })],
    [group("francecentral"), account({}, inGroup)],
    { resources: [account({ location: "eastus" })], config: { allowedRegions: "any" } },
  ],
  requirements: {
    "allowed-region": {
      violating: [
        [account({ location: "eastus" })],
        [group("eastus"), account({ location: UNKNOWN }, inGroup)],
        [
          group("westeurope"),
          group("eastus", "other"),
          account(
            { location: UNKNOWN },
            { propertyDependencies: { resourceGroupName: ["rg"], location: ["other"] } },
          ),
        ],
        [account({}, { provider: { location: "eastus" } })],
        // The provider's location wins over the group's, as in azure-native.
        [group("westeurope"), account({}, { ...inGroup, provider: { location: "eastus" } })],
        [group("eastus"), account({}, inGroup)],
        // Nothing gives it a location.
        [account({})],
        [account({ location: 42 })],
        { resources: [account({ location: "westeurope" })], config: { allowedRegions: ["northeurope"] } },
      ],
      unknown: [
        [account({ location: UNKNOWN })],
        [group(UNKNOWN), account({ location: UNKNOWN }, inGroup)],
        [group(UNKNOWN), account({}, inGroup)],
      ],
      // resourceGroupName is unknown, and need not be read.
      decidedWhenUnknown: [[account({ location: "westeurope" })]],
      outOfScope: [
        [container],
        [{ ...container, type: "azure-native:cosmosdb:SqlResourceSqlDatabase" }],
        [{ type: "azure-native:network:PrivateZone", name: "dns", props: { location: "Global" } }],
        [{ type: "azure-native:network:FrontDoor", name: "fd", props: {}, provider: { location: "global" } }],
      ],
    },
  },
});
