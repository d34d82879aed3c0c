import { Role, RolePolicy } from "@pulumi/aws/iam";
import { Key } from "@pulumi/aws/kms";
import { Route } from "@pulumi/aws/ec2";
import { Bucket } from "@pulumi/aws/s3";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { AwsChildren } from "./children";
import type { AwsSettings } from "./settings";
import { awsStack } from "./test-support";

const settings: AwsSettings = {
  region: "eu-west-1",
  tags: { owner: "ml" },
  protection: { retainOnDelete: true, protect: false },
  keyRotationDays: 180,
};

class Parent extends pulumi.ComponentResource {
  constructor() {
    super("test:index:Parent", "p", {});
  }
}

describe("AwsChildren", () => {
  it("injects region, tags and retain flags by role", async () => {
    const stack = await awsStack();
    const children = new AwsChildren(new Parent(), settings);
    children.tagged(Bucket, "data", {}, { role: "data", extraTags: { Name: "data" } });
    children.untagged(
      Route,
      "route",
      { routeTableId: "rtb-1", destinationCidrBlock: "10.0.0.0/8" },
      { role: "guard" },
    );
    children.globalTagged(Role, "role", { assumeRolePolicy: "{}" });
    children.global(RolePolicy, "policy", { role: "r", policy: "{}" });
    await stack.settle();
    expect(stack.one("aws:s3/bucket:Bucket")).toMatchObject({
      retainOnDelete: true,
      inputs: { region: "eu-west-1", tags: { owner: "ml", Name: "data" } },
    });
    expect(stack.one("aws:ec2/route:Route")).toMatchObject({
      retainOnDelete: true,
      inputs: { region: "eu-west-1" },
    });
    expect(stack.one("aws:ec2/route:Route").inputs).not.toHaveProperty("tags");
    expect(stack.one("aws:iam/role:Role").inputs).toMatchObject({ tags: { owner: "ml" } });
    expect(stack.one("aws:iam/role:Role").inputs).not.toHaveProperty("region");
    expect(stack.one("aws:iam/rolePolicy:RolePolicy")).toMatchObject({ retainOnDelete: false });
    expect(stack.registrations.filter((r) => r.custom).every((r) => r.parent.endsWith("::p"))).toBe(true);
  });

  it("makes forgetting the region or the tags a type error", () => {
    // Compiled by `tsc -b`: each line below must fail to type-check, or the build fails.
    const typeChecks = (children: AwsChildren) => {
      // @ts-expect-error a taggable resource cannot be created without tags
      children.untagged(Key, "k", {});
      // @ts-expect-error a regional resource cannot be created as a global one
      children.globalTagged(Bucket, "b", {});
      // @ts-expect-error a taggable global resource cannot skip its tags
      children.global(Role, "r", { assumeRolePolicy: "{}" });
      // @ts-expect-error the region is the component's, not the caller's
      children.tagged(Bucket, "b", { region: "us-east-1" });
    };
    expect(typeChecks).toBeTypeOf("function");
  });
});
