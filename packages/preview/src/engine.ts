/** The offline preview, end to end: run the program, start the packs, analyze, and build the report. */
import { readFileSync } from "node:fs";
import {
  controlOfTags,
  isExemptedReason,
  isUndeterminedMessage,
  parseDiagnosticMessage,
  parseExemptedReason,
  parseFindingMessage,
  undeterminedRequirements,
} from "@palisade/core/findings";
import {
  AnalyzerSession,
  type Answer,
  type CapturedProvider,
  type Diagnostic,
  type PackInfo,
  type PolicyConfigFile,
} from "./analyzer/session";
import { startPack, type StartedPack } from "./analyzer/pack-process";
import { controlResults, emptyEvidence, type ControlResult, type PolicyEvidence } from "./controls";
import { PreviewError } from "./errors";
import type { CapturedResource, Mode } from "./model";
import { runProgram } from "./program";
import { loadProject, type Project } from "./project";

/** How long the program and each Analyzer call may take before the run ends with exit 2. */
export const DEFAULT_TIMEOUTS = { packSeconds: 60, programSeconds: 600, analyzeSeconds: 120 } as const;

export interface PreviewOptions {
  projectDir: string;
  policyPacks: string[];
  stack: string;
  config: string[];
  policyConfig?: string;
  mode: Mode;
  packTimeoutSeconds: number;
  /** How long the program may run. @default DEFAULT_TIMEOUTS.programSeconds */
  programTimeoutSeconds?: number;
  /** How long one Analyzer call to a pack may take. @default DEFAULT_TIMEOUTS.analyzeSeconds */
  analyzeTimeoutSeconds?: number;
  invokeFixtures?: string;
  /** Record the line that declared each resource, for SARIF locations. @default true */
  sourcePositions?: boolean;
  onProgress?: (message: string) => void;
}

export type DiagnosticStatus = "violation" | "undetermined" | "exempted";

export interface ReportedDiagnostic extends Diagnostic {
  status: DiagnosticStatus;
  framework?: PackInfo["policies"][number]["framework"];
  /** The control the policy belongs to: its control tag, or the policy's own name when it has none. */
  control: string;
  /** `<rule>/<requirement>` when the pack names the requirement the finding breaks. */
  requirement?: string;
  /** The finding's own text: the message without the policy description line and the requirement id. */
  finding: string;
}

export interface PreviewResult {
  project: Project;
  resources: CapturedResource[];
  packs: PackInfo[];
  diagnostics: ReportedDiagnostic[];
  /** Per pack and control, in pack order: passed, violated, undetermined, exempted or not evaluated. */
  controls: ControlResult[];
}

/** Undetermined: @pulumi/policy's message for a policy that read a value unknown during preview. */
export function classify(d: Diagnostic): DiagnosticStatus {
  if (isUndeterminedMessage(d.message)) return "undetermined";
  if (isExemptedReason(d.message)) return "exempted";
  return "violation";
}

/** The one requirement a list of ids names, if they name exactly one. */
function only(ids: readonly (string | undefined)[]): string | undefined {
  const distinct = new Set(ids);
  const [id] = distinct;
  return distinct.size === 1 ? id : undefined;
}

/** A finding's requirement id and own text, read as core's protocol writes them for each status. */
function findingOf(d: Diagnostic, status: DiagnosticStatus): { requirement?: string; message: string } {
  switch (status) {
    case "violation":
      return parseDiagnosticMessage(d.message, d.description);
    case "undetermined":
      return { requirement: only(undeterminedRequirements(d.message)), message: d.message };
    case "exempted":
      return {
        requirement: only(
          (parseExemptedReason(d.message)?.findings ?? []).map((f) => parseFindingMessage(f).requirement),
        ),
        message: d.message,
      };
  }
}

function readPolicyConfig(file: string | undefined): PolicyConfigFile {
  if (!file) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw new Error("expected a JSON object");
    return parsed as PolicyConfigFile;
  } catch (error) {
    throw new PreviewError(`--policy-config ${file}: ${(error as Error).message}`);
  }
}

/** The provider the engine would report for a resource: its explicit provider, or the default from config. */
function providerLookup(project: Project, resources: CapturedResource[]) {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  return (r: CapturedResource): CapturedProvider | undefined => {
    if (r.type.startsWith("pulumi:providers:")) return undefined;
    const explicit = r.provider ? byUrn.get(r.provider.split("::").slice(0, -1).join("::")) : undefined;
    if (explicit)
      return { type: explicit.type, urn: explicit.urn, name: explicit.name, properties: explicit.inputs };
    const pkg = r.type.split(":")[0] ?? "";
    const properties = Object.fromEntries(
      Object.entries(project.config)
        .filter(([key]) => key.startsWith(`${pkg}:`))
        .map(([key, value]) => [key.slice(pkg.length + 1), value]),
    );
    return {
      type: `pulumi:providers:${pkg}`,
      urn: `urn:pulumi:${project.stack}::${project.name}::pulumi:providers:${pkg}::default`,
      name: "default",
      properties,
    };
  };
}

async function analyzeWithPack(
  pack: StartedPack,
  project: Project,
  resources: CapturedResource[],
  options: PreviewOptions,
  policyConfig: PolicyConfigFile,
): Promise<{ info: PackInfo; diagnostics: ReportedDiagnostic[]; controls: ControlResult[] }> {
  const session = new AnalyzerSession(
    pack,
    (options.analyzeTimeoutSeconds ?? DEFAULT_TIMEOUTS.analyzeSeconds) * 1000,
  );
  const info = await session.info();
  const levels = await session.configure(info, policyConfig);
  await session.configureStack(project, options.mode);
  const providerOf = providerLookup(project, resources);
  const evidence = new Map<string, PolicyEvidence>(
    info.policies.map((p) => [p.name, emptyEvidence(levels.get(p.name) ?? p.enforcementLevel)]),
  );
  const of = (policy: string) => {
    const e = evidence.get(policy) ?? emptyEvidence("advisory");
    evidence.set(policy, e);
    return e;
  };
  const raw: Diagnostic[] = [];
  const record = (answer: Answer, urn: string | undefined) => {
    raw.push(...answer.diagnostics);
    for (const d of answer.diagnostics) {
      if (urn === undefined) of(d.policy).answeredStack = true;
      else of(d.policy).answeredResources.add(urn);
    }
    for (const policy of answer.outOfScope) {
      if (urn === undefined) Object.assign(of(policy), { answeredStack: true, outOfScopeStack: true });
      else {
        of(policy).answeredResources.add(urn);
        of(policy).outOfScopeResources.add(urn);
      }
    }
  };
  for (const resource of resources) {
    record(await session.analyze(resource, providerOf(resource)), resource.urn);
    for (const e of evidence.values()) e.analyzed++;
  }
  record(await session.analyzeStack(resources, providerOf), undefined);

  const policies = new Map(info.policies.map((p) => [p.name, p]));
  const diagnostics = raw.map((d): ReportedDiagnostic => {
    const policy = policies.get(d.policy);
    // Exemptions arrive without pack or level; they belong to the exempted policy.
    const filled: Diagnostic = d.policyPack
      ? d
      : {
          ...d,
          policyPack: info.name,
          policyPackVersion: info.version,
          enforcementLevel: policy?.enforcementLevel ?? d.enforcementLevel,
          severity: policy?.severity ?? d.severity,
          description: policy?.description ?? "",
        };
    const status = classify(filled);
    of(d.policy).findings[status]++;
    const parsed = findingOf(filled, status);
    return {
      ...filled,
      status,
      framework: policy?.framework,
      control: (policy && controlOfTags(policy.tags)) ?? d.policy,
      ...(parsed.requirement ? { requirement: parsed.requirement } : {}),
      finding: parsed.message,
    };
  });
  const scopeHidden = resources.some((r) => r.remote);
  return { info, diagnostics, controls: controlResults(info, evidence, scopeHidden) };
}

export async function preview(options: PreviewOptions): Promise<PreviewResult> {
  const project = loadProject(options.projectDir, options.stack, options.config);
  const policyConfig = readPolicyConfig(options.policyConfig);
  const resources = await runProgram(project, {
    mode: options.mode,
    invokeFixtures: options.invokeFixtures,
    timeoutMs: (options.programTimeoutSeconds ?? DEFAULT_TIMEOUTS.programSeconds) * 1000,
    sourcePositions: options.sourcePositions ?? true,
    onProgress: (n) => options.onProgress?.(`registered ${n} resources`),
  });
  options.onProgress?.(`registered ${resources.length} resources; analyzing`);

  const starts = await Promise.allSettled(
    options.policyPacks.map((dir) => startPack(dir, options.packTimeoutSeconds * 1000)),
  );
  const started = starts.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  try {
    const failed = starts.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failed) throw failed.reason;
    const results = await Promise.all(
      started.map((pack) => analyzeWithPack(pack, project, resources, options, policyConfig)),
    );
    return {
      project,
      resources,
      packs: results.map((r) => r.info),
      diagnostics: results.flatMap((r) => r.diagnostics),
      controls: results.flatMap((r) => r.controls),
    };
  } finally {
    for (const pack of started) pack.stop();
  }
}
