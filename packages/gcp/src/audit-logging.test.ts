import { finra, hipaa } from "@palisade/core";
import { expectRejected } from "@palisade/core/test-support";
import * as pulumi from "@pulumi/pulumi";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AuditLogging } from "./audit-logging";
import { gcpStack, PROJECT, PROJECT_NUMBER, REGION } from "./test-support";

const AUDIT = "gcp:projects/iAMAuditConfig:IAMAuditConfig";
const LOG_BUCKET = "gcp:logging/projectBucketConfig:ProjectBucketConfig";
const SINK = "gcp:logging/projectSink:ProjectSink";
const MEMBER = "gcp:projects/iAMMember:IAMMember";
const GRANT = "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember";

async function built(args: Record<string, unknown>, name = "audit") {
  const stack = await gcpStack();
  new AuditLogging(name, { projectNumber: PROJECT_NUMBER, ...args });
  return stack.settle();
}

afterEach(() => vi.restoreAllMocks());

describe("AuditLogging", () => {
  it("turns on ADMIN_READ, DATA_READ and DATA_WRITE audit logs for all services of the project", async () => {
    const stack = await built({});
    expect(stack.one(AUDIT)).toMatchObject({
      retainOnDelete: true,
      inputs: {
        project: PROJECT,
        service: "allServices",
        auditLogConfigs: [{ logType: "ADMIN_READ" }, { logType: "DATA_READ" }, { logType: "DATA_WRITE" }],
      },
    });
  });

  it("keeps audit logs in a CMEK log bucket in the region, for the baseline's retention, retained", async () => {
    const stack = await built({ baseline: hipaa });
    const bucket = stack.one(LOG_BUCKET);
    expect(bucket).toMatchObject({
      retainOnDelete: true,
      inputs: {
        project: PROJECT,
        location: REGION,
        bucketId: "audit-audit-logs",
        retentionDays: 2192,
        locked: false,
        cmekSettings: { kmsKeyName: "audit-kms-key-id" },
        deletionPolicy: "PREVENT",
      },
    });
    const grant = stack.one(GRANT);
    expect(grant.inputs).toMatchObject({
      member: `serviceAccount:service-${PROJECT_NUMBER}@gcp-sa-logging.iam.gserviceaccount.com`,
      cryptoKeyId: "audit-kms-key-id",
    });
    expect(bucket.dependsOn).toContain(grant.urn);
  });

  it("keeps a year of audit logs without a baseline", async () => {
    const stack = await built({});
    expect(stack.one(LOG_BUCKET).inputs.retentionDays).toBe(365);
  });

  it("routes every audit log to the bucket through a sink with its own writer identity, allowed that bucket only", async () => {
    const stack = await built({});
    const sink = stack.one(SINK);
    expect(sink).toMatchObject({
      retainOnDelete: true,
      inputs: {
        project: PROJECT,
        destination: `logging.googleapis.com/projects/${PROJECT}/locations/${REGION}/buckets/audit-audit-logs`,
        filter: 'logName:"/logs/cloudaudit.googleapis.com%2F"',
        uniqueWriterIdentity: true,
      },
    });
    expect(sink.dependsOn).toContain(stack.one(LOG_BUCKET).urn);
    expect(stack.one(MEMBER)).toMatchObject({
      retainOnDelete: true,
      inputs: {
        project: PROJECT,
        role: "roles/logging.bucketWriter",
        member: `serviceAccount:service-${PROJECT_NUMBER}@gcp-sa-logging.iam.gserviceaccount.com`,
        condition: {
          expression: `resource.name.endsWith("locations/${REGION}/buckets/audit-audit-logs")`,
        },
      },
    });
    expect(stack.one(MEMBER).propertyDependencies.member).toEqual([sink.urn]);
  });

  it("locks the log bucket only with the acknowledgement", async () => {
    const stack = await built({ lock: true, acknowledgeIrreversibleLock: true });
    expect(stack.one(LOG_BUCKET).inputs.locked).toBe(true);
  });

  it("under FINRA builds the log bucket unlocked with a warning, locked on the acknowledgement alone", async () => {
    const warn = vi.spyOn(pulumi.log, "warn");
    const stack = await gcpStack();
    const component = new AuditLogging("audit", { projectNumber: PROJECT_NUMBER, baseline: finra });
    await stack.settle();
    expect(stack.one(LOG_BUCKET)).toMatchObject({
      protect: true,
      inputs: { locked: false, retentionDays: 2192 },
    });
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/^lock is off, so these records are not WORM yet \(SEC 17a-4/),
      component,
    );

    warn.mockClear();
    const acknowledged = await built({ baseline: finra, acknowledgeIrreversibleLock: true });
    expect(acknowledged.one(LOG_BUCKET).inputs).toMatchObject({ locked: true, retentionDays: 2192 });
    const explicit = await built({ baseline: finra, lock: true, acknowledgeIrreversibleLock: true });
    expect(explicit.one(LOG_BUCKET).inputs.locked).toBe(true);
    expect(warn).not.toHaveBeenCalled();

    const refused = await built({ baseline: finra, lock: false });
    expect(refused.one(LOG_BUCKET).inputs.locked).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it("under HIPAA never locks and never warns", async () => {
    const warn = vi.spyOn(pulumi.log, "warn");
    const stack = await built({ baseline: hipaa });
    expect(stack.one(LOG_BUCKET).inputs.locked).toBe(false);
    expect(warn).not.toHaveBeenCalled();
  });

  it("uses a given key and agent without creating a key", async () => {
    const stack = await built({
      kmsKeyId: "projects/p/locations/us-central1/keyRings/r/cryptoKeys/k",
      loggingServiceAgent: "serviceAccount:cmek-p1@gcp-sa-logging.iam.gserviceaccount.com",
      logBucketId: "central.audit",
    });
    expect(stack.ofType("gcp:kms/cryptoKey:CryptoKey")).toEqual([]);
    expect(stack.one(LOG_BUCKET).inputs).toMatchObject({
      bucketId: "central.audit",
      cmekSettings: { kmsKeyName: "projects/p/locations/us-central1/keyRings/r/cryptoKeys/k" },
    });
    expect(stack.one(GRANT).inputs.member).toBe(
      "serviceAccount:cmek-p1@gcp-sa-logging.iam.gserviceaccount.com",
    );
  });

  it.each([
    [{ lock: true }, "lock", true],
    [{ lock: true, acknowledgeIrreversibleLock: false }, "lock", true],
    [{ acknowledgeIrreversibleLock: true }, "acknowledgeIrreversibleLock", true],
    [{ baseline: finra, acknowledgeIrreversibleLock: false }, "acknowledgeIrreversibleLock", false],
    [{ baseline: finra, lock: true }, "lock", true],
    [{ baseline: hipaa, retentionDays: 365 }, "retentionDays", 365],
    [{ retentionDays: 3651 }, "retentionDays", 3651],
    [{ filter: " " }, "filter", " "],
    [{ logBucketId: "_Default" }, "logBucketId", "_Default"],
    [{ projectNumber: "12" }, "projectNumber", "12"],
    [{ loggingServiceAgent: "allAuthenticatedUsers" }, "loggingServiceAgent", "allAuthenticatedUsers"],
  ])("rejects %j naming %s, registering nothing", async (args, path, value) => {
    const stack = await gcpStack();
    expectRejected(() => new AuditLogging("audit", { projectNumber: PROJECT_NUMBER, ...args }), path, value);
    await stack.settle();
    expect(stack.registrations).toEqual([]);
  });
});
