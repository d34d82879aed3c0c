export * from "./settings";
export * from "./labels";
export * from "./names";
export * from "./children";
export * from "./service-agents";
export * from "./encryption-key";
export * from "./encrypted-bucket";
export * from "./audit-logging";
