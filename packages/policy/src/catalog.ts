/**
 * The shipped control catalog (`docs/controls/<framework>.md`), generated from the framework definition so
 * it can never drift from the code: control, citation, requirement, severity, the rule per target, and
 * the framework's requirements no preview-time check can cover.
 */
import type { FrameworkDefinition } from "./pack";

const cell = (text: string) => text.replace(/\|/g, "\\|");

export function renderCatalog(definition: FrameworkDefinition): string {
  const lines = [
    `# ${definition.framework.name}: control catalog`,
    "",
    `Generated from \`@palisade/policy\` by \`pnpm --filter @palisade/policy gen:catalog\`; do not edit by hand.`,
    `Pack: \`${definition.packName}\` (${definition.framework.version}).`,
    "",
    "| control | citation | requirement | severity | level | exemptible | rules (target: policy) |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const c of definition.controls) {
    const rules = c.rules.map((r) => `${r.target}: \`${r.id}\``).join("<br>");
    lines.push(
      `| ${c.id} | ${cell(c.reference)} | ${cell(c.requirement)} | ${c.severity} | ${c.enforcementLevel ?? "mandatory"} | ${c.nonExemptible ? "no" : "yes"} | ${rules} |`,
    );
  }
  lines.push(
    "",
    "## Rules",
    "",
    "| policy | target | checks | config (defaults) |",
    "| --- | --- | --- | --- |",
  );
  for (const r of definition.controls.flatMap((c) => c.rules)) {
    const config = Object.entries(r.config ?? {}).map(([k, s]) => `${k} = ${JSON.stringify(s.default)}`);
    lines.push(
      `| \`${r.id}\` | ${r.target} | ${cell(r.description)} | ${["exemptions = []", ...config].join("<br>")} |`,
    );
  }
  lines.push("", "## Not coverable by a preview-time check", "");
  for (const item of definition.notCoverable) lines.push(`- ${item}`);
  return lines.join("\n") + "\n";
}
