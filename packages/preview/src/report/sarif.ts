/**
 * SARIF 2.1.0 for GitHub code scanning: one run per pack, one result per finding. Code scanning shows one
 * rule per `ruleId`, so a finding that names its requirement (`<rule>/<requirement>`) is reported under a
 * rule for that requirement, related to its policy's rule as a subset of it; a finding without one (a
 * foreign pack) is reported under its policy's rule. Each result sits on the line that declared its
 * resource; registrations the preview could not see inside get a run of their own.
 */
import * as path from "node:path";
import type { Log, PhysicalLocation, ReportingDescriptor, Result, Run } from "sarif";
import type { PolicyInfo } from "../analyzer/session";
import type { PreviewResult } from "../engine";
import { notAnalyzableOffline, REMOTE_REASON } from "./json";

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

/** A path relative to the working directory, with forward slashes, as code scanning wants it. */
const relativeUri = (cwd: string, file: string) => path.relative(cwd, file).split(path.sep).join("/");

/**
 * Where a resource was declared: its own source position, else its nearest ancestor's (a child created
 * in a callback, where no user frame was on the stack), else the program's entry file.
 */
function locator(result: PreviewResult, cwd: string): (urn: string) => PhysicalLocation {
  const entry = path.join(result.project.dir, result.project.main === "." ? "index.ts" : result.project.main);
  const byUrn = new Map(result.resources.map((r) => [r.urn, r]));
  return (urn) => {
    let resource = byUrn.get(urn);
    for (let depth = 0; resource && !resource.source && depth < 1000; depth++)
      resource = byUrn.get(resource.parent);
    const source = resource?.source;
    if (!source) return { artifactLocation: { uri: relativeUri(cwd, entry) } };
    return {
      artifactLocation: { uri: relativeUri(cwd, path.join(result.project.dir, source.file)) },
      region: { startLine: source.line, startColumn: source.column },
    };
  };
}

/** The preview's own run: what it could not analyze, so code scanning shows the gap where it is. */
function previewRun(result: PreviewResult, locate: (urn: string) => PhysicalLocation): Run {
  const rule: ReportingDescriptor = {
    id: "not-analyzable-offline",
    name: "not-analyzable-offline",
    shortDescription: { text: "A remote component the offline preview cannot see inside" },
    fullDescription: { text: REMOTE_REASON },
    help: {
      text:
        "Run `pulumi preview --policy-pack` with the provider plugins installed to analyze its children; " +
        "until then, treat every control this report shows as incomplete for them.",
    },
  };
  return {
    tool: { driver: { name: "palisade preview", rules: [rule] } },
    results: notAnalyzableOffline(result).map((r) => ({
      ruleId: rule.id,
      ruleIndex: 0,
      level: "warning",
      kind: "review",
      message: { text: `${r.type} ${r.name} is not analyzable offline: ${REMOTE_REASON}` },
      locations: [
        {
          physicalLocation: locate(r.urn),
          logicalLocations: [{ fullyQualifiedName: r.urn, kind: "resource" }],
        },
      ],
    })),
  };
}

export function sarifReport(result: PreviewResult, cwd = process.cwd()): Log {
  const locate = locator(result, cwd);
  const entry = locate("");
  return {
    version: "2.1.0",
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    runs: [
      ...result.packs.map((pack): Run => {
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
            level:
              d.status !== "violation" ? "note" : d.enforcementLevel === "mandatory" ? "error" : "warning",
            kind: d.status === "violation" ? "fail" : d.status === "exempted" ? "informational" : "review",
            message: { text: d.finding || d.description },
            locations: [
              {
                physicalLocation: d.urn ? locate(d.urn) : entry,
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
      ...(result.resources.some((r) => r.remote) ? [previewRun(result, locate)] : []),
    ],
  };
}
