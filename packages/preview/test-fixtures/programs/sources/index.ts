// Where each resource was declared, as SARIF reports it. The type-only lines come first, so the compiled
// JavaScript's line numbers differ from this file's: positions must be mapped back through the source map.
import * as pulumi from "@pulumi/pulumi";
import { RemoteCluster, Resource, StorageKit } from "../../library/resources";

interface BucketArgs {
  public: boolean;
  kmsKeyArn?: pulumi.Input<string>;
}

type Settings = {
  exposed: BucketArgs;
};

// The three declarations below sit on lines 19, 20 and 21: the SARIF tests expect exactly those lines.
const config = new pulumi.Config();
const settings: Settings = { exposed: { public: config.getBoolean("public") ?? true } };
const key = new Resource("test:index:Key", "key", { rotation: true });
new Resource("test:index:Bucket", "declared", { ...settings.exposed, kmsKeyArn: key.id }); // line 19
new StorageKit("kit", settings.exposed); // line 20
new RemoteCluster("cluster"); // line 21
