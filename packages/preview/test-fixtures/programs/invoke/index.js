// Looks up a value through a provider function that has no built-in fixture.
const pulumi = require("@pulumi/pulumi");

class Resource extends pulumi.CustomResource {
  constructor(type, name, props, opts) {
    super(type, name, props, opts);
  }
}

const thing = pulumi.output(pulumi.runtime.invoke("test:index/getThing:getThing", { id: "t-1" }));
new Resource("test:index:Bucket", "from-lookup", { label: thing.apply((t) => t.label) });
