// A pack with no policies: what the Analyzer protocol itself costs per resource (one gRPC round trip,
// the request and an empty answer), the floor under any pack the bench runs.
const { PolicyPack } = require("@pulumi/policy");

new PolicyPack("bench-empty", { policies: [] });
