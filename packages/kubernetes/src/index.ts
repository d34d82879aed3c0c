export * from "./rules";
export * from "./zero-trust-namespace";
export * from "./isolated-service";
