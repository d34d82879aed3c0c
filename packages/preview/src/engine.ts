/** The offline preview, end to end: run the program, start the packs, analyze, and build the report. */
import { readFileSync } from "node:fs";
import {
  AnalyzerSession,
  type CapturedProvider,
  type Diagnostic,
  type PackInfo,
  type PolicyConfigFile,
} from "./analyzer/session";
import { startPack, type StartedPack } from "./analyzer/pack-process";
import { PreviewError } from "./errors";
import type { CapturedResource, Mode } from "./model";
import { runProgram } from "./program";
import { loadProject, type Project } from "./project";

export interface PreviewOptions {
  projectDir: string;
  policyPacks: string[];
  stack: string;
  config: string[];
  policyConfig?: string;
  mode: Mode;
  packTimeoutSeconds: number;
  /** How long the program may run. */
  programTimeoutSeconds: number;
  /** How long one Analyzer call to a pack may take. */
  analyzeTimeoutSeconds: number;
  invokeFixtures?: string;
  onProgress?: (message: string) => void;
}

export type DiagnosticStatus = "violation" | "undetermined" | "exempted";

export interface ReportedDiagnostic extends Diagnostic {
  status: DiagnosticStatus;
  framework?: PackInfo["policies"][number]["framework"];
}

export interface PreviewResult {
  project: Project;
  resources: CapturedResource[];
  packs: PackInfo[];
  diagnostics: ReportedDiagnostic[];
}

/** What @pulumi/policy reports when a policy reads a value that is unknown during preview. */
const UNDETERMINED = /^can't run .* during preview/;
/** How a Palisade pack reports a finding that an exemption covers (see @palisade/policy). */
const EXEMPTED = /^\[exempted\]/;

export function classify(d: Diagnostic): DiagnosticStatus {
  if (UNDETERMINED.test(d.message)) return "undetermined";
  if (EXEMPTED.test(d.message)) return "exempted";
  return "violation";
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
): Promise<{ info: PackInfo; diagnostics: ReportedDiagnostic[] }> {
  const session = new AnalyzerSession(pack, options.analyzeTimeoutSeconds * 1000);
  const info = await session.info();
  await session.configure(info, policyConfig);
  await session.configureStack(project, options.mode);
  const providerOf = providerLookup(project, resources);
  const raw: Diagnostic[] = [];
  for (const resource of resources) raw.push(...(await session.analyze(resource, providerOf(resource))));
  raw.push(...(await session.analyzeStack(resources, providerOf)));
  const policies = new Map(info.policies.map((p) => [p.name, p]));
  const diagnostics = raw.map((d) => {
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
    return { ...filled, status: classify(filled), framework: policy?.framework };
  });
  return { info, diagnostics };
}

export async function preview(options: PreviewOptions): Promise<PreviewResult> {
  const project = loadProject(options.projectDir, options.stack, options.config);
  const policyConfig = readPolicyConfig(options.policyConfig);
  const resources = await runProgram(project, {
    mode: options.mode,
    invokeFixtures: options.invokeFixtures,
    timeoutMs: options.programTimeoutSeconds * 1000,
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
    };
  } finally {
    for (const pack of started) pack.stop();
  }
}
