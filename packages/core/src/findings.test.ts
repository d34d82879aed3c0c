import { describe, expect, it } from "vitest";
import {
  controlOfTags,
  exemptedReason,
  findingMessage,
  isExemptedReason,
  isRequirementId,
  isUndeterminedMessage,
  parseExemptedReason,
  parseFindingMessage,
  policyTags,
  targetOfTags,
  undeterminedReason,
  splitUndeterminedMessage,
  undeterminedRequirements,
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

  it("reads an exempted reason back, each finding with its requirement", () => {
    const findings = ["[k8s-pod/host-ports] ports[0].hostPort is set; twice", "[k8s-pod/host-ports] other"];
    const text = exemptedReason({ reason: "sensor (until then): needs it", expires: "2027-06-30", findings });
    expect(parseExemptedReason(text)).toEqual({
      reason: "sensor (until then): needs it",
      expires: "2027-06-30",
      findings,
    });
    expect(parseExemptedReason("[exempted] no date")).toBeUndefined();
  });

  it("names the requirements an undetermined message could not judge", () => {
    const prefix = "can't run policy 'aws-rds' from policy pack 'p@v1' during preview: ";
    const one = prefix + undeterminedReason("aws-rds/backup-retention", "number value at .x can't be known");
    expect(isUndeterminedMessage(one)).toBe(true);
    expect(undeterminedRequirements(one)).toEqual(["aws-rds/backup-retention"]);
    const two = `${one}; ${undeterminedReason("aws-rds/customer-key", "string value at .k can't be known")}`;
    expect(undeterminedRequirements(two)).toEqual(["aws-rds/backup-retention", "aws-rds/customer-key"]);
    expect(splitUndeterminedMessage(two)).toEqual([
      one,
      `${prefix}${undeterminedReason("aws-rds/customer-key", "string value at .k can't be known")}`,
    ]);
    expect(splitUndeterminedMessage(one)).toEqual([one]);
    expect(splitUndeterminedMessage("[aws-rds/x] violation; [aws-rds/y] another")).toEqual([
      "[aws-rds/x] violation; [aws-rds/y] another",
    ]);
    expect(undeterminedRequirements(`${prefix}string value at .x can't be known`)).toEqual([]);
    expect(isUndeterminedMessage("[aws-rds/x] violation")).toBe(false);
    expect(undeterminedRequirements("[aws-rds/x] violation")).toEqual([]);
    expect(() => undeterminedReason("not-an-id", "why")).toThrow(/not a requirement id/);
  });
});
