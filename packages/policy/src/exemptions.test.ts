import { describe, expect, it } from "vitest";
import { checkExemptions, findExemption, type Exemption } from "./exemptions";

const exemption: Exemption = {
  resource: "legacy-*",
  reason: "HSM-backed key rotated manually by the vendor",
  expires: "2099-12-31",
};
const resource = { urn: "urn:pulumi:s::p::aws:kms/key:Key::legacy-key", name: "legacy-key" };
const today = new Date("2030-01-01T00:00:00Z");

describe("checkExemptions", () => {
  it("accepts well-formed entries, with or without a requirement", () => {
    const entries = [
      exemption,
      { ...exemption, policy: "aws-kms-key-rotation", requirement: "aws-kms-key-rotation/rotation-period" },
    ];
    expect(
      checkExemptions("aws-kms-key-rotation", entries, ["aws-kms-key-rotation/rotation-period"]),
    ).toEqual(entries);
    expect(checkExemptions("p", undefined)).toEqual([]);
  });

  it("rejects a malformed entry as a config error naming each problem", () => {
    for (const [bad, problem] of [
      [{ ...exemption, reason: "because" }, "/0/reason must NOT have fewer than 10 characters"],
      [{ resource: "legacy-*", reason: exemption.reason }, "/0 must have required property 'expires'"],
      [{ ...exemption, expires: "next year" }, '/0/expires must match format "date"'],
      [{ ...exemption, expires: "2026-02-30" }, '/0/expires must match format "date"'],
      [{ ...exemption, expires: "2026-99-99" }, '/0/expires must match format "date"'],
      [{ ...exemption, resources: "x" }, "/0 must NOT have additional properties"],
      [{ ...exemption, requirement: "rotation-period" }, "/0/requirement must match pattern"],
    ] as const) {
      expect(() => checkExemptions("aws-kms-key-rotation", [bad])).toThrow(
        `invalid policy config for aws-kms-key-rotation: exemptions${problem}`,
      );
    }
  });

  it("rejects a requirement the policy does not have, naming the ones it has", () => {
    expect(() =>
      checkExemptions(
        "aws-kms-key-rotation",
        [{ ...exemption, requirement: "aws-kms-key-rotation/period" }],
        ["aws-kms-key-rotation/automatic-rotation", "aws-kms-key-rotation/rotation-period"],
      ),
    ).toThrow(
      "invalid policy config for aws-kms-key-rotation: exemptions/0/requirement aws-kms-key-rotation/period is not a requirement of aws-kms-key-rotation (its requirements: aws-kms-key-rotation/automatic-rotation, aws-kms-key-rotation/rotation-period)",
    );
  });
});

describe("findExemption", () => {
  const find = (e: Exemption, requirement = "aws-kms-key-rotation/rotation-period", at = today) =>
    findExemption([e], "aws-kms-key-rotation", requirement, resource, at);

  it("matches a name glob or the exact URN", () => {
    expect(find(exemption)).toBe(exemption);
    expect(find({ ...exemption, resource: resource.urn })).toBeDefined();
    expect(find({ ...exemption, resource: "other-*" })).toBeUndefined();
    expect(find({ ...exemption, resource: "urn:pulumi:s::p::aws:kms/key:Key::other" })).toBeUndefined();
  });

  it("excuses only the named policy and requirement", () => {
    expect(find({ ...exemption, policy: "aws-kms-key-rotation" })).toBeDefined();
    expect(find({ ...exemption, policy: "aws-cloudtrail-trail-secure" })).toBeUndefined();
    const narrow = { ...exemption, requirement: "aws-kms-key-rotation/rotation-period" };
    expect(find(narrow)).toBe(narrow);
    expect(find(narrow, "aws-kms-key-rotation/automatic-rotation")).toBeUndefined();
  });

  it("applies through the whole expiry day and stops after it", () => {
    const e = { ...exemption, expires: "2030-01-01" };
    expect(find(e, undefined, new Date("2030-01-01T23:59:58Z"))).toBeDefined();
    expect(find(e, undefined, new Date("2030-01-02T00:00:00Z"))).toBeUndefined();
    expect(findExemption(undefined, "p", "p/r", resource)).toBeUndefined();
  });
});
