import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { checkArgsShape, isUnder, shape, validateArgs } from "./arguments";
import { PalisadeValidationError, ProblemCollector } from "./errors";

interface Args {
  cidr: string;
  zones: string[];
  tiers?: { name: string; size: number }[];
  keyArn?: string;
  labels?: Record<string, string>;
}

const SCHEMA = shape.object(
  {
    cidr: shape.string("must be an IPv4 CIDR"),
    zones: shape.array(shape.string("must be a zone name"), "must list zone names"),
    tiers: shape.array(
      shape.object(
        { name: shape.string("must be a tier name"), size: shape.integer("must be a whole number") },
        { required: ["name", "size"] },
      ),
      "must list tiers",
    ),
    keyArn: shape.input(shape.string("must be a key ARN"), "must be a key ARN or an Output of one"),
    labels: shape.stringMap(),
  },
  { required: ["cidr", "zones"] },
);

function problemsOf(args: unknown) {
  const problems = new ProblemCollector();
  checkArgsShape(problems, SCHEMA, args);
  return problems.problems.map((p) => ({ path: p.path, rule: p.rule }));
}

describe("checkArgsShape", () => {
  it("accepts a well-shaped object, Outputs where an Input is declared", () => {
    expect(problemsOf({ cidr: "10.0.0.0/16", zones: ["a"], keyArn: pulumi.output("arn") })).toEqual([]);
  });

  it("names each wrong argument once, with its own rule", () => {
    expect(problemsOf({ cidr: 10, zones: "us-east-2a", tiers: [null], keyArn: 3 })).toEqual([
      { path: "cidr", rule: "must be an IPv4 CIDR" },
      { path: "zones", rule: "must list zone names" },
      { path: "tiers[0]", rule: "must be an object" },
      { path: "keyArn", rule: "must be a key ARN or an Output of one" },
    ]);
  });

  it("reports missing required arguments and unknown ones (typos)", () => {
    expect(problemsOf({ zones: [], tiers: [{ name: "a" }], retainOnDelte: true })).toEqual([
      { path: "cidr", rule: "must be set: it must be an IPv4 CIDR" },
      {
        path: "retainOnDelte",
        rule: "is not a known argument here (known: cidr, zones, tiers, keyArn, labels)",
      },
      { path: "tiers[0].size", rule: "must be set: it must be a whole number" },
    ]);
  });

  it("says why an Output cannot shape the graph", () => {
    const [problem] = problemsOf({ cidr: "x", zones: pulumi.output(["a"]) });
    expect(problem?.path).toBe("zones");
    expect(problem?.rule).toMatch(/^must list zone names; an Output or promise cannot be used here/);
  });

  it("refuses a promise or an Output where an object or a map is declared, though it has no own properties", () => {
    const deferred = Promise.resolve({ a: "b" });
    expect(
      problemsOf({ cidr: "x", zones: [], labels: deferred, tiers: [deferred] }).map((p) => p.path),
    ).toEqual(["tiers[0]", "labels"]);
    expect(problemsOf({ cidr: "x", zones: [], labels: pulumi.output({}) })[0]?.rule).toMatch(
      /an Output or promise cannot be used here/,
    );
  });

  it("quotes keys that are not identifiers", () => {
    expect(problemsOf({ cidr: "x", zones: [], labels: { "app.kubernetes.io/name": 3 } })).toEqual([
      { path: 'labels["app.kubernetes.io/name"]', rule: "must be string" },
    ]);
  });

  it("calls undefined args `args`", () => {
    expect(problemsOf(undefined)).toEqual([{ path: "args", rule: "must be an object" }]);
  });
});

describe("validateArgs", () => {
  const rules = (problems: ProblemCollector, args: Args) => {
    problems.require(args.cidr.endsWith("/16"), "cidr", args.cidr, "must be a /16");
    problems.require(args.zones.length > 0, "zones", args.zones, "must not be empty");
    return args.zones.length;
  };

  it("returns what the rules resolved when all is well", () => {
    expect(validateArgs("subject", SCHEMA, { cidr: "10.0.0.0/16", zones: ["a", "b"] }, rules)).toBe(2);
  });

  it("reports shape problems together with the rules' problems on the well-shaped arguments", () => {
    let error: unknown;
    try {
      validateArgs("subject", SCHEMA, { cidr: "10.0.0.0/24", zones: "a" }, rules);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PalisadeValidationError);
    expect((error as PalisadeValidationError).problems.map((p) => `${p.path}: ${p.rule}`)).toEqual([
      "zones: must list zone names",
      "cidr: must be a /16",
    ]);
  });

  it("turns a rule that trips over a withheld argument into the shape error, never a TypeError", () => {
    expect(() => validateArgs("subject", SCHEMA, { zones: ["a"] }, rules)).toThrow(
      /1 problem in its arguments:\n {2}- cidr = undefined: must be set/,
    );
  });

  it("lets a rule's own bug through when the shape is fine, so tests find it", () => {
    expect(() =>
      validateArgs("subject", SCHEMA, { cidr: "10.0.0.0/16", zones: ["a"] }, () => {
        throw new TypeError("bug");
      }),
    ).toThrow(TypeError);
  });
});

describe("isUnder", () => {
  it("matches the path itself and its parts, not siblings that share a prefix", () => {
    expect(isUnder("tiers[0].name", "tiers")).toBe(true);
    expect(isUnder("tiers", "tiers")).toBe(true);
    expect(isUnder("tiers.x", "tiers")).toBe(true);
    expect(isUnder("tiersExtra", "tiers")).toBe(false);
  });
});
