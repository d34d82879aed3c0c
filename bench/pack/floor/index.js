// The floor: a pack with no policies. No node_modules here (bench packs are not workspace packages), so
// @pulumi/policy is resolved from @palisade/policy, the same physical copy the HIPAA pack uses.
const { createRequire } = require("node:module");
const path = require("node:path");

const requireFromPolicy = createRequire(path.resolve(__dirname, "../../../packages/policy/package.json"));
const { PolicyPack } = requireFromPolicy("@pulumi/policy");

new PolicyPack("bench-floor", { policies: [] });
