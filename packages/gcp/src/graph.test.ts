/**
 * Settings flow by construction: for every component, each child's project, location, labels, key
 * rotation, log retention and retain flags come from the component's resolved settings. And the child
 * names and types are pinned: renaming a child replaces a real resource (and a key ring or crypto key can
 * never be deleted), so a rename must ship with `aliases`, and this snapshot makes sure it cannot happen
 * by accident.
 */
import * as pulumi from "@pulumi/pulumi";
import { customizeBaseline, gdpr, hipaa, mergeBaselines } from "@palisade/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Registration } from "@palisade/core/test-support";
import { NODE_SERVICE_ACCOUNT_ROLE } from "./gke-cluster";
import { isValidPhysicalName, physicalName } from "./names";
import { COMPONENT_CASES, gcpStack, isGcp } from "./test-support";

const PROJECT = "phi-eu-prod";
const REGION = "europe-west4";
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

/** Which settings each GCP type takes, from its Args in @pulumi/gcp 9.37.0: every type created must be listed. */
const SCOPES: Record<
  string,
  readonly ("project" | "region" | "location" | "zone" | "labels" | "resourceLabels")[]
> = {
  "gcp:container/cluster:Cluster": ["project", "location", "resourceLabels"],
  "gcp:container/nodePool:NodePool": ["project", "location"],
  "gcp:compute/network:Network": ["project"],
  "gcp:compute/subnetwork:Subnetwork": ["project", "region"],
  "gcp:compute/firewall:Firewall": ["project"],
  "gcp:compute/globalAddress:GlobalAddress": ["project", "labels"],
  "gcp:compute/globalForwardingRule:GlobalForwardingRule": ["project", "labels"],
  "gcp:dns/managedZone:ManagedZone": ["project", "labels"],
  "gcp:dns/recordSet:RecordSet": ["project"],
  "gcp:compute/router:Router": ["project", "region"],
  "gcp:compute/routerNat:RouterNat": ["project", "region"],
  "gcp:compute/instance:Instance": ["project", "zone", "labels"],
  "gcp:compute/disk:Disk": ["project", "zone", "labels"],
  "gcp:serviceaccount/account:Account": ["project"],
  "gcp:kms/keyRing:KeyRing": ["project", "location"],
  "gcp:kms/cryptoKey:CryptoKey": ["labels"],
  "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember": [],
  "gcp:storage/bucket:Bucket": ["project", "location", "labels"],
  "gcp:storage/bucketIAMMember:BucketIAMMember": [],
  "gcp:projects/iAMAuditConfig:IAMAuditConfig": ["project"],
  "gcp:projects/iAMMember:IAMMember": ["project"],
  "gcp:logging/projectBucketConfig:ProjectBucketConfig": ["project", "location"],
  "gcp:logging/projectSink:ProjectSink": ["project"],
};
const DATA = new Set([
  "gcp:compute/disk:Disk",
  "gcp:kms/keyRing:KeyRing",
  "gcp:kms/cryptoKey:CryptoKey",
  "gcp:storage/bucket:Bucket",
  "gcp:logging/projectBucketConfig:ProjectBucketConfig",
]);
/** What guards the data: retained with it, so a destroy never leaves retained data unguarded or unaudited. */
const GUARDS = new Set([
  "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember",
  "gcp:storage/bucketIAMMember:BucketIAMMember",
  "gcp:projects/iAMAuditConfig:IAMAuditConfig",
  "gcp:projects/iAMMember:IAMMember",
  "gcp:logging/projectSink:ProjectSink",
]);

/**
 * What holds no data of its own, deleted with the stack: compute and identity (a VM's data lives on its
 * retained disks) and network plumbing.
 */
const DISPOSABLE = new Set([
  "gcp:compute/instance:Instance",
  "gcp:serviceaccount/account:Account",
  "gcp:compute/network:Network",
  "gcp:compute/subnetwork:Subnetwork",
  "gcp:compute/firewall:Firewall",
  "gcp:compute/globalAddress:GlobalAddress",
  "gcp:compute/globalForwardingRule:GlobalForwardingRule",
  "gcp:dns/managedZone:ManagedZone",
  "gcp:dns/recordSet:RecordSet",
  "gcp:compute/router:Router",
  "gcp:compute/routerNat:RouterNat",
  // A cluster and its node pools hold workloads, not their data; GKE's own deletionProtection guards them.
  "gcp:container/cluster:Cluster",
  "gcp:container/nodePool:NodePool",
  "pulumi:providers:kubernetes",
]);
/** The GKE nodes' role: an identity's grant, not a guard of data, so it goes with the stack. */
const isNodeRole = (r: Registration) =>
  r.type === "gcp:projects/iAMMember:IAMMember" && r.inputs.role === NODE_SERVICE_ACCOUNT_ROLE;
const isGuard = (r: Registration) => GUARDS.has(r.type) && !isNodeRole(r);
const isDisposable = (r: Registration) => DISPOSABLE.has(r.type) || isNodeRole(r);

/** Components that create no data-bearing child at all. */
const HOLDS_NO_DATA = new Set<string>(["SegmentedNetwork"]);

function argsFor(name: keyof typeof COMPONENT_CASES, extra: Record<string, unknown> = {}) {
  return { ...COMPONENT_CASES[name].args, baseline, compliance, project: PROJECT, region: REGION, ...extra };
}

afterEach(() => vi.restoreAllMocks());

describe.each(Object.keys(COMPONENT_CASES) as (keyof typeof COMPONENT_CASES)[])("%s", (name) => {
  const component = COMPONENT_CASES[name];

  it("gives every child the component's project, location and labels, whatever the provider's, and nothing it lacks", async () => {
    const stack = await gcpStack();
    component.build("comp", argsFor(name));
    await stack.settle();
    const children = stack.registrations.filter((r) => r.custom && isGcp(r.type));
    expect(children.length).toBeGreaterThan(0);
    for (const child of children) {
      const scope = SCOPES[child.type];
      expect(scope, `${child.type} needs an entry in SCOPES`).toBeDefined();
      const expected: Record<string, unknown> = {};
      if (scope!.includes("project")) expected.project = PROJECT;
      if (scope!.includes("region")) expected.region = REGION;
      if (scope!.includes("location")) expected.location = REGION;
      // A zone is always one of the component's region.
      if (scope!.includes("zone")) expected.zone = expect.stringMatching(new RegExp(`^${REGION}-[a-z]$`));
      const injected = Object.fromEntries(
        ["project", "location", "region", "zone"]
          .filter((k) => k in child.inputs)
          .map((k) => [k, child.inputs[k]]),
      );
      expect(injected, `${child.type} ${child.name}`).toEqual(expected);
      if (scope!.includes("resourceLabels"))
        expect(child.inputs.resourceLabels, `${child.type} ${child.name}`).toMatchObject({
          "data-classification": "phi",
          owner: "ml-platform",
        });
      if (scope!.includes("labels"))
        expect(child.inputs.labels, `${child.type} ${child.name}`).toMatchObject({
          "data-classification": "phi",
          "compliance-frameworks": "gdpr_hipaa",
          owner: "ml-platform",
        });
      else expect(child.inputs, `${child.type} ${child.name}`).not.toHaveProperty("labels");
    }
  });

  it("gives every key the baseline's rotation and every log bucket the baseline's retention", async () => {
    const stack = await gcpStack();
    component.build("comp", argsFor(name));
    await stack.settle();
    for (const key of stack.ofType("gcp:kms/cryptoKey:CryptoKey"))
      expect(key.inputs.rotationPeriod).toBe(`${180 * 86400}s`);
    for (const bucket of stack.ofType("gcp:logging/projectBucketConfig:ProjectBucketConfig"))
      expect(bucket.inputs.retentionDays).toBeGreaterThanOrEqual(baseline.auditLogRetentionDays.value);
  });

  it("retains data and its guards by default, and lets both go only with an acknowledgement that is logged", async () => {
    const stack = await gcpStack();
    component.build("kept", argsFor(name));
    await stack.settle();
    const kept = stack.registrations.filter((r) => DATA.has(r.type) || isGuard(r));
    expect(kept.length > 0, "creates data or guards").toBe(!HOLDS_NO_DATA.has(name));
    expect(kept.filter((r) => !r.retainOnDelete).map((r) => r.name)).toEqual([]);
    expect(
      stack.registrations.filter((r) => r.custom && !DATA.has(r.type) && !isGuard(r) && !isDisposable(r)),
    ).toEqual([]);

    const warn = vi.spyOn(pulumi.log, "warn");
    const released = await gcpStack();
    component.build(
      "released",
      argsFor(name, { dataProtection: { retainOnDelete: false, acknowledgeDataLoss: true } }),
    );
    await released.settle();
    const gone = released.registrations.filter((r) => DATA.has(r.type) || isGuard(r));
    expect(gone.filter((r) => r.retainOnDelete).map((r) => r.name)).toEqual([]);
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/^retainOnDelete is off under the hipaa\+gdpr baseline \(acknowledged\)/),
      expect.anything(),
    );
  });

  it("gives every child a name its type accepts", async () => {
    const stack = await gcpStack();
    component.build("comp", argsFor(name));
    await stack.settle();
    for (const r of stack.registrations) {
      const physical = physicalName(r.type, r.name, r.inputs);
      if (physical !== undefined)
        expect(isValidPhysicalName(r.type, physical), `${r.type} ${physical}`).toBe(true);
    }
  });

  it("keeps its child names and types (a rename must ship with aliases)", async () => {
    const stack = await gcpStack();
    component.build("comp", argsFor(name));
    await stack.settle();
    expect(stack.registrations.map((r) => `${r.type} ${r.name}`).sort()).toMatchSnapshot();
  });
});

describe.each(Object.keys(COMPONENT_CASES) as (keyof typeof COMPONENT_CASES)[])(
  "%s on a first preview",
  (name) => {
    it("builds with every provider output unknown, registering the same children", async () => {
      const stack = await gcpStack({ preview: true });
      COMPONENT_CASES[name].build("comp", argsFor(name));
      await stack.settle();
      const deployed = await gcpStack();
      COMPONENT_CASES[name].build("comp", argsFor(name));
      await deployed.settle();
      const types = (s: typeof stack) => s.registrations.map((r) => `${r.type} ${r.name}`).sort();
      expect(types(stack)).toEqual(types(deployed));
    });
  },
);
