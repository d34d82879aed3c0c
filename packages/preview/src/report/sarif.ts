/** SARIF 2.1.0 for GitHub code scanning: one run per pack, one rule per policy, one result per finding. */
import * as path from "node:path";
import type { Log, ReportingDescriptor, Result } from "sarif";
import type { PreviewResult } from "../engine";

const SECURITY_SEVERITY: Record<string, string> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
  "": "5.0",
};

export function sarifReport(result: PreviewResult, cwd = process.cwd()): Log {
  // Code scanning places results on files: every finding points at the program's entry.
  const program = path
    .relative(
      cwd,
      path.join(result.project.dir, result.project.main === "." ? "index.ts" : result.project.main),
    )
    .split(path.sep)
    .join("/");
  return {
    version: "2.1.0",
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    runs: result.packs.map((pack) => {
      const rules: ReportingDescriptor[] = pack.policies.map((p) => ({
        id: p.name,
        name: p.name,
        shortDescription: { text: p.description || p.name },
        fullDescription: {
          text: [p.description, p.framework?.specification].filter(Boolean).join(" — ") || p.name,
        },
        ...(p.url ? { helpUri: p.url } : {}),
        help: { text: p.remediationSteps || p.description || p.name },
        properties: {
          tags: [...p.tags, ...(p.framework ? [p.framework.name] : [])],
          "security-severity": SECURITY_SEVERITY[p.severity] ?? "5.0",
          ...(p.framework ? { framework: p.framework } : {}),
        },
      }));
      const results: Result[] = result.diagnostics
        .filter((d) => d.policyPack === pack.name)
        .map((d) => ({
          ruleId: d.policy,
          level: d.status !== "violation" ? "note" : d.enforcementLevel === "mandatory" ? "error" : "warning",
          kind: d.status === "violation" ? "fail" : d.status === "exempted" ? "informational" : "review",
          message: { text: d.message || d.description },
          locations: [
            {
              physicalLocation: { artifactLocation: { uri: program } },
              logicalLocations: d.urn ? [{ fullyQualifiedName: d.urn, kind: "resource" }] : [],
            },
          ],
          properties: { enforcementLevel: d.enforcementLevel, status: d.status },
        }));
      return { tool: { driver: { name: pack.name, version: pack.version || "0.0.0", rules } }, results };
    }),
  };
}
