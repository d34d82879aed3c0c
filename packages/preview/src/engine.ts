/**
 * The offline preview, end to end: start the packs and the program together, analyze each resource as it
 * is registered, then the stack, and build the report.
 */
import { readFileSync } from "node:fs";
import { PackAnalysis } from "./analyzer/pack-analysis";
import { checkPolicyConfigNames, type PackInfo, type PolicyConfigFile } from "./analyzer/session";
import type { ControlResult } from "./controls";
import type { ReportedDiagnostic } from "./diagnostics";
import { PreviewError } from "./errors";
import type { CapturedResource, Mode } from "./model";
import { runProgram } from "./program";
import { loadProject, type Project } from "./project";

export { classify, type DiagnosticStatus, type ReportedDiagnostic } from "./diagnostics";

/** How long the program and each Analyzer call may take before the run ends with exit 2. */
export const DEFAULT_TIMEOUTS = { packSeconds: 60, programSeconds: 600, analyzeSeconds: 120 } as const;

/**
 * Analyze calls in flight per pack: enough to hide each call's round trip behind the pack's work (see
 * bench/preview), few enough that a call's deadline is not spent waiting behind many others.
 */
export const DEFAULT_ANALYZE_CONCURRENCY = 8;

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
  /** Analyze calls in flight per pack; 1 is sequential. @default DEFAULT_ANALYZE_CONCURRENCY */
  analyzeConcurrency?: number;
  invokeFixtures?: string;
  /** Record the line that declared each resource, for SARIF locations. @default true */
  sourcePositions?: boolean;
  onProgress?: (message: string) => void;
}

export interface PreviewResult {
  project: Project;
  resources: CapturedResource[];
  packs: PackInfo[];
  diagnostics: ReportedDiagnostic[];
  /** Per pack and control, in pack order: passed, violated, undetermined, exempted or not evaluated. */
  controls: ControlResult[];
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

export async function preview(options: PreviewOptions): Promise<PreviewResult> {
  const project = loadProject(options.projectDir, options.stack, options.config);
  const policyConfig = readPolicyConfig(options.policyConfig);
  const packs = options.policyPacks.map(
    (dir) =>
      new PackAnalysis({
        dir,
        project,
        mode: options.mode,
        policyConfig,
        packTimeoutMs: options.packTimeoutSeconds * 1000,
        callTimeoutMs: (options.analyzeTimeoutSeconds ?? DEFAULT_TIMEOUTS.analyzeSeconds) * 1000,
        concurrency: options.analyzeConcurrency ?? DEFAULT_ANALYZE_CONCURRENCY,
      }),
  );
  const stopProgram = new AbortController();
  try {
    let registered = 0;
    const program = runProgram(project, {
      mode: options.mode,
      invokeFixtures: options.invokeFixtures,
      timeoutMs: (options.programTimeoutSeconds ?? DEFAULT_TIMEOUTS.programSeconds) * 1000,
      sourcePositions: options.sourcePositions ?? true,
      signal: stopProgram.signal,
      onResource: (resource) => {
        for (const pack of packs) pack.add(resource);
        if (++registered % 250 === 0) options.onProgress?.(`registered ${registered} resources`);
      },
    });
    // A pack that fails while the program runs ends the run now; the program is stopped below.
    program.catch(() => undefined);
    // Every policy config entry must name a policy of some pack, checked once every pack has started.
    const configChecked = Promise.all(packs.map((p) => p.info)).then((infos) =>
      checkPolicyConfigNames(policyConfig, infos),
    );
    configChecked.catch(() => undefined);
    const resources = await Promise.race([
      program,
      ...packs.map((p) => p.failed),
      configChecked.then(() => program),
    ]);
    await configChecked;
    options.onProgress?.(`registered ${resources.length} resources; finishing analysis`);
    const results = await Promise.all(packs.map((pack) => pack.finish(resources)));
    return {
      project,
      resources,
      packs: results.map((r) => r.info),
      diagnostics: results.flatMap((r) => r.diagnostics),
      controls: results.flatMap((r) => r.controls),
    };
  } finally {
    stopProgram.abort();
    for (const pack of packs) pack.stop();
  }
}
