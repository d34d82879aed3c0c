/**
 * Settings flow by construction: for every component, each child's region, key rotation, log retention,
 * tags and retain flags come from the component's resolved settings. And the child names and types are
 * pinned: renaming a child replaces a real resource, so a rename must ship with `aliases`, and this
 * snapshot makes sure it cannot happen by accident.
 */
import * as pulumi from "@pulumi/pulumi";
import { customizeBaseline, gdpr, hipaa, mergeBaselines } from "@palisade/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AWS_NAME_RULES, physicalName } from "./names";
import { awsStack, COMPONENT_CASES, isRegional } from "./test-support";

const REGION = "eu-west-1";
const baseline = customizeBaseline(
  mergeBaselines(hipaa, gdpr),
  { maxKeyRotationDays: 180 },
  "keys rotate twice a year by our key-management policy",
);
const compliance = {
  frameworks: ["hipaa", "gdpr"],
  dataClassification: "phi",
  owner: "ml-platform",
} as const;

/** Args in eu-west-1 (zones too), under the stricter baseline, with compliance tags. */
function argsFor(name: keyof typeof COMPONENT_CASES, extra: Record<string, unknown> = {}) {
  const args: Record<string, unknown> = {
    ...COMPONENT_CASES[name].args,
    baseline,
    compliance,
    region: REGION,
  };
  if (name === "SegmentedVpc") args.availabilityZones = ["eu-west-1a", "eu-west-1b"];
  return { ...args, ...extra };
}

/** The resources that guard a bucket: retained with it, and (as S3 settings) taking no tags. */
const GUARDS = new Set([
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketVersioning:BucketVersioning",
  "aws:s3/bucketPolicy:BucketPolicy",
  "aws:s3/bucketLogging:BucketLogging",
]);
/** Types whose provider resource takes no tags. */
const UNTAGGED = new Set([
  ...GUARDS,
  "aws:kms/alias:Alias",
  "aws:ec2/route:Route",
  "aws:ec2/routeTableAssociation:RouteTableAssociation",
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
]);
const DATA = new Set(["aws:kms/key:Key", "aws:s3/bucket:Bucket", "aws:cloudwatch/logGroup:LogGroup"]);

afterEach(() => vi.restoreAllMocks());

describe.each(Object.keys(COMPONENT_CASES) as (keyof typeof COMPONENT_CASES)[])("%s", (name) => {
  const component = COMPONENT_CASES[name];

  it("creates every regional child in the component's region, not the provider's", async () => {
    const stack = await awsStack({ config: { "aws:region": "us-east-2" } });
    component.build("comp", argsFor(name));
    await stack.settle();
    const regional = stack.registrations.filter((r) => r.custom && isRegional(r.type));
    expect(regional.length).toBeGreaterThan(0);
    expect(regional.filter((r) => r.inputs.region !== REGION).map((r) => `${r.type} ${r.name}`)).toEqual([]);
    // IAM is global and takes no region.
    expect(stack.registrations.filter((r) => r.type.startsWith("aws:iam/") && "region" in r.inputs)).toEqual(
      [],
    );
  });

  it("gives every key the baseline's rotation, every log group its retention, every taggable child its tags", async () => {
    const stack = await awsStack();
    component.build("comp", argsFor(name));
    await stack.settle();
    for (const key of stack.ofType("aws:kms/key:Key")) expect(key.inputs.rotationPeriodInDays).toBe(180);
    for (const group of stack.ofType("aws:cloudwatch/logGroup:LogGroup")) {
      expect(group.inputs.retentionInDays).toBeGreaterThanOrEqual(baseline.auditLogRetentionDays.value);
    }
    const aws = stack.registrations.filter((r) => r.custom && r.type.startsWith("aws:"));
    const untagged = aws.filter((r) => r.inputs.tags === undefined).map((r) => r.type);
    expect(untagged.filter((t) => !UNTAGGED.has(t))).toEqual([]);
    for (const r of aws.filter((r) => r.inputs.tags !== undefined)) {
      expect(r.inputs.tags, `${r.type} ${r.name}`).toMatchObject({
        "data-classification": "phi",
        "compliance-frameworks": "gdpr_hipaa",
      });
    }
  });

  it("retains data and its guards by default, and lets both go only with an acknowledgement that is logged", async () => {
    const stack = await awsStack();
    component.build("kept", argsFor(name));
    await stack.settle();
    const kept = stack.registrations.filter((r) => DATA.has(r.type) || GUARDS.has(r.type));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.filter((r) => !r.retainOnDelete).map((r) => r.name)).toEqual([]);

    const warn = vi.spyOn(pulumi.log, "warn");
    const released = await awsStack();
    component.build(
      "released",
      argsFor(name, { dataProtection: { retainOnDelete: false, acknowledgeDataLoss: true } }),
    );
    await released.settle();
    const gone = released.registrations.filter((r) => DATA.has(r.type) || GUARDS.has(r.type));
    expect(gone.filter((r) => r.retainOnDelete).map((r) => r.name)).toEqual([]);
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/^retainOnDelete is off under the hipaa\+gdpr baseline \(acknowledged\)/),
      expect.anything(),
    );
  });

  it("gives every child a name its type accepts", async () => {
    const stack = await awsStack();
    component.build("comp", argsFor(name));
    await stack.settle();
    for (const r of stack.registrations) {
      const physical = physicalName(r.type, r.name, r.inputs);
      if (physical === undefined) continue;
      const rule = AWS_NAME_RULES[r.type]!;
      expect(physical.length <= rule.maxLength && rule.pattern.test(physical), `${r.type} ${physical}`).toBe(
        true,
      );
    }
  });

  it("keeps its child names and types (a rename must ship with aliases)", async () => {
    const stack = await awsStack();
    component.build("comp", argsFor(name));
    await stack.settle();
    expect(stack.registrations.map((r) => `${r.type} ${r.name}`).sort()).toMatchSnapshot();
  });
});
