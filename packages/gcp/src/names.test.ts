import { ProblemCollector } from "@palisade/core";
import { describe, expect, it } from "vitest";
import { checkChildNames, GCP_NAME_RULES, isValidPhysicalName, physicalName } from "./names";

describe("GCP name rules", () => {
  it.each([
    ["gcp:storage/bucket:Bucket", "phi-data-bucket-0000000", true],
    ["gcp:storage/bucket:Bucket", "ab", false],
    ["gcp:storage/bucket:Bucket", "Phi-data", false],
    ["gcp:storage/bucket:Bucket", "google-data", false],
    ["gcp:storage/bucket:Bucket", "my-g00gle-data", false],
    ["gcp:storage/bucket:Bucket", "goog-data", false],
    ["gcp:storage/bucket:Bucket", "phi.data", false],
    ["gcp:storage/bucket:Bucket", "x".repeat(64), false],
    ["gcp:kms/keyRing:KeyRing", "Phi_ring-1", true],
    ["gcp:kms/keyRing:KeyRing", "phi.ring", false],
    ["gcp:kms/cryptoKey:CryptoKey", "k".repeat(64), false],
    ["gcp:logging/projectBucketConfig:ProjectBucketConfig", "audit.logs", true],
    ["gcp:logging/projectBucketConfig:ProjectBucketConfig", "_Default", false],
    ["gcp:logging/projectSink:ProjectSink", "-sink", false],
    ["gcp:logging/projectSink:ProjectSink", "s".repeat(101), false],
    ["gcp:serviceaccount/account:Account", "short", false],
    ["gcp:serviceaccount/account:Account", "inference-sa", true],
  ])("%s %j is valid: %s", (type, name, valid) => {
    expect(isValidPhysicalName(type, name)).toBe(valid);
  });

  it("cites Google's documentation for every rule", () => {
    for (const rule of Object.values(GCP_NAME_RULES))
      expect(rule.source).toMatch(/^https:\/\/cloud\.google\.com\//);
  });

  it("uses the name input when set, else the autoname of the logical name", () => {
    expect(physicalName("gcp:storage/bucket:Bucket", "b", {})).toBe("b-0000000");
    expect(physicalName("gcp:storage/bucket:Bucket", "b", { name: "given" })).toBe("given");
    expect(physicalName("gcp:logging/projectBucketConfig:ProjectBucketConfig", "b", {})).toBeUndefined();
    expect(physicalName("gcp:projects/iAMMember:IAMMember", "m", {})).toBeUndefined();
  });

  it("reports the first child name that would be rejected against the argument it derives from", () => {
    const problems = new ProblemCollector();
    checkChildNames(problems, "name", "phi.data", [
      { type: "gcp:kms/keyRing:KeyRing", name: "phi.data-ring" },
      { type: "gcp:storage/bucket:Bucket", name: "phi.data-bucket" },
    ]);
    expect(problems.problems).toHaveLength(1);
    expect(problems.problems[0]?.rule).toMatch(/Cloud KMS key ring id \(here "phi\.data-ring-0000000"\)/);
  });
});
