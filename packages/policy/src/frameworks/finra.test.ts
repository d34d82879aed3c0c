import { finra } from "@palisade/core";
import { describe, expect, it } from "vitest";
import { expectFrameworkPolicies } from "../test-support";
import { finraFramework } from "./finra";

describe("the FINRA pack's policies", () => {
  const policies = expectFrameworkPolicies(finraFramework);

  it("are exactly these, each with its control, citation, severity and level", () => {
    const control = (name: string) =>
      finraFramework.controls.find((c) => c.rules.some((r) => r.id === name))?.id;
    expect(
      policies.map((p) => [p.name, control(p.name), p.framework?.reference, p.severity, p.enforcementLevel]),
    ).toMatchSnapshot();
  });

  it("cite FINRA 4511, FINRA 4370, SEC 17a-4 or Reg S-P, linked to the rulebook or the eCFR", () => {
    for (const c of finraFramework.controls) {
      expect(c.reference, c.id).toMatch(/^(FINRA (4511|4370)|SEC 17a-4|Reg S-P)/);
      expect(c.url, c.id).toMatch(
        /^https:\/\/(www\.finra\.org\/rules-guidance\/rulebooks\/finra-rules\/\d+|www\.ecfr\.gov\/current\/title-17\/section-2(40\.17a-4|48\.30))$/,
      );
    }
  });

  it("mark every amended 17a-4(f) paragraph as unverified until it is checked against the eCFR", () => {
    for (const c of finraFramework.controls.filter((c) => c.reference.includes("17a-4(f)")))
      expect(c.reference, c.id).toMatch(/17a-4\(f\)[^;]* \(paragraph unverified\)/);
  });

  it("judge books and records on AWS, Azure and GCP", () => {
    const records = finraFramework.controls.filter((c) =>
      [
        "finra-worm-storage",
        "finra-records-no-destroy",
        "finra-record-audit-trail",
        "finra-redundant-copy",
      ].includes(c.id),
    );
    for (const c of records)
      expect(new Set(c.rules.map((r) => r.target)), c.id).toEqual(new Set(["aws", "azure", "gcp"]));
  });

  it("is the FINRA baseline plus a list of controls, whose thresholds are the config defaults", () => {
    expect(finraFramework.baseline).toBe(finra);
    const logs = policies.find((p) => p.name === "aws-cloudwatch-log-group-protected");
    expect(logs?.configSchema?.properties.minRetentionDays).toMatchObject({ default: 2192 });
  });

  it("say what no preview can check: the third party, indexing and production, the audit-trail alternative", () => {
    const items = finraFramework.notCoverable.map((n) => n.item).join("\n");
    for (const duty of ["designated third party", "indexing of records", "audit-trail alternative"])
      expect(items).toContain(duty);
  });
});
