/**
 * Event Hubs namespace rules (azure-native v3 eventhub, API 2024-01-01): network exposure, customer keys, TLS and
 * identity-only authentication. That API version's defaults: public network access Enabled (the SDK
 * itself sends it), SAS keys on, Microsoft-managed keys, and TLS 1.2 as the minimum, so only an older
 * minimumTlsVersion is a finding.
 */
import type * as eventhub from "@pulumi/azure-native/eventhub";
import { resourceRule, type Props } from "../../rule";

type Namespace = Props<eventhub.NamespaceArgs>;
const NAMESPACE = "azure-native:eventhub:Namespace";

export const eventHubsNamespacePrivate = resourceRule({
  id: "azure-eventhub-namespace-private",
  description: "Event Hubs namespaces are reachable only through private endpoints",
  target: "azure",
  types: [NAMESPACE],
  requirements: [
    {
      id: "no-public-network",
      description: "publicNetworkAccess is Disabled (it defaults to Enabled)",
      remediation: 'Set publicNetworkAccess "Disabled" and add a private endpoint (Premium tier).',
      check: (props: Namespace) =>
        props.publicNetworkAccess === "Disabled" ? [] : ["publicNetworkAccess is not Disabled"],
    },
  ],
});

export const eventHubsNamespaceCmk = resourceRule({
  id: "azure-eventhub-namespace-cmk",
  description: "Event Hubs namespaces encrypt messages with a customer-managed key",
  target: "azure",
  types: [NAMESPACE],
  requirements: [
    {
      id: "customer-key",
      description: 'encryption.keySource is "Microsoft.KeyVault" with keyVaultProperties naming the key',
      remediation:
        'Set encryption.keySource "Microsoft.KeyVault" and encryption.keyVaultProperties (Premium tier).',
      check: (props: Namespace) => {
        const encryption = props.encryption ?? {};
        return encryption.keySource === "Microsoft.KeyVault" && "keyVaultProperties" in encryption
          ? []
          : ["encryption names no customer-managed key (keySource, keyVaultProperties)"];
      },
    },
  ],
});

export const eventHubsNamespaceTls = resourceRule({
  id: "azure-eventhub-namespace-tls",
  description: "Event Hubs namespaces take TLS 1.2 or newer only",
  target: "azure",
  types: [NAMESPACE],
  requirements: [
    {
      id: "minimum-tls",
      description: "minimumTlsVersion is not older than 1.2 (it defaults to 1.2)",
      remediation: 'Set minimumTlsVersion "1.2", or leave it unset.',
      check: (props: Namespace) =>
        ["1.0", "1.1"].includes(props.minimumTlsVersion) ? ["minimumTlsVersion is older than 1.2"] : [],
    },
  ],
});

export const eventHubsNamespaceIdentityAuth = resourceRule({
  id: "azure-eventhub-namespace-identity-auth",
  description: "Event Hubs namespaces accept Microsoft Entra identities only, not SAS keys",
  target: "azure",
  types: [NAMESPACE],
  requirements: [
    {
      id: "local-auth-disabled",
      description: "disableLocalAuth is true (SAS authentication is on by default)",
      remediation: "Set disableLocalAuth: true and grant data roles to identities.",
      check: (props: Namespace) => (props.disableLocalAuth === true ? [] : ["disableLocalAuth is not true"]),
    },
  ],
});
