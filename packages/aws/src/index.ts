export * from "./encryption-key";
export * from "./encrypted-bucket";
export * from "./segmented-vpc";
export * from "./network-acl-rules";
export * from "./confidential-instance";
export * from "./eks-cluster";
export * from "./audit-trail";
export * from "./records-store";
