import { customizeBaseline, gdpr, hipaa, ProblemCollector } from "@palisade/core";
import { describe, expect, it } from "vitest";
import { durationSeconds, keyRotationDays, logRetentionDays, resolveGcpSettings } from "./settings";
import { gcpStack, PROJECT, REGION } from "./test-support";

function resolve(args: Parameters<typeof resolveGcpSettings>[2]) {
  const problems = new ProblemCollector();
  const settings = resolveGcpSettings(problems, "comp", args);
  return { settings, paths: problems.problems.map((p) => p.path), problems: problems.problems };
}

describe("resolveGcpSettings", () => {
  it("takes project and region from gcp:project and gcp:region config", async () => {
    await gcpStack();
    const { settings, paths } = resolve({});
    expect(paths).toEqual([]);
    expect(settings).toMatchObject({
      project: PROJECT,
      region: REGION,
      labels: { "managed-by": "palisade" },
    });
  });

  it("names project and region when neither is given nor configured", async () => {
    await gcpStack({ config: { "gcp:project": undefined, "gcp:region": undefined } });
    expect(resolve({}).paths).toEqual(["project", "region"]);
  });

  it.each([
    ["project", "Phi_Prod"],
    ["project", "abc"],
    ["project", "ends-with-"],
    ["project", "my-google-proj"],
    ["region", "europe-west4-a"],
    ["region", "EU"],
  ])("rejects %s %j", async (path, value) => {
    await gcpStack();
    expect(resolve({ [path]: value }).paths).toEqual([path]);
  });

  it("checks the region against the baseline's allow-list, citing it", async () => {
    await gcpStack();
    const { problems } = resolve({ baseline: gdpr, region: "us-central1" });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.rule).toContain("GDPR Art. 44");
    expect(resolve({ baseline: gdpr, region: "europe-west4" }).paths).toEqual([]);
  });

  it("renders compliance labels and rejects labels GCP refuses", async () => {
    await gcpStack();
    const { settings } = resolve({
      compliance: { frameworks: ["hipaa"], dataClassification: "phi", owner: "ml" },
      labels: { team: "a" },
    });
    expect(settings.labels).toMatchObject({
      "data-classification": "phi",
      team: "a",
      "managed-by": "palisade",
    });
    expect(resolve({ labels: { Team: "a" } }).paths).toEqual(['labels["Team"]']);
  });

  it("derives rotation and retention from the baseline, as GCP durations", () => {
    const strict = customizeBaseline(hipaa, { maxKeyRotationDays: 90 }, "quarterly rotation by key policy");
    expect(keyRotationDays(undefined)).toBe(365);
    expect(keyRotationDays(strict)).toBe(90);
    expect(durationSeconds(90)).toBe("7776000s");
    expect(logRetentionDays(undefined)).toBe(365);
    expect(logRetentionDays(hipaa)).toBe(2192);
  });

  it("refuses retainOnDelete: false under a baseline without acknowledgement", async () => {
    await gcpStack();
    expect(resolve({ baseline: hipaa, dataProtection: { retainOnDelete: false } }).paths).toEqual([
      "dataProtection.retainOnDelete",
    ]);
  });
});
