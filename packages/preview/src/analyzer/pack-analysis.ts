/**
 * One pack's analysis, fed as the program registers resources, as the engine does: the pack starts
 * while the program runs, each resource is analyzed when it arrives with several Analyze calls in
 * flight, and AnalyzeStack runs once the program is done. Diagnostics are reported in registration
 * order, as sequential analysis would report them, whatever order the answers come back in.
 */
import { controlResults, emptyEvidence, type ControlResult, type PolicyEvidence } from "../controls";
import { diagnosticReader, type ReportedDiagnostic } from "../diagnostics";
import type { CapturedResource, Mode } from "../model";
import type { Project } from "../project";
import { startPack, type StartedPack } from "./pack-process";
import {
  AnalyzerSession,
  type Answer,
  type CapturedProvider,
  type Diagnostic,
  type PackInfo,
  type PolicyConfigFile,
} from "./session";

export interface PackAnalysisOptions {
  dir: string;
  project: Project;
  mode: Mode;
  policyConfig: PolicyConfigFile;
  packTimeoutMs: number;
  callTimeoutMs: number;
  /** Analyze calls in flight at once; 1 analyzes one resource at a time. */
  concurrency: number;
}

export interface PackAnalysisResult {
  info: PackInfo;
  diagnostics: ReportedDiagnostic[];
  controls: ControlResult[];
}

/** The provider the engine would report for a resource: its explicit provider, or the default from config. */
function providerLookup(project: Project, byUrn: ReadonlyMap<string, CapturedResource>) {
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

/** A policy's evidence; one the pack did not list (it answered under another name) starts empty. */
function evidenceOf(evidence: Map<string, PolicyEvidence>, policy: string): PolicyEvidence {
  const e = evidence.get(policy) ?? emptyEvidence("advisory");
  evidence.set(policy, e);
  return e;
}

export class PackAnalysis {
  /** Rejects with the first failure (start-up, a call, a deadline), so the run can end at once. */
  readonly failed: Promise<never>;
  private fail!: (error: unknown) => void;
  private readonly started: Promise<StartedPack>;
  private readonly ready: Promise<{
    session: AnalyzerSession;
    info: PackInfo;
    evidence: Map<string, PolicyEvidence>;
  }>;
  /** Resources registered so far, in order; analyzed ones are released from `queue`. */
  private readonly queue: (CapturedResource | undefined)[] = [];
  private next = 0;
  /** Diagnostics per resource, by registration index. */
  private readonly answered: Diagnostic[][] = [];
  private readonly byUrn = new Map<string, CapturedResource>();
  private readonly providerOf: (r: CapturedResource) => CapturedProvider | undefined;
  private wake: (() => void)[] = [];
  private closed = false;
  private readonly workers: Promise<void>;
  /** The pack's name and policies, once it has started and been configured. */
  readonly info: Promise<PackInfo>;

  constructor(private readonly options: PackAnalysisOptions) {
    this.failed = new Promise<never>((_, reject) => (this.fail = reject));
    // Observed here; whoever awaits it sees the rejection too.
    this.failed.catch(() => undefined);
    this.providerOf = providerLookup(options.project, this.byUrn);
    this.started = startPack(options.dir, options.packTimeoutMs);
    this.ready = this.started.then(async (pack) => {
      const session = new AnalyzerSession(pack, options.callTimeoutMs);
      const info = await session.info();
      const levels = await session.configure(info, options.policyConfig);
      await session.configureStack(options.project, options.mode);
      const evidence = new Map<string, PolicyEvidence>(
        info.policies.map((p) => [p.name, emptyEvidence(levels.get(p.name) ?? p.enforcementLevel)]),
      );
      return { session, info, evidence };
    });
    this.ready.catch((error: unknown) => this.fail(error));
    this.info = this.ready.then((r) => r.info);
    // A failure is reported through `failed`; whoever awaits `info` sees it too.
    this.info.catch(() => undefined);
    this.workers = Promise.all(Array.from({ length: options.concurrency }, () => this.work())).then(
      () => undefined,
    );
    this.workers.catch((error: unknown) => this.fail(error));
  }

  /** A registration, in the order the program made it. */
  add(resource: CapturedResource): void {
    this.byUrn.set(resource.urn, resource);
    this.queue.push(resource);
    this.wake.shift()?.();
  }

  /** The program is done: analyze what is left, then the stack, and read the answers. */
  async finish(resources: CapturedResource[]): Promise<PackAnalysisResult> {
    this.closed = true;
    for (const wake of this.wake.splice(0)) wake();
    await Promise.race([this.workers, this.failed]);
    const { session, info, evidence } = await this.ready;
    const stack = await Promise.race([session.analyzeStack(resources, this.providerOf), this.failed]);
    this.record(evidence, stack, undefined);
    const read = diagnosticReader(info);
    const diagnostics = [...this.answered.flat(), ...stack.diagnostics].map((d) => {
      const reported = read(d);
      evidenceOf(evidence, d.policy).findings[reported.status]++;
      return reported;
    });
    const scopeHidden = resources.some((r) => r.remote);
    return { info, diagnostics, controls: controlResults(info, evidence, scopeHidden) };
  }

  /** Stops the pack (and everything it started); safe to call more than once. */
  stop(): void {
    void this.started.then(
      (pack) => pack.stop(),
      () => undefined,
    );
  }

  private async work(): Promise<void> {
    const { session, evidence } = await this.ready;
    for (;;) {
      if (this.next >= this.queue.length) {
        if (this.closed) return;
        await new Promise<void>((resolve) => this.wake.push(resolve));
        continue;
      }
      const index = this.next++;
      const resource = this.queue[index]!;
      // The report keeps the resource; the queue need not.
      this.queue[index] = undefined;
      const answer = await session.analyze(resource, this.providerOf(resource));
      this.answered[index] = answer.diagnostics;
      this.record(evidence, answer, resource.urn);
    }
  }

  /**
   * What the answer says about each policy's scope; order-free, so answers may arrive in any order.
   * `urn` is undefined for the stack's answer. Each resource is analyzed once, so counting the policies
   * that answered about it, each once, counts resources.
   */
  private record(evidence: Map<string, PolicyEvidence>, answer: Answer, urn: string | undefined): void {
    const of = (policy: string) => evidenceOf(evidence, policy);
    const outOfScope = new Set(answer.outOfScope);
    const answered = new Set([...answer.diagnostics.map((d) => d.policy), ...outOfScope]);
    if (urn === undefined) {
      for (const policy of answered) of(policy).answeredStack = true;
      for (const policy of outOfScope) of(policy).outOfScopeStack = true;
      return;
    }
    for (const policy of answered) of(policy).answeredResources++;
    for (const policy of outOfScope) of(policy).outOfScopeResources++;
    for (const e of evidence.values()) e.analyzed++;
  }
}
