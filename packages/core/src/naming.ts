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
