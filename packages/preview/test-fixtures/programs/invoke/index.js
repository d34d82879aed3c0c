// Looks up a value through a provider function that has no built-in fixture, and two that have one.
const pulumi = require("@pulumi/pulumi");

class Resource extends pulumi.CustomResource {
  constructor(type, name, props, opts) {
    super(type, name, props, opts);
  }
}

const thing = pulumi.output(pulumi.runtime.invoke("test:index/getThing:getThing", { id: "t-1" }));
new Resource("test:index:Bucket", "from-lookup", { label: thing.apply((t) => t.label) });

const caller = pulumi.output(pulumi.runtime.invoke("aws:index/getCallerIdentity:getCallerIdentity", {}));
const manifests = pulumi.output(
  pulumi.runtime.invoke("kubernetes:yaml:decode", {
    text: "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ml\n---\n---\napiVersion: v1\nkind: ConfigMap\n",
  }),
);
new Resource("test:index:Bucket", "from-builtins", {
  account: caller.accountId,
  kinds: manifests.apply((m) => m.result.map((o) => o.kind)),
});
