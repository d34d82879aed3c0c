/** GCP rules (gcp v9 type tokens; props typed from the SDK with `import type`), one file per service. */
export * from "./compute";
export * from "./gke";
export * from "./kms";
export * from "./logging";
export * from "./network";
export * from "./sql";
export * from "./storage";
