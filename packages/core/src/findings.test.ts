import { describe, expect, it } from "vitest";
import {
  controlOfTags,
  exemptedReason,
  findingMessage,
  isExemptedReason,
  isRequirementId,
  parseFindingMessage,
  policyTags,
  targetOfTags,
} from "./findings";

describe("finding protocol", () => {
  it("puts the requirement id in front of the message and reads it back", () => {
    const text = findingMessage("aws-rds-instance-protected/deletion-protection", "db has none");
    expect(text).toBe("[aws-rds-instance-protected/deletion-protection] db has none");
    expect(parseFindingMessage(text)).toEqual({
      requirement: "aws-rds-instance-protected/deletion-protection",
      message: "db has none",
    });
  });

  it("leaves a message without a requirement id whole", () => {
    expect(parseFindingMessage("[note] plain")).toEqual({ message: "[note] plain" });
    expect(parseFindingMessage("plain")).toEqual({ message: "plain" });
  });

  it("refuses an id that is not <rule>/<requirement>", () => {
    expect(isRequirementId("aws-x/y-z")).toBe(true);
    expect(isRequirementId("aws-x")).toBe(false);
    expect(isRequirementId("aws-x/Y")).toBe(false);
    expect(() => findingMessage("aws-x", "m")).toThrow(/not a requirement id/);
  });

  it("keys the control and target tags, so their order does not matter", () => {
    const tags = policyTags("hipaa-encryption-at-rest", "aws");
    expect(controlOfTags(tags)).toBe("hipaa-encryption-at-rest");
    expect(controlOfTags([...tags].reverse())).toBe("hipaa-encryption-at-rest");
    expect(targetOfTags(tags)).toBe("aws");
    expect(controlOfTags(["aws"])).toBeUndefined();
  });

  it("marks exempted reasons", () => {
    const text = exemptedReason({ reason: "sensor needs it", expires: "2027-06-30", findings: ["a", "b"] });
    expect(text).toBe("[exempted] sensor needs it (until 2027-06-30): a; b");
    expect(isExemptedReason(text)).toBe(true);
    expect(isExemptedReason("wrong type")).toBe(false);
  });
});
