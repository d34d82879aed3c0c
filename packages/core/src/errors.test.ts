import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { PalisadeValidationError, ProblemCollector, formatValue, toResourceError, validate } from "./errors";

describe("PalisadeValidationError", () => {
  it("collects every problem and prints each path, value and rule", () => {
    const error = (() => {
      try {
        validate('palisade:test:Thing "a"', (p) => {
          p.add("cidr", "10.0.0.1/16", "must be a network address");
          p.require(false, "tiers[0].name", "Public", "must be a DNS label");
          p.require(true, "ignored", 1, "never reported");
        });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(PalisadeValidationError);
    const e = error as PalisadeValidationError;
    expect(e.problems).toHaveLength(2);
    expect(e.message).toContain('palisade:test:Thing "a": 2 problems');
    expect(e.message).toContain('cidr = "10.0.0.1/16": must be a network address');
    expect(e.message).toContain('tiers[0].name = "Public": must be a DNS label');
    expect(e.message).not.toContain("ignored");
  });

  it("does not throw when nothing was found", () => {
    expect(() => validate("x", () => undefined)).not.toThrow();
  });

  it("nests problems under a prefix", () => {
    const c = new ProblemCollector();
    c.addAll(
      [
        { path: "name", value: 1, rule: "r" },
        { path: "[2]", value: 2, rule: "r" },
      ],
      "tiers",
    );
    expect(c.problems.map((p) => p.path)).toEqual(["tiers.name", "tiers[2]"]);
  });
});

describe("ProblemCollector.attempt", () => {
  it("keeps a nested validation's problems and returns undefined, or returns the value", () => {
    const c = new ProblemCollector();
    expect(c.attempt(() => 5)).toBe(5);
    expect(c.attempt(() => validate("inner", (p) => p.add("tags.x", 1, "bad")))).toBeUndefined();
    expect(c.problems).toEqual([{ path: "tags.x", value: 1, rule: "bad" }]);
    expect(() => c.attempt((): unknown => JSON.parse("{"))).toThrow(SyntaxError);
    c.attempt(
      () => validate("inner", (p) => p.add("zones[0]", "a", "bad")),
      (path) => path.replace(/^zones/, "availabilityZones"),
    );
    expect(c.problems.at(-1)?.path).toBe("availabilityZones[0]");
  });
});

describe("formatValue", () => {
  it("renders strings, objects, undefined, bigints and cyclic values without throwing", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(formatValue("a")).toBe('"a"');
    expect(formatValue({ a: [1] })).toBe('{"a":[1]}');
    expect(formatValue(undefined)).toBe("undefined");
    expect(formatValue(5n)).toBe("5n");
    expect(formatValue(cyclic)).toBe("[object Object]");
    expect(formatValue("x".repeat(500)).length).toBeLessThanOrEqual(120);
  });
});

describe("toResourceError", () => {
  it("turns a validation error into a pulumi.ResourceError and passes others through", () => {
    const resource = {} as pulumi.Resource;
    const converted = toResourceError(
      new PalisadeValidationError("s", [{ path: "p", value: 1, rule: "r" }]),
      resource,
    );
    expect(converted).toBeInstanceOf(pulumi.ResourceError);
    expect((converted as pulumi.ResourceError).message).toContain("p = 1: r");
    const other = new Error("boom");
    expect(toResourceError(other, resource)).toBe(other);
  });
});
