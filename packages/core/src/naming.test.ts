import { describe, expect, it } from "vitest";
import { ProblemCollector } from "./errors";
import {
  AUTONAME_SUFFIX,
  checkDerivedName,
  childName,
  isDnsLabel,
  providerNames,
  satisfiesNameRule,
  type NameRule,
} from "./naming";

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

describe("providerNames", () => {
  const rules = {
    "x:bucket": {
      input: "bucket",
      autonamed: true,
      transform: (n: string) => n.toLowerCase(),
      pattern: /^[a-z0-9-]+$/,
      maxLength: 20,
      what: "bucket name",
      describe: "lowercase",
    },
    "x:group": {
      input: "name",
      autonamed: false,
      pattern: /^[A-Z]+$/,
      maxLength: 5,
      what: "group",
      describe: "caps",
    },
    "x:account": {
      input: "accountName",
      autonamed: true,
      autonameSuffix: "00000000",
      pattern: /^[a-z0-9]+$/,
      maxLength: 24,
      what: "account",
      describe: "lowercase letters and digits",
    },
  };
  const names = providerNames(rules);

  it("takes the name input, a namePrefix for `name`, else the transformed autoname", () => {
    expect(names.physicalName("x:bucket", "Data", { bucket: "given" })).toBe("given");
    expect(names.physicalName("x:bucket", "Data", {})).toBe(`data${AUTONAME_SUFFIX}`);
    expect(names.physicalName("x:group", "g", { namePrefix: "ADM" })).toBe("ADM");
    expect(names.physicalName("x:group", "g", {})).toBeUndefined();
    expect(names.physicalName("x:other", "g", { name: "n" })).toBeUndefined();
    expect(names.physicalName("toString", "g", {})).toBeUndefined();
  });

  it("appends a provider's own autoname suffix where it has one (azure-native: eight characters, no hyphen)", () => {
    expect(names.physicalName("x:account", "logs", {})).toBe("logs00000000");
    expect(names.isValidPhysicalName("x:account", names.physicalName("x:account", "logs", {})!)).toBe(true);
  });

  it("judges a physical name by its type's rule, any name for a type without one", () => {
    expect(names.isValidPhysicalName("x:group", "ADM")).toBe(true);
    expect(names.isValidPhysicalName("x:group", "ADMINS")).toBe(false);
    expect(names.isValidPhysicalName("x:other", "anything at all")).toBe(true);
  });

  it("reports the first child whose derived name its type rejects, against the argument", () => {
    const problems = new ProblemCollector();
    const ok = names.checkChildNames(problems, "name", "comp", [
      { type: "x:group", name: "g" },
      { type: "x:bucket", name: "c", inputs: { bucket: "bad_name" } },
      { type: "x:group", name: "g", inputs: { name: "toolong" } },
    ]);
    expect(ok).toBe(false);
    expect(problems.problems).toEqual([
      { path: "name", value: "comp", rule: 'must give a valid bucket name (here "bad_name"): lowercase' },
    ]);
    expect(
      names.checkChildNames(new ProblemCollector(), "name", "c", [{ type: "x:bucket", name: "c" }]),
    ).toBe(true);
  });
});
