/**
 * The shipped control catalog (`docs/controls/<framework>.md`), generated from a framework definition so
 * it can never drift from the code: each control with its citation and rules, each rule with its config
 * defaults under the framework's baseline, and each requirement with its id, what it checks, its own
 * cloud's remediation and whether a first preview can judge it. Knows no framework by name.
 */
import { SENSITIVE_PORTS, describePorts } from "@palisade/core";
import { configDefaults, type FrameworkDefinition } from "./pack";
import { isTypeGlob, requirementId, type Requirement, type Rule, type Target } from "./rule";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

const JUDGED_ON: Record<Rule["judgedOn"], string> = {
  inputs: "each resource's inputs (Analyze)",
  stack: "the whole stack, with property dependencies (AnalyzeStack)",
};

function configLine(rule: Rule, definition: FrameworkDefinition): string {
  const values = Object.entries(configDefaults(rule, definition.baseline)).map(
    ([key, value]) => `\`${key}\` = \`${JSON.stringify(value)}\``,
  );
  return ["`exemptions` = `[]`", ...values].join(", ");
}

export function renderCatalog(definition: FrameworkDefinition): string {
  const lines = [
    `# ${definition.framework.name}: control catalog`,
    "",
    "Generated from `@palisade/policy` by `pnpm gen:catalog`; do not edit by hand.",
    `Pack: \`${definition.packName}\` (${definition.framework.version}).`,
    "",
    "Each finding names one requirement, `<rule>/<requirement>`, at the start of its message; an exemption may",
    "name a requirement (`requirement`), and then only that requirement is excused. Each requirement is judged",
    "on its own: a value unknown at preview leaves only the requirements that read it undetermined.",
    "",
    "## Controls",
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
  lines.push(...coverage(definition));
  if (definition.scope && definition.scope.length > 0)
    lines.push(
      "",
      "## Scope",
      "",
      ...definition.scope.flatMap((paragraph, i) => (i ? ["", paragraph] : [paragraph])),
    );
  lines.push("", "## Rules and their requirements");
  for (const c of definition.controls) {
    for (const rule of c.rules) {
      lines.push(
        "",
        `### \`${rule.id}\``,
        "",
        `${rule.description}. Control \`${c.id}\`; target ${rule.target}; judged on ${JUDGED_ON[rule.judgedOn]}.`,
        `Config (defaults): ${configLine(rule, definition)}.`,
        "",
        "| requirement | checks | remediation | at preview |",
        "| --- | --- | --- | --- |",
      );
      for (const r of rule.requirements as readonly Requirement<never>[]) {
        const preview = r.afterDeployment ? `after deployment when: ${r.afterDeployment}` : "judged";
        const checks = r.perStack ? `Once per stack: ${r.description}` : r.description;
        lines.push(
          `| \`${requirementId(rule, r)}\` | ${cell(checks)} | ${cell(r.remediation)} | ${cell(preview)} |`,
        );
      }
    }
  }
  lines.push(
    "",
    "## Sensitive ports",
    "",
    "Rules with a `sensitivePorts` setting judge these ports by default (an all-ports rule opens every one):",
    "",
    `${describePorts(SENSITIVE_PORTS)}.`,
    "",
    "## Not coverable by a preview-time check",
  );
  for (const target of [undefined, ...TARGETS]) {
    const items = definition.notCoverable.filter((n) => n.target === target);
    if (items.length === 0) continue;
    lines.push("", `### ${target ? TARGET_NAMES[target] : "Any target"}`, "");
    for (const { item } of items) lines.push(`- ${item}`);
  }
  return lines.join("\n") + "\n";
}

const TARGETS: readonly Target[] = ["aws", "azure", "gcp", "kubernetes"];
const TARGET_NAMES: Record<Target, string> = {
  aws: "AWS",
  azure: "Azure",
  gcp: "GCP",
  kubernetes: "Kubernetes",
};

/**
 * The service a type token belongs to: its provider module (`aws:s3/bucketV2:BucketV2` is `s3`,
 * `azure-native:storage:StorageAccount` is `storage`), or for Kubernetes, whose modules are API groups,
 * the kind (`kubernetes:apps/v1:Deployment` is `Deployment`); a glob is "every resource".
 */
export function serviceOf(type: string): string {
  if (isTypeGlob(type)) return "every resource";
  const [provider = "", module = "", name = ""] = type.split(":");
  return provider === "kubernetes" ? name : (module.split("/")[0] ?? module);
}

/** Per target: its policies, requirements and the services their types belong to. */
function coverage(definition: FrameworkDefinition): string[] {
  const rules = definition.controls.flatMap((c) => c.rules);
  const lines = [
    "",
    "## Coverage by target",
    "",
    "| target | policies | requirements | services |",
    "| --- | --- | --- | --- |",
  ];
  for (const target of TARGETS) {
    const own = rules.filter((r) => r.target === target);
    if (own.length === 0) continue;
    const requirements = own.reduce((n, r) => n + r.requirements.length, 0);
    const services = [...new Set(own.flatMap((r) => r.types.map(serviceOf)))].sort();
    lines.push(
      `| ${TARGET_NAMES[target]} | ${own.length} | ${requirements} | ${services.length}: ${services.join(", ")} |`,
    );
  }
  return lines;
}
