/**
 * Private endpoints in Azure Verified Modules' shape: a component whose service is reached privately
 * (Key Vault, a storage account) takes `privateEndpoints`, each a subnet and the private DNS zones that
 * resolve the service's name to the endpoint. {@link SegmentedVnet} creates those zones.
 */
import type * as pulumi from "@pulumi/pulumi";
import { PrivateDnsZoneGroup, PrivateEndpoint } from "@pulumi/azure-native/network";
import { childName, shape, type ArgsSchema } from "@palisade/core";
import type { AzureChildren } from "./children";

export interface PrivateEndpointArgs {
  /** The subnet the endpoint's network interface is placed in (resource id). */
  subnetResourceId: pulumi.Input<string>;
  /** The private DNS zones (resource ids) that resolve the service's name to the endpoint. */
  privateDnsZoneResourceIds: pulumi.Input<string>[];
}

export const PRIVATE_ENDPOINTS_SCHEMA: ArgsSchema = shape.array(
  shape.object(
    {
      subnetResourceId: shape.input(shape.string("must be a subnet resource id")),
      privateDnsZoneResourceIds: shape.array(
        shape.input(shape.string("must be a private DNS zone resource id")),
        "must be a list of private DNS zone resource ids",
        { minItems: 1 },
      ),
    },
    { required: ["subnetResourceId", "privateDnsZoneResourceIds"] },
  ),
  "must be a list of { subnetResourceId, privateDnsZoneResourceIds } endpoints",
);

/** The private DNS zone a service's endpoint registers in, by the endpoint's group id. */
export const PRIVATE_DNS_ZONES = {
  vault: "privatelink.vaultcore.azure.net",
  blob: "privatelink.blob.core.windows.net",
} as const;
export type PrivateLinkGroup = keyof typeof PRIVATE_DNS_ZONES;

/** The logical names of a component's endpoints, for its name checks. */
export function privateEndpointNames(name: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => childName(name, count === 1 ? "pe" : `pe-${index}`));
}

/** An endpoint per entry to `targetId`'s `group` sub-resource, each registered in its DNS zones. */
export function createPrivateEndpoints(
  children: AzureChildren,
  name: string,
  targetId: pulumi.Input<string>,
  group: PrivateLinkGroup,
  endpoints: readonly PrivateEndpointArgs[],
): void {
  const names = privateEndpointNames(name, endpoints.length);
  endpoints.forEach((spec, index) => {
    const endpointName = names[index]!;
    const endpoint = children.create(
      PrivateEndpoint,
      endpointName,
      { resourceGroupName: true, location: true, tags: true },
      {
        subnet: { id: spec.subnetResourceId },
        privateLinkServiceConnections: [
          { name: endpointName, privateLinkServiceId: targetId, groupIds: [group] },
        ],
      },
    );
    children.create(
      PrivateDnsZoneGroup,
      childName(endpointName, "dns"),
      { resourceGroupName: true },
      {
        privateEndpointName: endpoint.name,
        privateDnsZoneGroupName: "default",
        privateDnsZoneConfigs: spec.privateDnsZoneResourceIds.map((privateDnsZoneId, zone) => ({
          name: `zone-${zone}`,
          privateDnsZoneId,
        })),
      },
    );
  });
}
