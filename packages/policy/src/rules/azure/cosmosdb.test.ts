import { gdpr, hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import {
  cosmosAccountCmk,
  cosmosAccountIdentityAuth,
  cosmosAccountPrivate,
  cosmosAccountReplicaRegions,
  cosmosAccountTls,
} from "./cosmosdb";

const account = (props: Record<string, unknown>): KitResource => ({
  type: "azure-native:cosmosdb:DatabaseAccount",
  name: "cosmos",
  props: {
    resourceGroupName: "rg",
    databaseAccountOfferType: "Standard",
    locations: [{ locationName: "eastus2" }],
    publicNetworkAccess: "Disabled",
    keyVaultKeyUri: "https://kv.vault.azure.net/keys/k",
    disableLocalAuth: true,
    ...props,
  },
});

describeRule(cosmosAccountPrivate, {
  baseline: hipaa,
  compliant: [
    account({}),
    account({ publicNetworkAccess: "Enabled", ipRules: [{ ipAddressOrRange: "203.0.113.0/24" }] }),
    account({
      publicNetworkAccess: undefined,
      isVirtualNetworkFilterEnabled: true,
      virtualNetworkRules: [{ id: UNKNOWN }],
    }),
    account({ publicNetworkAccess: "Disabled", ipRules: UNKNOWN }),
  ],
  requirements: {
    "no-public-network": {
      violating: [
        account({ publicNetworkAccess: "Enabled" }),
        account({ publicNetworkAccess: undefined }),
        account({ publicNetworkAccess: "Enabled", isVirtualNetworkFilterEnabled: false, ipRules: [] }),
        account({ publicNetworkAccess: "Enabled", ipRules: [{ ipAddressOrRange: "0.0.0.0/0" }] }),
        account({
          publicNetworkAccess: "SecuredByPerimeter",
          isVirtualNetworkFilterEnabled: true,
          ipRules: [{ ipAddressOrRange: "0.0.0.0/1" }, { ipAddressOrRange: "128.0.0.0/1" }],
        }),
      ],
      unknown: [
        account({ publicNetworkAccess: UNKNOWN }),
        account({ publicNetworkAccess: "Enabled", ipRules: UNKNOWN }),
      ],
    },
  },
});

describeRule(cosmosAccountCmk, {
  baseline: hipaa,
  compliant: [account({})],
  requirements: {
    "customer-key": {
      violating: [account({ keyVaultKeyUri: undefined })],
      unknown: [],
      decidedWhenUnknown: [account({ keyVaultKeyUri: UNKNOWN })],
    },
  },
});

describeRule(cosmosAccountIdentityAuth, {
  baseline: hipaa,
  compliant: [account({})],
  requirements: {
    "local-auth-disabled": {
      violating: [account({ disableLocalAuth: false }), account({ disableLocalAuth: undefined })],
      unknown: [account({ disableLocalAuth: UNKNOWN })],
    },
  },
});

describeRule(cosmosAccountTls, {
  baseline: hipaa,
  compliant: [account({}), account({ minimalTlsVersion: "Tls12" })],
  requirements: {
    "minimum-tls": {
      violating: [account({ minimalTlsVersion: "Tls" }), account({ minimalTlsVersion: "Tls11" })],
      unknown: [account({ minimalTlsVersion: UNKNOWN })],
    },
  },
});

const localBackups = { type: "Periodic", periodicModeProperties: { backupStorageRedundancy: "Local" } };
const replicated = (...names: unknown[]) =>
  account({
    locations: names.map((locationName, i) => ({ locationName, failoverPriority: i })),
    backupPolicy: localBackups,
  });
const backedUp = (backupPolicy: unknown, ...names: string[]) => ({
  ...replicated(...names),
  props: { ...replicated(...names).props, backupPolicy },
});

describeRule(cosmosAccountReplicaRegions, {
  baseline: gdpr,
  compliant: [replicated("westeurope"), replicated("West Europe", "northeurope", "swedencentral")],
  requirements: {
    "locations-allowed": {
      violating: [
        replicated("eastus2"),
        replicated("westeurope", "uksouth"),
        replicated("westeurope", undefined),
        account({ locations: [] }),
        { resources: [replicated("westeurope")], config: { allowedRegions: ["northeurope"] } },
      ],
      compliant: [{ resources: [replicated("eastus2")], config: { allowedRegions: "any" } }],
      unknown: [
        replicated("westeurope", UNKNOWN),
        account({ locations: UNKNOWN, backupPolicy: localBackups }),
      ],
    },
    "backup-copy-region": {
      violating: [
        // No backupPolicy: periodic, geo-redundant.
        {
          resources: [backedUp(undefined, "westeurope", "francecentral")],
          config: { allowedRegions: ["westeurope", "francecentral", "francesouth"] },
        },
        backedUp(
          { type: "Periodic", periodicModeProperties: { backupStorageRedundancy: "Geo" } },
          "swedencentral",
          "italynorth",
        ),
        backedUp({ type: "Periodic" }, "westeurope", "spaincentral"),
        { resources: [backedUp(undefined, "westeurope")], config: { allowedRegions: ["westeurope"] } },
      ],
      compliant: [
        backedUp(undefined, "westeurope", "northeurope"),
        backedUp({ type: "Continuous", continuousModeProperties: { tier: "Continuous7Days" } }, "italynorth"),
        backedUp(
          { type: "Periodic", periodicModeProperties: { backupStorageRedundancy: "Zone" } },
          "polandcentral",
        ),
      ],
      unknown: [
        backedUp(UNKNOWN, "westeurope"),
        backedUp(
          { type: "Periodic", periodicModeProperties: { backupStorageRedundancy: UNKNOWN } },
          "westeurope",
        ),
      ],
      decidedWhenUnknown: [
        {
          ...backedUp({ type: "Continuous" }),
          props: { ...backedUp({ type: "Continuous" }).props, locations: UNKNOWN },
        },
      ],
    },
  },
});
