// The package's components are re-exported here as they land (issue 16).
export * from "./confidential-shapes";
