/**
 * Inputs a new user or a hostile tester tried against the AWS components (issue: components trust pass).
 * Each case must end in one PalisadeValidationError naming the argument, with nothing registered: no
 * partial graph, no raw TypeError, nothing unsafe accepted.
 */
import * as pulumi from "@pulumi/pulumi";
import { PalisadeValidationError } from "@palisade/core";
import { describe, expect, it } from "vitest";
import { awsStack, COMPONENT_CASES } from "./test-support";

type Case = keyof typeof COMPONENT_CASES;

/** Builds `component` with its valid args overridden by `change`, and returns the problem paths. */
async function rejected(component: Case, name: string, change: Record<string, unknown> | undefined) {
  const stack = await awsStack();
  const args = change === undefined ? undefined : { ...COMPONENT_CASES[component].args, ...change };
  let thrown: unknown;
  try {
    COMPONENT_CASES[component].build(name, args);
  } catch (e) {
    thrown = e;
  }
  await stack.settle();
  expect(thrown, `expected ${component} "${name}" to be rejected`).toBeInstanceOf(PalisadeValidationError);
  expect(stack.registrations.map((r) => `${r.type} ${r.name}`)).toEqual([]);
  return thrown as PalisadeValidationError;
}

function paths(error: PalisadeValidationError): string[] {
  return error.problems.map((p) => p.path);
}

describe("a child's stricter name rule is checked in the parent, before anything is registered", () => {
  it.each([
    ["SegmentedVpc", "net.prod", /KMS alias \(here "alias\/net\.prod-flow-logs-logs-kms"\)/],
    ["ZeroTrustEksCluster", "serving.prod", /EKS cluster name/],
    ["EncryptedBucket", "phi.data", /KMS alias \(here "alias\/phi\.data-kms"\)/],
    ["EncryptedBucket", "données", /S3 bucket name/],
    ["ConfidentialInstance", "phi.inference", /KMS alias/],
    ["AuditTrail", "audit.prod", /KMS alias/],
    ["EncryptionKey", "x".repeat(260), /KMS alias/],
    ["ConfidentialInstance", "a".repeat(60), /IAM role name/],
  ] as [Case, string, RegExp][])("%s %j", async (component, name, rule) => {
    const error = await rejected(component, name, {});
    expect(paths(error)).toContain("name");
    expect(error.message).toMatch(rule);
  });
});

describe("lookups never go through the prototype chain", () => {
  it.each(["toString", "constructor", "__proto__", "hasOwnProperty"])(
    "an EKS access grant with policy %j is rejected",
    async (policy) => {
      const error = await rejected("ZeroTrustEksCluster", "serving", {
        access: [{ principalArn: "arn:aws:iam::123456789012:role/a", policy }],
      });
      expect(paths(error)).toContain("access[0].policy");
    },
  );
});

describe("wrong shapes are named, never a raw TypeError", () => {
  it.each([
    ["SegmentedVpc", { tiers: [null] }, "tiers[0]"],
    ["SegmentedVpc", { availabilityZones: "us-east-2a" }, "availabilityZones"],
    ["SegmentedVpc", { availabilityZones: pulumi.output(["us-east-2a"]) }, "availabilityZones"],
    ["SegmentedVpc", { cidr: 10 }, "cidr"],
    ["ZeroTrustEksCluster", { nodes: { instanceTypes: "m6a.large" } }, "nodes.instanceTypes"],
    ["ZeroTrustEksCluster", { access: [null] }, "access[0]"],
    ["ZeroTrustEksCluster", { subnetIds: "subnet-a" }, "subnetIds"],
    [
      "ConfidentialInstance",
      { ingress: [{ description: "x", ports: "22", cidr: "10.0.0.0/8" }] },
      "ingress[0].ports",
    ],
    ["EncryptionKey", { multiRegion: "yes" }, "multiRegion"],
    ["EncryptedBucket", { lifecycleRules: {} }, "lifecycleRules"],
    ["EncryptedBucket", { retainOnDelte: false }, "retainOnDelte"],
    ["AuditTrail", { dataEventBucketArns: "arn:aws:s3:::b" }, "dataEventBucketArns"],
    ["EncryptionKey", { region: "us-east-2(" }, "region"],
    ["SegmentedVpc", { region: "us-east-2(" }, "region"],
  ] as [Case, Record<string, unknown>, string][])("%s %j names %s", async (component, change, path) => {
    expect(paths(await rejected(component, "comp", change))).toContain(path);
  });

  it.each(["SegmentedVpc", "ZeroTrustEksCluster", "ConfidentialInstance"] as Case[])(
    "%s with args undefined names args",
    async (component) => {
      expect(paths(await rejected(component, "comp", undefined))).toEqual(["args"]);
    },
  );

  it("reports every problem at once, shapes and rules together", async () => {
    const error = await rejected("SegmentedVpc", "net.prod", {
      availabilityZones: "us-east-2a",
      cidr: "8.8.8.0/24",
    });
    expect(paths(error)).toEqual(expect.arrayContaining(["availabilityZones", "name", "cidr"]));
  });
});

describe("unsafe input is refused", () => {
  it.each([
    ["EncryptionKey", { usagePrincipals: ["*"] }, "usagePrincipals[0]"],
    ["EncryptionKey", { administrators: ["*"] }, "administrators[0]"],
    ["EncryptionKey", { administrators: [] }, "administrators"],
    ["EncryptionKey", { usagePrincipals: [""] }, "usagePrincipals[0]"],
    ["EncryptionKey", { description: "d".repeat(8193) }, "description"],
    ["ZeroTrustEksCluster", { access: [{ principalArn: "", policy: "view" }] }, "access[0].principalArn"],
    ["ZeroTrustEksCluster", { access: [{ principalArn: "*", policy: "view" }] }, "access[0].principalArn"],
    ["ZeroTrustEksCluster", { publicAccessCidrs: ["0.0.0.0/1", "128.0.0.0/1"] }, "publicAccessCidrs[0]"],
    ["ZeroTrustEksCluster", { nodes: { maxSize: 1e9 } }, "nodes.maxSize"],
    ["ZeroTrustEksCluster", { version: "1.99" }, "version"],
    [
      "ConfidentialInstance",
      {
        ingress: [
          { description: "ssh low half", ports: 22, cidr: "0.0.0.0/1" },
          { description: "ssh high half", ports: 22, cidr: "128.0.0.0/1" },
        ],
      },
      "ingress",
    ],
    [
      "ConfidentialInstance",
      { ingress: [{ description: "ssh", ports: 22, cidr: "0::/0" }] },
      "ingress[0].cidr",
    ],
    ["AuditTrail", { dataEventBucketArns: ["*"] }, "dataEventBucketArns[0]"],
    ["AuditTrail", { dataEventBucketArns: ["arn:aws:s3:::Not_A_Bucket"] }, "dataEventBucketArns[0]"],
    ["AuditTrail", { trailName: "a..b" }, "trailName"],
    ["AuditTrail", { logRetentionDays: 13 }, "logRetentionDays"],
    ["ConfidentialInstance", { ami: "" }, "ami"],
    ["ConfidentialInstance", { subnetId: "" }, "subnetId"],
    ["ConfidentialInstance", { vpcId: "" }, "vpcId"],
    [
      "ConfidentialInstance",
      { ingress: [{ description: "café ☕", ports: 443, cidr: "10.0.0.0/8" }] },
      "ingress[0].description",
    ],
    [
      "SegmentedVpc",
      { tiers: [{ name: "public", prefixLength: 24, kind: "public", subnetTags: { "aws:reserved": "x" } }] },
      'tiers[0].subnetTags["aws:reserved"]',
    ],
  ] as [Case, Record<string, unknown>, string][])("%s %j names %s", async (component, change, path) => {
    expect(paths(await rejected(component, "comp", change))).toContain(path);
  });

  it("refuses a security-group description EC2 would reject, derived from the name", async () => {
    const error = await rejected("ConfidentialInstance", "infér", {});
    expect(error.message).toMatch(/security group description/);
  });

  it("refuses retainOnDelete: false under a sector baseline without an acknowledgement", async () => {
    const { hipaa } = await import("@palisade/core");
    const error = await rejected("EncryptedBucket", "phi", {
      baseline: hipaa,
      dataProtection: { retainOnDelete: false },
    });
    expect(paths(error)).toEqual(["dataProtection.retainOnDelete"]);
  });
});
