export * from "./settings";
export * from "./tags";
export * from "./names";
export * from "./children";
export * from "./roles";
export * from "./diagnostic-settings";
export * from "./private-endpoint";
export * from "./key-vault";
