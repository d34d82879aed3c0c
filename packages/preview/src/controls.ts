/**
 * Per control, what the preview can honestly say: passed, violated, undetermined, exempted or not
 * evaluated. A control is its pack's policies that share a control tag (see
 * @palisade/core's findings); a policy without one, as in a foreign pack, is a control of its own.
 *
 * "Passed" needs evidence that something in scope was judged. The Analyzer protocol has no field for
 * scope, so it is read from what the pack answered: a policy that did not apply to what it was asked
 * about reports itself not applicable (any reason but an exemption). A policy whose tags promise this
 * (a Palisade policy) and that stayed silent judged and found nothing; for any other policy, silence says
 * nothing, and the control is "not evaluated" unless it has findings.
 */
import { controlOfTags, reportsScope } from "@palisade/core/findings";
import type { EnforcementLevel, PackInfo, PolicyInfo } from "./analyzer/session";

export type ControlStatus =
  "passed" | "violated" | "undetermined" | "exempted" | "incomplete" | "not-evaluated";

/** Why nothing was evaluated. */
export type NotEvaluatedReason = "disabled" | "nothing-in-scope" | "scope-not-reported";

export const CONTROL_STATUSES: readonly ControlStatus[] = [
  "violated",
  "undetermined",
  "exempted",
  "incomplete",
  "passed",
  "not-evaluated",
];

/** What one pack answered about one policy over the whole run. */
export interface PolicyEvidence {
  /** The level the policy ran at, after the policy config. */
  level: EnforcementLevel;
  /** Resources analyzed (Analyze calls made). */
  analyzed: number;
  /**
   * Resources for which the policy answered anything in Analyze (a finding or a not-applicable): counts,
   * not URN sets, since every policy answers for nearly every resource (100,000 resources and 145
   * policies made 29 million set entries per pack).
   */
  answeredResources: number;
  /** Resources for which the policy said it did not apply. */
  outOfScopeResources: number;
  /** Whether the policy answered anything in AnalyzeStack. */
  answeredStack: boolean;
  /** Whether the policy said, in AnalyzeStack, that it did not apply to the stack. */
  outOfScopeStack: boolean;
  /** Statuses of its findings. */
  findings: { violation: number; undetermined: number; exempted: number };
}

export interface PolicyResult {
  name: string;
  status: ControlStatus;
  /** Set when status is "not-evaluated". */
  reason?: NotEvaluatedReason;
}

export interface ControlResult {
  pack: string;
  /** The control id from the policies' control tag, or the policy's name when it has none. */
  control: string;
  /** `<framework name> <version>`, or null for policies that name no framework. */
  framework: string | null;
  /** The distinct citations (`framework.reference`) of its policies. */
  citations: string[];
  /** The distinct requirement texts (`framework.specification`, else the description) of its policies. */
  requirements: string[];
  status: ControlStatus;
  /** Set when status is "not-evaluated": why none of its policies evaluated anything. */
  reason?: NotEvaluatedReason;
  policies: PolicyResult[];
  findings: { violation: number; undetermined: number; exempted: number };
}

export function emptyEvidence(level: EnforcementLevel): PolicyEvidence {
  return {
    level,
    analyzed: 0,
    answeredResources: 0,
    outOfScopeResources: 0,
    answeredStack: false,
    outOfScopeStack: false,
    findings: { violation: 0, undetermined: 0, exempted: 0 },
  };
}

/**
 * Whether the policy judged anything in its scope. With the scope promise kept, a policy that answered
 * in Analyze is a resource policy (stack policies are not run there), judging every analyzed resource it
 * did not call out of scope; one that answered in AnalyzeStack is a stack policy, judging the stack
 * unless it called it out of scope; one silent in both judged and passed whichever it is, provided
 * anything was analyzed at all.
 */
function judgedSomething(e: PolicyEvidence): boolean {
  const byResource = e.answeredResources > 0 && e.analyzed - e.outOfScopeResources > 0;
  const byStack = e.answeredStack && !e.outOfScopeStack;
  const silent = e.answeredResources === 0 && !e.answeredStack;
  return byResource || byStack || (silent && e.analyzed > 0);
}

/**
 * `scopeHidden`: the program has registrations the preview cannot see inside (remote components), so a
 * policy that found nothing may have missed what lies there: it is "incomplete", never "passed" (and
 * not "nothing in scope" either, since its scope may be exactly what is hidden).
 */
export function policyResult(policy: PolicyInfo, e: PolicyEvidence, scopeHidden = false): PolicyResult {
  const name = policy.name;
  if (e.findings.violation > 0) return { name, status: "violated" };
  if (e.findings.undetermined > 0) return { name, status: "undetermined" };
  if (e.findings.exempted > 0) return { name, status: "exempted" };
  if (e.level === "disabled") return { name, status: "not-evaluated", reason: "disabled" };
  const scopeKnown = reportsScope(policy.tags) || e.outOfScopeResources > 0 || e.outOfScopeStack;
  if (!scopeKnown) return { name, status: "not-evaluated", reason: "scope-not-reported" };
  if (scopeHidden) return { name, status: "incomplete" };
  return judgedSomething(e)
    ? { name, status: "passed" }
    : { name, status: "not-evaluated", reason: "nothing-in-scope" };
}

/** The worst status first: one violation makes the control violated, and so on down to not evaluated. */
function combine(statuses: readonly ControlStatus[]): ControlStatus {
  return CONTROL_STATUSES.find((s) => statuses.includes(s)) ?? "not-evaluated";
}

/** Controls in the order their first policy appears in the pack; see policyResult for `scopeHidden`. */
export function controlResults(
  pack: PackInfo,
  evidence: ReadonlyMap<string, PolicyEvidence>,
  scopeHidden = false,
): ControlResult[] {
  const controls = new Map<string, ControlResult>();
  for (const policy of pack.policies) {
    const e = evidence.get(policy.name) ?? emptyEvidence(policy.enforcementLevel);
    const id = controlOfTags(policy.tags) ?? policy.name;
    const framework = policy.framework
      ? `${policy.framework.name} ${policy.framework.version}`.trim() || null
      : null;
    const control =
      controls.get(id) ??
      ({
        pack: pack.name,
        control: id,
        framework,
        citations: [],
        requirements: [],
        status: "not-evaluated",
        policies: [],
        findings: { violation: 0, undetermined: 0, exempted: 0 },
      } satisfies ControlResult);
    controls.set(id, control);
    const citation = policy.framework?.reference;
    if (citation && !control.citations.includes(citation)) control.citations.push(citation);
    const requirement = policy.framework?.specification || policy.description;
    if (requirement && !control.requirements.includes(requirement)) control.requirements.push(requirement);
    control.framework ??= framework;
    control.policies.push(policyResult(policy, e, scopeHidden));
    for (const key of ["violation", "undetermined", "exempted"] as const)
      control.findings[key] += e.findings[key];
  }
  for (const control of controls.values()) {
    control.status = combine(control.policies.map((p) => p.status));
    if (control.status === "not-evaluated") {
      const reasons = control.policies.map((p) => p.reason);
      // The most cautious reason: unknown scope, then a disabled policy (which might have had something in
      // scope), then nothing in scope.
      control.reason = (["scope-not-reported", "disabled", "nothing-in-scope"] as const).find((r) =>
        reasons.includes(r),
      );
    } else delete control.reason;
  }
  return [...controls.values()];
}
