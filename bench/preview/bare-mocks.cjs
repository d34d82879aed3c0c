// The baseline: the same synthetic program under Pulumi's bare mock runtime (preview mode), no capture,
// no analysis, the SDK exactly as shipped. Usage: node bare-mocks.cjs <program-dir> <resourceCount>
const { createRequire } = require("node:module");
const path = require("node:path");

const [programDir, count] = process.argv.slice(2);
const fromProgram = createRequire(path.join(path.resolve(programDir), "package.json"));
const pulumi = fromProgram("@pulumi/pulumi");

(async () => {
  pulumi.runtime.setAllConfig({ "many:resourceCount": String(count) });
  await pulumi.runtime.setMocks(
    { newResource: (args) => ({ id: "", state: args.inputs }), call: () => ({}) },
    "many",
    "dev",
    true,
  );
  fromProgram(path.resolve(programDir, "index.js"));
  await pulumi.runtime.disconnect();
})();
