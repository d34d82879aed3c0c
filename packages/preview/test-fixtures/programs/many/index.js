// A synthetic stack: keys and buckets wired through outputs, `resourceCount` resources in all.
const pulumi = require("@pulumi/pulumi");

class Resource extends pulumi.CustomResource {
  constructor(type, name, props, opts) {
    super(type, name, props, opts);
  }
}

const total = new pulumi.Config().requireNumber("resourceCount");
let key;
for (let i = 0; i < total; i++) {
  if (i % 10 === 0) key = new Resource("test:index:Key", `key-${i}`, { rotation: true, arn: undefined });
  else
    new Resource("test:index:Bucket", `bucket-${i}`, {
      kmsKeyArn: key.arn,
      public: false,
      tags: { index: String(i) },
    });
}
