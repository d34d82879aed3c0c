/**
 * Cosmos DB rules (azure-native v3 cosmosdb, API 2025-10-15): public network exposure, customer keys,
 * identity-only authentication, TLS, and the regions replicas and backups go to. Defaults are those of that
 * API version.
 */
import type * as cosmosdb from "@pulumi/azure-native/cosmosdb";
import { admitsWholeInternet } from "@palisade/core";
import { resourceRule, type Props } from "../../rule";
import { allowedRegionsSetting, residencyFindings } from "../residency";
import { geoCopyFindings } from "./residency";

type Account = Props<cosmosdb.DatabaseAccountArgs>;
const ACCOUNT = "azure-native:cosmosdb:DatabaseAccount";

export const cosmosAccountPrivate = resourceRule({
  id: "azure-cosmosdb-account-private",
  description: "Cosmos DB accounts are not open to public networks",
  target: "azure",
  types: [ACCOUNT],
  requirements: [
    {
      id: "no-public-network",
      description:
        "Public network access is Disabled, or a firewall (IP rules or virtual network rules) that does not cover the internet admits the public endpoint (publicNetworkAccess defaults to Enabled with no firewall)",
      remediation:
        'Set publicNetworkAccess "Disabled" and use private endpoints, or list ipRules and virtualNetworkRules with isVirtualNetworkFilterEnabled: true.',
      check: (props: Account) => {
        if (props.publicNetworkAccess === "Disabled") return [];
        const ips = ((props.ipRules as { ipAddressOrRange?: unknown }[] | undefined) ?? []).map(
          (r) => r?.ipAddressOrRange,
        );
        const firewall = ips.length > 0 || props.isVirtualNetworkFilterEnabled === true;
        return firewall && !admitsWholeInternet(ips)
          ? []
          : [
              "publicNetworkAccess is not Disabled and no firewall (ipRules, isVirtualNetworkFilterEnabled) narrows it",
            ];
      },
    },
  ],
});

export const cosmosAccountCmk = resourceRule({
  id: "azure-cosmosdb-account-cmk",
  description: "Cosmos DB accounts encrypt data with a customer-managed key",
  target: "azure",
  types: [ACCOUNT],
  requirements: [
    {
      id: "customer-key",
      description: "keyVaultKeyUri names a Key Vault key (the default is a service-managed key)",
      remediation:
        "Set keyVaultKeyUri to a Key Vault key and defaultIdentity to an identity that may use it.",
      check: (props: Account) =>
        "keyVaultKeyUri" in props ? [] : ["keyVaultKeyUri names no customer-managed key"],
    },
  ],
});

export const cosmosAccountIdentityAuth = resourceRule({
  id: "azure-cosmosdb-account-identity-auth",
  description: "Cosmos DB accounts accept Microsoft Entra identities only, not shared account keys",
  target: "azure",
  types: [ACCOUNT],
  requirements: [
    {
      id: "local-auth-disabled",
      description: "Key-based (local) authentication is off (disableLocalAuth defaults to false)",
      remediation: "Set disableLocalAuth: true and grant data-plane roles to identities.",
      check: (props: Account) => (props.disableLocalAuth === true ? [] : ["disableLocalAuth is not true"]),
    },
  ],
});

export const cosmosAccountTls = resourceRule({
  id: "azure-cosmosdb-account-tls",
  description: "Cosmos DB accounts take TLS 1.2 or newer only",
  target: "azure",
  types: [ACCOUNT],
  requirements: [
    {
      id: "minimum-tls",
      description: "minimalTlsVersion is Tls12 or newer (it defaults to Tls12)",
      remediation: 'Set minimalTlsVersion "Tls12", or leave it unset.',
      check: (props: Account) =>
        ["Tls", "Tls11"].includes(props.minimalTlsVersion) ? ["minimalTlsVersion is older than Tls12"] : [],
    },
  ],
});

const regionsOf = (props: Account) => (props.locations as { locationName?: unknown }[] | undefined) ?? [];

/**
 * Every region an account replicates to is one of its `locations` (the account's own location is the
 * residency rule's). Periodic backups, the default mode, go to geo-redundant storage replicated to the
 * paired region unless backupStorageRedundancy says Local or Zone (Microsoft Learn, "Periodic backup
 * storage redundancy in Azure Cosmos DB"); continuous backups stay in the account's regions.
 */
export const cosmosAccountReplicaRegions = resourceRule({
  id: "azure-cosmosdb-account-replica-regions",
  description: "Cosmos DB accounts replicate data only to allowed regions",
  target: "azure",
  types: [ACCOUNT],
  config: { allowedRegions: allowedRegionsSetting("azure") },
  requirements: [
    {
      id: "locations-allowed",
      description: "Every locations[*].locationName (the write region and each replica) is in allowedRegions",
      remediation: "List only regions in allowedRegions under locations.",
      check: (props: Account, context) => {
        const locations = regionsOf(props);
        if (locations.length === 0) return ["locations names no region"];
        return locations.flatMap((l, i) =>
          residencyFindings("azure", `locations[${i}].locationName`, l?.locationName, context.config),
        );
      },
    },
    {
      id: "backup-copy-region",
      description:
        "Periodic backups (the default) kept geo-redundant (backupStorageRedundancy Geo, the default) go to each location's paired region, which is in allowedRegions",
      remediation:
        'Set backupPolicy.periodicModeProperties.backupStorageRedundancy "Local" or "Zone", or use a Continuous backupPolicy.',
      check: (props: Account, context) => {
        const policy = props.backupPolicy;
        if (policy?.type === "Continuous") return [];
        const redundancy = policy?.periodicModeProperties?.backupStorageRedundancy;
        if (redundancy === "Local" || redundancy === "Zone") return [];
        return regionsOf(props).flatMap((l, i) =>
          geoCopyFindings(
            { kind: "region", path: `locations[${i}].locationName`, region: l?.locationName },
            context.config,
          ),
        );
      },
    },
  ],
});
