export * from "./rules/kubernetes/pod-security";
