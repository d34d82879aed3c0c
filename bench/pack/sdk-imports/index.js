// The common pattern: a pack that imports the provider SDKs at run time (to use their resource classes
// with validateResourceOfType / isType), here the four clouds the HIPAA pack covers, with one policy each.
// Resolved from @palisade/policy's devDependencies (same copies and versions as the HIPAA pack's types).
const { createRequire } = require("node:module");
const path = require("node:path");

const requireFromPolicy = createRequire(path.resolve(__dirname, "../../../packages/policy/package.json"));
const { PolicyPack, validateResourceOfType } = requireFromPolicy("@pulumi/policy");
const aws = requireFromPolicy("@pulumi/aws");
const azure = requireFromPolicy("@pulumi/azure-native");
const gcp = requireFromPolicy("@pulumi/gcp");
const k8s = requireFromPolicy("@pulumi/kubernetes");

const noop = () => {};
new PolicyPack("bench-sdk-imports", {
  policies: [
    {
      name: "aws-bucket",
      description: "bench",
      validateResource: validateResourceOfType(aws.s3.Bucket, noop),
    },
    {
      name: "azure-storage-account",
      description: "bench",
      validateResource: validateResourceOfType(azure.storage.StorageAccount, noop),
    },
    {
      name: "gcp-bucket",
      description: "bench",
      validateResource: validateResourceOfType(gcp.storage.Bucket, noop),
    },
    {
      name: "k8s-pod",
      description: "bench",
      validateResource: validateResourceOfType(k8s.core.v1.Pod, noop),
    },
  ],
});
