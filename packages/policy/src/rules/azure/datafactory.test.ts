import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { dataFactoryCmk, dataFactoryIdentityAuth, dataFactoryPrivate } from "./datafactory";

const factory = (props: Record<string, unknown>): KitResource => ({
  type: "azure-native:datafactory:Factory",
  name: "adf",
  props: {
    resourceGroupName: "rg",
    publicNetworkAccess: "Disabled",
    identity: { type: "SystemAssigned" },
    encryption: { vaultBaseUrl: UNKNOWN, keyName: "adf-key" },
    ...props,
  },
});

describeRule(dataFactoryCmk, {
  baseline: hipaa,
  compliant: [
    factory({}),
    factory({
      identity: { type: "UserAssigned", userAssignedIdentities: UNKNOWN },
      encryption: {
        vaultBaseUrl: "https://kv.vault.azure.net",
        keyName: "adf-key",
        keyVersion: UNKNOWN,
        identity: { userAssignedIdentity: UNKNOWN },
      },
    }),
  ],
  requirements: {
    "customer-key": {
      violating: [
        factory({ encryption: undefined }),
        factory({ encryption: {} }),
        factory({ encryption: { vaultBaseUrl: "https://kv.vault.azure.net" } }),
        factory({ encryption: { keyName: "adf-key" } }),
      ],
      unknown: [factory({ encryption: UNKNOWN })],
      decidedWhenUnknown: [factory({ encryption: { vaultBaseUrl: UNKNOWN, keyName: UNKNOWN } })],
    },
  },
});

describeRule(dataFactoryPrivate, {
  baseline: hipaa,
  compliant: [factory({})],
  requirements: {
    "no-public-network": {
      violating: [factory({ publicNetworkAccess: "Enabled" }), factory({ publicNetworkAccess: undefined })],
      unknown: [factory({ publicNetworkAccess: UNKNOWN })],
    },
  },
});

describeRule(dataFactoryIdentityAuth, {
  baseline: hipaa,
  compliant: [
    factory({}),
    factory({ identity: { type: "UserAssigned", userAssignedIdentities: { id: {} } } }),
    factory({ identity: { type: "SystemAssigned,UserAssigned", userAssignedIdentities: UNKNOWN } }),
  ],
  requirements: {
    "managed-identity": {
      violating: [factory({ identity: undefined }), factory({ identity: {} })],
      unknown: [factory({ identity: UNKNOWN })],
      decidedWhenUnknown: [factory({ identity: { type: UNKNOWN } })],
    },
  },
});
