import * as pulumi from "@pulumi/pulumi";
import { customizeBaseline, finra, hipaa, PalisadeValidationError } from "@palisade/core";
import { expectRejected } from "@palisade/core/test-support";
import { describe, expect, it } from "vitest";
import { EncryptionKey } from "./encryption-key";
import { serviceAgentMember } from "./service-agents";
import { gcpStack, PROJECT, PROJECT_NUMBER, REGION } from "./test-support";

const RING = "gcp:kms/keyRing:KeyRing";
const KEY = "gcp:kms/cryptoKey:CryptoKey";
const GRANT = "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember";

describe("EncryptionKey", () => {
  it("creates an HSM ENCRYPT_DECRYPT key rotating yearly, with the longest recovery window, retained", async () => {
    const stack = await gcpStack();
    new EncryptionKey("phi");
    await stack.settle();
    expect(stack.one(RING, "phi-ring")).toMatchObject({
      retainOnDelete: true,
      inputs: { project: PROJECT, location: REGION },
    });
    const key = stack.one(KEY, "phi-key");
    expect(key.retainOnDelete).toBe(true);
    expect(key.inputs).toMatchObject({
      purpose: "ENCRYPT_DECRYPT",
      rotationPeriod: "31536000s",
      destroyScheduledDuration: "10368000s",
      versionTemplate: { algorithm: "GOOGLE_SYMMETRIC_ENCRYPTION", protectionLevel: "HSM" },
      deletionPolicy: "PREVENT",
      labels: { "managed-by": "palisade" },
      keyRing: "phi-ring-id",
    });
    expect(key.propertyDependencies.keyRing).toEqual([stack.one(RING).urn]);
  });

  it("rotates as often as the baseline requires, and protects under FINRA", async () => {
    const stack = await gcpStack();
    const quarterly = customizeBaseline(
      hipaa,
      { maxKeyRotationDays: 90 },
      "quarterly rotation by key policy",
    );
    new EncryptionKey("phi", { baseline: quarterly });
    new EncryptionKey("rec", { baseline: finra });
    await stack.settle();
    expect(stack.one(KEY, "phi-key").inputs.rotationPeriod).toBe("7776000s");
    expect(stack.one(KEY, "rec-key")).toMatchObject({ protect: true, retainOnDelete: true });
    expect(stack.one(RING, "rec-ring").protect).toBe(true);
  });

  it("takes SOFTWARE protection and a shorter window only when asked", async () => {
    const stack = await gcpStack();
    new EncryptionKey("dev", {
      protectionLevel: "SOFTWARE",
      destroyScheduledDays: 30,
      rotationPeriodDays: 90,
    });
    await stack.settle();
    expect(stack.one(KEY).inputs).toMatchObject({
      versionTemplate: { protectionLevel: "SOFTWARE" },
      destroyScheduledDuration: "2592000s",
      rotationPeriod: "7776000s",
    });
  });

  it("lets the provider delete versions only when retention was released with an acknowledgement", async () => {
    const stack = await gcpStack();
    new EncryptionKey("tmp", {
      baseline: hipaa,
      dataProtection: { retainOnDelete: false, acknowledgeDataLoss: true },
    });
    await stack.settle();
    expect(stack.one(KEY)).toMatchObject({ retainOnDelete: false, inputs: { deletionPolicy: "DELETE" } });
  });

  it.each([
    [{ rotationPeriodDays: 400, baseline: hipaa }, "rotationPeriodDays", 400],
    [{ rotationPeriodDays: 1 }, "rotationPeriodDays", 1],
    [{ destroyScheduledDays: 121 }, "destroyScheduledDays", 121],
    [{ destroyScheduledDays: 7, baseline: hipaa }, "destroyScheduledDays", 7],
    [{ protectionLevel: "EXTERNAL" }, "protectionLevel", "EXTERNAL"],
  ])("rejects %j", async (args, path, value) => {
    const stack = await gcpStack();
    expectRejected(() => new EncryptionKey("k", args as never), path, value);
    await stack.settle();
    expect(stack.registrations).toEqual([]);
  });

  it("grants a service agent encrypt/decrypt on this key only, as a retained guard callers can depend on", async () => {
    const stack = await gcpStack();
    const key = new EncryptionKey("phi");
    const grant = key.grantEncrypterDecrypter("phi-storage", serviceAgentMember("storage", PROJECT_NUMBER));
    expect(grant).toBeInstanceOf(pulumi.CustomResource);
    await stack.settle();
    const registered = stack.one(GRANT, "phi-storage");
    expect(registered).toMatchObject({
      retainOnDelete: true,
      inputs: {
        role: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
        member: `serviceAccount:service-${PROJECT_NUMBER}@gs-project-accounts.iam.gserviceaccount.com`,
        cryptoKeyId: "phi-key-id",
      },
    });
    expect(registered.parent).toBe(
      stack.registrations.find((r) => r.type === "palisade:gcp:EncryptionKey")?.urn,
    );
    expect(registered.inputs).not.toHaveProperty("project");
  });

  it.each(["allUsers", "allAuthenticatedUsers", "someone@example.com", ""])(
    "refuses to grant the key to %j, registering nothing",
    async (member) => {
      const stack = await gcpStack();
      const key = new EncryptionKey("phi");
      let thrown: unknown;
      try {
        key.grantEncrypterDecrypter("bad", member);
      } catch (e) {
        thrown = e;
      }
      await stack.settle();
      expect(thrown).toBeInstanceOf(PalisadeValidationError);
      expect((thrown as PalisadeValidationError).problems.map((p) => p.path)).toEqual(["member"]);
      expect(stack.ofType(GRANT)).toEqual([]);
    },
  );
});
