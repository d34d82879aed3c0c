// A resource object passed where an input is expected: the SDK sends a resource reference, which the
// engine turns into the resource's id (or a component's URN) before an analyzer sees it.
const pulumi = require("@pulumi/pulumi");

class Group extends pulumi.ComponentResource {
  constructor(name) {
    super("test:index:Group", name, {});
    this.registerOutputs({});
  }
}

const site = new pulumi.CustomResource("test:index:Bucket", "site", { public: false });
const group = new Group("group");
new pulumi.CustomResource("test:index:BucketPolicy", "site-policy", { bucket: site, owners: [group] });
