import { describe, expect, it } from "vitest";
import type * as pulumi from "@pulumi/pulumi";
import { checkIrreversibleLock, guardResourceOptions, resolveDataProtection } from "./data-protection";
import { ProblemCollector } from "./errors";

describe("resolveDataProtection", () => {
  it("retains on delete and leaves protect off by default", () => {
    const problems = new ProblemCollector();
    expect(resolveDataProtection(undefined, problems)).toEqual({
      retainOnDelete: true,
      protect: false,
      dataLossWarning: undefined,
    });
    expect(problems.problems).toEqual([]);
  });

  it("honours explicit choices", () => {
    const problems = new ProblemCollector();
    expect(resolveDataProtection({ retainOnDelete: false, protect: true }, problems)).toEqual({
      retainOnDelete: false,
      protect: true,
      dataLossWarning: undefined,
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

  it("refuses retainOnDelete: false under a sector baseline without acknowledgement", () => {
    const problems = new ProblemCollector();
    resolveDataProtection({ retainOnDelete: false }, problems, { baselineFrameworks: ["hipaa"] });
    expect(problems.problems).toEqual([
      {
        path: "dataProtection.retainOnDelete",
        value: false,
        rule: "must not be false under the hipaa baseline unless dataProtection.acknowledgeDataLoss is true (pulumi destroy would delete the data)",
      },
    ]);
  });

  it("accepts it with acknowledgement and says what to warn", () => {
    const problems = new ProblemCollector();
    const resolved = resolveDataProtection({ retainOnDelete: false, acknowledgeDataLoss: true }, problems, {
      baselineFrameworks: ["hipaa", "gdpr"],
    });
    expect(problems.problems).toEqual([]);
    expect(resolved).toMatchObject({ retainOnDelete: false });
    expect(resolved.dataLossWarning).toMatch(/^retainOnDelete is off under the hipaa\+gdpr baseline/);
  });
});

describe("guardResourceOptions", () => {
  it("retains a guard exactly when its data is retained, without protecting it", () => {
    const parent = {} as pulumi.Resource;
    expect(guardResourceOptions(parent, { retainOnDelete: true, protect: true })).toEqual({
      parent,
      retainOnDelete: true,
    });
    expect(guardResourceOptions(parent, { retainOnDelete: false, protect: false })).toMatchObject({
      retainOnDelete: false,
    });
  });
});

describe("checkIrreversibleLock", () => {
  const problemsOf = (lock: Partial<Parameters<typeof checkIrreversibleLock>[1]>) => {
    const problems = new ProblemCollector();
    checkIrreversibleLock(problems, {
      path: "retentionPolicy.lock",
      lock: undefined,
      acknowledged: undefined,
      consequence: "the policy can never be removed",
      ...lock,
    });
    return problems.problems.map((p) => [p.path, p.value, p.rule]);
  };
  const compliance = { value: "compliance", citation: "17 CFR 240.17a-4(f)(2)(i)" };

  it("locks only with the acknowledgement, naming what can never be undone", () => {
    expect(problemsOf({ lock: true, acknowledged: true })).toEqual([]);
    expect(problemsOf({ lock: true })).toEqual([
      [
        "retentionPolicy.lock",
        true,
        "needs acknowledgeIrreversibleLock: true: the policy can never be removed",
      ],
    ]);
    expect(problemsOf({ lock: true, acknowledged: "yes" })).toHaveLength(1);
  });

  it("requires the lock where the baseline requires compliance-mode WORM", () => {
    expect(problemsOf({ lock: false, worm: compliance })).toEqual([
      [
        "retentionPolicy.lock",
        false,
        "must be true (with acknowledgeIrreversibleLock: true): 17 CFR 240.17a-4(f)(2)(i)",
      ],
    ]);
    expect(problemsOf({ lock: true, acknowledged: true, worm: compliance })).toEqual([]);
    expect(problemsOf({ worm: { value: "governance", citation: "x" } })).toEqual([]);
  });

  it("refuses an acknowledgement with nothing to lock", () => {
    expect(problemsOf({ lock: false, acknowledged: true })).toEqual([
      ["acknowledgeIrreversibleLock", true, "only applies with retentionPolicy.lock: true"],
    ]);
    expect(problemsOf({ acknowledged: false })).toHaveLength(1);
    expect(problemsOf({})).toEqual([]);
  });
});
