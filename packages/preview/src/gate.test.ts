import { describe, expect, it } from "vitest";
import { gateFailures, parseFailOn } from "./gate";
import type { JsonReport } from "./report/json";

const summary = (counts: Partial<JsonReport["summary"]>): JsonReport["summary"] => ({
  resources: 3,
  mandatory: 0,
  advisory: 0,
  undetermined: 0,
  exempted: 0,
  incomplete: 0,
  controls: { violated: 0, undetermined: 0, exempted: 0, incomplete: 0, passed: 0, "not-evaluated": 0 },
  ...counts,
});

describe("the CI gate", () => {
  it("always fails on mandatory violations, with or without --fail-on", () => {
    expect(gateFailures(summary({ mandatory: 1 }), [])).toEqual(["1 mandatory violation"]);
    expect(gateFailures(summary({ mandatory: 2 }), ["advisory"])).toEqual(["2 mandatory violations"]);
  });

  it("fails on each --fail-on kind only when the result holds it", () => {
    const all = summary({ advisory: 2, undetermined: 1, incomplete: 3 });
    expect(gateFailures(all, [])).toEqual([]);
    expect(gateFailures(all, ["advisory"])).toEqual(["2 advisory findings (--fail-on advisory)"]);
    expect(gateFailures(all, ["undetermined"])).toEqual([
      "1 finding undetermined at preview (--fail-on undetermined)",
    ]);
    expect(gateFailures(all, ["incomplete"])).toEqual([
      "3 registrations not analyzable offline (--fail-on incomplete)",
    ]);
    expect(gateFailures(summary({}), ["advisory", "undetermined", "incomplete"])).toEqual([]);
  });

  it("reads comma-separated and repeated --fail-on values, once each", () => {
    expect(parseFailOn("incomplete, undetermined")).toEqual(["incomplete", "undetermined"]);
    expect(parseFailOn("incomplete", parseFailOn("advisory,incomplete"))).toEqual(["advisory", "incomplete"]);
  });

  it("names every kind it does not know, and the kinds it does", () => {
    expect(() => parseFailOn("incomplete,all,warnings")).toThrow(
      "'all', 'warnings' is not one of advisory, undetermined, incomplete",
    );
    expect(() => parseFailOn("")).toThrow("'' is not one of");
  });
});
