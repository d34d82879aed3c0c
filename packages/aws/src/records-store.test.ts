import * as pulumi from "@pulumi/pulumi";
import { finra, gdpr, hipaa, mergeBaselines } from "@palisade/core";
import { expectRejected } from "@palisade/core/test-support";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RecordsStore, type RecordsStoreArgs } from "./records-store";
import { AWS_NAME_RULES, physicalName } from "./names";
import { awsStack, isRegional } from "./test-support";

const records = { frameworks: ["finra"], dataClassification: "finra-records", owner: "books" } as const;
const args = (extra: Partial<RecordsStoreArgs> = {}): RecordsStoreArgs => ({
  baseline: finra,
  compliance: records,
  region: "us-east-1",
  replicaRegion: "us-west-2",
  ...extra,
});
const BUCKET = "aws:s3/bucket:Bucket";
const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const VAULT_LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";

afterEach(() => vi.restoreAllMocks());

describe("RecordsStore", () => {
  it("with the acknowledgement, locks both buckets, the trail's bucket and the vault for six years", async () => {
    const stack = await awsStack();
    const warn = vi.spyOn(pulumi.log, "warn");
    new RecordsStore("books", args({ acknowledgeIrreversibleLock: true }));
    await stack.settle();
    const locks = stack.ofType(LOCK).map((r) => r.inputs.rule.defaultRetention);
    expect(locks).toEqual([
      { mode: "COMPLIANCE", days: 2192 },
      { mode: "COMPLIANCE", days: 2192 },
      { mode: "COMPLIANCE", days: 2192 },
    ]);
    expect(stack.one(VAULT_LOCK).inputs).toMatchObject({ minRetentionDays: 2192, changeableForDays: 3 });
    expect(stack.one("aws:backup/plan:Plan").inputs.rules[0].lifecycle).toEqual({ deleteAfter: 2192 });
    expect(warn).not.toHaveBeenCalled();
  });

  it("without it, builds everything unlocked and says the records are not WORM yet", async () => {
    const stack = await awsStack();
    const warn = vi.spyOn(pulumi.log, "warn");
    new RecordsStore("books", args());
    await stack.settle();
    expect(stack.ofType(LOCK).map((r) => r.inputs.rule.defaultRetention.mode)).toEqual([
      "GOVERNANCE",
      "GOVERNANCE",
      "GOVERNANCE",
    ]);
    expect(stack.one(VAULT_LOCK).inputs.changeableForDays).toBeUndefined();
    const messages = warn.mock.calls.map(([message]) => String(message));
    expect(messages.filter((m) => m.startsWith("acknowledgeIrreversibleLock is off"))).toHaveLength(1);
    expect(messages.filter((m) => m.startsWith("objectLock.mode is off"))).toHaveLength(3);
  });

  it("replicates every version to the replica region, encrypted with the replica's own key", async () => {
    const stack = await awsStack();
    new RecordsStore("books", args({ acknowledgeIrreversibleLock: true }));
    await stack.settle();
    const replication = stack.one("aws:s3/bucketReplicationConfig:BucketReplicationConfig");
    expect(replication.inputs.region).toBe("us-east-1");
    expect(replication.inputs.rules).toEqual([expect.objectContaining({ status: "Enabled", filter: {} })]);
    const byRegion = (region: string) =>
      stack.registrations.filter((r) => r.custom && isRegional(r.type) && r.inputs.region === region);
    // The replica, its key and its guards live in the replica region; everything else in the store's.
    expect(
      byRegion("us-west-2")
        .map((r) => r.name)
        .every((n) => n.startsWith("books-replica")),
    ).toBe(true);
    expect(byRegion("us-west-2").map((r) => r.type)).toEqual(
      expect.arrayContaining([BUCKET, "aws:kms/key:Key", LOCK]),
    );
    const elsewhere = stack.registrations.filter(
      (r) => r.custom && isRegional(r.type) && !["us-east-1", "us-west-2"].includes(r.inputs.region),
    );
    expect(elsewhere.map((r) => r.name)).toEqual([]);
  });

  it("records object-level reads and writes of both buckets in a multi-region trail", async () => {
    const stack = await awsStack();
    new RecordsStore("books", args({ acknowledgeIrreversibleLock: true }));
    await stack.settle();
    const trail = stack.one("aws:cloudtrail/trail:Trail");
    expect(trail.inputs).toMatchObject({ isMultiRegionTrail: true, enableLogFileValidation: true });
    expect(trail.inputs.eventSelectors[0].readWriteType).toBe("All");
    expect(trail.inputs.eventSelectors[0].dataResources[0].values).toHaveLength(2);
  });

  it("protects and retains every data-bearing child, never force-destroys a bucket, and tags records as records", async () => {
    const stack = await awsStack();
    new RecordsStore("books", args({ recordClass: "blotters", acknowledgeIrreversibleLock: true }));
    await stack.settle();
    for (const type of [BUCKET, "aws:kms/key:Key", "aws:backup/vault:Vault"]) {
      for (const r of stack.ofType(type)) {
        expect(r, `${type} ${r.name}`).toMatchObject({ protect: true, retainOnDelete: true });
      }
    }
    for (const bucket of stack.ofType(BUCKET)) expect(bucket.inputs.forceDestroy).toBe(false);
    const classOf = (name: string) => stack.one(BUCKET, name).inputs.tags["data-classification"];
    expect(classOf("books-records-bucket")).toBe("finra-records");
    expect(classOf("books-replica-bucket")).toBe("finra-records");
    expect(stack.one(BUCKET, "books-records-bucket").inputs.tags["record-class"]).toBe("blotters");
    expect(stack.one("aws:backup/vault:Vault").inputs.tags["data-classification"]).toBe("finra-records");
    // The trail's logs are the records' audit trail, judged as audit logs, not replicated as records.
    expect(classOf("books-trail-logs-bucket")).toBe("confidential");
  });

  it("gives every child a name its type accepts, and keeps its child names (a rename needs aliases)", async () => {
    const stack = await awsStack();
    new RecordsStore("books", args({ acknowledgeIrreversibleLock: true }));
    await stack.settle();
    for (const r of stack.registrations) {
      const physical = physicalName(r.type, r.name, r.inputs);
      if (physical === undefined) continue;
      const rule = AWS_NAME_RULES[r.type]!;
      expect(physical.length <= rule.maxLength && rule.pattern.test(physical), `${r.type} ${physical}`).toBe(
        true,
      );
    }
    expect(stack.registrations.map((r) => `${r.type} ${r.name}`).sort()).toMatchSnapshot();
  });

  it("keeps a longer retention everywhere when asked", async () => {
    const stack = await awsStack();
    new RecordsStore("books", args({ retentionDays: 3653, acknowledgeIrreversibleLock: true }));
    await stack.settle();
    expect(
      stack
        .ofType(LOCK)
        .map((r) => r.inputs.rule.defaultRetention.days)
        .slice(0, 2),
    ).toEqual([3653, 3653]);
    expect(stack.one(VAULT_LOCK).inputs.minRetentionDays).toBe(3653);
  });

  const bad: [string, RecordsStoreArgs, unknown][] = [
    [
      "baseline",
      args({ baseline: mergeBaselines(hipaa, gdpr), region: "eu-west-1", replicaRegion: "eu-central-1" }),
      ["hipaa", "gdpr"],
    ],
    ["baseline", args({ baseline: undefined }), undefined],
    [
      "compliance.dataClassification",
      args({ compliance: { ...records, dataClassification: "confidential" } }),
      "confidential",
    ],
    ["compliance.dataClassification", args({ compliance: undefined }), undefined],
    ["replicaRegion", args({ replicaRegion: "us-east-1" }), "us-east-1"],
    ["replicaRegion", args({ replicaRegion: "west" }), "west"],
    ["retentionDays", args({ retentionDays: 365 }), 365],
    ["retentionDays", args({ retentionDays: 40000 }), 40000],
    ["vaultLockGraceDays", args({ vaultLockGraceDays: 2, acknowledgeIrreversibleLock: true }), 2],
    ["vaultLockGraceDays", args({ vaultLockGraceDays: 7 }), 7],
    ["backupSchedule", args({ backupSchedule: "daily" }), "daily"],
    ["acknowledgeIrreversibleLock", args({ acknowledgeIrreversibleLock: false }), false],
    ["dataProtection.protect", args({ dataProtection: { protect: false } }), false],
    ["name", args(), "a".repeat(60)],
  ];
  it.each(bad)("rejects %s before registering anything", async (path, given, value) => {
    const stack = await awsStack();
    expectRejected(() => new RecordsStore(path === "name" ? "a".repeat(60) : "books", given), path, value);
    await stack.settle();
    expect(stack.registrations).toEqual([]);
  });

  it("names every bad argument at once", async () => {
    const stack = await awsStack();
    const error = expectRejected(
      () =>
        new RecordsStore(
          "books",
          args({ replicaRegion: "us-east-1", retentionDays: 30, backupSchedule: "x" }),
        ),
      "replicaRegion",
      "us-east-1",
    );
    expect(error.problems.map((p) => p.path).sort()).toEqual([
      "backupSchedule",
      "replicaRegion",
      "retentionDays",
    ]);
    await stack.settle();
    expect(stack.registrations).toEqual([]);
  });
});
