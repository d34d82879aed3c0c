import { describe, expect, it } from "vitest";
import { resolveDataProtection } from "./data-protection";
import { ProblemCollector } from "./errors";

describe("resolveDataProtection", () => {
  it("retains on delete and leaves protect off by default", () => {
    const problems = new ProblemCollector();
    expect(resolveDataProtection(undefined, problems)).toEqual({ retainOnDelete: true, protect: false });
    expect(problems.problems).toEqual([]);
  });

  it("honours explicit choices", () => {
    const problems = new ProblemCollector();
    expect(resolveDataProtection({ retainOnDelete: false, protect: true }, problems)).toEqual({
      retainOnDelete: false,
      protect: true,
    });
  });

  it("turns protect on when a baseline requires it, and rejects turning it off", () => {
    const problems = new ProblemCollector();
    expect(resolveDataProtection({}, problems, { protectionRequiredBy: "FINRA" })).toMatchObject({
      protect: true,
    });
    resolveDataProtection({ protect: false }, problems, {
      path: "records",
      protectionRequiredBy: "FINRA 4511",
    });
    expect(problems.problems).toEqual([
      {
        path: "records.protect",
        value: false,
        rule: "must not be false: FINRA 4511 requires deletion protection",
      },
    ]);
  });
});
