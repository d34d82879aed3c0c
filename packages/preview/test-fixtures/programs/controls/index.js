// Something for most controls of the palisade fixture pack: a key, a bucket, a firewall, a namespace
// without default deny (a stack finding), and a cluster inside a remote (multi-language) component, whose
// children its provider plugin would construct: a real `pulumi preview` sees them, the offline preview
// (no provider runs) never does.
const pulumi = require("@pulumi/pulumi");

class Resource extends pulumi.CustomResource {
  constructor(type, name, props, opts) {
    super(type, name, props, opts);
  }
}

class RemoteCluster extends pulumi.ComponentResource {
  constructor(name) {
    super("testremote:index:ManagedCluster", name, { publicEndpoint: true }, {}, true);
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
new RemoteCluster("cluster");
