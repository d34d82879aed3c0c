/** The parts of the finding protocol reports rely on: scope, several exemptions in one entry, the wire form. */
import { describe, expect, it } from "vitest";
import {
  exemptedReason,
  exemptedReasons,
  findingMessage,
  isOutOfScopeReason,
  outOfScopeReason,
  parseDiagnosticMessage,
  parseExemptedReason,
  policyTags,
  reportsScope,
  splitExemptedReasons,
} from "./findings";

describe("finding protocol: scope and the wire form", () => {
  it("says out of scope in @pulumi/policy's own words, and reads every non-exemption reason as out of scope", () => {
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

  it("puts several exemptions in one entry, one a line, and splits them back", () => {
    const one = {
      reason: "sensor needs host access",
      expires: "2027-06-30",
      findings: [
        "[k8s-pod/run-as-non-root] pod a; container b runs as root",
        "[k8s-pod/no-host-network] pod a",
      ],
    };
    const two = { reason: "vendor bucket", expires: "2099-12-31", findings: ["[aws-s3/versioning] off"] };
    const text = exemptedReasons([one, two]);
    expect(splitExemptedReasons(text)).toEqual([exemptedReason(one), exemptedReason(two)]);
    expect(splitExemptedReasons(text).map(parseExemptedReason)).toEqual([one, two]);
    expect(splitExemptedReasons(exemptedReason(one))).toEqual([exemptedReason(one)]);
  });

  it("reads the requirement id behind the description line @pulumi/policy puts first", () => {
    const finding = findingMessage("aws-x/y", "db has none");
    const description = "Databases are protected";
    expect(parseDiagnosticMessage(`${description}\n${finding}`, description)).toEqual({
      requirement: "aws-x/y",
      message: "db has none",
    });
    expect(parseDiagnosticMessage(finding, description)).toEqual({
      requirement: "aws-x/y",
      message: "db has none",
    });
    expect(parseDiagnosticMessage(`${description}\nplain`, description)).toEqual({ message: "plain" });
    expect(parseDiagnosticMessage("other text", "")).toEqual({ message: "other text" });
  });
});
