/**
 * Azure Data Factory rules (azure-native v3 datafactory, API 2018-06-01): customer keys, network exposure and
 * managed identity. That API version's defaults: Microsoft-managed keys, public network access allowed, and
 * no managed identity, so linked services fall back to keys and passwords stored in the factory.
 */
import type * as datafactory from "@pulumi/azure-native/datafactory";
import { resourceRule, type Props } from "../../rule";

type Factory = Props<datafactory.FactoryArgs>;
const FACTORY = "azure-native:datafactory:Factory";

export const dataFactoryCmk = resourceRule({
  id: "azure-datafactory-factory-cmk",
  description: "Data factories encrypt their metadata with a customer-managed key",
  target: "azure",
  types: [FACTORY],
  requirements: [
    {
      id: "customer-key",
      description:
        "encryption names a Key Vault key (vaultBaseUrl and keyName; the default is Microsoft-managed keys)",
      remediation:
        "Set encryption.vaultBaseUrl and encryption.keyName (and encryption.identity.userAssignedIdentity, or the factory's system-assigned identity, with access to the key).",
      // Whether the key is named, not which: the vault URL usually comes from a vault created in the same update.
      check: (props: Factory) => {
        const encryption = props.encryption ?? {};
        return "vaultBaseUrl" in encryption && "keyName" in encryption
          ? []
          : ["encryption names no customer-managed key (vaultBaseUrl, keyName)"];
      },
    },
  ],
});

export const dataFactoryPrivate = resourceRule({
  id: "azure-datafactory-factory-private",
  description: "Data factories are reachable only through private endpoints",
  target: "azure",
  types: [FACTORY],
  requirements: [
    {
      id: "no-public-network",
      description: "publicNetworkAccess is Disabled (public network access is allowed by default)",
      remediation:
        'Set publicNetworkAccess "Disabled" and reach the factory (and its integration runtimes) through private endpoints.',
      check: (props: Factory) =>
        props.publicNetworkAccess === "Disabled" ? [] : ["publicNetworkAccess is not Disabled"],
    },
  ],
});

export const dataFactoryIdentityAuth = resourceRule({
  id: "azure-datafactory-factory-identity-auth",
  description:
    "Data factories have a managed identity, so linked services reach data without stored credentials",
  target: "azure",
  types: [FACTORY],
  requirements: [
    {
      id: "managed-identity",
      description: "identity.type names a managed identity (a factory has none by default)",
      remediation:
        'Set identity.type "SystemAssigned" or "UserAssigned" (with userAssignedIdentities), and grant it the data roles linked services need.',
      // Every identity type the API takes is a managed identity (the SDK has no "None"), so its presence decides.
      check: (props: Factory) =>
        "type" in (props.identity ?? {}) ? [] : ["identity gives the factory no managed identity"],
    },
  ],
});
