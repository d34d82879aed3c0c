import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import {
  eventHubsNamespaceCmk,
  eventHubsNamespaceIdentityAuth,
  eventHubsNamespacePrivate,
  eventHubsNamespaceTls,
} from "./eventhub";
import {
  serviceBusNamespaceCmk,
  serviceBusNamespaceIdentityAuth,
  serviceBusNamespacePrivate,
  serviceBusNamespaceTls,
} from "./servicebus";

// The same cases for both services: only the type token differs.
const services = [
  {
    module: "eventhub",
    rules: {
      namespacePrivate: eventHubsNamespacePrivate,
      namespaceCmk: eventHubsNamespaceCmk,
      namespaceTls: eventHubsNamespaceTls,
      namespaceIdentityAuth: eventHubsNamespaceIdentityAuth,
    },
  },
  {
    module: "servicebus",
    rules: {
      namespacePrivate: serviceBusNamespacePrivate,
      namespaceCmk: serviceBusNamespaceCmk,
      namespaceTls: serviceBusNamespaceTls,
      namespaceIdentityAuth: serviceBusNamespaceIdentityAuth,
    },
  },
];

for (const { module, rules } of services) {
  const namespace = (props: Record<string, unknown>): KitResource => ({
    type: `azure-native:${module}:Namespace`,
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

  describeRule(rules.namespacePrivate, {
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

  describeRule(rules.namespaceCmk, {
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

  describeRule(rules.namespaceTls, {
    baseline: hipaa,
    compliant: [namespace({}), namespace({ minimumTlsVersion: "1.2" })],
    requirements: {
      "minimum-tls": {
        violating: [namespace({ minimumTlsVersion: "1.0" }), namespace({ minimumTlsVersion: "1.1" })],
        unknown: [namespace({ minimumTlsVersion: UNKNOWN })],
      },
    },
  });

  describeRule(rules.namespaceIdentityAuth, {
    baseline: hipaa,
    compliant: [namespace({})],
    requirements: {
      "local-auth-disabled": {
        violating: [namespace({ disableLocalAuth: false }), namespace({ disableLocalAuth: undefined })],
        unknown: [namespace({ disableLocalAuth: UNKNOWN })],
      },
    },
  });
}
