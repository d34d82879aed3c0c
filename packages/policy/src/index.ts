export * from "./rule";
export * from "./pack";
export * from "./exemptions";
export * from "./kit";
export * from "./rules/kubernetes/pod-security";
export { hipaaFramework } from "./frameworks/hipaa";
