export * from "./encryption-key";
export * from "./encrypted-bucket";
