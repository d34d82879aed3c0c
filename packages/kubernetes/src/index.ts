export * from "./rules";
export * from "./settings";
export * from "./zero-trust-namespace";
export * from "./isolated-service";
export * from "./runtime-policies";
export * from "./runtime-security";
export * from "./cluster-baseline";
