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

/**
 * Scope: which resources a policy judged. The Analyzer protocol has no field for it, so a policy that is
 * asked about a resource (Analyze) or a stack (AnalyzeStack) holding nothing it judges says so: it reports
 * itself not applicable (`args.notApplicable(outOfScopeReason(types))`), as `@pulumi/policy` itself does
 * for a policy written with `validateResourceOfType`. Every not-applicable reason that is not an
 * exemption means "did not apply here" (a data-class scope, say, may give its own reason).
 *
 * A policy that carries a control tag promises to do this on every call, so its silence means "judged,
 * found nothing": that is what lets a report say a control passed, and say "not evaluated" when nothing
 * in the program (as the preview saw it) was in the control's scope.
 */
export function outOfScopeReason(types: readonly string[]): string {
  if (types.length === 0) throw new Error("a policy's scope names at least one type");
  return `Policy only applies to resources of type ${types.map((t) => `'${t}'`).join(", ")}`;
}

/** Whether a not-applicable reason is the type scope ({@link outOfScopeReason}) rather than another reason. */
export function isTypeScopeReason(text: string): boolean {
  return text.startsWith("Policy only applies to resources of type ");
}

/** A not-applicable reason that says the policy did not apply (anything but an exemption). */
export function isOutOfScopeReason(text: string): boolean {
  return !isExemptedReason(text);
}

/** Whether a policy's tags promise scope reporting (see outOfScopeReason): Palisade policies do. */
export function reportsScope(tags: readonly string[]): boolean {
  return controlOfTags(tags) !== undefined;
}

/**
 * A violation as it arrives in an AnalyzeDiagnostic. `@pulumi/policy` sends `report("msg")` as
 * `<policy description>\n<msg>`, so the requirement id leads the second line, not the wire message; this
 * drops the description line (when it is there) and reads the id.
 */
export function parseDiagnosticMessage(
  message: string,
  description: string,
): { requirement?: string; message: string } {
  const own =
    description && message.startsWith(`${description}\n`) ? message.slice(description.length + 1) : message;
  return parseFindingMessage(own);
}

/**
 * Several exempted reasons in one not-applicable entry, one a line: a stack policy runs once for the whole
 * stack and `@pulumi/policy` takes one not-applicable reason per run.
 */
export function exemptedReasons(list: readonly ExemptedReason[]): string {
  return list.map(exemptedReason).join("\n");
}

/** The exempted reasons in one not-applicable entry (see exemptedReasons), each for parseExemptedReason. */
export function splitExemptedReasons(text: string): string[] {
  return text.split(/\n(?=\[exempted\] )/);
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
// "; " before the next `[<requirement>]`.
const UNDETERMINED_SEPARATOR = /; (?=\[)/;

export function isUndeterminedMessage(text: string): boolean {
  return UNDETERMINED.test(text);
}

/** `[<requirement>] <why>`: what a Palisade policy puts in front of a value it could not read at preview. */
export function undeterminedReason(requirement: string, why: string): string {
  return findingMessage(requirement, why);
}

/**
 * An undetermined message per requirement it names, each with @pulumi/policy's prefix: a policy judges
 * all its requirements in one validation, so one message may name several. Other messages as they are.
 */
export function splitUndeterminedMessage(text: string): string[] {
  const error = UNDETERMINED.exec(text)?.[1];
  if (error === undefined) return [text];
  const prefix = text.slice(0, text.length - error.length);
  return error.split(UNDETERMINED_SEPARATOR).map((part) => prefix + part);
}

/** The requirements an undetermined message names, in order; empty for other messages. */
export function undeterminedRequirements(text: string): string[] {
  const error = UNDETERMINED.exec(text)?.[1];
  if (error === undefined) return [];
  return error
    .split(UNDETERMINED_SEPARATOR)
    .map((part) => parseFindingMessage(part).requirement)
    .filter((r): r is string => r !== undefined);
}
