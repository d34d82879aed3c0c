import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { aiAccountCmk, aiAccountIdentityAuth, aiAccountPrivate } from "./cognitiveservices";

const KEY = { keyVaultUri: "https://kv.vault.azure.net", keyName: "k", identityClientId: UNKNOWN };
const account = (properties: Record<string, unknown>): KitResource => ({
  type: "azure-native:cognitiveservices:Account",
  name: "openai",
  props: {
    resourceGroupName: "rg",
    kind: "OpenAI",
    sku: { name: "S0" },
    identity: { type: "SystemAssigned" },
    properties: {
      customSubDomainName: "openai-x",
      publicNetworkAccess: "Disabled",
      disableLocalAuth: true,
      encryption: { keySource: "Microsoft.KeyVault", keyVaultProperties: KEY },
      ...properties,
    },
  },
});
const open = { publicNetworkAccess: "Enabled" };

describeRule(aiAccountPrivate, {
  baseline: hipaa,
  compliant: [
    account({}),
    account({ ...open, networkAcls: { defaultAction: "Deny", ipRules: [{ value: "203.0.113.0/24" }] } }),
    account({
      publicNetworkAccess: undefined,
      networkAcls: { defaultAction: "Deny", virtualNetworkRules: [{ id: UNKNOWN }] },
    }),
  ],
  requirements: {
    "no-public-network": {
      violating: [
        account(open),
        account({ publicNetworkAccess: undefined }),
        account({ ...open, networkAcls: { defaultAction: "Allow" } }),
        account({ ...open, networkAcls: { defaultAction: "Deny", ipRules: [{ value: "0.0.0.0/0" }] } }),
        { ...account({}), props: { resourceGroupName: "rg", kind: "OpenAI" } },
      ],
      unknown: [account({ publicNetworkAccess: UNKNOWN }), account({ ...open, networkAcls: UNKNOWN })],
    },
  },
});

describeRule(aiAccountCmk, {
  baseline: hipaa,
  compliant: [
    account({}),
    account({ encryption: { keySource: "Microsoft.KeyVault", keyVaultProperties: UNKNOWN } }),
  ],
  requirements: {
    "customer-key": {
      violating: [
        account({ encryption: undefined }),
        account({ encryption: { keySource: "Microsoft.CognitiveServices" } }),
        account({ encryption: { keySource: "Microsoft.CognitiveServices", keyVaultProperties: KEY } }),
        account({ encryption: { keySource: "Microsoft.KeyVault" } }),
      ],
      unknown: [account({ encryption: { keySource: UNKNOWN, keyVaultProperties: KEY } })],
    },
  },
});

describeRule(aiAccountIdentityAuth, {
  baseline: hipaa,
  compliant: [account({})],
  requirements: {
    "local-auth-disabled": {
      violating: [account({ disableLocalAuth: false }), account({ disableLocalAuth: undefined })],
      unknown: [account({ disableLocalAuth: UNKNOWN })],
    },
  },
});
