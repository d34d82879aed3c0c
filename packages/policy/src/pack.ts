/**
 * Turns a framework (a sector baseline plus a list of controls, each enforced by rules) into @pulumi/policy
 * policies: one policy per rule, named after it, carrying its control's id (as a tag), citation, severity,
 * enforcement level and URL, its own cloud's remediation per requirement, and the baseline's values as
 * config defaults. Each requirement is judged on its own and each finding names it; exemptions may name
 * a requirement. Nothing here knows a framework by name.
 */
import type {
  EnforcementLevel,
  Policy,
  PolicyResource,
  ReportViolation,
  ResourceValidation,
  ResourceValidationPolicy,
  StackValidation,
  StackValidationPolicy,
} from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import {
  exemptedReasons,
  findingMessage,
  outOfScopeReason,
  policyTags,
  undeterminedReason,
  type ExemptedReason,
  type SectorBaseline,
} from "@palisade/core";
import { EXEMPTIONS_SCHEMA, checkExemptions, findExemption, type Exemption } from "./exemptions";
import {
  dependents,
  isTypeGlob,
  judges,
  matchesType,
  type InputsContext,
  requirementId,
  type Requirement,
  type ResourceRule,
  type Rule,
  type RuleConfig,
  type StackContext,
  type StackRule,
  type Target,
} from "./rule";
import { isUnknownValueError } from "./unknowns";

export type Severity = "low" | "medium" | "high" | "critical";

export interface Control {
  /** Catalog id, e.g. `hipaa-storage-encrypted-cmk`; policies carry it as the `control:` tag. */
  id: string;
  /** The citation, e.g. `45 CFR 164.312(a)(2)(iv)`. */
  reference: string;
  /** What the regulation requires, in a sentence. */
  requirement: string;
  severity: Severity;
  /** @default "mandatory" */
  enforcementLevel?: EnforcementLevel;
  url: string;
  /** Exemptions never apply (for controls where an exception would defeat the regulation). */
  nonExemptible?: boolean;
  rules: Rule[];
}

/** A framework: a sector baseline (the numbers rules judge against) plus a list of controls. */
export interface FrameworkDefinition {
  /** The pack's name, e.g. `palisade-hipaa`. */
  packName: string;
  framework: { name: string; version: string };
  baseline: SectorBaseline;
  controls: Control[];
  /** Requirements of the framework that no preview-time check can cover, listed in the catalog. */
  notCoverable: NotCoverable[];
  /** How the pack decides what it judges beyond types (data classes, settings), one paragraph each, for the catalog. */
  scope?: string[];
}

/** What no preview-time check can cover: on one target, or (no target) on any, e.g. an administrative safeguard. */
export interface NotCoverable {
  target?: Target;
  item: string;
}

interface Config extends RuleConfig {
  exemptions?: Exemption[];
}

/** The rule's remediation, one line per requirement, each led by the requirement id it fixes. */
export function remediationSteps(rule: Rule): string {
  return rule.requirements
    .map((r: Requirement<never>) => findingMessage(requirementId(rule, r), r.remediation))
    .join("\n");
}

/** The rule's config defaults under `baseline`. */
export function configDefaults(rule: Rule, baseline: SectorBaseline): RuleConfig {
  return Object.fromEntries(
    Object.entries(rule.config ?? {}).map(([key, setting]) => [key, setting.default(baseline)]),
  );
}

function configSchema(rule: Rule, baseline: SectorBaseline) {
  const settings = Object.entries(rule.config ?? {}).map(
    ([key, setting]): [string, PolicyConfigJSONSchema] => [
      key,
      { ...setting.schema, default: setting.default(baseline) } as PolicyConfigJSONSchema,
    ],
  );
  return { properties: { exemptions: EXEMPTIONS_SCHEMA, ...Object.fromEntries(settings) } };
}

/**
 * Reports `message` as the diagnostic's whole message. @pulumi/policy's server puts the policy description
 * in front of a plain string; given an object it takes the message as it is, so the requirement id leads
 * it as the findings protocol in @palisade/core says.
 */
function reportFinding(report: ReportViolation, message: string, urn?: string): void {
  (report as unknown as (violation: { message: string; urn?: string }) => void)({ message, urn });
}

/** A requirement's error, led by the requirement id: the unknown value it read, or a bug in its check. */
function judge(id: string, check: () => string[]): string[] {
  try {
    return check();
  } catch (error) {
    if (error instanceof Error) error.message = undeterminedReason(id, error.message);
    throw error;
  }
}

export function policyFor(control: Control, rule: Rule, baseline: SectorBaseline): Policy {
  if (rule.requirements.length === 0) throw new Error(`rule ${rule.id} has no requirements`);
  const base = {
    name: rule.id,
    description: `${rule.description} (${control.reference})`,
    enforcementLevel: control.enforcementLevel ?? "mandatory",
    severity: control.severity,
    framework: { name: "", version: "", reference: control.reference, specification: control.requirement },
    remediationSteps: remediationSteps(rule),
    url: control.url,
    tags: policyTags(control.id, rule.target),
    configSchema: configSchema(rule, baseline),
  };
  // The engine applies schema defaults when it sends config; a pack run with none still gets them.
  const defaults = configDefaults(rule, baseline);
  const ids = rule.requirements.map((r: Requirement<never>) => requirementId(rule, r));
  const configOf = (args: { getConfig<T extends object>(): T }): Config => {
    const config: Config = { ...defaults, ...args.getConfig<Config>() };
    return { ...config, exemptions: checkExemptions(rule.id, config.exemptions, ids) };
  };
  const exemption = (config: Config, requirement: string, resource: { urn: string; name: string }) =>
    control.nonExemptible ? undefined : findExemption(config.exemptions, rule.id, requirement, resource);

  if (rule.judgedOn === "inputs") {
    const policy: ResourceValidationPolicy = { ...base, validateResource: resourceValidation(rule) };
    return policy;
  }
  const policy: StackValidationPolicy = { ...base, validateStack: stackValidation(rule) };
  return policy;

  /**
   * Judges every requirement `type` falls under on one subject: reports its findings, and collects what
   * it could not read and what an exemption covers, each led by its requirement id.
   */
  function judgeSubject<C extends InputsContext>(
    requirements: readonly Requirement<C>[],
    props: Record<string, unknown>,
    context: C & { config: Config },
    report: ReportViolation,
    verdict: Verdict,
    urn?: string,
    stackWide = false,
  ): void {
    // Stack findings name the resource, since the diagnostic is the stack's; per-stack ones name none.
    const where = (text: string) => (urn ? `${text} (${urn})` : text);
    for (const requirement of requirements) {
      if (!judges(rule, requirement, context.type)) continue;
      const id = requirementId(rule, requirement);
      let messages: string[];
      try {
        // Whether the requirement applies may itself read an unknown value (tags of a new resource).
        const outOfScope = judge(id, () => {
          const reason = requirement.outOfScope?.(props, context);
          return reason === undefined ? [] : [reason];
        });
        if (outOfScope.length > 0) {
          verdict.outOfScope.add(outOfScope[0]!);
          continue;
        }
        verdict.judged = true;
        messages = judge(id, () => requirement.check(props, context));
      } catch (error) {
        if (!isUnknownValueError(error)) throw error;
        verdict.undetermined.push(where(error.message));
        verdict.unknown ??= error;
        continue;
      }
      if (messages.length === 0) continue;
      const findings = messages.map((m) => findingMessage(id, m));
      const exempt = stackWide ? undefined : exemption(context.config, id, context);
      if (!exempt) for (const finding of findings) reportFinding(report, finding, urn);
      else
        verdict.exempted.push({
          reason: exempt.reason,
          expires: exempt.expires,
          findings: findings.map(where),
        });
    }
  }

  /**
   * One validation judging every requirement: @pulumi/policy deserializes a resource's props once per
   * validation before calling it, so one per requirement cost every policy that many copies of every
   * resource, in scope or not (bench/preview).
   */
  function resourceValidation(rule: ResourceRule): ResourceValidationPolicy["validateResource"] {
    const outOfScope = outOfScopeReason(rule.types);
    const validation: ResourceValidation = (args, report) => {
      // Scope: a policy not judging this type says so, so a report can tell "judged, found nothing"
      // from "nothing in scope" (the finding protocol's scope signal).
      if (!matchesType(rule.types, args.type)) notApplicable(args, outOfScope);
      const context = {
        type: args.type,
        name: args.name,
        urn: args.urn,
        provider: args.provider?.props,
        protect: args.opts.protect,
        config: configOf(args),
      };
      const verdict = emptyVerdict();
      judgeSubject(rule.requirements, args.props, context, report, verdict);
      conclude(args, verdict);
    };
    return typed(rule, validation);
  }

  /**
   * A stack policy runs once for the whole stack: its per-stack requirements once, on the first resource
   * of its types, then every other requirement on every resource.
   */
  function stackValidation(rule: StackRule): StackValidationPolicy["validateStack"] {
    const perStack = rule.requirements.filter((r) => r.perStack);
    const perResource = rule.requirements.filter((r) => !r.perStack);
    return typed(rule, (args, report) => {
      const first = args.resources.find((r) => matchesType(rule.types, r.type));
      if (!first) notApplicable(args, outOfScopeReason(rule.types));
      const config = configOf(args);
      const verdict = emptyVerdict();
      const context = stackContext(first, args.resources, config);
      judgeSubject(perStack, first.props, { ...context, config }, report, verdict, undefined, true);
      for (const resource of args.resources) {
        const context = stackContext(resource, args.resources, config);
        judgeSubject(perResource, resource.props, { ...context, config }, report, verdict, resource.urn);
      }
      conclude(args, verdict);
    });
  }
}

/**
 * `validation`, carrying the rule's type when it has one (`__pulumiType`, as @pulumi/policy's
 * `validateResourceOfType` and `validateStackResourcesOfType` set it): the policy server then answers
 * "not applicable" for a resource, or a stack, without that type before reading any props.
 */
function typed<V extends ResourceValidation | StackValidation>(rule: Rule, validation: V): V {
  const [only, ...more] = rule.types;
  return only !== undefined && more.length === 0 && !isTypeGlob(only)
    ? Object.assign(validation, { __pulumiType: only })
    : validation;
}

/** What judging left to say after the findings were reported. */
interface Verdict {
  /** Whether any requirement judged anything (rather than every one being out of scope). */
  judged: boolean;
  /** Why requirements were out of scope, when none judged anything. */
  outOfScope: Set<string>;
  /** Each requirement that read a value unknown at preview, led by its id. */
  undetermined: string[];
  /** The first such error, rethrown with every undetermined requirement as its message. */
  unknown?: Error;
  exempted: ExemptedReason[];
}

const emptyVerdict = (): Verdict => ({
  judged: false,
  outOfScope: new Set(),
  undetermined: [],
  exempted: [],
});

/**
 * Ends a validation with its one result beyond the findings: @pulumi/policy takes one error or one
 * not-applicable reason per validation. What it could not judge wins over the exempted findings, which
 * fail nothing either way and show again once every value is known; several requirements share the one
 * message (undetermined joined with "; ", exempted one a line), each still led by its own id.
 */
function conclude(args: { notApplicable(reason?: string): never }, verdict: Verdict): void {
  if (verdict.unknown) {
    verdict.unknown.message = verdict.undetermined.join("; ");
    throw verdict.unknown;
  }
  if (verdict.exempted.length > 0) notApplicable(args, exemptedReasons(verdict.exempted));
  // Nothing judged because every requirement was out of scope: say why rather than pass silently.
  if (!verdict.judged && verdict.outOfScope.size > 0) notApplicable(args, [...verdict.outOfScope].join("; "));
}

/**
 * Says the policy does not apply, as `args.notApplicable` does: by throwing an error @pulumi/policy's
 * server catches and turns into its answer. Nothing reads that error's stack trace, and capturing one
 * for every policy not judging a resource was a fifth of a pack's time per resource (bench/preview), so
 * none is captured.
 */
function notApplicable(args: { notApplicable(reason?: string): never }, reason: string): never {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return args.notApplicable(reason);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function stackContext(
  resource: PolicyResource,
  resources: readonly PolicyResource[],
  config: RuleConfig,
): StackContext {
  return {
    type: resource.type,
    name: resource.name,
    urn: resource.urn,
    provider: resource.provider?.props,
    protect: resource.opts.protect,
    config,
    stack: {
      subject: resource,
      resources,
      dependents: (types, key) => dependents(resources, types, key, resource),
      dependencies: (key) => resource.propertyDependencies[key] ?? [],
    },
  };
}

/** Every policy of a framework, with the framework's name and version stamped on each. */
export function buildPolicies(definition: FrameworkDefinition): Policy[] {
  const ids = new Set<string>();
  return definition.controls.flatMap((control) =>
    control.rules.map((rule) => {
      if (ids.has(rule.id)) throw new Error(`rule ${rule.id} appears twice in ${definition.packName}`);
      ids.add(rule.id);
      const policy = policyFor(control, rule, definition.baseline);
      policy.framework = {
        ...policy.framework!,
        name: definition.framework.name,
        version: definition.framework.version,
      };
      return policy;
    }),
  );
}
