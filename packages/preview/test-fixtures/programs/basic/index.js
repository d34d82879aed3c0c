// A program with a key, buckets that use it, and options the engine records. `public` comes from config
// so tests can flip a bucket into violation.
const pulumi = require("@pulumi/pulumi");

class Resource extends pulumi.CustomResource {
  constructor(type, name, props, opts) {
    super(type, name, props, opts);
  }
}

const config = new pulumi.Config();
const key = new Resource(
  "test:index:Key",
  "key",
  { rotation: true, arn: undefined },
  { retainOnDelete: true },
);
const count = config.getNumber("bucketCount") ?? 1;
for (let i = 0; i < count; i++) {
  new Resource(
    "test:index:Bucket",
    `bucket-${i}`,
    { kmsKeyArn: key.arn, public: config.getBoolean("public") ?? false, token: config.getSecret("apiToken") },
    { protect: true, dependsOn: [key] },
  );
}
exports.keyArn = key.arn;
