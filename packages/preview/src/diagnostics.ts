/** A pack's diagnostics as the reports read them: status, requirement, control and the finding's text. */
import {
  controlOfTags,
  isExemptedReason,
  isUndeterminedMessage,
  parseDiagnosticMessage,
  parseExemptedReason,
  parseFindingMessage,
  undeterminedRequirements,
} from "@palisade/core/findings";
import type { Diagnostic, PackInfo, PolicyInfo } from "./analyzer/session";

export type DiagnosticStatus = "violation" | "undetermined" | "exempted";

export interface ReportedDiagnostic extends Diagnostic {
  status: DiagnosticStatus;
  framework?: PackInfo["policies"][number]["framework"];
  /** The control the policy belongs to: its control tag, or the policy's own name when it has none. */
  control: string;
  /** `<rule>/<requirement>` when the pack names the requirement the finding breaks. */
  requirement?: string;
  /** The finding's own text: the message without the policy description line and the requirement id. */
  finding: string;
}

/** Undetermined: @pulumi/policy's message for a policy that read a value unknown during preview. */
export function classify(d: Diagnostic): DiagnosticStatus {
  if (isUndeterminedMessage(d.message)) return "undetermined";
  if (isExemptedReason(d.message)) return "exempted";
  return "violation";
}

/** The one requirement a list of ids names, if they name exactly one. */
function only(ids: readonly (string | undefined)[]): string | undefined {
  const distinct = new Set(ids);
  const [id] = distinct;
  return distinct.size === 1 ? id : undefined;
}

/** A finding's requirement id and own text, read as core's protocol writes them for each status. */
function findingOf(d: Diagnostic, status: DiagnosticStatus): { requirement?: string; message: string } {
  switch (status) {
    case "violation":
      return parseDiagnosticMessage(d.message, d.description);
    case "undetermined":
      return { requirement: only(undeterminedRequirements(d.message)), message: d.message };
    case "exempted":
      return {
        requirement: only(
          (parseExemptedReason(d.message)?.findings ?? []).map((f) => parseFindingMessage(f).requirement),
        ),
        message: d.message,
      };
  }
}

/** Reads one pack's diagnostics for the reports. */
export const diagnosticReader = (info: PackInfo) => {
  const policies = new Map(info.policies.map((p) => [p.name, p]));
  return (d: Diagnostic): ReportedDiagnostic => readDiagnostic(d, info, policies.get(d.policy));
};

function readDiagnostic(d: Diagnostic, info: PackInfo, policy: PolicyInfo | undefined): ReportedDiagnostic {
  // Exemptions arrive without pack or level; they belong to the exempted policy.
  const filled: Diagnostic = d.policyPack
    ? d
    : {
        ...d,
        policyPack: info.name,
        policyPackVersion: info.version,
        enforcementLevel: policy?.enforcementLevel ?? d.enforcementLevel,
        severity: policy?.severity ?? d.severity,
        description: policy?.description ?? "",
      };
  const status = classify(filled);
  const parsed = findingOf(filled, status);
  return {
    ...filled,
    status,
    framework: policy?.framework,
    control: (policy && controlOfTags(policy.tags)) ?? d.policy,
    ...(parsed.requirement ? { requirement: parsed.requirement } : {}),
    finding: parsed.message,
  };
}
