// Stands in for a provider SDK and a component library: code outside the project, as node_modules is,
// so the preview must place what it declares on the user's line that called it.
import * as pulumi from "@pulumi/pulumi";

export class Resource extends pulumi.CustomResource {
  constructor(type: string, name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
    super(type, name, props, opts);
  }
}

/** A component whose children are created in its constructor and, one of them, in a callback. */
export class StorageKit extends pulumi.ComponentResource {
  constructor(name: string, args: { public: boolean }, opts?: pulumi.ComponentResourceOptions) {
    super("test:index:StorageKit", name, {}, opts);
    new Resource("test:index:Bucket", `${name}-data`, { public: args.public }, { parent: this });
    // Created when an output resolves: no frame of the user's code is on the stack.
    pulumi
      .output(name)
      .apply(
        (n) => new Resource("test:index:Bucket", `${n}-logs`, { public: args.public }, { parent: this }),
      );
    this.registerOutputs({});
  }
}

/** A remote (multi-language) component: only its provider plugin could construct its children. */
export class RemoteCluster extends pulumi.ComponentResource {
  constructor(name: string) {
    super("testremote:index:ManagedCluster", name, { publicEndpoint: true }, {}, true);
  }
}
