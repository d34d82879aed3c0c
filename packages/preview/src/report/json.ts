/**
 * The stable JSON report (documented in the package README):
 * `{ resources, policyPacks, diagnostics, summary: { resources, mandatory, advisory, undetermined } }`.
 */
import type { PreviewResult, ReportedDiagnostic } from "../engine";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "../model";

export interface JsonReport {
  resources: { urn: string; type: string; name: string; parent: string; inputs: unknown; options: unknown }[];
  policyPacks: { name: string; version: string; policies: unknown[] }[];
  /** Every key is always present: `framework` is null for a policy that names none. */
  diagnostics: (Pick<
    ReportedDiagnostic,
    "policyPack" | "policy" | "urn" | "enforcementLevel" | "severity" | "message" | "status"
  > & { framework: NonNullable<ReportedDiagnostic["framework"]> | null })[];
  summary: { resources: number; mandatory: number; advisory: number; undetermined: number; exempted: number };
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

export function summarize(result: PreviewResult): JsonReport["summary"] {
  const count = (f: (d: ReportedDiagnostic) => boolean) => result.diagnostics.filter(f).length;
  return {
    resources: result.resources.length,
    mandatory: count((d) => d.status === "violation" && d.enforcementLevel === "mandatory"),
    advisory: count((d) => d.status === "violation" && d.enforcementLevel === "advisory"),
    undetermined: count((d) => d.status === "undetermined"),
    exempted: count((d) => d.status === "exempted"),
  };
}

export function jsonReport(result: PreviewResult): JsonReport {
  return {
    resources: result.resources.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent,
      inputs: readable(r.inputs),
      options: { ...r.options, provider: r.provider },
    })),
    policyPacks: result.packs.map((p) => ({ name: p.name, version: p.version, policies: p.policies })),
    diagnostics: result.diagnostics.map((d) => ({
      policyPack: d.policyPack,
      policy: d.policy,
      urn: d.urn,
      enforcementLevel: d.enforcementLevel,
      severity: d.severity,
      message: d.message,
      framework: d.framework ?? null,
      status: d.status,
    })),
    summary: summarize(result),
  };
}
