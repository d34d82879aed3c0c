import { describe, expect, it } from "vitest";
import { ProblemCollector } from "./errors";
import { checkDerivedName, childName, isDnsLabel, satisfiesNameRule, type NameRule } from "./naming";

describe("naming", () => {
  it("derives child names from the component name", () => {
    expect(childName("prod", "flow-logs")).toBe("prod-flow-logs");
    expect(childName("prod", "subnet", "data", "a")).toBe("prod-subnet-data-a");
  });

  it.each([
    ["public", true],
    ["a", true],
    ["tier-2", true],
    ["Public", false],
    ["-a", false],
    ["a-", false],
    ["", false],
    ["a".repeat(64), false],
    [7, false],
  ])("isDnsLabel(%j) is %s", (value, expected) => {
    expect(isDnsLabel(value)).toBe(expected);
  });
});

describe("checkDerivedName", () => {
  const ALIAS: NameRule = {
    pattern: /^alias\/[\w/-]+$/,
    maxLength: 256,
    describe: "letters, digits, /, _ or -",
  };

  it("names the argument the child's name came from, with the child's rule", () => {
    const problems = new ProblemCollector();
    expect(checkDerivedName(problems, "name", "net.prod", "alias/net.prod-kms", ALIAS, "KMS alias")).toBe(
      false,
    );
    expect(checkDerivedName(problems, "name", "net", "alias/net-kms", ALIAS, "KMS alias")).toBe(true);
    expect(problems.problems).toEqual([
      {
        path: "name",
        value: "net.prod",
        rule: 'must give a valid KMS alias (here "alias/net.prod-kms"): letters, digits, /, _ or -',
      },
    ]);
  });

  it("applies the length limit", () => {
    expect(satisfiesNameRule("alias/" + "a".repeat(250), ALIAS)).toBe(true);
    expect(satisfiesNameRule("alias/" + "a".repeat(251), ALIAS)).toBe(false);
    expect(satisfiesNameRule(7, ALIAS)).toBe(false);
  });
});
