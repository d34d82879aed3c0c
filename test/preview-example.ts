/**
 * Runs `palisade preview` on an example with policy packs and a policy config, as the README's main job
 * does (the real pack processes, the real Analyzer protocol), and returns its JSON report; writes mutated
 * copies of an example and asserts each mutant is caught by its requirement. Needs `pnpm build` (done by
 * `pnpm test`).
 */
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { expect } from "vitest";

const root = path.resolve(__dirname, "..");

export interface Report {
  summary: Record<string, number>;
  diagnostics: {
    policy: string;
    /** The requirement a finding is about (the report takes it out of the message). */
    requirement: string | null;
    urn: string;
    status: string;
    enforcementLevel: string;
    message: string;
  }[];
}

/** `palisade preview` of `dir` with the named packs (directories under policy-packs/), as JSON. */
export function previewWithPacks(
  dir: string,
  packs: readonly string[],
  policyConfig: string,
  extra: string[] = [],
): Promise<{ code: number | null; report: Report; stderr: string }> {
  const args = [
    path.join(root, "packages/preview/bin/palisade.js"),
    "preview",
    dir,
    ...packs.flatMap((pack) => ["--policy-pack", path.join(root, "policy-packs", pack)]),
    "--policy-config",
    policyConfig,
    "--format",
    "json",
    ...extra,
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("close", (code) =>
      resolve({
        code,
        stderr,
        report: (stdout ? JSON.parse(stdout) : { summary: {}, diagnostics: [] }) as Report,
      }),
    );
  });
}

/** `palisade preview` of `dir` with the HIPAA pack, as the README's main job runs it. */
export function previewWithHipaa(dir: string, policyConfig: string, extra: string[] = []) {
  return previewWithPacks(dir, ["hipaa"], policyConfig, extra);
}

/** One insecure variant of an example: the requirement it breaks, its resources' name prefix, its code. */
export interface Mutant {
  requirement: string;
  prefix: string;
  program: string;
}

/** Mutants from program text per requirement, each given its own name prefix and block scope. */
export function mutantsOf(programs: Record<string, (name: string) => string>): Mutant[] {
  return Object.entries(programs).map(([requirement, program], i) => ({
    requirement,
    prefix: `mutant-${i}`,
    program: `{ ${program(`mutant-${i}`)} }`,
  }));
}

/**
 * Writes a copy of `example` into `dir` (inside the example, so it resolves the example's packages): its
 * Pulumi files, then its program with `imports` first and every mutant after it. `program` may rewrite
 * the example's own source first (relative imports, say).
 */
export function writeMutatedExample(
  example: string,
  dir: string,
  imports: readonly string[],
  mutants: readonly Mutant[],
  program: (source: string) => string = (source) => source,
): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(example).filter((f) => /^Pulumi\.([a-z0-9-]+\.)?yaml$/.test(f)))
    copyFileSync(path.join(example, file), path.join(dir, file));
  const source = program(readFileSync(path.join(example, "index.ts"), "utf8"));
  writeFileSync(
    path.join(dir, "index.ts"),
    [...imports, source, ...mutants.map((m) => m.program)].join("\n"),
  );
}

/** The resource name at the end of a URN. */
export const resourceOf = (urn: string) => urn.split("::").pop() ?? "";

/** For each mutant, the requirements violated on its resources (named by its prefix), each once. */
export function caughtBy(report: Report, mutants: readonly Mutant[]): Record<string, (string | null)[]> {
  const violations = report.diagnostics.filter((d) => d.status === "violation");
  return Object.fromEntries(
    mutants.map((m) => {
      const own = violations.filter((d) => {
        const name = resourceOf(d.urn);
        return name === m.prefix || name.startsWith(`${m.prefix}-`);
      });
      return [m.requirement, [...new Set(own.map((d) => d.requirement))]];
    }),
  );
}

/** A preview run as {@link previewWithPacks} returns it. */
export type PreviewRun = Awaited<ReturnType<typeof previewWithPacks>>;

/**
 * The compliant example's run: exit 0, nothing on stderr, the expected resource and exemption counts, no
 * mandatory, advisory or undetermined finding, and every diagnostic an exemption.
 */
export function expectCompliantExample(
  run: PreviewRun,
  counts: { resources: number; exempted: number },
): void {
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect(run.report.summary).toMatchObject({ ...counts, mandatory: 0, advisory: 0, undetermined: 0 });
  expect(run.report.diagnostics.every((d) => d.status === "exempted")).toBe(true);
}

/**
 * The mutated copy's run: it fails, each mutant is caught with exactly its requirement, nothing is
 * undetermined, and no violation lands on the example's own (compliant) resources.
 */
export function expectEachMutantCaught(run: PreviewRun, mutants: readonly Mutant[]): void {
  expect(run.code).toBe(1);
  expect(caughtBy(run.report, mutants)).toEqual(
    Object.fromEntries(mutants.map((m) => [m.requirement, [m.requirement]])),
  );
  expect(run.report.diagnostics.filter((d) => d.status === "undetermined")).toEqual([]);
  const violations = run.report.diagnostics.filter((d) => d.status === "violation");
  expect(violations.every((d) => resourceOf(d.urn).startsWith("mutant-"))).toBe(true);
}
