import * as pulumi from "@pulumi/pulumi";
import { finra, gdpr, hipaa } from "@palisade/core";
import { expectRejected } from "@palisade/core/test-support";
import { afterEach, describe, expect, it, vi } from "vitest";
import { EncryptedBucket } from "./encrypted-bucket";
import { gcpStack, PROJECT, PROJECT_NUMBER, REGION } from "./test-support";

const BUCKET = "gcp:storage/bucket:Bucket";
const GRANT = "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember";
const AGENT = `serviceAccount:service-${PROJECT_NUMBER}@gs-project-accounts.iam.gserviceaccount.com`;

async function built(args: Record<string, unknown>, name = "phi") {
  const stack = await gcpStack();
  new EncryptedBucket(name, { projectNumber: PROJECT_NUMBER, ...args });
  return stack.settle();
}

afterEach(() => vi.restoreAllMocks());

describe("EncryptedBucket", () => {
  it("is CMEK-only, uniform access, public access prevention enforced, versioned, soft-deleting and retained", async () => {
    const stack = await built({});
    const bucket = stack.one(BUCKET, "phi-bucket");
    expect(bucket.retainOnDelete).toBe(true);
    expect(bucket.inputs).toMatchObject({
      project: PROJECT,
      location: REGION,
      forceDestroy: false,
      uniformBucketLevelAccess: true,
      publicAccessPrevention: "enforced",
      versioning: { enabled: true },
      softDeletePolicy: { retentionDurationSeconds: 90 * 86400 },
      deletionPolicy: "PREVENT",
      encryption: {
        defaultKmsKeyName: "phi-kms-key-id",
        googleManagedEncryptionEnforcementConfig: { restrictionMode: "FullyRestricted" },
        customerSuppliedEncryptionEnforcementConfig: { restrictionMode: "FullyRestricted" },
      },
      labels: { "managed-by": "palisade" },
    });
    expect(bucket.inputs).not.toHaveProperty("retentionPolicy");
  });

  it("grants the storage service agent the key before the bucket exists", async () => {
    const stack = await built({});
    const grant = stack.one(GRANT, "phi-storage-agent");
    expect(grant.inputs).toMatchObject({
      member: AGENT,
      role: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
      cryptoKeyId: "phi-kms-key-id",
    });
    for (const bucket of stack.ofType(BUCKET)) expect(bucket.dependsOn, bucket.name).toContain(grant.urn);
  });

  it("bounds storage: aborts stale uploads, and deletes old noncurrent versions by default", async () => {
    const stack = await built({});
    expect(stack.one(BUCKET, "phi-bucket").inputs.lifecycleRules).toEqual([
      { action: { type: "AbortIncompleteMultipartUpload" }, condition: { age: 7 } },
      { action: { type: "Delete" }, condition: { daysSinceNoncurrentTime: 365, withState: "ARCHIVED" } },
    ]);
  });

  it("turns each lifecycle rule into Delete rules, one per limit", async () => {
    const stack = await built({
      lifecycleRules: [{ deleteAfterDays: 400, deleteNoncurrentAfterDays: 30, prefixes: ["tmp/"] }],
    });
    expect(stack.one(BUCKET, "phi-bucket").inputs.lifecycleRules).toEqual([
      { action: { type: "AbortIncompleteMultipartUpload" }, condition: { age: 7 } },
      { action: { type: "Delete" }, condition: { age: 400, matchesPrefixes: ["tmp/"] } },
      {
        action: { type: "Delete" },
        condition: { daysSinceNoncurrentTime: 30, withState: "ARCHIVED", matchesPrefixes: ["tmp/"] },
      },
    ]);
  });

  it("logs access to its own CMEK log bucket that Cloud Storage's analytics group may write", async () => {
    const stack = await built({}, "phi");
    const logs = stack.one(BUCKET, "phi-access-logs");
    expect(logs).toMatchObject({
      retainOnDelete: true,
      inputs: {
        publicAccessPrevention: "enforced",
        uniformBucketLevelAccess: true,
        encryption: { defaultKmsKeyName: "phi-kms-key-id" },
      },
    });
    expect(logs.inputs.lifecycleRules).toContainEqual({
      action: { type: "Delete" },
      condition: { age: 365 },
    });
    expect(stack.one(BUCKET, "phi-bucket").inputs.logging).toEqual({ logBucket: "phi-access-logs-1a2b3c" });
    expect(stack.one("gcp:storage/bucketIAMMember:BucketIAMMember").inputs).toEqual({
      bucket: "phi-access-logs-1a2b3c",
      role: "roles/storage.objectCreator",
      member: "group:cloud-storage-analytics@google.com",
    });
  });

  it("logs to a given bucket, and uses a given key and agent, creating neither", async () => {
    const stack = await built({
      accessLogging: { logBucket: "central-logs", logObjectPrefix: "phi/" },
      kmsKeyId: "projects/p/locations/us-central1/keyRings/r/cryptoKeys/k",
      storageServiceAgent: pulumi.output("serviceAccount:agent@gs-project-accounts.iam.gserviceaccount.com"),
    });
    expect(stack.ofType(BUCKET).map((r) => r.name)).toEqual(["phi-bucket"]);
    expect(stack.ofType("gcp:kms/cryptoKey:CryptoKey")).toEqual([]);
    expect(stack.one(BUCKET).inputs.logging).toEqual({ logBucket: "central-logs", logObjectPrefix: "phi/" });
    expect(stack.one(GRANT).inputs).toMatchObject({
      cryptoKeyId: "projects/p/locations/us-central1/keyRings/r/cryptoKeys/k",
      member: "serviceAccount:agent@gs-project-accounts.iam.gserviceaccount.com",
    });
  });

  it("sets a retention policy unversioned (Cloud Storage forbids both), locked only with the acknowledgement", async () => {
    const stack = await built({ retentionPolicy: { retentionDays: 30 } });
    expect(stack.one(BUCKET, "phi-bucket").inputs).toMatchObject({
      versioning: { enabled: false },
      retentionPolicy: { retentionPeriod: "2592000", isLocked: false },
    });
    const locked = await built({
      retentionPolicy: { retentionDays: 2192, lock: true },
      acknowledgeIrreversibleLock: true,
      baseline: finra,
      lifecycleRules: [],
    });
    expect(locked.one(BUCKET, "phi-bucket").inputs.retentionPolicy).toEqual({
      retentionPeriod: String(2192 * 86400),
      isLocked: true,
    });
  });

  it.each([
    [{ retentionPolicy: { retentionDays: 30, lock: true } }, "retentionPolicy.lock", true],
    [
      { retentionPolicy: { retentionDays: 30, lock: true }, acknowledgeIrreversibleLock: false },
      "retentionPolicy.lock",
      true,
    ],
    [{ acknowledgeIrreversibleLock: true }, "acknowledgeIrreversibleLock", true],
    [{ baseline: finra, acknowledgeIrreversibleLock: false }, "acknowledgeIrreversibleLock", false],
    [{ baseline: finra, retentionPolicy: { retentionDays: 2192, lock: true } }, "retentionPolicy.lock", true],
    [
      { baseline: finra, lifecycleRules: [{ deleteAfterDays: 365 }] },
      "lifecycleRules[0].deleteAfterDays",
      365,
    ],
    [
      {
        baseline: finra,
        retentionPolicy: { retentionDays: 30, lock: true },
        acknowledgeIrreversibleLock: true,
      },
      "retentionPolicy.retentionDays",
      30,
    ],
    [{ baseline: gdpr, region: "europe-west4", lifecycleRules: [] }, "lifecycleRules", []],
    [{ baseline: gdpr }, "region", REGION],
    [
      { retentionPolicy: { retentionDays: 400 }, lifecycleRules: [{ deleteAfterDays: 30 }] },
      "lifecycleRules[0].deleteAfterDays",
      30,
    ],
    [{ lifecycleRules: [{ prefixes: ["a/"] }] }, "lifecycleRules[0]", { prefixes: ["a/"] }],
    [{ softDeleteDays: 3 }, "softDeleteDays", 3],
    [{ softDeleteDays: 91 }, "softDeleteDays", 91],
    [{ projectNumber: "phi-prod-123" }, "projectNumber", "phi-prod-123"],
    [{ projectNumber: undefined }, "projectNumber", undefined],
    [{ storageServiceAgent: "allUsers" }, "storageServiceAgent", "allUsers"],
    [{ bucketName: "Google-PHI" }, "bucketName", "Google-PHI"],
  ])("rejects %j naming %s, registering nothing", async (args, path, value) => {
    const stack = await gcpStack();
    expectRejected(() => new EncryptedBucket("phi", { projectNumber: PROJECT_NUMBER, ...args }), path, value);
    await stack.settle();
    expect(stack.registrations).toEqual([]);
  });

  describe("under FINRA (compliance-mode WORM, six years, deletion protection)", () => {
    const UNLOCKED =
      "retentionPolicy.lock is off, so these records are not WORM yet (SEC 17a-4(f)(2)(i)(B) non-rewriteable, non-erasable format; FINRA 4511(c)); set acknowledgeIrreversibleLock: true to lock it";

    it("builds a records store as is: the record retention, unversioned, protected, never force-destroyed", async () => {
      const warn = vi.spyOn(pulumi.log, "warn");
      const stack = await gcpStack();
      const component = new EncryptedBucket("records", { projectNumber: PROJECT_NUMBER, baseline: finra });
      await stack.settle();
      const bucket = stack.one(BUCKET, "records-bucket");
      expect(bucket.inputs).toMatchObject({
        versioning: { enabled: false },
        retentionPolicy: { retentionPeriod: String(2192 * 86400), isLocked: false },
        forceDestroy: false,
        deletionPolicy: "PREVENT",
      });
      // Unversioned under the policy: no rule deletes noncurrent versions (or anything else).
      expect(bucket.inputs.lifecycleRules).toEqual([
        { action: { type: "AbortIncompleteMultipartUpload" }, condition: { age: 7 } },
      ]);
      expect(bucket).toMatchObject({ protect: true, retainOnDelete: true });
      for (const data of stack.ofType(BUCKET)) expect(data.protect, data.name).toBe(true);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(UNLOCKED), component);
    });

    it("locks the policy (Bucket Lock) on the acknowledgement alone, and then says nothing", async () => {
      const warn = vi.spyOn(pulumi.log, "warn");
      const stack = await built({ baseline: finra, acknowledgeIrreversibleLock: true });
      expect(stack.one(BUCKET, "phi-bucket").inputs.retentionPolicy).toEqual({
        retentionPeriod: String(2192 * 86400),
        isLocked: true,
      });
      expect(warn).not.toHaveBeenCalled();
    });

    it("locks a given policy with lock and the acknowledgement, keeping its longer period", async () => {
      const stack = await built({
        baseline: finra,
        retentionPolicy: { retentionDays: 3650, lock: true },
        acknowledgeIrreversibleLock: true,
      });
      expect(stack.one(BUCKET, "phi-bucket").inputs.retentionPolicy).toEqual({
        retentionPeriod: String(3650 * 86400),
        isLocked: true,
      });
    });

    it("stays unlocked, with the warning, when lock is false", async () => {
      const warn = vi.spyOn(pulumi.log, "warn");
      const stack = await built({ baseline: finra, retentionPolicy: { retentionDays: 2192, lock: false } });
      expect(stack.one(BUCKET, "phi-bucket").inputs.retentionPolicy.isLocked).toBe(false);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(UNLOCKED), expect.anything());
    });
  });

  it("without a WORM baseline adds no retention policy and warns of no lock", async () => {
    const warn = vi.spyOn(pulumi.log, "warn");
    for (const baseline of [hipaa, undefined]) {
      const stack = await built({ baseline });
      const bucket = stack.one(BUCKET, "phi-bucket");
      expect(bucket.inputs).not.toHaveProperty("retentionPolicy");
      expect(bucket.inputs.versioning).toEqual({ enabled: true });
      expect(bucket.protect).toBe(false);
    }
    expect(warn).not.toHaveBeenCalled();
  });

  it("retains under HIPAA by default, and keeps the key, grant and buckets together", async () => {
    const stack = await built({ baseline: hipaa });
    const kept = stack.registrations.filter((r) => r.custom);
    expect(kept.filter((r) => !r.retainOnDelete).map((r) => r.name)).toEqual([]);
  });
});
