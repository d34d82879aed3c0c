/**
 * Service Bus namespace rules (azure-native v3 servicebus, API 2026-01-01): network exposure, customer keys, TLS and
 * identity-only authentication, shared with Event Hubs in ./messaging-namespace (that API version's defaults are
 * the ones it describes).
 */
import { messagingNamespaceRules } from "./messaging-namespace";

const serviceBus = messagingNamespaceRules({ module: "servicebus", service: "Service Bus" });

export const serviceBusNamespacePrivate = serviceBus.namespacePrivate;
export const serviceBusNamespaceCmk = serviceBus.namespaceCmk;
export const serviceBusNamespaceTls = serviceBus.namespaceTls;
export const serviceBusNamespaceIdentityAuth = serviceBus.namespaceIdentityAuth;
