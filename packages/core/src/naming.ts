import type { ProblemCollector } from "./errors";

/**
 * Child resource names derive from the component name, so two instances of one component never collide
 * and a reader can find every child of `prod` by its prefix.
 */
export function childName(componentName: string, ...parts: string[]): string {
  return [componentName, ...parts].join("-");
}

/** A DNS-1123 label: what Kubernetes object names, tier names and most cloud name fields accept. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS_LABEL_RULE =
  "must be a DNS label: 1-63 lowercase letters, digits or '-', starting and ending alphanumeric";

export function isDnsLabel(value: unknown): value is string {
  return typeof value === "string" && value.length <= 63 && DNS_LABEL.test(value);
}

/** What a cloud accepts for one kind of name. */
export interface NameRule {
  readonly pattern: RegExp;
  readonly maxLength: number;
  /** The rule in words, e.g. "1-64 letters, digits or +=,.@_-". */
  readonly describe: string;
}

export function satisfiesNameRule(value: unknown, rule: NameRule): boolean {
  return typeof value === "string" && value.length <= rule.maxLength && rule.pattern.test(value);
}

/**
 * Checks a name a child will carry, derived from an argument (usually the component's name), with the
 * child's own rule, so the component rejects it before registering anything.
 */
export function checkDerivedName(
  problems: ProblemCollector,
  path: string,
  value: unknown,
  derived: string,
  rule: NameRule,
  what: string,
): boolean {
  return problems.require(
    satisfiesNameRule(derived, rule),
    path,
    value,
    `must give a valid ${what} (here ${JSON.stringify(derived)}): ${rule.describe}`,
  );
}

/** The suffix Pulumi's autonaming adds to a logical name: a dash and seven random hex characters. */
export const AUTONAME_SUFFIX = "-0000000";

/** A provider resource's name rule: which input holds its physical name, and how Pulumi fills it. */
export interface ProviderNameRule extends NameRule {
  /** The input that holds the physical name. */
  readonly input: string;
  /** Pulumi fills the input from the logical name when it is not set. */
  readonly autonamed: boolean;
  /** How the provider transforms an autoname (S3 lowercases bucket names). */
  readonly transform?: (name: string) => string;
  /**
   * What the provider appends to an autoname, as a worst-case stand-in of the same length and alphabet.
   * @default {@link AUTONAME_SUFFIX}, Pulumi's `-` and seven hex characters
   */
  readonly autonameSuffix?: string;
  /** What the name is called, for messages. */
  readonly what: string;
}

/** A child whose name derives from an argument: its type, logical name and any name input it is given. */
export interface NamedChild<T extends string = string> {
  type: T;
  name: string;
  inputs?: Record<string, unknown>;
}

/** One cloud's name checks, from its rules by type token. */
export function providerNames<T extends string>(rules: Readonly<Record<T, ProviderNameRule>>) {
  const ruleOf = (type: string): ProviderNameRule | undefined =>
    Object.hasOwn(rules, type) ? rules[type as T] : undefined;

  /**
   * The physical name a registration will carry: its name input when set (or, for `name`, a
   * `namePrefix`), else the autoname of its logical name; undefined for types with no rule or no name.
   */
  function physicalName(
    type: string,
    logicalName: string,
    inputs: Record<string, unknown>,
  ): string | undefined {
    const rule = ruleOf(type);
    if (!rule) return undefined;
    const explicit = inputs[rule.input] ?? (rule.input === "name" ? inputs.namePrefix : undefined);
    if (typeof explicit === "string") return explicit;
    if (!rule.autonamed) return undefined;
    return `${(rule.transform ?? ((n: string) => n))(logicalName)}${rule.autonameSuffix ?? AUTONAME_SUFFIX}`;
  }

  /** Whether a registered (or planned) name satisfies its type's rule; true for types without one. */
  function isValidPhysicalName(type: string, physical: string): boolean {
    const rule = ruleOf(type);
    return rule === undefined || satisfiesNameRule(physical, rule);
  }

  /**
   * Checks each child's physical name with its type's rule, reporting a problem against `path` (the
   * argument the names derive from, usually `name`) for the first child that would be rejected.
   */
  function checkChildNames(
    problems: ProblemCollector,
    path: string,
    value: unknown,
    children: readonly NamedChild<T>[],
  ): boolean {
    for (const child of children) {
      const rule = rules[child.type];
      const physical = physicalName(child.type, child.name, child.inputs ?? {});
      if (physical === undefined) continue;
      if (!checkDerivedName(problems, path, value, physical, rule, rule.what)) return false;
    }
    return true;
  }

  return { physicalName, isValidPhysicalName, checkChildNames };
}
