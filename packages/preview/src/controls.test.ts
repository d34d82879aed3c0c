import { policyTags } from "@palisade/core/findings";
import { describe, expect, it } from "vitest";
import type { PackInfo, PolicyInfo } from "./analyzer/session";
import { controlResults, emptyEvidence, policyResult, type PolicyEvidence } from "./controls";

function policy(name: string, tags: string[], reference = "§1", specification = name): PolicyInfo {
  return {
    name,
    description: `${name} holds`,
    enforcementLevel: "mandatory",
    severity: "high",
    framework: { name: "FW", version: "1", reference, specification },
    remediationSteps: "",
    url: "",
    tags,
  };
}

/** Evidence after `analyzed` Analyze calls and one AnalyzeStack. */
function evidence(analyzed: number, e: Partial<Omit<PolicyEvidence, "analyzed">> = {}): PolicyEvidence {
  return { ...emptyEvidence("mandatory"), analyzed, ...e };
}

const palisade = (name: string, control = name) => policy(name, policyTags(control, "test"));
const foreign = (name: string) => policy(name, []);

describe("a policy's status from what its pack answered", () => {
  it("passes a resource policy that judged at least one resource and found nothing", () => {
    const e = evidence(3, {
      answeredResources: 2,
      outOfScopeResources: 2,
    });
    expect(policyResult(palisade("p"), e)).toEqual({ name: "p", status: "passed" });
  });

  it("does not pass a resource policy that called every resource out of scope", () => {
    const all = 3;
    const e = evidence(3, { answeredResources: all, outOfScopeResources: all });
    expect(policyResult(palisade("p"), e)).toEqual({
      name: "p",
      status: "not-evaluated",
      reason: "nothing-in-scope",
    });
  });

  it("passes a stack policy that stayed silent in AnalyzeStack, whatever it did not say in Analyze", () => {
    expect(policyResult(palisade("p"), evidence(3)).status).toBe("passed");
  });

  it("does not pass a stack policy that called the stack out of scope", () => {
    const e = evidence(3, { answeredStack: true, outOfScopeStack: true });
    expect(policyResult(palisade("p"), e)).toMatchObject({
      status: "not-evaluated",
      reason: "nothing-in-scope",
    });
  });

  it("passes nothing when nothing was analyzed", () => {
    expect(policyResult(palisade("p"), evidence(0))).toMatchObject({
      status: "not-evaluated",
      reason: "nothing-in-scope",
    });
  });

  it("never passes a policy that promised no scope and gave none", () => {
    expect(policyResult(foreign("p"), evidence(3))).toMatchObject({
      status: "not-evaluated",
      reason: "scope-not-reported",
    });
    // @pulumi/policy's typed validators report their scope: once seen, silence elsewhere is a judgement.
    const typed = evidence(3, { answeredResources: 1, outOfScopeResources: 1 });
    expect(policyResult(foreign("p"), typed).status).toBe("passed");
  });

  it("never passes a disabled policy", () => {
    expect(policyResult(palisade("p"), { ...evidence(3), level: "disabled" })).toMatchObject({
      status: "not-evaluated",
      reason: "disabled",
    });
  });

  it("reads findings first: violated, then undetermined, then exempted", () => {
    const findings = { violation: 1, undetermined: 1, exempted: 1 };
    expect(policyResult(foreign("p"), evidence(1, { findings })).status).toBe("violated");
    expect(policyResult(foreign("p"), evidence(1, { findings: { ...findings, violation: 0 } })).status).toBe(
      "undetermined",
    );
    expect(
      policyResult(foreign("p"), evidence(1, { findings: { violation: 0, undetermined: 0, exempted: 2 } }))
        .status,
    ).toBe("exempted");
  });
});

describe("controls", () => {
  const pack = (policies: PolicyInfo[]): PackInfo => ({ name: "pack", version: "1", policies });

  it("groups by the control tag wherever it stands, never by citation, and keeps each control's requirement", () => {
    const info = pack([
      policy("aws-at-rest", [...policyTags("enc", "aws")].reverse(), "§1", "Encrypt at rest"),
      policy("aws-rotation", policyTags("rotation", "aws"), "§1", "Rotate keys"),
      policy("azure-at-rest", policyTags("enc", "azure"), "§1", "Encrypt at rest"),
      policy("legacy", ["first-tag"], "§1", "Legacy"),
    ]);
    const results = controlResults(info, new Map());
    expect(
      results.map((c) => [c.control, c.citations, c.requirements, c.policies.map((p) => p.name)]),
    ).toEqual([
      ["enc", ["§1"], ["Encrypt at rest"], ["aws-at-rest", "azure-at-rest"]],
      ["rotation", ["§1"], ["Rotate keys"], ["aws-rotation"]],
      ["legacy", ["§1"], ["Legacy"], ["legacy"]],
    ]);
    expect(results[0]).toMatchObject({ pack: "pack", framework: "FW 1" });
  });

  it("gives each control exactly one status, the worst of its policies', and says why nothing was evaluated", () => {
    const info = pack([
      palisade("a-passed", "mixed"),
      palisade("a-out", "mixed"),
      palisade("b-out", "hidden"),
      palisade("c-disabled", "off"),
      palisade("c-out", "off"),
      palisade("d-exempted", "excused"),
      palisade("d-passed", "excused"),
    ]);
    const all = 2;
    const out = evidence(2, { answeredResources: all, outOfScopeResources: all });
    const results = controlResults(
      info,
      new Map([
        ["a-passed", evidence(2)],
        ["a-out", out],
        ["b-out", out],
        ["c-disabled", { ...evidence(2), level: "disabled" }],
        ["c-out", out],
        ["d-exempted", evidence(2, { findings: { violation: 0, undetermined: 0, exempted: 1 } })],
        ["d-passed", evidence(2)],
      ]),
    );
    expect(results.map((c) => [c.control, c.status, c.reason])).toEqual([
      ["mixed", "passed", undefined],
      ["hidden", "not-evaluated", "nothing-in-scope"],
      ["off", "not-evaluated", "disabled"],
      ["excused", "exempted", undefined],
    ]);
  });

  it("passes nothing while some of the program is hidden: what found nothing is incomplete instead", () => {
    const info = pack([
      palisade("judged", "clean"),
      palisade("out", "nothing"),
      palisade("found", "broken"),
      palisade("off", "disabled"),
      foreign("silent"),
    ]);
    const all = 2;
    const results = controlResults(
      info,
      new Map([
        ["judged", evidence(2)],
        ["out", evidence(2, { answeredResources: all, outOfScopeResources: all })],
        ["found", evidence(2, { findings: { violation: 1, undetermined: 0, exempted: 0 } })],
        ["off", { ...evidence(2), level: "disabled" }],
        ["silent", evidence(2)],
      ]),
      true,
    );
    expect(results.map((c) => [c.control, c.status, c.reason])).toEqual([
      ["clean", "incomplete", undefined],
      // Its scope may be exactly what is hidden: not "nothing in scope".
      ["nothing", "incomplete", undefined],
      ["broken", "violated", undefined],
      ["disabled", "not-evaluated", "disabled"],
      ["silent", "not-evaluated", "scope-not-reported"],
    ]);
    // And without anything hidden, the same evidence passes.
    expect(controlResults(info, new Map([["judged", evidence(2)]]))[0]?.status).toBe("passed");
  });
});
