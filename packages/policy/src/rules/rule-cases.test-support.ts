/**
 * The shared harness for rule tests: a HIPAA policy by name, and the four cases every resource rule must
 * pass through the kit (compliant, violating, unknown at preview, another type).
 */
import { describe, expect, it } from "vitest";
import { hipaaFramework } from "../frameworks/hipaa";
import { analyzeResource } from "../kit";
import { buildPolicies } from "../pack";

const policies = new Map(buildPolicies(hipaaFramework).map((p) => [p.name, p]));

export const policy = (name: string) => {
  const p = policies.get(name);
  if (!p) throw new Error(`no policy ${name}`);
  return p;
};

export interface ResourceCase {
  rule: string;
  type: string;
  compliant: Record<string, unknown>;
  violating: Record<string, unknown>;
  /** Props with unknown values: `undetermined` when the rule must read them, `compliant` when it need not. */
  unknown: Record<string, unknown>;
  unknownVerdict: "undetermined" | "compliant";
}

/** Runs each case as the policy server would; use from a `*.test.ts` file. */
export function describeResourceCases(cases: readonly ResourceCase[]): void {
  describe.each(cases)("$rule", (c) => {
    const run = (props: Record<string, unknown>) =>
      analyzeResource(policy(c.rule), { type: c.type, name: "r", props });

    it("passes a compliant resource", async () => {
      expect(await run(c.compliant)).toEqual({ violations: [], undetermined: [], exempted: [] });
    });

    it("reports a violating resource", async () => {
      const result = await run(c.violating);
      expect(result.violations.length).toBeGreaterThan(0);
      expect(result.undetermined).toEqual([]);
    });

    it(`is ${c.unknownVerdict} when values are unknown at preview`, async () => {
      const result = await run(c.unknown);
      expect(result.violations).toEqual([]);
      if (c.unknownVerdict === "undetermined") expect(result.undetermined).toHaveLength(1);
      else expect(result.undetermined).toEqual([]);
    });

    it("ignores other resource types", async () => {
      expect(
        await analyzeResource(policy(c.rule), { type: "test:index:Other", name: "o", props: c.violating }),
      ).toEqual({
        violations: [],
        undetermined: [],
        exempted: [],
      });
    });
  });
}
