export * from "./settings";
export * from "./labels";
export * from "./names";
export * from "./children";
