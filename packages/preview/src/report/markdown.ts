/**
 * A Markdown compliance report: per framework, one row per control (grouped by control id, never by
 * citation), with exactly one status: passed, violated, undetermined, exempted or not evaluated.
 */
import type { ControlResult, ControlStatus, NotEvaluatedReason } from "../controls";
import type { PreviewResult, ReportedDiagnostic } from "../engine";
import { notAnalyzableOffline, summarize } from "./json";

const STATUS: Record<ControlStatus, string> = {
  passed: "passed",
  violated: "violated",
  undetermined: "undetermined",
  exempted: "exempted",
  incomplete: "incomplete",
  "not-evaluated": "not evaluated",
};

const WHY: Record<NotEvaluatedReason, string> = {
  "nothing-in-scope": "nothing in scope",
  disabled: "disabled",
  "scope-not-reported": "scope not reported by the pack",
};

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

function status(s: ControlStatus, reason: NotEvaluatedReason | undefined): string {
  return reason ? `${STATUS[s]} (${WHY[reason]})` : STATUS[s];
}

function finding(d: ReportedDiagnostic): string {
  const resource = d.urn ? (d.urn.split("::").pop() ?? d.urn) : "stack";
  const id = d.requirement ?? d.policy;
  return cell(`${resource}: ${d.status === "violation" ? "" : `${d.status} `}${id}: ${d.finding}`);
}

export function markdownReport(result: PreviewResult): string {
  const s = summarize(result);
  const lines = [
    `# Compliance report: ${result.project.name} (${result.project.stack})`,
    "",
    `Offline preview by palisade of ${s.resources} resources. Packs: ${result.packs.map((p) => `${p.name} ${p.version}`).join(", ") || "none"}.`,
    `Findings: ${s.mandatory} mandatory, ${s.advisory} advisory, ${s.undetermined} undetermined at preview, ${s.exempted} exempted.`,
    ...(s.incomplete > 0
      ? [
          `**Incomplete:** ${s.incomplete} registration${s.incomplete === 1 ? " is" : "s are"} not analyzable offline (below); no control passed.`,
        ]
      : []),
    `Controls: ${(Object.keys(STATUS) as ControlStatus[]).map((k) => `${s.controls[k]} ${STATUS[k]}`).join(", ")}.`,
    "",
    "A control **passed** when at least one resource in its scope was evaluated and nothing was violated; it " +
      "is **not evaluated** when nothing in its scope was (no resource of its types in the program as the " +
      "preview saw it, for instance inside a remote component; its policies disabled; or a pack that does not " +
      "report which resources its policies judge). It is **incomplete** when the program holds remote " +
      "components, whose children the offline preview cannot see, and nothing visible was violated.",
  ];
  const hidden = notAnalyzableOffline(result);
  if (hidden.length > 0)
    lines.push(
      "",
      "## Not analyzable offline",
      "",
      "Remote components: only their provider plugin constructs their children, which a real " +
        "`pulumi preview --policy-pack` registers and analyzes. Nothing inside them was evaluated here.",
      "",
      "| type | URN |",
      "| --- | --- |",
      ...hidden.map((r) => `| ${cell(r.type)} | ${cell(r.urn)} |`),
    );
  const frameworks = new Map<string, ControlResult[]>();
  for (const control of result.controls) {
    const heading = `${control.framework ?? "Not mapped to a framework"} (${control.pack})`;
    frameworks.set(heading, [...(frameworks.get(heading) ?? []), control]);
  }
  for (const [framework, controls] of frameworks) {
    lines.push(
      "",
      `## ${framework}`,
      "",
      "| control | citation | requirement | status | policies | findings |",
      "| --- | --- | --- | --- | --- | --- |",
    );
    for (const c of controls) {
      const findings = result.diagnostics.filter((d) => d.policyPack === c.pack && d.control === c.control);
      const policies = c.policies.map((p) => `${p.name} (${status(p.status, p.reason)})`).join("<br>");
      lines.push(
        `| ${cell(c.control)} | ${cell(c.citations.join("; ") || "none")} | ${cell(c.requirements.join("; "))} | ${status(c.status, c.reason)} | ${policies} | ${findings.map(finding).join("<br>") || "none"} |`,
      );
    }
  }
  return lines.join("\n") + "\n";
}
