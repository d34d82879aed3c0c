/**
 * The rules Event Hubs and Service Bus namespaces share (azure-native v3 eventhub and servicebus): network
 * exposure, customer keys, TLS and identity-only authentication. Both services' Namespace has the same shape
 * and the same defaults: public network access Enabled (the SDK itself sends it), SAS keys on,
 * Microsoft-managed keys, and TLS 1.2 as the minimum, so only an older minimumTlsVersion is a finding. What
 * differs (the type token and the service's name) is the service's to say, in its own file.
 */
import type * as eventhub from "@pulumi/azure-native/eventhub";
import type * as servicebus from "@pulumi/azure-native/servicebus";
import { resourceRule, type Props } from "../../rule";

// A union, so a check reads only the properties both services' SDK types have.
type Namespace = Props<eventhub.NamespaceArgs> | Props<servicebus.NamespaceArgs>;

export interface MessagingService {
  /** The azure-native module, which names the type token and the rule ids: `eventhub`. */
  module: "eventhub" | "servicebus";
  /** The service, as descriptions name it: `Event Hubs`. */
  service: string;
}

/** The four rules of one messaging service's namespaces, their ids `azure-<module>-namespace-private` and so on. */
export function messagingNamespaceRules({ module, service }: MessagingService) {
  const NAMESPACE = `azure-native:${module}:Namespace`;

  const namespacePrivate = resourceRule({
    id: `azure-${module}-namespace-private`,
    description: `${service} namespaces are reachable only through private endpoints`,
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

  const namespaceCmk = resourceRule({
    id: `azure-${module}-namespace-cmk`,
    description: `${service} namespaces encrypt messages with a customer-managed key`,
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

  const namespaceTls = resourceRule({
    id: `azure-${module}-namespace-tls`,
    description: `${service} namespaces take TLS 1.2 or newer only`,
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

  const namespaceIdentityAuth = resourceRule({
    id: `azure-${module}-namespace-identity-auth`,
    description: `${service} namespaces accept Microsoft Entra identities only, not SAS keys`,
    target: "azure",
    types: [NAMESPACE],
    requirements: [
      {
        id: "local-auth-disabled",
        description: "disableLocalAuth is true (SAS authentication is on by default)",
        remediation: "Set disableLocalAuth: true and grant data roles to identities.",
        check: (props: Namespace) =>
          props.disableLocalAuth === true ? [] : ["disableLocalAuth is not true"],
      },
    ],
  });

  return { namespacePrivate, namespaceCmk, namespaceTls, namespaceIdentityAuth };
}
