import { CryptoKey, CryptoKeyIAMMember, KeyRing } from "@pulumi/gcp/kms";
import { IAMAuditConfig } from "@pulumi/gcp/projects";
import { Bucket } from "@pulumi/gcp/storage";
import { Instance } from "@pulumi/gcp/compute";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { GcpChildren } from "./children";
import type { GcpSettings } from "./settings";
import { gcpStack } from "./test-support";

const settings: GcpSettings = {
  project: "phi-prod-123",
  region: "europe-west4",
  labels: { owner: "ml" },
  protection: { retainOnDelete: true, protect: false },
  keyRotationDays: 180,
  logRetentionDays: 2192,
};

class Parent extends pulumi.ComponentResource {
  constructor() {
    super("test:index:Parent", "p", {});
  }
}

describe("GcpChildren", () => {
  it("injects project, location, zone, labels and retain flags by role", async () => {
    const stack = await gcpStack();
    const children = new GcpChildren(new Parent(), settings);
    children.create(
      Bucket,
      "data",
      { project: true, location: true, labels: true },
      {},
      { role: "data", extraLabels: { tier: "hot" } },
    );
    children.create(KeyRing, "ring", { project: true, location: true }, {}, { role: "data" });
    children.create(CryptoKey, "key", { labels: true }, { keyRing: "r" });
    children.create(
      CryptoKeyIAMMember,
      "grant",
      {},
      { cryptoKeyId: "k", role: "r", member: "m" },
      { role: "guard" },
    );
    children.create(
      IAMAuditConfig,
      "audit",
      { project: true },
      { service: "allServices", auditLogConfigs: [] },
    );
    children.create(
      Instance,
      "vm",
      { project: true, zone: "b", labels: true },
      { machineType: "c3-standard-4", bootDisk: {}, networkInterfaces: [] },
    );
    await stack.settle();
    expect(stack.one("gcp:storage/bucket:Bucket")).toMatchObject({
      retainOnDelete: true,
      inputs: { project: "phi-prod-123", location: "europe-west4", labels: { owner: "ml", tier: "hot" } },
    });
    expect(stack.one("gcp:kms/keyRing:KeyRing")).toMatchObject({
      retainOnDelete: true,
      inputs: { project: "phi-prod-123", location: "europe-west4" },
    });
    expect(stack.one("gcp:kms/keyRing:KeyRing").inputs).not.toHaveProperty("labels");
    expect(stack.one("gcp:kms/cryptoKey:CryptoKey").inputs).toEqual({
      keyRing: "r",
      labels: { owner: "ml" },
    });
    expect(stack.one("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember")).toMatchObject({
      retainOnDelete: true,
      inputs: { cryptoKeyId: "k", role: "r", member: "m" },
    });
    expect(stack.one("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember").inputs).not.toHaveProperty("project");
    expect(stack.one("gcp:projects/iAMAuditConfig:IAMAuditConfig")).toMatchObject({
      retainOnDelete: false,
      inputs: { project: "phi-prod-123" },
    });
    expect(stack.one("gcp:compute/instance:Instance").inputs).toMatchObject({
      project: "phi-prod-123",
      zone: "europe-west4-b",
      labels: { owner: "ml" },
    });
    expect(stack.registrations.filter((r) => r.custom).every((r) => r.parent.endsWith("::p"))).toBe(true);
  });

  it("makes a missing, extra or caller-given project, location or labels a type error", () => {
    // Compiled by `tsc -b`: each line below must fail to type-check, or the build fails.
    const typeChecks = (children: GcpChildren) => {
      // @ts-expect-error a bucket has labels: its scope must say so
      children.create(Bucket, "b", { project: true, location: true }, {});
      // @ts-expect-error a key ring takes no labels
      children.create(KeyRing, "r", { project: true, location: true, labels: true }, {});
      // @ts-expect-error a crypto key has no project of its own
      children.create(CryptoKey, "k", { labels: true, project: true }, { keyRing: "r" });
      // @ts-expect-error the location is the component's, not the caller's
      children.create(KeyRing, "r", { project: true, location: true }, { location: "us-east1" });
      // @ts-expect-error an audit config cannot be created without the component's project
      children.create(IAMAuditConfig, "a", {}, { service: "allServices", auditLogConfigs: [] });
      const vm = { machineType: "m", bootDisk: {}, networkInterfaces: [] };
      // @ts-expect-error a zone is a letter of the component's region, never a full zone name
      children.create(Instance, "vm", { project: true, zone: "us-east1-b", labels: true }, vm);
    };
    expect(typeChecks).toBeTypeOf("function");
  });
});
