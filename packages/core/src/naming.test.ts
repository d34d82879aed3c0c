import { describe, expect, it } from "vitest";
import { childName, isDnsLabel } from "./naming";

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
