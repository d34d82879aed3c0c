import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { MockStack } from "./test-support";

class TestResource extends pulumi.CustomResource {
  constructor(type: string, name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
    super(type, name, props, opts);
  }
}

class Box extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("palisade:test:Box", name, {}, opts);
    const key = new TestResource(
      "test:index:Key",
      `${name}-key`,
      { size: 32 },
      { parent: this, retainOnDelete: true },
    );
    new TestResource(
      "test:index:Bucket",
      `${name}-bucket`,
      { keyArn: key.urn },
      { parent: this, protect: true, dependsOn: [key] },
    );
    this.registerOutputs({});
  }
}

describe("MockStack", () => {
  it("records type, name, parent, inputs, options and property dependencies", async () => {
    const stack = await MockStack.start();
    new Box("a");
    await stack.settle();
    expect(stack.registrations.map((r) => r.type)).toEqual([
      "palisade:test:Box",
      "test:index:Key",
      "test:index:Bucket",
    ]);
    const key = stack.one("test:index:Key");
    expect(key).toMatchObject({
      name: "a-key",
      inputs: { size: 32 },
      retainOnDelete: true,
      protect: false,
      custom: true,
    });
    expect(key.parent).toBe("urn:pulumi:test::project::palisade:test:Box::a");
    const bucket = stack.one("test:index:Bucket", "a-bucket");
    expect(bucket.urn).toBe("urn:pulumi:test::project::palisade:test:Box$test:index:Bucket::a-bucket");
    expect(bucket).toMatchObject({ protect: true, dependsOn: [key.urn] });
    expect(bucket.propertyDependencies.keyArn).toEqual([key.urn]);
  });
});
