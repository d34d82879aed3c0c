import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { checkArgsShape } from "./arguments";
import {
  SECTOR_BASELINE_SCHEMA,
  EU_EEA_REGIONS,
  baselines,
  customizeBaseline,
  finra,
  gdpr,
  hipaa,
  isRegionAllowed,
  keyRotationDaysUnder,
  auditLogRetentionDaysUnder,
  mergeBaselines,
  type SectorBaseline,
} from "./baselines";
import { ProblemCollector } from "./errors";
import { expectRejected } from "./test-support";

const PARAMETERS = [
  "allowedRegions",
  "auditLogRetentionDays",
  "finiteRetentionRequired",
  "recordRetentionDays",
  "recordWorm",
  "minTlsVersion",
  "customerManagedKeys",
  "maxKeyRotationDays",
  "minKeyDeletionWindowDays",
  "minBackupRetentionDays",
  "deletionProtection",
] as const;

describe("sector baselines", () => {
  it.each(Object.entries(baselines))("%s cites a source for every parameter", (_id, baseline) => {
    for (const key of PARAMETERS) {
      const params = key === "allowedRegions" ? Object.values(baseline.allowedRegions) : [baseline[key]];
      for (const p of params) expect(p.citation.length, `${key}`).toBeGreaterThan(10);
    }
  });

  it("HIPAA: six-year audit logs, TLS 1.2, customer keys rotated yearly, 7-day backups, no location rule", () => {
    expect(hipaa.auditLogRetentionDays.value).toBe(2192);
    expect(hipaa.auditLogRetentionDays.citation).toContain("164.312(b)");
    expect(hipaa.minTlsVersion.value).toBe("1.2");
    expect(hipaa.minTlsVersion.citation).toContain("164.312(e)");
    expect(hipaa.customerManagedKeys.value).toBe(true);
    expect(hipaa.maxKeyRotationDays.value).toBe(365);
    expect(hipaa.minBackupRetentionDays.citation).toContain("164.308(a)(7)(ii)(A)");
    expect(hipaa.allowedRegions.aws.value).toBe("any");
    expect(hipaa.recordWorm.value).toBe("none");
  });

  it("GDPR: exact EU/EEA region names on every cloud, finite retention (Art. 5(1)(e))", () => {
    expect(gdpr.allowedRegions.aws.value).toEqual(EU_EEA_REGIONS.aws);
    expect(gdpr.allowedRegions.azure.value).toContain("westeurope");
    expect(gdpr.allowedRegions.gcp.value).toContain("europe-west4");
    for (const cloud of ["aws", "azure", "gcp"] as const) {
      expect(gdpr.allowedRegions[cloud].citation).toContain("Art. 44");
      // Outside the EEA: the UK and Switzerland are adequacy decisions, not defaults.
      expect(gdpr.allowedRegions[cloud].value).not.toContain(
        { aws: "eu-west-2", azure: "uksouth", gcp: "europe-west2" }[cloud],
      );
    }
    expect(gdpr.finiteRetentionRequired).toMatchObject({ value: true });
    expect(gdpr.finiteRetentionRequired.citation).toContain("5(1)(e)");
  });

  it("FINRA: six-year COMPLIANCE-mode WORM records, deletion protection, 30-day key deletion window", () => {
    expect(finra.recordRetentionDays.value).toBe(2192);
    expect(finra.recordWorm.value).toBe("compliance");
    expect(finra.recordWorm.citation).toContain("17a-4(f)");
    expect(finra.deletionProtection.value).toBe(true);
    expect(finra.minKeyDeletionWindowDays.value).toBe(30);
  });
});

/** A baseline that is loose everywhere, so each merge test below changes one parameter. */
const loose: SectorBaseline = customizeBaseline(
  hipaa,
  {
    auditLogRetentionDays: 90,
    finiteRetentionRequired: false,
    recordRetentionDays: 0,
    recordWorm: "none",
    minTlsVersion: "1.2",
    customerManagedKeys: false,
    maxKeyRotationDays: 730,
    minKeyDeletionWindowDays: 7,
    minBackupRetentionDays: 1,
    deletionProtection: false,
  },
  "loose test fixture",
);

describe("mergeBaselines: the strictest value wins, with its citation", () => {
  const tighten = (overrides: Parameters<typeof customizeBaseline>[1]) =>
    customizeBaseline(loose, overrides, "strict test fixture");

  it.each([
    ["auditLogRetentionDays", { auditLogRetentionDays: 400 }, 400],
    ["finiteRetentionRequired", { finiteRetentionRequired: true }, true],
    ["recordRetentionDays", { recordRetentionDays: 1000 }, 1000],
    ["recordWorm", { recordWorm: "governance" }, "governance"],
    ["minTlsVersion", { minTlsVersion: "1.3" }, "1.3"],
    ["customerManagedKeys", { customerManagedKeys: true }, true],
    ["maxKeyRotationDays", { maxKeyRotationDays: 90 }, 90],
    ["minKeyDeletionWindowDays", { minKeyDeletionWindowDays: 30 }, 30],
    ["minBackupRetentionDays", { minBackupRetentionDays: 35 }, 35],
    ["deletionProtection", { deletionProtection: true }, true],
  ] as const)("%s", (key, overrides, expected) => {
    const strict = tighten(overrides);
    for (const merged of [mergeBaselines(loose, strict), mergeBaselines(strict, loose)]) {
      expect(merged[key].value).toBe(expected);
      expect(merged[key].citation).toBe("override: strict test fixture");
    }
  });

  it("recordWorm: compliance beats governance beats none", () => {
    const governance = tighten({ recordWorm: "governance" });
    const compliance = tighten({ recordWorm: "compliance" });
    expect(mergeBaselines(governance, compliance, loose).recordWorm.value).toBe("compliance");
  });

  it("equal values keep every citation", () => {
    expect(mergeBaselines(hipaa, gdpr).minTlsVersion.citation).toBe(
      `${hipaa.minTlsVersion.citation}; ${gdpr.minTlsVersion.citation}`,
    );
  });

  it("allowedRegions: intersected, with 'any' as the identity", () => {
    const merged = mergeBaselines(hipaa, gdpr);
    expect(merged.allowedRegions.aws.value).toEqual(EU_EEA_REGIONS.aws);
    expect(merged.allowedRegions.aws.citation).toBe(gdpr.allowedRegions.aws.citation);
    const frankfurtOnly = customizeBaseline(
      gdpr,
      { allowedRegions: { aws: ["eu-central-1", "us-east-1"] } },
      "test region pick",
    );
    expect(mergeBaselines(gdpr, frankfurtOnly).allowedRegions.aws.value).toEqual(["eu-central-1"]);
    expect(mergeBaselines(hipaa, finra).allowedRegions.gcp.value).toBe("any");
  });

  it("HIPAA + GDPR + FINRA combines frameworks and keeps the strictest of each", () => {
    const all = mergeBaselines(hipaa, gdpr, finra);
    expect(all.frameworks).toEqual(["hipaa", "gdpr", "finra"]);
    expect(all.recordWorm.value).toBe("compliance");
    expect(all.auditLogRetentionDays.value).toBe(2192);
    expect(all.finiteRetentionRequired.value).toBe(true);
    expect(all.deletionProtection.value).toBe(true);
  });

  it("rejects disjoint region allow-lists, naming the cloud and the lists", () => {
    const us = customizeBaseline(hipaa, { allowedRegions: { azure: ["eastus"] } }, "US-only test baseline");
    expectRejected(() => mergeBaselines(gdpr, us), "allowedRegions.azure", [
      EU_EEA_REGIONS.azure,
      ["eastus"],
    ]);
  });

  it("rejects an empty merge", () => {
    expectRejected(() => mergeBaselines(), "baselines", []);
  });
});

describe("customizeBaseline", () => {
  it("records the reason as the citation of each overridden value only", () => {
    const b = customizeBaseline(
      gdpr,
      { allowedRegions: { aws: ["eu-central-2"] } },
      "Swiss adequacy decision (2000/518/EC)",
    );
    expect(b.allowedRegions.aws).toEqual({
      value: ["eu-central-2"],
      citation: "override: Swiss adequacy decision (2000/518/EC)",
    });
    expect(b.allowedRegions.gcp).toBe(gdpr.allowedRegions.gcp);
    expect(b.minTlsVersion).toBe(gdpr.minTlsVersion);
  });

  it.each([
    ["reason", {}, "short", "short"],
    ["auditLogRetentionDays", { auditLogRetentionDays: -1 }, "a good reason", -1],
    ["maxKeyRotationDays", { maxKeyRotationDays: 1.5 }, "a good reason", 1.5],
    ["recordRetentionDays", { recordRetentionDays: -3 }, "a good reason", -3],
    ["allowedRegions.aws", { allowedRegions: { aws: [] } }, "a good reason", []],
    ["allowedRegions.gcp", { allowedRegions: { gcp: ["Europe West"] } }, "a good reason", ["Europe West"]],
  ] as const)("rejects %s", (path, overrides, reason, value) => {
    expectRejected(() => customizeBaseline(hipaa, overrides, reason), path, value);
  });
});

describe("isRegionAllowed", () => {
  it("checks exact names, and allows anything under 'any'", () => {
    expect(isRegionAllowed(gdpr, "aws", "eu-west-1")).toBe(true);
    expect(isRegionAllowed(gdpr, "aws", "us-east-1")).toBe(false);
    expect(isRegionAllowed(hipaa, "gcp", "us-central1")).toBe(true);
  });
});

describe("SECTOR_BASELINE_SCHEMA", () => {
  const check = (value: unknown) => {
    const problems = new ProblemCollector();
    checkArgsShape(problems, SECTOR_BASELINE_SCHEMA, value, "baseline");
    return problems.problems.map((p) => p.path);
  };

  it("accepts every shipped, merged and customised baseline", () => {
    expect(check(hipaa)).toEqual([]);
    expect(check(gdpr)).toEqual([]);
    expect(check(finra)).toEqual([]);
    expect(check(mergeBaselines(hipaa, gdpr, finra))).toEqual([]);
    expect(
      check(customizeBaseline(hipaa, { maxKeyRotationDays: 180 }, "rotate twice a year by policy")),
    ).toEqual([]);
  });

  it("names what is not a baseline, an Output included", () => {
    expect(check({ frameworks: ["hipaa"] })).toContain("baseline.allowedRegions");
    expect(check("hipaa")).toEqual(["baseline"]);
    expect(check(pulumi.output(hipaa))).toEqual(["baseline"]);
  });
});

describe("settings a component derives from its baseline", () => {
  const quarterly = customizeBaseline(gdpr, { maxKeyRotationDays: 90 }, "keys rotate quarterly by policy");

  it("rotates keys at the preferred period, sooner when the baseline asks, never below the cloud's minimum", () => {
    expect(keyRotationDaysUnder(undefined, 365, 7)).toBe(365);
    expect(keyRotationDaysUnder(quarterly, 365, 7)).toBe(90);
    expect(keyRotationDaysUnder(quarterly, 365, 120)).toBe(120);
  });

  it("keeps audit logs for the preferred period, longer when the baseline asks", () => {
    expect(auditLogRetentionDaysUnder(undefined, 365)).toBe(365);
    expect(auditLogRetentionDaysUnder(hipaa, 365)).toBe(hipaa.auditLogRetentionDays.value);
    expect(hipaa.auditLogRetentionDays.value).toBeGreaterThan(365);
    expect(auditLogRetentionDaysUnder(gdpr, 400)).toBe(400);
  });
});
