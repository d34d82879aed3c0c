/**
 * Event Hubs namespace rules (azure-native v3 eventhub, API 2024-01-01): network exposure, customer keys, TLS and
 * identity-only authentication, shared with Service Bus in ./messaging-namespace (that API version's defaults are
 * the ones it describes).
 */
import { messagingNamespaceRules } from "./messaging-namespace";

const eventHubs = messagingNamespaceRules({ module: "eventhub", service: "Event Hubs" });

export const eventHubsNamespacePrivate = eventHubs.namespacePrivate;
export const eventHubsNamespaceCmk = eventHubs.namespaceCmk;
export const eventHubsNamespaceTls = eventHubs.namespaceTls;
export const eventHubsNamespaceIdentityAuth = eventHubs.namespaceIdentityAuth;
