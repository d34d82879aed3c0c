/**
 * Rules: framework-neutral checks written once, matched by type token so a pack never loads a provider
 * SDK at run time (props are typed with `import type` from the SDKs).
 */
import type { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

export type Target = "aws" | "azure" | "gcp" | "kubernetes";

/**
 * Resource inputs as a rule reads them, keyed by the SDK's args type: every property optional and possibly
 * unknown at preview (reading an unknown one throws, and the finding is reported as undetermined).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- wire values, not the SDK's Input<T> types
export type Props<T> = { [K in keyof T]?: any };

/** Values a rule reads from the policy config (defaults come from the sector baseline). */
export type RuleConfig = Record<string, unknown>;

export interface ResourceRule {
  kind: "resource";
  /** `<cloud>-<service>-<resource>-<requirement>`, also the policy name. */
  id: string;
  description: string;
  target: Target;
  /** Type tokens the rule applies to. */
  types: readonly string[];
  /** Config properties the rule reads, as JSON Schema, with their defaults. */
  config?: Record<string, PolicyConfigJSONSchema>;
  /** Violation messages; reading a value unknown at preview throws and is reported as undetermined. */
  check(props: Record<string, unknown>, args: ResourceValidationArgs, config: RuleConfig): string[];
}

export interface StackFinding {
  urn: string;
  message: string;
}

export interface StackRule {
  kind: "stack";
  id: string;
  description: string;
  target: Target;
  config?: Record<string, PolicyConfigJSONSchema>;
  check(resources: readonly PolicyResource[], config: RuleConfig): StackFinding[];
}

export type Rule = ResourceRule | StackRule;

export function resourceRule(rule: Omit<ResourceRule, "kind">): ResourceRule {
  return { kind: "resource", ...rule };
}

export function stackRule(rule: Omit<StackRule, "kind">): StackRule {
  return { kind: "stack", ...rule };
}

/** Resources of `type` whose input `key` depends on `target` (the engine's property dependencies). */
export function dependents(
  resources: readonly PolicyResource[],
  type: string | readonly string[],
  key: string,
  target: PolicyResource,
): PolicyResource[] {
  const types = typeof type === "string" ? [type] : type;
  return resources.filter(
    (r) => types.includes(r.type) && (r.propertyDependencies[key] ?? []).some((d) => d.urn === target.urn),
  );
}
