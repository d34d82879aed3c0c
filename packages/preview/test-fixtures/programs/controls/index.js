// Something for most controls of the palisade fixture pack: a key, a bucket, a firewall and a namespace
// without default deny (a stack finding); no cluster, so its control has nothing in scope. Nothing here is
// hidden from the preview (see the sources program for remote components).
const pulumi = require("@pulumi/pulumi");

class Resource extends pulumi.CustomResource {
  constructor(type, name, props, opts) {
    super(type, name, props, opts);
  }
}

const config = new pulumi.Config();
const key = new Resource("test:index:Key", "key", { rotation: true, arn: undefined });
new Resource("test:index:Bucket", "bucket-0", {
  kmsKeyArn: key.arn,
  public: config.getBoolean("public") ?? false,
});
new Resource("test:index:Firewall", "edge", { openPorts: [443] });
new Resource("test:index:Namespace", "apps", { defaultDeny: false });
