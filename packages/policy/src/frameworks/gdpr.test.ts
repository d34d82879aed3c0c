import { gdpr } from "@palisade/core";
import { describe, expect, it } from "vitest";
import { expectFrameworkPolicies } from "../test-support";
import { gdprFramework } from "./gdpr";

describe("the GDPR pack's policies", () => {
  const policies = expectFrameworkPolicies(gdprFramework);

  it("are exactly these, each with its control, citation, severity and level", () => {
    const control = (name: string) =>
      gdprFramework.controls.find((c) => c.rules.some((r) => r.id === name))?.id;
    expect(
      policies.map((p) => [p.name, control(p.name), p.framework?.reference, p.severity, p.enforcementLevel]),
    ).toMatchSnapshot();
  });

  it("cite an article of the regulation, on EUR-Lex", () => {
    for (const c of gdprFramework.controls) {
      expect(c.reference, c.id).toMatch(/^Art\. \d+(\(\d+\))?/);
      expect(c.url, c.id).toMatch(/^https:\/\/eur-lex\.europa\.eu\/eli\/reg\/2016\/679\/oj\/eng#art_\d+$/);
      expect(c.url.endsWith(`#art_${/^Art\. (\d+)/.exec(c.reference)?.[1] ?? ""}`), c.id).toBe(true);
    }
  });

  it("cover all four targets", () => {
    const targets = new Set(gdprFramework.controls.flatMap((c) => c.rules.map((r) => r.target)));
    expect(targets).toEqual(new Set(["aws", "azure", "gcp", "kubernetes"]));
  });

  it("is the GDPR baseline plus a list of controls, whose thresholds are the config defaults", () => {
    expect(gdprFramework.baseline).toBe(gdpr);
    const logs = policies.find((p) => p.name === "aws-cloudwatch-log-group-protected");
    expect(logs?.configSchema?.properties.minRetentionDays).toMatchObject({ default: 365 });
  });

  it("say what no preview can check: the organisational duties", () => {
    const items = gdprFramework.notCoverable.map((n) => n.item).join("\n");
    for (const duty of [
      "Art. 30 records of processing",
      "Art. 35 data protection impact",
      "Art. 28 processor",
    ])
      expect(items).toContain(duty);
  });
});
