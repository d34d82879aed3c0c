/** The `palisade` command line. */
import { existsSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import pc from "picocolors";
import { endChildrenOnSignals } from "./children";
import { DEFAULT_ANALYZE_CONCURRENCY, DEFAULT_TIMEOUTS, preview, type PreviewResult } from "./engine";
import { PreviewError } from "./errors";
import { FAIL_ON, gateFailures, parseFailOn, type FailOn } from "./gate";
import { jsonReport, summarize } from "./report/json";
import { markdownReport } from "./report/markdown";
import { sarifReport } from "./report/sarif";
import { tableReport } from "./report/table";

/**
 * Exit codes: 0 nothing failed the gate, 1 mandatory violations or a `--fail-on` kind present, 2 a
 * usage or tool error.
 */
export const EXIT = { ok: 0, violations: 1, error: 2 } as const;

function render(result: PreviewResult, format: string, color: boolean): string {
  switch (format) {
    case "json":
      return JSON.stringify(jsonReport(result), null, 2) + "\n";
    case "sarif":
      return JSON.stringify(sarifReport(result), null, 2) + "\n";
    case "markdown":
      return markdownReport(result);
    default:
      return tableReport(result, color) + "\n";
  }
}

/** An hour: long enough for any pack to start, and far inside what Node's timers can hold (2^31 ms). */
const MAX_SECONDS = 3600;

function positiveSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > MAX_SECONDS)
    throw new InvalidArgumentError(`must be a number of seconds above 0 and at most ${MAX_SECONDS}`);
  return n;
}

/** Enough to saturate any pack process; more only queues calls inside it against their deadlines. */
const MAX_CONCURRENCY = 64;

function concurrency(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_CONCURRENCY)
    throw new InvalidArgumentError(`must be a whole number from 1 to ${MAX_CONCURRENCY}`);
  return n;
}

/** Pulumi's rule for a stack name, so `--stack ../x` can never read a file outside the project. */
function stackName(value: string): string {
  if (!/^[A-Za-z0-9_.-]{1,100}$/.test(value) || value === "." || value === "..")
    throw new InvalidArgumentError("must be a stack name: 1-100 letters, digits, '_', '.' or '-'");
  return value;
}

/**
 * Checks `--output` before the run and removes a report left there by an earlier run, so a failed run
 * never leaves behind a file that could pass for its own. Anything but a regular file (/dev/null,
 * /dev/stdout, a pipe) is never removed: the report is written into it as it is. A symbolic link is
 * followed, so the report lands where it points.
 */
function prepareOutput(file: string): Destination {
  const dir = path.dirname(path.resolve(file));
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new PreviewError(`--output ${file}: the directory ${dir} does not exist`);
  if (!existsSync(file)) return { file, atomic: true };
  const stats = statSync(file);
  if (stats.isDirectory()) throw new PreviewError(`--output ${file}: is a directory`);
  if (!stats.isFile()) return { file, atomic: false };
  const target = realpathSync(file);
  rmSync(target, { force: true });
  return { file: target, atomic: true };
}

/** Where the report goes, and whether it can be renamed into place (a regular file) or not (a device). */
interface Destination {
  file: string;
  atomic: boolean;
}

/**
 * Writes the report beside its destination, then renames it into place, so readers see all or nothing;
 * into a device or pipe, directly.
 */
function writeReport({ file, atomic }: Destination, content: string): void {
  if (!atomic) return writeFileSync(file, content);
  const temporary = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

/**
 * Writes the report and waits until it is handed to the OS: the command exits right after, and a report
 * larger than a pipe's buffer would otherwise be cut off mid-JSON.
 */
function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) =>
    process.stdout.write(text, (error) => (error ? reject(error) : resolve())),
  );
}

/** The same pack twice would double every finding. */
function distinctPacks(dirs: string[]): string[] {
  const seen = new Map<string, string>();
  for (const dir of dirs) {
    const resolved = path.resolve(dir);
    const earlier = seen.get(resolved);
    if (earlier !== undefined)
      throw new PreviewError(`--policy-pack ${dir}: the same pack as --policy-pack ${earlier}, given twice`);
    seen.set(resolved, dir);
  }
  return dirs;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export async function main(argv: string[]): Promise<number> {
  endChildrenOnSignals();
  let exitCode: number = EXIT.ok;
  const program = new Command("palisade")
    .description("Palisade: offline preview of Pulumi programs with CrossGuard policy packs")
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  program
    .command("preview")
    .description("run a Pulumi program and its policy packs offline, as `pulumi preview --policy-pack` would")
    .argument("[project-dir]", "directory holding Pulumi.yaml", ".")
    .option("--policy-pack <dir>", "a policy pack directory (repeatable)", collect, [])
    .option("--stack <name>", "stack whose Pulumi.<stack>.yaml config to use", stackName, "dev")
    .option("--config <key=value>", "set a config value (repeatable)", collect, [])
    .option("--policy-config <file.json>", "policy configuration, as for pulumi preview --policy-config")
    .addOption(
      new Option("--format <format>", "report format")
        .choices(["table", "json", "sarif", "markdown"])
        .default("table"),
    )
    .option("--output <file>", "write the report to a file instead of stdout")
    .addOption(
      new Option("--mode <mode>", "preview: provider outputs unknown; update: known, as after a deployment")
        .choices(["preview", "update"])
        .default("preview"),
    )
    .option(
      "--pack-timeout <seconds>",
      "how long a pack may take to print its port",
      positiveSeconds,
      DEFAULT_TIMEOUTS.packSeconds,
    )
    .option(
      "--program-timeout <seconds>",
      "how long the program may run",
      positiveSeconds,
      DEFAULT_TIMEOUTS.programSeconds,
    )
    .option(
      "--analyze-timeout <seconds>",
      "how long a pack may take to answer one Analyze or AnalyzeStack call",
      positiveSeconds,
      DEFAULT_TIMEOUTS.analyzeSeconds,
    )
    .option(
      "--analyze-concurrency <n>",
      "Analyze calls in flight per pack (1 analyzes one resource at a time)",
      concurrency,
      DEFAULT_ANALYZE_CONCURRENCY,
    )
    .option("--invoke-fixtures <file.json>", "answers for provider lookups, by invoke token")
    .option(
      "--fail-on <kinds>",
      `also exit 1 on these results, comma-separated (${Object.keys(FAIL_ON).join(", ")}); mandatory violations always do`,
      parseFailOn,
      [],
    )
    .option(
      "--no-source-positions",
      "do not record the line that declared each resource (SARIF results then point at the program's entry file)",
    )
    .action(async (projectDir: string, opts: Record<string, unknown>) => {
      const progress = process.stderr.isTTY
        ? (message: string) => process.stderr.write(`\r${pc.dim(`palisade: ${message}`)}\u001b[K`)
        : undefined;
      const output = opts.output as string | undefined;
      const destination = output ? prepareOutput(output) : undefined;
      const result = await preview({
        projectDir,
        policyPacks: distinctPacks(opts.policyPack as string[]),
        stack: opts.stack as string,
        config: opts.config as string[],
        policyConfig: opts.policyConfig as string | undefined,
        mode: opts.mode as "preview" | "update",
        packTimeoutSeconds: opts.packTimeout as number,
        programTimeoutSeconds: opts.programTimeout as number,
        analyzeTimeoutSeconds: opts.analyzeTimeout as number,
        analyzeConcurrency: opts.analyzeConcurrency as number,
        invokeFixtures: opts.invokeFixtures as string | undefined,
        sourcePositions: opts.sourcePositions as boolean,
        onProgress: progress,
      });
      if (progress) process.stderr.write("\r\u001b[K");
      // Colour only for a terminal: a table written to a file or a pipe stays plain text.
      const color = !output && pc.isColorSupported && (process.stdout.isTTY || "FORCE_COLOR" in process.env);
      const report = render(result, opts.format as string, color);
      if (destination) writeReport(destination, report);
      else await writeStdout(report);
      const failures = gateFailures(summarize(result), opts.failOn as FailOn[]);
      if (failures.length > 0) process.stderr.write(`palisade: failed: ${failures.join(", ")}\n`);
      exitCode = failures.length > 0 ? EXIT.violations : EXIT.ok;
    });

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.error;
    if (error instanceof PreviewError) {
      process.stderr.write(`${pc.red("palisade: error:")} ${error.message}\n`);
      if (error.detail) process.stderr.write(`${error.detail}\n`);
      return EXIT.error;
    }
    process.stderr.write(
      `${pc.red("palisade: internal error:")} ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT.error;
  }
}
