/** The terminal report: findings grouped by severity, then the summary of findings and of controls. */
import Table from "cli-table3";
import { createColors } from "picocolors";
import type { PreviewResult } from "../engine";
import { notAnalyzableOffline, summarize } from "./json";

const ORDER = ["critical", "high", "medium", "low", ""] as const;

const ID_WIDTH = 46;
const wrapId = (id: string) => (id.length > ID_WIDTH ? id.replace("/", "/\n") : id);

export function tableReport(result: PreviewResult, color: boolean): string {
  const pc = createColors(color);
  const lines: string[] = [];
  for (const severity of ORDER) {
    const group = result.diagnostics.filter((d) => d.severity === severity);
    if (group.length === 0) continue;
    lines.push(pc.bold(`${severity ? severity.toUpperCase() : "UNSPECIFIED"} (${group.length})`));
    const table = new Table({
      head: ["status", "level", "id", "resource", "message"],
      wordWrap: true,
      colWidths: [14, 11, 48, 32, 58],
      // cli-table3 colours its head and borders itself; plain when colour is off.
      style: color ? {} : { head: [], border: [] },
    });
    for (const d of group) {
      const status =
        d.status === "violation"
          ? pc.red(d.status)
          : d.status === "exempted"
            ? pc.cyan(d.status)
            : pc.yellow(d.status);
      table.push([
        status,
        d.enforcementLevel,
        // The requirement a finding breaks, when the pack names it; else pack/policy (foreign packs).
        // cli-table3 cuts a word longer than its column, so a long id breaks after its slash.
        wrapId(d.requirement ?? `${d.policyPack}/${d.policy}`),
        d.urn ? (d.urn.split("::").pop() ?? d.urn) : "(stack)",
        d.finding,
      ]);
    }
    lines.push(table.toString());
  }
  const s = summarize(result);
  const packs = result.packs.map((p) => `${p.name}@${p.version}`).join(", ") || "none";
  lines.push(
    `${s.resources} resources, packs: ${packs}: ` +
      `${s.mandatory ? pc.red(`${s.mandatory} mandatory`) : pc.green("0 mandatory")}, ${s.advisory} advisory, ` +
      `${s.undetermined} undetermined at preview, ${s.exempted} exempted`,
  );
  if (result.controls.length > 0) {
    const c = s.controls;
    lines.push(
      `controls: ${c.violated ? pc.red(`${c.violated} violated`) : "0 violated"}, ${c.undetermined} undetermined, ` +
        `${c.exempted} exempted, ${c.incomplete ? pc.yellow(`${c.incomplete} incomplete`) : "0 incomplete"}, ` +
        `${c.passed} passed, ${c["not-evaluated"]} not evaluated`,
    );
  }
  const hidden = notAnalyzableOffline(result);
  if (hidden.length > 0) {
    lines.push(
      pc.yellow(
        `INCOMPLETE: ${hidden.length} registration${hidden.length === 1 ? "" : "s"} not analyzable offline ` +
          "(remote components: only their provider plugin constructs their children, which a real " +
          "`pulumi preview` analyzes); no control passed:",
      ),
    );
    for (const r of hidden) lines.push(pc.yellow(`  ${r.type} ${r.urn}`));
  }
  return lines.join("\n");
}
