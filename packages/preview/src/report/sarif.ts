/**
 * SARIF 2.1.0 for GitHub code scanning: one run per pack, one result per finding. Code scanning shows one
 * rule per `ruleId`, so a finding that names its requirement (`<rule>/<requirement>`) is reported under a
 * rule for that requirement, related to its policy's rule as a subset of it; a finding without one (a
 * foreign pack) is reported under its policy's rule.
 */
import * as path from "node:path";
import type { Log, ReportingDescriptor, Result } from "sarif";
import type { PolicyInfo } from "../analyzer/session";
import type { PreviewResult } from "../engine";

const SECURITY_SEVERITY: Record<string, string> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
  "": "5.0",
};

function policyRule(p: PolicyInfo): ReportingDescriptor {
  return {
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
  };
}

function requirementRule(requirement: string, policy: PolicyInfo, policyIndex: number): ReportingDescriptor {
  const parent = policyRule(policy);
  return {
    ...parent,
    id: requirement,
    name: requirement,
    shortDescription: { text: `${policy.description || policy.name} (${requirement})` },
    properties: { ...parent.properties, policy: policy.name },
    relationships: [{ target: { id: policy.name, index: policyIndex }, kinds: ["subset"] }],
  };
}

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
      const rules: ReportingDescriptor[] = pack.policies.map(policyRule);
      const index = new Map(rules.map((r, i) => [r.id, i]));
      const diagnostics = result.diagnostics.filter((d) => d.policyPack === pack.name);
      for (const d of diagnostics) {
        const policy = pack.policies.findIndex((p) => p.name === d.policy);
        if (!d.requirement || index.has(d.requirement) || policy < 0) continue;
        index.set(d.requirement, rules.length);
        rules.push(requirementRule(d.requirement, pack.policies[policy]!, policy));
      }
      const results: Result[] = diagnostics.map((d) => {
        const ruleId = d.requirement && index.has(d.requirement) ? d.requirement : d.policy;
        return {
          ruleId,
          ...(index.has(ruleId) ? { ruleIndex: index.get(ruleId) } : {}),
          level: d.status !== "violation" ? "note" : d.enforcementLevel === "mandatory" ? "error" : "warning",
          kind: d.status === "violation" ? "fail" : d.status === "exempted" ? "informational" : "review",
          message: { text: d.finding || d.description },
          locations: [
            {
              physicalLocation: { artifactLocation: { uri: program } },
              logicalLocations: d.urn ? [{ fullyQualifiedName: d.urn, kind: "resource" }] : [],
            },
          ],
          properties: {
            enforcementLevel: d.enforcementLevel,
            status: d.status,
            policy: d.policy,
            control: d.control,
            ...(d.requirement ? { requirement: d.requirement } : {}),
          },
        };
      });
      return { tool: { driver: { name: pack.name, version: pack.version || "0.0.0", rules } }, results };
    }),
  };
}
