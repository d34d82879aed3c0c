/** The terminal report: diagnostics grouped by severity, then the summary. */
import Table from "cli-table3";
import { createColors } from "picocolors";
import type { PreviewResult } from "../engine";
import { summarize } from "./json";

const ORDER = ["critical", "high", "medium", "low", ""] as const;

export function tableReport(result: PreviewResult, color: boolean): string {
  const pc = createColors(color);
  const lines: string[] = [];
  for (const severity of ORDER) {
    const group = result.diagnostics.filter((d) => d.severity === severity);
    if (group.length === 0) continue;
    lines.push(pc.bold(`${severity ? severity.toUpperCase() : "UNSPECIFIED"} (${group.length})`));
    const table = new Table({
      head: ["status", "level", "policy", "resource", "message"],
      wordWrap: true,
      colWidths: [14, 11, 34, 40, 60],
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
        `${d.policyPack}/${d.policy}`,
        d.urn.split("::").pop() ?? d.urn,
        d.message,
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
  return lines.join("\n");
}
