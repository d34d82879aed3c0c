import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import {
  eventHubsNamespaceCmk,
  eventHubsNamespaceIdentityAuth,
  eventHubsNamespacePrivate,
  eventHubsNamespaceTls,
} from "./eventhub";

const namespace = (props: Record<string, unknown>): KitResource => ({
  type: "azure-native:eventhub:Namespace",
  name: "ns",
  props: {
    resourceGroupName: "rg",
    sku: { name: "Premium" },
    publicNetworkAccess: "Disabled",
    disableLocalAuth: true,
    encryption: {
      keySource: "Microsoft.KeyVault",
      keyVaultProperties: [{ keyName: "k", keyVaultUri: UNKNOWN }],
    },
    ...props,
  },
});

describeRule(eventHubsNamespacePrivate, {
  baseline: hipaa,
  compliant: [namespace({})],
  requirements: {
    "no-public-network": {
      violating: [
        namespace({ publicNetworkAccess: "Enabled" }),
        namespace({ publicNetworkAccess: "SecuredByPerimeter" }),
        namespace({ publicNetworkAccess: undefined }),
      ],
      unknown: [namespace({ publicNetworkAccess: UNKNOWN })],
    },
  },
});

describeRule(eventHubsNamespaceCmk, {
  baseline: hipaa,
  compliant: [
    namespace({}),
    namespace({ encryption: { keySource: "Microsoft.KeyVault", keyVaultProperties: UNKNOWN } }),
  ],
  requirements: {
    "customer-key": {
      violating: [
        namespace({ encryption: undefined }),
        namespace({ encryption: { keySource: "Microsoft.KeyVault" } }),
        namespace({ encryption: { keySource: "Other", keyVaultProperties: [] } }),
      ],
      unknown: [namespace({ encryption: { keySource: UNKNOWN, keyVaultProperties: [] } })],
    },
  },
});

describeRule(eventHubsNamespaceTls, {
  baseline: hipaa,
  compliant: [namespace({}), namespace({ minimumTlsVersion: "1.2" })],
  requirements: {
    "minimum-tls": {
      violating: [namespace({ minimumTlsVersion: "1.0" }), namespace({ minimumTlsVersion: "1.1" })],
      unknown: [namespace({ minimumTlsVersion: UNKNOWN })],
    },
  },
});

describeRule(eventHubsNamespaceIdentityAuth, {
  baseline: hipaa,
  compliant: [namespace({})],
  requirements: {
    "local-auth-disabled": {
      violating: [namespace({ disableLocalAuth: false }), namespace({ disableLocalAuth: undefined })],
      unknown: [namespace({ disableLocalAuth: UNKNOWN })],
    },
  },
});
