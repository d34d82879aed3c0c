import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  controlOfTags,
  exemptedReason,
  exemptedReasons,
  findingMessage,
  isExemptedReason,
  isOutOfScopeReason,
  isRequirementId,
  isUndeterminedMessage,
  parseExemptedReason,
  outOfScopeReason,
  parseDiagnosticMessage,
  parseExemptedReasons,
  parseFindingMessage,
  policyTags,
  reportsScope,
  targetOfTags,
  undeterminedReason,
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
    expect(undeterminedRequirements(`${prefix}string value at .x can't be known`)).toEqual([]);
    expect(isUndeterminedMessage("[aws-rds/x] violation")).toBe(false);
    expect(undeterminedRequirements("[aws-rds/x] violation")).toEqual([]);
    expect(() => undeterminedReason("not-an-id", "why")).toThrow(/not a requirement id/);
  });

  it("reads exempted reasons back, one per line, keeping a finding's own '; '", () => {
    const one = {
      reason: "sensor needs host access",
      expires: "2027-06-30",
      findings: [
        "[k8s-pod/run-as-non-root] pod a; container b runs as root",
        "[k8s-pod/no-host-network] pod a",
      ],
    };
    const two = { reason: "vendor bucket", expires: "2099-12-31", findings: ["[aws-s3/versioning] off"] };
    expect(parseExemptedReasons(exemptedReason(one))).toEqual([one]);
    expect(parseExemptedReasons(exemptedReasons([one, two]))).toEqual([one, two]);
    // Older packs' findings carry no ids: split at every "; ".
    expect(parseExemptedReasons("[exempted] because of x (until 2027-01-01): a; b")).toEqual([
      { reason: "because of x", expires: "2027-01-01", findings: ["a", "b"] },
    ]);
    expect(parseExemptedReasons("Policy only applies to resources of type 'x'")).toEqual([]);
  });

  it("round-trips any exemption whose findings carry requirement ids", () => {
    const id = fc
      .tuple(fc.stringMatching(/^[a-z0-9]+(-[a-z0-9]+)*$/), fc.stringMatching(/^[a-z0-9]+(-[a-z0-9]+)*$/))
      .map(([rule, requirement]) => `${rule}/${requirement}`);
    const text = fc
      .string({ minLength: 1 })
      .filter((t) => !t.includes("\n[exempted] ") && !t.includes("(until "));
    fc.assert(
      fc.property(
        text,
        fc.array(fc.tuple(id, fc.string()), { minLength: 1, maxLength: 4 }),
        (reason, findings) => {
          const e = {
            reason,
            expires: "2030-01-31",
            findings: findings.map(([r, m]) =>
              findingMessage(r, m.replace(/; \[/g, ";[").replace(/\n\[exempted\] /g, " ")),
            ),
          };
          expect(parseExemptedReasons(exemptedReason(e))).toEqual([e]);
        },
      ),
    );
  });

  it("says out of scope in the SDK's own words, and reads every non-exemption reason as out of scope", () => {
    expect(outOfScopeReason(["aws:s3/bucket:Bucket"])).toBe(
      "Policy only applies to resources of type 'aws:s3/bucket:Bucket'",
    );
    expect(outOfScopeReason(["a:b:C", "a:b:D"])).toBe(
      "Policy only applies to resources of type 'a:b:C', 'a:b:D'",
    );
    expect(() => outOfScopeReason([])).toThrow(/at least one type/);
    expect(isOutOfScopeReason(outOfScopeReason(["a:b:C"]))).toBe(true);
    expect(isOutOfScopeReason("not a PHI bucket")).toBe(true);
    expect(isOutOfScopeReason(exemptedReason({ reason: "r", expires: "2027-01-01", findings: ["f"] }))).toBe(
      false,
    );
  });

  it("promises scope reporting for policies with a control tag only", () => {
    expect(reportsScope(policyTags("hipaa-audit-trail", "aws"))).toBe(true);
    expect(reportsScope(["hipaa-audit-trail", "aws"])).toBe(false);
    expect(reportsScope([])).toBe(false);
  });

  it("reads the requirement id behind the description line @pulumi/policy puts first", () => {
    const finding = findingMessage("aws-x/y", "db has none");
    expect(parseDiagnosticMessage(`Databases are protected\n${finding}`, "Databases are protected")).toEqual({
      requirement: "aws-x/y",
      message: "db has none",
    });
    expect(parseDiagnosticMessage(finding, "Databases are protected")).toEqual({
      requirement: "aws-x/y",
      message: "db has none",
    });
    expect(parseDiagnosticMessage("Databases are protected\nplain", "Databases are protected")).toEqual({
      message: "plain",
    });
    expect(parseDiagnosticMessage("other text", "")).toEqual({ message: "other text" });
  });
});
