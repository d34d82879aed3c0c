/** A Markdown compliance report: per framework and control, whether it passed, was violated, undetermined or exempted. */
import type { PreviewResult } from "../engine";
import { summarize } from "./json";

type ControlStatus = "violated" | "undetermined" | "exempted" | "passed";

export function markdownReport(result: PreviewResult): string {
  const s = summarize(result);
  const lines = [
    `# Compliance report: ${result.project.name} (${result.project.stack})`,
    "",
    `Offline preview by palisade of ${s.resources} resources. Packs: ${result.packs.map((p) => `${p.name} ${p.version}`).join(", ") || "none"}.`,
    `Findings: ${s.mandatory} mandatory, ${s.advisory} advisory, ${s.undetermined} undetermined at preview, ${s.exempted} exempted.`,
  ];
  const frameworks = new Map<
    string,
    { control: string; specification: string; policies: string[]; pack: string }[]
  >();
  for (const pack of result.packs) {
    for (const policy of pack.policies) {
      const framework = policy.framework
        ? `${policy.framework.name} ${policy.framework.version}`.trim()
        : "Not mapped to a framework";
      const control = policy.framework?.reference || policy.name;
      const rows = frameworks.get(framework) ?? [];
      const row = rows.find((r) => r.control === control && r.pack === pack.name);
      if (row) row.policies.push(policy.name);
      else
        rows.push({
          control,
          specification: policy.framework?.specification ?? policy.description,
          policies: [policy.name],
          pack: pack.name,
        });
      frameworks.set(framework, rows);
    }
  }
  for (const [framework, rows] of frameworks) {
    lines.push(
      "",
      `## ${framework}`,
      "",
      "| control | requirement | status | policies | findings |",
      "| --- | --- | --- | --- | --- |",
    );
    for (const row of rows) {
      const findings = result.diagnostics.filter(
        (d) => d.policyPack === row.pack && row.policies.includes(d.policy),
      );
      const status: ControlStatus = findings.some((d) => d.status === "violation")
        ? "violated"
        : findings.some((d) => d.status === "undetermined")
          ? "undetermined"
          : findings.some((d) => d.status === "exempted")
            ? "exempted"
            : "passed";
      const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
      lines.push(
        `| ${cell(row.control)} | ${cell(row.specification)} | ${status} | ${row.policies.join(", ")} | ${findings.length ? findings.map((d) => cell(`${d.urn.split("::").pop() ?? ""}: ${d.message}`)).join("<br>") : "none"} |`,
      );
    }
  }
  return lines.join("\n") + "\n";
}
