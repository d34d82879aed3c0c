/**
 * Azure AI services and Azure OpenAI accounts (azure-native v3 cognitiveservices Account, API 2025-06-01).
 * That API version's defaults: public network access Enabled with no network rules, local (key)
 * authentication on, Microsoft-managed keys.
 */
import type * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import { admitsWholeInternet } from "@palisade/core";
import { resourceRule, type Props } from "../../rule";

type Account = Props<cognitiveservices.AccountArgs>;
const ACCOUNT = "azure-native:cognitiveservices:Account";

export const aiAccountPrivate = resourceRule({
  id: "azure-cognitiveservices-account-private",
  description: "Azure AI services and OpenAI accounts are not open to public networks",
  target: "azure",
  types: [ACCOUNT],
  requirements: [
    {
      id: "no-public-network",
      description:
        "properties.publicNetworkAccess is Disabled, or networkAcls deny by default with IP rules that do not cover the internet",
      remediation:
        'Set properties.publicNetworkAccess "Disabled" and use private endpoints, or properties.networkAcls.defaultAction "Deny" with narrow ipRules.',
      check: (props: Account) => {
        const properties = props.properties ?? {};
        if (properties.publicNetworkAccess === "Disabled") return [];
        const acls = properties.networkAcls ?? {};
        const ips = ((acls.ipRules as { value?: unknown }[] | undefined) ?? []).map((r) => r?.value);
        return acls.defaultAction === "Deny" && !admitsWholeInternet(ips)
          ? []
          : [
              "properties.publicNetworkAccess is not Disabled and networkAcls do not deny the internet by default",
            ];
      },
    },
  ],
});

export const aiAccountCmk = resourceRule({
  id: "azure-cognitiveservices-account-cmk",
  description: "Azure AI services and OpenAI accounts encrypt data with a customer-managed key",
  target: "azure",
  types: [ACCOUNT],
  requirements: [
    {
      id: "customer-key",
      description:
        'properties.encryption.keySource is "Microsoft.KeyVault" with keyVaultProperties naming the key',
      remediation:
        'Set properties.encryption.keySource "Microsoft.KeyVault" and keyVaultProperties (keyVaultUri, keyName, identityClientId).',
      check: (props: Account) => {
        const encryption = props.properties?.encryption ?? {};
        return encryption.keySource === "Microsoft.KeyVault" && "keyVaultProperties" in encryption
          ? []
          : ["properties.encryption names no customer-managed key (keySource, keyVaultProperties)"];
      },
    },
  ],
});

export const aiAccountIdentityAuth = resourceRule({
  id: "azure-cognitiveservices-account-identity-auth",
  description: "Azure AI services and OpenAI accounts accept Microsoft Entra identities only, not API keys",
  target: "azure",
  types: [ACCOUNT],
  requirements: [
    {
      id: "local-auth-disabled",
      description: "properties.disableLocalAuth is true (API keys work by default)",
      remediation: "Set properties.disableLocalAuth: true and grant callers Cognitive Services roles.",
      check: (props: Account) =>
        props.properties?.disableLocalAuth === true ? [] : ["properties.disableLocalAuth is not true"],
    },
  ],
});
