/**
 * Every GCP component, built under the HIPAA baseline, meets the HIPAA pack: each registered resource is
 * judged by every GCP policy of the pack, through @pulumi/policy's own handlers, as `pulumi preview` would.
 */
import { hipaa } from "@palisade/core";
import { buildPolicies, hipaaFramework } from "@palisade/policy";
import { findingsOf, kitResources } from "@palisade/policy/test-support";
import { describe, expect, it } from "vitest";
import { COMPONENT_CASES, gcpStack } from "./test-support";

const gcpPolicies = buildPolicies(hipaaFramework).filter((p) => p.tags?.includes("target:gcp"));
const gcpRuleIds = hipaaFramework.controls
  .flatMap((c) => c.rules.filter((r) => r.target === "gcp").map((r) => r.id))
  .sort();
/** The types the pack's GCP rules judge. */
const judgedTypes = new Set(
  hipaaFramework.controls.flatMap((c) => c.rules.filter((r) => r.target === "gcp").flatMap((r) => r.types)),
);

describe.each(Object.keys(COMPONENT_CASES) as (keyof typeof COMPONENT_CASES)[])(
  "%s under the HIPAA pack",
  (name) => {
    it("has no finding from any GCP policy", async () => {
      const stack = await gcpStack();
      COMPONENT_CASES[name].build("comp", { ...COMPONENT_CASES[name].args, baseline: hipaa });
      await stack.settle();
      const resources = kitResources(stack.registrations);
      // The pack's GCP policies all run (one per GCP rule), and something here is in their scope, so "no
      // finding" means judged and found nothing.
      expect(gcpPolicies.map((p) => p.name).sort()).toEqual(gcpRuleIds);
      expect(resources.filter((r) => judgedTypes.has(r.type)).length).toBeGreaterThan(0);
      const findings = await findingsOf(gcpPolicies, resources);
      expect(findings).toEqual([]);
    });
  },
);
