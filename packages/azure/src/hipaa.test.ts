/**
 * Every Azure component, built under the HIPAA baseline, meets the HIPAA pack: each registered resource is
 * judged by every Azure policy of the pack, through @pulumi/policy's own handlers, as `pulumi preview` would.
 */
import { hipaa } from "@palisade/core";
import { buildPolicies, hipaaFramework } from "@palisade/policy";
import { findingsOf, kitResources } from "@palisade/policy/test-support";
import { describe, expect, it } from "vitest";
import { azureStack, COMPONENT_CASES } from "./test-support";

const azurePolicies = buildPolicies(hipaaFramework).filter((p) => p.tags?.includes("target:azure"));
const azureRuleIds = hipaaFramework.controls
  .flatMap((c) => c.rules.filter((r) => r.target === "azure").map((r) => r.id))
  .sort();
/** The types the pack's Azure rules judge. */
const judgedTypes = new Set(
  hipaaFramework.controls.flatMap((c) => c.rules.filter((r) => r.target === "azure").flatMap((r) => r.types)),
);

describe.each(Object.keys(COMPONENT_CASES) as (keyof typeof COMPONENT_CASES)[])(
  "%s under the HIPAA pack",
  (name) => {
    it("has no finding from any Azure policy", async () => {
      const stack = await azureStack();
      COMPONENT_CASES[name].build("comp", { ...COMPONENT_CASES[name].args, baseline: hipaa });
      await stack.settle();
      const resources = kitResources(stack.registrations);
      // The pack's Azure policies all run (one per Azure rule), and something here is in their scope, so
      // "no finding" means judged and found nothing.
      expect(azurePolicies.map((p) => p.name).sort()).toEqual(azureRuleIds);
      expect(resources.filter((r) => judgedTypes.has(r.type)).length).toBeGreaterThan(0);
      const findings = await findingsOf(azurePolicies, resources);
      expect(findings).toEqual([]);
    });
  },
);
