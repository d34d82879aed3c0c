// Looks up an RDS instance, which has no built-in answer: the preview prints a stub of the result's fields
// read from @pulumi/aws as the project installs it (packages/preview's own devDependency).
const pulumi = require("@pulumi/pulumi");

class Resource extends pulumi.CustomResource {
  constructor(type, name, props, opts) {
    super(type, name, props, opts);
  }
}

const db = pulumi.output(
  pulumi.runtime.invoke("aws:rds/getInstance:getInstance", { dbInstanceIdentifier: "orders" }),
);
new Resource("test:index:Bucket", "from-lookup", { endpoint: db.apply((d) => d.endpoint) });
