/**
 * The stable JSON report, documented in the package README:
 * `{ resources, policyPacks, diagnostics, controls, summary }`.
 */
import type { ControlResult, ControlStatus } from "../controls";
import { CONTROL_STATUSES } from "../controls";
import type { PreviewResult, ReportedDiagnostic } from "../engine";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "../model";

export interface JsonReport {
  resources: {
    urn: string;
    type: string;
    name: string;
    parent: string;
    /** A remote component: its children are not visible offline (nothing inside it was analyzed). */
    remote: boolean;
    /** The line of the user's code that declared it, relative to the project directory, when known. */
    source: { file: string; line: number; column: number } | null;
    inputs: unknown;
    options: unknown;
  }[];
  /**
   * Registrations the engine would hand to a provider's Construct (remote, multi-language components):
   * their children exist only in a real `pulumi preview`, so nothing inside them was analyzed.
   */
  notAnalyzableOffline: { urn: string; type: string; name: string; reason: string }[];
  policyPacks: { name: string; version: string; policies: unknown[] }[];
  /** Every key is always present: `framework` and `requirement` are null when the pack names none. */
  diagnostics: (Pick<
    ReportedDiagnostic,
    "policyPack" | "policy" | "control" | "urn" | "enforcementLevel" | "severity" | "status"
  > & {
    requirement: string | null;
    message: string;
    framework: NonNullable<ReportedDiagnostic["framework"]> | null;
  })[];
  /** One entry per pack and control; `reason` is null unless the status is "not-evaluated". */
  controls: (Omit<ControlResult, "reason" | "policies"> & {
    reason: ControlResult["reason"] | null;
    policies: { name: string; status: ControlStatus; reason: ControlResult["reason"] | null }[];
  })[];
  summary: {
    resources: number;
    mandatory: number;
    advisory: number;
    undetermined: number;
    exempted: number;
    /** Registrations not analyzable offline; more than 0 means the result is incomplete. */
    incomplete: number;
    controls: Record<ControlStatus, number>;
  };
}

/** Wire values made readable: unknowns become "[unknown]", secrets "[secret]", resource refs their URN. */
export function readable(value: unknown): unknown {
  if (value === UNKNOWN) return "[unknown]";
  if (Array.isArray(value)) return value.map(readable);
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    if (record[SIG_KEY] === SECRET_SIG) return "[secret]";
    if (SIG_KEY in record && typeof record.urn === "string") return record.urn;
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, readable(v)]));
  }
  return value;
}

/** Why a remote component's contents are missing from every report. */
export const REMOTE_REASON =
  "remote component: only its provider plugin constructs its children, which a real `pulumi preview` " +
  "registers and analyzes; offline, nothing inside it was seen";

export function notAnalyzableOffline(result: PreviewResult): JsonReport["notAnalyzableOffline"] {
  return result.resources
    .filter((r) => r.remote)
    .map((r) => ({ urn: r.urn, type: r.type, name: r.name, reason: REMOTE_REASON }));
}

export function summarize(result: PreviewResult): JsonReport["summary"] {
  const count = (f: (d: ReportedDiagnostic) => boolean) => result.diagnostics.filter(f).length;
  return {
    resources: result.resources.length,
    mandatory: count((d) => d.status === "violation" && d.enforcementLevel === "mandatory"),
    advisory: count((d) => d.status === "violation" && d.enforcementLevel === "advisory"),
    undetermined: count((d) => d.status === "undetermined"),
    exempted: count((d) => d.status === "exempted"),
    incomplete: result.resources.filter((r) => r.remote).length,
    controls: Object.fromEntries(
      CONTROL_STATUSES.map((s) => [s, result.controls.filter((c) => c.status === s).length]),
    ) as Record<ControlStatus, number>,
  };
}

export function jsonReport(result: PreviewResult): JsonReport {
  return {
    resources: result.resources.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent,
      remote: r.remote,
      source: r.source ?? null,
      inputs: readable(r.inputs),
      options: { ...r.options, provider: r.provider },
    })),
    notAnalyzableOffline: notAnalyzableOffline(result),
    policyPacks: result.packs.map((p) => ({ name: p.name, version: p.version, policies: p.policies })),
    diagnostics: result.diagnostics.map((d) => ({
      policyPack: d.policyPack,
      policy: d.policy,
      control: d.control,
      requirement: d.requirement ?? null,
      urn: d.urn,
      enforcementLevel: d.enforcementLevel,
      severity: d.severity,
      message: d.finding,
      framework: d.framework ?? null,
      status: d.status,
    })),
    controls: result.controls.map((c) => ({
      pack: c.pack,
      control: c.control,
      framework: c.framework,
      citations: c.citations,
      requirements: c.requirements,
      status: c.status,
      reason: c.reason ?? null,
      policies: c.policies.map((p) => ({ name: p.name, status: p.status, reason: p.reason ?? null })),
      findings: c.findings,
    })),
    summary: summarize(result),
  };
}
