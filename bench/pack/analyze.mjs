#!/usr/bin/env node
// Policy pack Analyze cost per resource, in one process, through @pulumi/policy's own Analyze handler
// (the one a pack process serves), with requests built as the engine builds them. Variants, each timed
// over the same resources in the same session:
//   - floor: a pack with no policies (the handler and the response alone, the baseline);
//   - HIPAA: the pack's policies as built (one validation per policy, typed for the server's fast path);
//   - HIPAA, one validation per requirement: the same checks laid out as they were before, each policy
//     an array of validations, for each of which the server deserializes the resource again.
// Two resource mixes: a type no policy judges (the preview bench's synthetic stack) and AWS types the
// pack judges, with compliant-looking props.
// Run after `pnpm build`: node bench/pack/analyze.mjs [resources]
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const require = createRequire(`${root}policy-packs/hipaa/package.json`);
const server = require("@pulumi/policy/server");
// The policy server's own copies of the protobuf modules.
const policyRequire = createRequire(require.resolve("@pulumi/policy/server"));
const pb = policyRequire("@pulumi/pulumi/proto/analyzer_pb");
const { Struct } = policyRequire("google-protobuf/google/protobuf/struct_pb");
const { buildPolicies, hipaaFramework, policyFor } = require("@palisade/policy");

const count = Number(process.argv[2] ?? 4000);
const policies = buildPolicies(hipaaFramework);
// Each requirement its own validation, as the pack builder laid policies out before: one sub-rule per
// requirement, so each validation judges only its own (and says "not applicable" for other types).
const controls = new Map(hipaaFramework.controls.flatMap((c) => c.rules.map((r) => [r.id, [c, r]])));
const perRequirement = policies.map((p) => {
  if (!p.validateResource) return p;
  const [control, rule] = controls.get(p.name);
  const validateResource = rule.requirements.map(
    (requirement) =>
      policyFor(control, { ...rule, requirements: [requirement] }, hipaaFramework.baseline).validateResource,
  );
  return { ...p, validateResource };
});

const mixes = {
  "type nothing judges": [
    ["test:index:Bucket", { kmsKeyArn: "arn:aws:kms:eu-west-1:1:key/x", public: false }],
  ],
  "AWS types the pack judges": [
    ["aws:s3/bucketV2:BucketV2", { bucket: "phi", forceDestroy: false, tags: { team: "ml" } }],
    ["aws:kms/key:Key", { enableKeyRotation: true, deletionWindowInDays: 30 }],
    [
      "aws:rds/instance:Instance",
      { storageEncrypted: true, kmsKeyId: "k", deletionProtection: true, backupRetentionPeriod: 35 },
    ],
    ["aws:ec2/securityGroup:SecurityGroup", { vpcId: "v", ingress: [] }],
    ["aws:lambda/function:Function", { role: "r", kmsKeyArn: "k", vpcConfig: { subnetIds: ["s"] } }],
  ],
};

function request(mix, i) {
  const [type, props] = mix[i % mix.length];
  const r = new pb.AnalyzeRequest();
  r.setType(type);
  r.setName(`r-${i}`);
  r.setUrn(`urn:pulumi:dev::bench::${type}::r-${i}`);
  r.setProperties(Struct.fromJavaScript({ ...props, tags: { index: String(i) } }));
  r.setOptions(new pb.AnalyzerResourceOptions());
  return r;
}

/** Microseconds per resource for `list` over `mix`. */
async function time(list, mix) {
  const rpc = server.makeAnalyzeRpcFun("bench", "1.0.0", "mandatory", list);
  const requests = Array.from({ length: count }, (_, i) => request(mix, i));
  const call = (request) =>
    new Promise((resolve, reject) =>
      rpc({ request }, (error, response) => (error ? reject(error) : resolve(response))),
    );
  for (const r of requests.slice(0, 200)) await call(r); // warm-up
  const began = process.hrtime.bigint();
  for (const r of requests) await call(r);
  return Number(process.hrtime.bigint() - began) / 1e3 / count;
}

console.log(`${count} Analyze calls per variant; ratio = variant / floor (no policies), same mix`);
for (const [name, mix] of Object.entries(mixes)) {
  const floor = await time([], mix);
  const built = await time(policies, mix);
  const old = await time(perRequirement, mix);
  console.log(`${name}:`);
  console.log(
    `  floor (no policies)                     ${floor.toFixed(0).padStart(6)} µs/resource (x1.00)`,
  );
  console.log(
    `  HIPAA, as built                         ${built.toFixed(0).padStart(6)} µs/resource (x${(built / floor).toFixed(2)})`,
  );
  console.log(
    `  HIPAA, one validation per requirement   ${old.toFixed(0).padStart(6)} µs/resource (x${(old / floor).toFixed(2)})`,
  );
}
