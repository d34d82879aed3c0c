import { describe, expect, it } from "vitest";
import type * as pulumi from "@pulumi/pulumi";
import { finra, hipaa } from "./baselines";
import {
  guardResourceOptions,
  resolveDataProtection,
  resolveIrreversibleLock,
  wormRetentionDays,
  type IrreversibleLock,
} from "./data-protection";
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

describe("resolveIrreversibleLock", () => {
  const resolve = (lock: Partial<IrreversibleLock>) => {
    const problems = new ProblemCollector();
    const resolved = resolveIrreversibleLock(problems, {
      path: "retentionPolicy.lock",
      lock: undefined,
      acknowledged: undefined,
      consequence: "the policy can never be removed",
      ...lock,
    });
    return { ...resolved, problems: problems.problems.map((p) => [p.path, p.value, p.rule]) };
  };
  const compliance = { value: "compliance", citation: "17 CFR 240.17a-4(f)(2)(i)" };

  it("locks only with the acknowledgement, naming what can never be undone", () => {
    expect(resolve({ lock: true, acknowledged: true })).toEqual({ locked: true, problems: [] });
    expect(resolve({ lock: true }).problems).toEqual([
      [
        "retentionPolicy.lock",
        true,
        "needs acknowledgeIrreversibleLock: true: the policy can never be removed",
      ],
    ]);
    expect(resolve({ lock: true, acknowledged: "yes" }).problems).toHaveLength(1);
  });

  it("under compliance-mode WORM, locks on the acknowledgement alone", () => {
    expect(resolve({ acknowledged: true, worm: compliance })).toEqual({ locked: true, problems: [] });
    expect(resolve({ lock: true, acknowledged: true, worm: compliance })).toEqual({
      locked: true,
      problems: [],
    });
  });

  it("under compliance-mode WORM without the acknowledgement, builds unlocked and says so", () => {
    for (const lock of [undefined, false]) {
      const resolved = resolve({ lock, worm: compliance });
      expect(resolved.locked).toBe(false);
      expect(resolved.problems).toEqual([]);
      expect(resolved.warning).toBe(
        "retentionPolicy.lock is off, so these records are not WORM yet (17 CFR 240.17a-4(f)(2)(i)); set acknowledgeIrreversibleLock: true to lock it (the policy can never be removed)",
      );
    }
    expect(resolve({ acknowledged: false, worm: compliance }).problems).toEqual([
      ["acknowledgeIrreversibleLock", false, "must be true or unset"],
    ]);
    expect(resolve({ worm: { value: "governance", citation: "x" } })).toEqual({
      locked: false,
      problems: [],
    });
  });

  it("where the cloud locks only on an update, never locks an unset lock and says how to lock", () => {
    const resolved = resolve({ acknowledged: true, worm: compliance, lockableAtCreation: false });
    expect(resolved.locked).toBe(false);
    expect(resolved.problems).toEqual([
      ["acknowledgeIrreversibleLock", true, "only applies with retentionPolicy.lock: true"],
    ]);
    expect(resolve({ worm: compliance, lockableAtCreation: false }).warning).toBe(
      "retentionPolicy.lock is off, so these records are not WORM yet (17 CFR 240.17a-4(f)(2)(i)); the cloud locks only on an update: after the first deployment set retentionPolicy.lock: true with acknowledgeIrreversibleLock: true",
    );
    expect(
      resolve({ lock: true, acknowledged: true, worm: compliance, lockableAtCreation: false }).locked,
    ).toBe(true);
  });

  it("names the value that locks when it is not true", () => {
    const mode = { path: "objectLock.mode", lockValue: "COMPLIANCE" };
    expect(resolve({ ...mode, lock: true }).problems).toEqual([
      [
        "objectLock.mode",
        "COMPLIANCE",
        "needs acknowledgeIrreversibleLock: true: the policy can never be removed",
      ],
    ]);
    expect(resolve({ ...mode, lock: false, acknowledged: true }).problems).toEqual([
      ["acknowledgeIrreversibleLock", true, 'only applies with objectLock.mode: "COMPLIANCE"'],
    ]);
  });

  it("refuses an acknowledgement with nothing to lock", () => {
    expect(resolve({ lock: false, acknowledged: true }).problems).toEqual([
      ["acknowledgeIrreversibleLock", true, "only applies with retentionPolicy.lock: true"],
    ]);
    expect(resolve({ acknowledged: false }).problems).toHaveLength(1);
    expect(resolve({})).toEqual({ locked: false, problems: [] });
  });
});

describe("wormRetentionDays", () => {
  it("is the record retention under a WORM baseline, and nothing otherwise", () => {
    expect(wormRetentionDays(finra)).toBe(finra.recordRetentionDays.value);
    expect(wormRetentionDays(hipaa)).toBeUndefined();
    expect(wormRetentionDays(undefined)).toBeUndefined();
    expect(wormRetentionDays({ ...finra, recordRetentionDays: { value: 0, citation: "none stated" } })).toBe(
      1,
    );
  });
});
