export * from "./rules";
export * from "./zero-trust-namespace";
