import { hipaa } from "@palisade/core";
import { describe, expect, it } from "vitest";
import { resourceRule } from "./rule";
import {
  analyzeRule,
  quotedValues,
  requirementsOf,
  rulePolicy,
  secret,
  undeterminedOf,
} from "./test-support";

describe("quotedValues", () => {
  it("finds distinctive values a message quotes, but not words, small numbers or config values", () => {
    const props = { period: 730, arn: "arn:aws:kms:k", kind: "secrets", index: 2, mode: "P2Y", max: 365 };
    expect(quotedValues(["[r/q] period 730 exceeds 365"], props, { max: 365 })).toEqual(["730"]);
    expect(quotedValues(["[r/q] key arn:aws:kms:k is wrong"], props, {})).toEqual(["arn:aws:kms:k"]);
    expect(quotedValues(["[r/q] does not encrypt secrets in rules[2]"], props, {})).toEqual([]);
    expect(quotedValues(["[r/q] rotates after P2Y"], props, {})).toEqual(["P2Y"]);
    expect(quotedValues(["[r/q] a 7300 day period"], props, {})).toEqual([]);
    // The requirement id is the rule's own text.
    expect(quotedValues(["[aws-x/secrets-encryption] no"], { v: "secrets-encryption" }, {})).toEqual([]);
  });
});

describe("analyzeRule", () => {
  const rule = resourceRule({
    id: "test-thing-ok",
    description: "d",
    target: "aws",
    types: ["test:index:Thing"],
    requirements: [
      {
        id: "ok",
        description: "d",
        remediation: "r",
        check: (props) => (props.ok === true ? [] : ["ok is not true"]),
      },
    ],
  });

  it("runs each resource through Analyze and merges the results", async () => {
    const result = await analyzeRule(
      rule,
      [
        { type: "test:index:Thing", name: "a", props: { ok: false } },
        { type: "test:index:Thing", name: "b", props: { ok: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" } },
        { type: "test:index:Thing", name: "c", props: { ok: secret(true) } },
      ],
      { baseline: hipaa },
    );
    expect(requirementsOf(result)).toEqual(["test-thing-ok/ok"]);
    expect(result.violations).toHaveLength(1);
    expect(undeterminedOf(result)).toEqual(["test-thing-ok/ok"]);
  });

  it("builds a policy for one rule under a neutral control", () => {
    expect(rulePolicy(rule, hipaa).tags).toEqual(["control:test-control", "target:aws"]);
    expect(rulePolicy(rule, hipaa, { id: "other" }).tags).toEqual(["control:other", "target:aws"]);
  });
});
