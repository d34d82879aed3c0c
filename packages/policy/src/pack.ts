/**
 * Turns a framework definition (controls with citations, each enforced by rules) into @pulumi/policy
 * policies: one policy per rule, carrying its control's framework metadata, severity, enforcement level,
 * remediation and URL, with the sector baseline's values as config defaults and exemptions.
 */
import type {
  EnforcementLevel,
  Policy,
  PolicyResource,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import {
  EXEMPTIONS_SCHEMA,
  checkExemptions,
  exemptedMessage,
  findExemption,
  type Exemption,
} from "./exemptions";
import type { Rule, RuleConfig } from "./rule";

export type Severity = "low" | "medium" | "high" | "critical";

export interface Control {
  /** Catalog id, e.g. `hipaa-storage-encrypted-cmk`. */
  id: string;
  /** The citation, e.g. `45 CFR 164.312(a)(2)(iv)`. */
  reference: string;
  /** What the regulation requires, in a sentence. */
  requirement: string;
  severity: Severity;
  /** @default "mandatory" */
  enforcementLevel?: EnforcementLevel;
  remediationSteps: string;
  url: string;
  /** Exemptions never apply (for controls where an exception would defeat the regulation). */
  nonExemptible?: boolean;
  rules: Rule[];
}

export interface FrameworkDefinition {
  /** The pack's name, e.g. `palisade-hipaa`. */
  packName: string;
  framework: { name: string; version: string };
  controls: Control[];
  /** Requirements of the framework that no preview-time check can cover, listed in the catalog. */
  notCoverable: string[];
}

interface Config extends RuleConfig {
  exemptions?: Exemption[];
}

function configSchema(rule: Rule) {
  return { properties: { exemptions: EXEMPTIONS_SCHEMA, ...rule.config } };
}

export function policyFor(control: Control, rule: Rule): Policy {
  const base = {
    name: rule.id,
    description: `${rule.description} (${control.reference})`,
    enforcementLevel: control.enforcementLevel ?? "mandatory",
    severity: control.severity,
    framework: { name: "", version: "", reference: control.reference, specification: control.requirement },
    remediationSteps: control.remediationSteps,
    url: control.url,
    tags: [control.id, rule.target],
    configSchema: configSchema(rule),
  };
  // The engine applies schema defaults when it sends config; a pack run with none still gets them.
  const defaults = Object.fromEntries(
    Object.entries(rule.config ?? {}).map(([key, schema]) => [key, schema.default]),
  );
  const configOf = (args: { getConfig<T extends object>(): T }): Config => {
    const config: Config = { ...defaults, ...args.getConfig<Config>() };
    return { ...config, exemptions: checkExemptions(rule.id, config.exemptions) };
  };
  const exemption = (config: Config, policy: string, resource: { urn: string; name: string }) =>
    control.nonExemptible ? undefined : findExemption(config.exemptions, policy, resource);

  if (rule.kind === "resource") {
    const policy: ResourceValidationPolicy = {
      ...base,
      validateResource: (args, report) => {
        if (!rule.types.includes(args.type)) return;
        const config = configOf(args);
        const findings = rule.check(args.props as Record<string, unknown>, args, config);
        if (findings.length === 0) return;
        const exempt = exemption(config, rule.id, args);
        // An exempted finding is reported as not applicable with the reason, so it never fails a preview
        // yet stays visible; the `[exempted]` prefix is what palisade preview counts.
        if (exempt) args.notApplicable(exemptedMessage(exempt, findings));
        for (const finding of findings) report(finding);
      },
    };
    return policy;
  }
  const policy: StackValidationPolicy = {
    ...base,
    validateStack: (args, report) => {
      const config = configOf(args);
      const byUrn = new Map<string, PolicyResource>(args.resources.map((r) => [r.urn, r]));
      const exempted: string[] = [];
      for (const finding of rule.check(args.resources, config)) {
        const resource = byUrn.get(finding.urn);
        const exempt = resource ? exemption(config, rule.id, resource) : undefined;
        if (exempt) exempted.push(exemptedMessage(exempt, [`${finding.urn}: ${finding.message}`]));
        else report(finding.message, finding.urn || undefined);
      }
      if (exempted.length > 0) args.notApplicable(exempted.join("\n"));
    },
  };
  return policy;
}

/** Every policy of a framework, with the framework's name and version stamped on each. */
export function buildPolicies(definition: FrameworkDefinition): Policy[] {
  const ids = new Set<string>();
  return definition.controls.flatMap((control) =>
    control.rules.map((rule) => {
      if (ids.has(rule.id)) throw new Error(`rule ${rule.id} appears twice in ${definition.packName}`);
      ids.add(rule.id);
      const policy = policyFor(control, rule);
      policy.framework = {
        ...policy.framework!,
        name: definition.framework.name,
        version: definition.framework.version,
      };
      return policy;
    }),
  );
}
