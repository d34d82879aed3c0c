/**
 * Rules: framework-neutral checks written once, matched by type token so a pack never loads a provider SDK
 * at run time (props are typed with `import type` from the SDKs). A rule holds one or more requirements;
 * each finding names exactly one of them (`<rule>/<requirement>`), and each requirement is judged on its
 * own, so a value one requirement cannot read at preview leaves every other requirement judged.
 */
import type { PolicyResource } from "@pulumi/policy";
import picomatch from "picomatch";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import type { SectorBaseline } from "@palisade/core";

export type Target = "aws" | "azure" | "gcp" | "kubernetes";

/**
 * Resource inputs as a rule reads them, keyed by the SDK's args type: every property optional and possibly
 * unknown at preview (reading an unknown one throws, and the requirement is reported as undetermined).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- wire values, not the SDK's Input<T> types
export type Props<T> = { [K in keyof T]?: any };

/** Values a rule reads from the policy config (defaults come from the framework's baseline). */
export type RuleConfig = Record<string, unknown>;

/** A config property a rule reads: its JSON Schema, and its default for a framework's baseline. */
export interface RuleSetting {
  schema: PolicyConfigJSONSchema;
  default(baseline: SectorBaseline): unknown;
}

type NumericBaselineKey = {
  [K in keyof SectorBaseline]: SectorBaseline[K] extends { value: number } ? K : never;
}[keyof SectorBaseline];

/** A setting whose default is the framework baseline's value for `key`. */
export function baselineSetting(key: NumericBaselineKey, schema: PolicyConfigJSONSchema): RuleSetting {
  return { schema, default: (baseline) => baseline[key].value };
}

/** A setting with the same default under every framework. */
export function fixedSetting(value: unknown, schema: PolicyConfigJSONSchema): RuleSetting {
  return { schema, default: () => value };
}

/** The resource a requirement judges. */
export interface Subject {
  type: string;
  name: string;
  urn: string;
  /** The inputs of the resource's provider, when the engine sends them (e.g. a default namespace). */
  provider?: Record<string, unknown>;
  /** The `protect` resource option: Pulumi refuses to delete the resource while it is set. */
  protect?: boolean;
}

/** What a requirement judged on each resource's inputs sees besides the props. */
export interface InputsContext extends Subject {
  config: RuleConfig;
}

/** The other resources of the stack, for a requirement judged on the whole stack. */
export interface StackView {
  /** The resource being judged, as the stack policy sees it. */
  subject: PolicyResource;
  resources: readonly PolicyResource[];
  /** Resources of `types` whose input `key` depends on the subject (the engine's property dependencies). */
  dependents(types: string | readonly string[], key: string): PolicyResource[];
  /** The resources the subject's input `key` depends on. */
  dependencies(key: string): PolicyResource[];
}

/** What a requirement judged on the stack sees: the subject's outputs plus every other resource. */
export interface StackContext extends InputsContext {
  stack: StackView;
}

export interface Requirement<C extends InputsContext = InputsContext> {
  /** Local id, e.g. `deletion-protection`; findings carry `<rule>/<id>`. */
  id: string;
  /** What the requirement asks, in a sentence (the catalog lists it). */
  description: string;
  /** How to satisfy it, on this rule's cloud. */
  remediation: string;
  /** When it is narrower than the rule's types: the only types this requirement judges. */
  types?: readonly string[];
  /**
   * Set when a first preview often cannot judge it, because the value it reads usually comes from a
   * resource created in the same update: says what stays undetermined until deployment.
   */
  afterDeployment?: string;
  /**
   * Why this resource is outside the requirement's scope (a data class it does not judge, a check the
   * config says is done elsewhere), or undefined to judge it. A policy whose requirements were all out
   * of scope for a subject reports itself not applicable with these reasons, never as passed.
   */
  outOfScope?(props: Record<string, any>, context: C): string | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire values
  /**
   * Stack rules only: judged once for the whole stack (with the first resource of the rule's types as
   * the subject) rather than on each resource, for what the stack as a whole must hold (a detector per
   * region in use, a security contact); its findings are the stack's, naming no resource.
   */
  perStack?: boolean;
  /** Violation messages (each becomes one finding). Name property paths; never quote a value. */
  check(props: Record<string, any>, context: C): string[]; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire values
}

interface RuleBase {
  /** `<cloud>-<service>-<resource>-<what>`, also the policy name. */
  id: string;
  description: string;
  target: Target;
  /**
   * The type tokens whose resources the rule judges: exact tokens, or picomatch globs for a rule that
   * judges every resource of a provider (see `everyResourceOf`).
   */
  types: readonly string[];
  /** Config properties the rule reads, with their defaults. */
  config?: Record<string, RuleSetting>;
}

/** Judged in Analyze, on each resource's inputs as the engine sends them. */
export interface ResourceRule extends RuleBase {
  judgedOn: "inputs";
  requirements: readonly Requirement<InputsContext>[];
}

/**
 * Judged in AnalyzeStack, on each resource's outputs with the rest of the stack: for settings that live
 * in other resources (joined through property dependencies) and for evidence the engine keeps only
 * there (what a wholly unknown input depends on).
 */
export interface StackRule extends RuleBase {
  judgedOn: "stack";
  requirements: readonly Requirement<StackContext>[];
}

export type Rule = ResourceRule | StackRule;

export function resourceRule(rule: Omit<ResourceRule, "judgedOn">): ResourceRule {
  return { judgedOn: "inputs", ...rule };
}

export function stackRule(rule: Omit<StackRule, "judgedOn">): StackRule {
  return { judgedOn: "stack", ...rule };
}

/** The id every finding of `requirement` carries. */
export function requirementId(rule: Pick<Rule, "id">, requirement: Pick<Requirement, "id">): string {
  return `${rule.id}/${requirement.id}`;
}

const matchers = new WeakMap<readonly string[], (type: string) => boolean>();

/** Whether `type` is one of `types` (exact tokens or globs); compiled once per list. */
export function matchesType(types: readonly string[], type: string): boolean {
  let matcher = matchers.get(types);
  if (!matcher) {
    const exact = new Set(types.filter((t) => !isTypeGlob(t)));
    const globs = types.filter(isTypeGlob);
    const glob = globs.length > 0 ? picomatch(globs) : () => false;
    matcher = (t) => exact.has(t) || glob(t);
    matchers.set(types, matcher);
  }
  return matcher(type);
}

/** The glob matching every resource type of a provider package: its tokens are `<pkg>:<module>:<Type>`. */
export function everyResourceOf(pkg: "aws" | "azure-native" | "gcp"): string {
  // azure-native modules have no slash; aws and gcp modules have one (`s3/bucket`).
  return pkg === "azure-native" ? `${pkg}:*` : `${pkg}:*/*`;
}

/** Whether a `types` entry is a glob rather than one exact token. */
export function isTypeGlob(type: string): boolean {
  return picomatch.scan(type).isGlob;
}

/** Whether `requirement` judges resources of `type`: one of the rule's types, and of its own if it narrows them. */
export function judges(
  rule: Pick<Rule, "types">,
  requirement: Pick<Requirement, "id" | "types">,
  type: string,
): boolean {
  return matchesType(rule.types, type) && matchesType(requirement.types ?? rule.types, type);
}

/** Resources of `types` whose input `key` depends on `target` (the engine's property dependencies). */
export function dependents(
  resources: readonly PolicyResource[],
  types: string | readonly string[],
  key: string,
  target: PolicyResource,
): PolicyResource[] {
  const wanted = typeof types === "string" ? [types] : types;
  return resources.filter(
    (r) =>
      matchesType(wanted, r.type) && (r.propertyDependencies[key] ?? []).some((d) => d.urn === target.urn),
  );
}
