export * from "./baselines";
export * from "./cidr";
export * from "./data-protection";
export * from "./errors";
export * from "./naming";
export * from "./tags";
export * from "./exposure";
export * from "./arguments";
