/**
 * Testing rules, for any framework (imported as `@palisade/policy/test-support`, never by a pack): the
 * kit that runs a policy through @pulumi/policy's own handlers, a policy for one rule under a baseline,
 * and `describeRule`, which gives every requirement of a rule its compliant, violating (asserting the
 * exact requirement id), secret-valued and unknown-at-preview cases, so a deleted check fails a test.
 */
import type { Policy } from "@pulumi/policy";
import {
  controlOfTags,
  parseFindingMessage,
  targetOfTags,
  undeterminedRequirements,
  type SectorBaseline,
} from "@palisade/core";
import { describe, expect, it } from "vitest";
import { UNKNOWN, analyzeResource, analyzeStack, secret, type KitResource, type KitResult } from "./kit";
import { buildPolicies, configDefaults, policyFor, type Control, type FrameworkDefinition } from "./pack";
import { requirementId, type Requirement, type Rule } from "./rule";

export { UNKNOWN, analyzeResource, analyzeStack, secret, urnOf } from "./kit";
export type { KitResource, KitResult } from "./kit";

/** A policy for `rule` alone, under a neutral control, with `baseline`'s values as config defaults. */
export function rulePolicy(rule: Rule, baseline: SectorBaseline, control: Partial<Control> = {}): Policy {
  const neutral: Control = {
    id: "test-control",
    reference: "test reference",
    requirement: "the rule under test",
    severity: "high",
    url: "https://example.com/control",
    rules: [rule],
    ...control,
  };
  return policyFor(neutral, rule, baseline);
}

export interface RuleRun {
  baseline: SectorBaseline;
  config?: Record<string, unknown>;
  control?: Partial<Control>;
}

/** Runs `rule` as the engine would: each resource through Analyze, or all of them through AnalyzeStack. */
export async function analyzeRule(
  rule: Rule,
  resources: KitResource | readonly KitResource[],
  run: RuleRun,
): Promise<KitResult> {
  const policy = rulePolicy(rule, run.baseline, run.control);
  const all = Array.isArray(resources) ? [...(resources as KitResource[])] : [resources as KitResource];
  if (rule.judgedOn === "stack") return analyzeStack(policy, all, run.config);
  const results = await Promise.all(all.map((r) => analyzeResource(policy, r, run.config)));
  return {
    violations: results.flatMap((r) => r.violations),
    undetermined: results.flatMap((r) => r.undetermined),
    exempted: results.flatMap((r) => r.exempted),
    outOfScope: results.flatMap((r) => r.outOfScope),
  };
}

/** The requirement ids the findings name, each once, in order. */
export function requirementsOf(result: KitResult): string[] {
  const ids = result.violations.map((v) => parseFindingMessage(v).requirement ?? `(no requirement id) ${v}`);
  return [...new Set(ids)];
}

/** The requirement ids the undetermined results name, each once. */
export function undeterminedOf(result: KitResult): string[] {
  return [...new Set(result.undetermined.flatMap(undeterminedRequirements))];
}

/** Resources for one case, and config for it when it needs some. */
export type KitCase =
  KitResource | readonly KitResource[] | { resources: KitResource[]; config: Record<string, unknown> };

function unpack(c: KitCase): { resources: KitResource[]; config?: Record<string, unknown> } {
  if (Array.isArray(c)) return { resources: [...(c as KitResource[])] };
  if ("resources" in c) return c;
  return { resources: [c as KitResource] };
}

export interface RequirementCases {
  /** Each breaks this requirement and no other. */
  violating: KitCase[];
  /** Further ways to satisfy it, beyond the rule's compliant cases. */
  compliant?: KitCase[];
  /**
   * Each leaves a value this requirement reads unknown: it is undetermined, alone or with the requirements
   * in `readsWith`, which read the same value.
   */
  unknown: KitCase[];
  /** Local ids of requirements that read the values the unknown cases leave unknown. */
  readsWith?: string[];
  /** Values unknown at preview that this requirement needs not read: it is still judged, compliant (others may be undetermined). */
  decidedWhenUnknown?: KitCase[];
  /**
   * Each puts the resource outside this requirement's scope (`outOfScope`: a data class, a config switch):
   * nothing is reported, and the policy says why it judged nothing, never that it passed. Cases must put
   * every other requirement of the rule out of scope too, or the policy still judged something.
   */
  outOfScope?: KitCase[];
}

export interface RuleCases {
  baseline: SectorBaseline;
  /** Cases that satisfy every requirement. */
  compliant: KitCase[];
  /** By local requirement id; every requirement of the rule needs an entry. */
  requirements: Record<string, RequirementCases>;
}

const CLEAN: KitResult = { violations: [], undetermined: [], exempted: [], outOfScope: [] };

/** Every leaf value wrapped as a secret (unknowns stay unknown: the engine never marks those). */
function secretize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(secretize);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, secretize(v)]));
  if (value === undefined || value === null || value === UNKNOWN) return value;
  return secret(value);
}

function leaves(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(leaves);
  return [value];
}

/**
 * Values specific enough that finding one in a message means the message quoted it: numbers from 10 up,
 * and strings with a digit, punctuation or nine letters and more (not plain words such as "secrets",
 * which a message may use in its own right).
 */
function distinctive(value: unknown): value is string | number {
  if (typeof value === "number") return Math.abs(value) >= 10;
  if (typeof value !== "string" || value === UNKNOWN) return false;
  return (
    (/\d/.test(value) && value.length >= 2) ||
    (/[^A-Za-z]/.test(value) && value.length >= 4) ||
    value.length >= 9
  );
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The secret values a message quotes (values that are also config, such as thresholds, excepted). */
export function quotedValues(messages: readonly string[], props: unknown, config: unknown): string[] {
  const allowed = new Set(leaves(config).map(String));
  const values = [...new Set(leaves(props).filter(distinctive).map(String))].filter((v) => !allowed.has(v));
  return values.filter((v) => {
    const pattern = new RegExp(`(?<![A-Za-z0-9])${escape(v)}(?![A-Za-z0-9])`);
    // The requirement id in front is the rule's own text, not a value.
    return messages.some((m) => pattern.test(parseFindingMessage(m).message));
  });
}

/**
 * The cases every requirement of `rule` must pass, as vitest tests. Violating cases assert the exact
 * requirement id (so a case that breaks several requirements, or none, fails) and pin the messages in a
 * snapshot beside the test, then run again with every value secret and assert no message quotes one;
 * unknown cases assert that only this requirement is undetermined.
 */
export function describeRule(rule: Rule, cases: RuleCases): void {
  const run = (c: KitCase, transform: (r: KitResource) => KitResource = (r) => r) => {
    const { resources, config } = unpack(c);
    return analyzeRule(rule, resources.map(transform), { baseline: cases.baseline, config });
  };

  describe(rule.id, () => {
    it("has cases for exactly its requirements, each with a violating and an unknown case", () => {
      expect(Object.keys(cases.requirements).sort()).toEqual(rule.requirements.map((r) => r.id).sort());
      for (const [id, entry] of Object.entries(cases.requirements)) {
        expect(entry.violating.length, `${id} violating cases`).toBeGreaterThan(0);
        const unknownCases = entry.unknown.length + (entry.decidedWhenUnknown ?? []).length;
        expect(unknownCases, `${id} unknown-at-preview cases`).toBeGreaterThan(0);
      }
    });

    it.each(cases.compliant.map((c, i) => [i, c] as const))("passes compliant case %i", async (_i, c) => {
      expect(await run(c)).toEqual(CLEAN);
    });

    it("judges no other resource type", async () => {
      const other = (r: KitResource) => ({ ...r, type: "test:index:Other" });
      for (const entry of Object.values(cases.requirements))
        for (const c of entry.violating) expect(await run(c, other)).toEqual(CLEAN);
    });

    for (const requirement of rule.requirements as readonly Requirement<never>[]) {
      const id = requirementId(rule, requirement);
      const entry = cases.requirements[requirement.id] ?? { violating: [], unknown: [] };
      describe(requirement.id, () => {
        it.each(entry.violating.map((c, i) => [i, c] as const))(
          `violating case %i is reported as ${id} alone`,
          async (_i, c) => {
            const result = await run(c);
            expect(requirementsOf(result)).toEqual([id]);
            expect(result.undetermined).toEqual([]);
            for (const v of result.violations) expect(v.startsWith(`[${id}] `), v).toBe(true);
            // The messages themselves, pinned: what an auditor reads is part of the contract.
            expect(result.violations).toMatchSnapshot();
          },
        );

        it.each(entry.violating.map((c, i) => [i, c] as const))(
          "violating case %i, every value secret, is reported without quoting a value",
          async (_i, c) => {
            const result = await run(c, (r) => ({
              ...r,
              props: secretize(r.props) as Record<string, unknown>,
            }));
            expect(requirementsOf(result)).toEqual([id]);
            const { resources, config } = unpack(c);
            const settings = { ...configDefaults(rule, cases.baseline), ...config };
            const props = resources.map((r) => r.props);
            expect(quotedValues(result.violations, props, settings)).toEqual([]);
          },
        );

        it.each((entry.compliant ?? []).map((c, i) => [i, c] as const))(
          "compliant case %i passes",
          async (_i, c) => {
            expect(await run(c)).toEqual(CLEAN);
          },
        );

        it.each(entry.unknown.map((c, i) => [i, c] as const))(
          `unknown case %i leaves ${id} alone undetermined`,
          async (_i, c) => {
            const result = await run(c);
            expect(result.violations).toEqual([]);
            const expected = [id, ...(entry.readsWith ?? []).map((r) => `${rule.id}/${r}`)];
            expect(undeterminedOf(result).sort()).toEqual(expected.sort());
          },
        );

        it.each((entry.outOfScope ?? []).map((c, i) => [i, c] as const))(
          "out-of-scope case %i is reported as not applicable, with its reason",
          async (_i, c) => {
            const result = await run(c);
            expect({ ...result, outOfScope: [] }).toEqual(CLEAN);
            expect(result.outOfScope.length).toBeGreaterThan(0);
          },
        );

        it.each((entry.decidedWhenUnknown ?? []).map((c, i) => [i, c] as const))(
          "is decided, compliant, without reading unknown values (case %i)",
          async (_i, c) => {
            const result = await run(c);
            expect(requirementsOf(result)).not.toContain(id);
            expect(undeterminedOf(result)).not.toContain(id);
          },
        );
      });
    }
  });
}

/** A resource as the mock runtime recorded its registration (`@palisade/core/test-support`). */
export interface RegisteredResource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly custom: boolean;
  readonly inputs: Record<string, unknown>;
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

/** The registered provider resources as the kit takes them, each dependency named by its resource's name. */
export function kitResources(registrations: readonly RegisteredResource[]): KitResource[] {
  const nameOf = new Map(registrations.map((r) => [r.urn, r.name]));
  return registrations
    .filter((r) => r.custom)
    .map((r) => ({
      type: r.type,
      name: r.name,
      props: r.inputs,
      propertyDependencies: Object.fromEntries(
        Object.entries(r.propertyDependencies).map(([k, urns]) => [k, urns.map((u) => nameOf.get(u) ?? u)]),
      ),
    }));
}

/**
 * Every violation and undetermined finding `policies` report on `resources`, through @pulumi/policy's own
 * handlers as `pulumi preview` runs them: stack policies once, resource policies on each resource.
 */
export async function findingsOf(
  policies: readonly Policy[],
  resources: readonly KitResource[],
): Promise<string[]> {
  const findings: string[] = [];
  for (const policy of policies) {
    if ("validateStack" in policy) {
      const result = await analyzeStack(policy, [...resources]);
      findings.push(...result.violations, ...result.undetermined);
    } else
      for (const resource of resources) {
        const result = await analyzeResource(policy, resource);
        findings.push(...result.violations.map((v) => `${resource.name}: ${v}`), ...result.undetermined);
      }
  }
  return findings;
}

/**
 * What every policy of a framework must carry, whatever the framework: its name and version, the control's
 * citation and requirement, one remediation line per requirement led by its id, the control and target
 * tags, a URL and the exemptions setting. Returns the policies for the framework's own assertions.
 */
export function expectFrameworkPolicies(definition: FrameworkDefinition): Policy[] {
  const policies = buildPolicies(definition);
  const rules = definition.controls.flatMap((c) => c.rules);
  expect(policies.map((p) => p.name)).toEqual(rules.map((r) => r.id));
  for (const p of policies) {
    expect(p.framework).toMatchObject(definition.framework);
    expect(p.framework?.specification.length).toBeGreaterThan(10);
    // One remediation line per requirement, each led by its requirement id: this cloud's steps only.
    const rule = rules.find((r) => r.id === p.name)!;
    const lines = (p.remediationSteps ?? "").split("\n").map(parseFindingMessage);
    expect(lines.map((l) => l.requirement)).toEqual(rule.requirements.map((r) => `${rule.id}/${r.id}`));
    for (const line of lines) expect(line.message.length).toBeGreaterThan(10);
    const control = definition.controls.find((c) => c.rules.includes(rule))!;
    expect(controlOfTags(p.tags ?? [])).toBe(control.id);
    expect(targetOfTags(p.tags ?? [])).toBe(rule.target);
    expect(p.url).toMatch(/^https:\/\//);
    expect(p.configSchema?.properties).toHaveProperty("exemptions");
  }
  return policies;
}
