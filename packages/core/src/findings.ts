/**
 * How Palisade findings travel from a pack to `palisade preview` (and to anyone reading `pulumi preview`
 * output) over the Analyzer protocol, which has no fields of its own for them: the requirement a finding
 * breaks leads its message, a policy's control and target are tags with a key, and an exempted finding is
 * a not-applicable reason with a marker. One home, so the pack and the reports can never disagree.
 */

/** `<rule>/<requirement>`, e.g. `aws-rds-instance-protected/deletion-protection`. */
export const REQUIREMENT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isRequirementId(value: unknown): value is string {
  return typeof value === "string" && REQUIREMENT_ID.test(value);
}

/** `[aws-rds-instance-protected/deletion-protection] RDS instance db has no deletion protection`. */
export function findingMessage(requirement: string, message: string): string {
  if (!isRequirementId(requirement)) throw new Error(`not a requirement id: ${JSON.stringify(requirement)}`);
  return `[${requirement}] ${message}`;
}

/** The requirement id and text of a finding message; a message without an id comes back whole. */
export function parseFindingMessage(text: string): { requirement?: string; message: string } {
  const match = /^\[([^\]\s]+)\] ([\s\S]*)$/.exec(text);
  if (match && isRequirementId(match[1])) return { requirement: match[1], message: match[2] ?? "" };
  return { message: text };
}

const CONTROL_TAG = "control:";
const TARGET_TAG = "target:";

/** The tags a Palisade policy carries: its control id and its target, each under its own key. */
export function policyTags(control: string, target: string): string[] {
  return [`${CONTROL_TAG}${control}`, `${TARGET_TAG}${target}`];
}

/** The control id a policy's tags name, wherever it stands among them. */
export function controlOfTags(tags: readonly string[]): string | undefined {
  return tags.find((t) => t.startsWith(CONTROL_TAG))?.slice(CONTROL_TAG.length);
}

export function targetOfTags(tags: readonly string[]): string | undefined {
  return tags.find((t) => t.startsWith(TARGET_TAG))?.slice(TARGET_TAG.length);
}

const EXEMPTED = "[exempted]";

/** What an exempted finding's not-applicable reason says: why, until when, and the findings it excuses. */
export interface ExemptedReason {
  reason: string;
  expires: string;
  findings: string[];
}

/** `[exempted] <reason> (until <date>): <finding>; <finding>`. */
export function exemptedReason(e: ExemptedReason): string {
  return `${EXEMPTED} ${e.reason} (until ${e.expires}): ${e.findings.join("; ")}`;
}

export function isExemptedReason(text: string): boolean {
  return text.startsWith(EXEMPTED);
}

/**
 * An exempted reason read back: the reason, the date and the findings it excuses, each a finding message
 * (so each names its requirement). Undefined for text that is not an exempted reason.
 */
export function parseExemptedReason(text: string): ExemptedReason | undefined {
  const match = /^\[exempted\] ([\s\S]*) \(until (\d{4}-\d{2}-\d{2})\): ([\s\S]*)$/.exec(text);
  if (!match) return undefined;
  // Findings are joined with "; " and each starts with its `[<requirement>]`.
  const findings = (match[3] ?? "").split(/; (?=\[[^\]\s]+\] )/);
  return { reason: match[1] ?? "", expires: match[2] ?? "", findings };
}

/**
 * What @pulumi/policy reports when a policy reads a value unknown during preview:
 * `can't run policy '<policy>' from policy pack '<pack>' during preview: <error>`. A Palisade policy judges
 * each requirement on its own, so the error starts with the requirement it could not judge
 * (`[<rule>/<requirement>] <why>`), several joined with "; " when a stack policy could not judge several.
 */
const UNDETERMINED = /^can't run [\s\S]*? during preview: ([\s\S]*)$/;

export function isUndeterminedMessage(text: string): boolean {
  return UNDETERMINED.test(text);
}

/** `[<requirement>] <why>`: what a Palisade policy puts in front of a value it could not read at preview. */
export function undeterminedReason(requirement: string, why: string): string {
  return findingMessage(requirement, why);
}

/** The requirements an undetermined message names, in order; empty for other messages. */
export function undeterminedRequirements(text: string): string[] {
  const error = UNDETERMINED.exec(text)?.[1];
  if (error === undefined) return [];
  return error
    .split(/; (?=\[)/)
    .map((part) => parseFindingMessage(part).requirement)
    .filter((r): r is string => r !== undefined);
}
