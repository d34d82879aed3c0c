import { finra, hipaa } from "@palisade/core";
import type { PolicyResource } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import {
  baselineSetting,
  dependents,
  fixedSetting,
  judges,
  requirementId,
  resourceRule,
  stackRule,
} from "./rule";

const requirement = { id: "on", description: "d", remediation: "r", check: () => [] };

describe("rules", () => {
  it("are judged on inputs or on the stack", () => {
    expect(
      resourceRule({
        id: "a-b-c",
        description: "d",
        target: "aws",
        types: ["t"],
        requirements: [requirement],
      }).judgedOn,
    ).toBe("inputs");
    expect(
      stackRule({ id: "a-b-c", description: "d", target: "aws", types: ["t"], requirements: [requirement] })
        .judgedOn,
    ).toBe("stack");
  });

  it("name each requirement <rule>/<requirement> and judge its own types or the rule's", () => {
    const rule = resourceRule({
      id: "aws-x-y",
      description: "d",
      target: "aws",
      types: ["a", "b"],
      requirements: [requirement],
    });
    expect(requirementId(rule, requirement)).toBe("aws-x-y/on");
    expect(judges(rule, requirement, "b")).toBe(true);
    expect(judges(rule, { ...requirement, types: ["a"] }, "b")).toBe(false);
    expect(judges(rule, requirement, "c")).toBe(false);
    // A requirement narrows the rule's types, never widens them.
    expect(judges(rule, { ...requirement, types: ["a", "c"] }, "c")).toBe(false);
  });

  it("take setting defaults from the framework's baseline, or a fixed value", () => {
    const days = baselineSetting("auditLogRetentionDays", { type: "integer" });
    expect(days.default(hipaa)).toBe(hipaa.auditLogRetentionDays.value);
    expect(days.default(finra)).toBe(finra.auditLogRetentionDays.value);
    expect(fixedSetting([22], { type: "array" }).default(hipaa)).toEqual([22]);
  });

  it("join resources through property dependencies", () => {
    const target = { urn: "urn:b", type: "bucket" } as PolicyResource;
    const config = (urn: string, type = "config") =>
      ({
        urn: `urn:c-${urn}`,
        type,
        propertyDependencies: { bucket: [{ urn }] },
      }) as unknown as PolicyResource;
    const resources = [target, config("urn:b"), config("urn:other"), config("urn:b", "other-type")];
    expect(dependents(resources, "config", "bucket", target).map((r) => r.urn)).toEqual(["urn:c-urn:b"]);
    expect(dependents(resources, ["config", "other-type"], "bucket", target)).toHaveLength(2);
    expect(dependents(resources, "config", "key", target)).toEqual([]);
  });
});
