/** Runs a project's program in a child process and collects what it registered. */
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { killGroup, track } from "./children";
import { PreviewError } from "./errors";
import { checkFixtureFile, type FixtureFile } from "./fixtures";
import type { CapturedResource, HostMessage, HostRequest, Mode } from "./model";
import type { Project } from "./project";

export interface RunOptions {
  mode: Mode;
  invokeFixtures?: string;
  /** How long the program may run before it is stopped and the preview fails. */
  timeoutMs: number;
  /** Record where the user's code declared each resource. */
  sourcePositions: boolean;
  /** Each registration as it arrives, in the program's order. */
  onResource?: (resource: CapturedResource) => void;
  /** Stops the program (a pack failed while it ran). */
  signal?: AbortSignal;
}

function readFixtures(file: string | undefined): FixtureFile {
  if (!file) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new PreviewError(`--invoke-fixtures ${file}: ${(error as Error).message}`);
  }
  return checkFixtureFile(file, parsed);
}

/** Copies a stream of the program's to our stderr line by line, each line marked with `label`. */
function forwardLines(
  stream: NodeJS.ReadableStream | null,
  label: string,
  also?: (text: string) => void,
): void {
  if (!stream) return;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  lines.on("line", (line) => {
    process.stderr.write(`${label}: ${line}\n`);
    also?.(`${line}\n`);
  });
}

export function runProgram(project: Project, options: RunOptions): Promise<CapturedResource[]> {
  const request: HostRequest = {
    projectDir: project.dir,
    main: project.main,
    project: project.name,
    stack: project.stack,
    mode: options.mode,
    config: project.config,
    secretKeys: project.secretKeys,
    invokeFixtures: readFixtures(options.invokeFixtures),
    sourcePositions: options.sourcePositions,
  };
  const host = path.join(__dirname, "host", "program-host.js");
  const tsx = pathToFileURL(require.resolve("tsx")).href;
  return new Promise((resolve, reject) => {
    const child = track(
      fork(host, [], {
        cwd: project.dir,
        execArgv: ["--import", tsx],
        // The report owns stdout: the program's output goes to stderr, marked as the program's.
        stdio: ["ignore", "pipe", "pipe", "ipc"],
        env: { ...process.env, PULUMI_NODEJS_PROJECT: project.name, PULUMI_NODEJS_STACK: project.stack },
        // Its own process group, so stopping it also stops tsx's esbuild service.
        detached: true,
      }),
    );
    let stderr = "";
    forwardLines(child.stdout, "program");
    forwardLines(child.stderr, "program (stderr)", (text) => (stderr += text));
    let settled = false;
    const finish = (fn: () => void) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        fn();
      }
    };
    // An endless loop or a promise that never settles must end the run, not hang it.
    const timer = setTimeout(() => {
      finish(() => {
        killGroup(child);
        reject(
          new PreviewError(
            `the Pulumi program in ${project.dir} did not finish within ${options.timeoutMs / 1000} s (raise --program-timeout if it is slow)`,
            stderr.trim() || undefined,
          ),
        );
      });
    }, options.timeoutMs);
    const resources: CapturedResource[] = [];
    options.signal?.addEventListener("abort", () =>
      finish(() => {
        killGroup(child);
        reject(new PreviewError(`the Pulumi program in ${project.dir} was stopped`));
      }),
    );
    child.on("message", (message: HostMessage) => {
      if (message.kind === "resources")
        for (const resource of message.resources) {
          resources.push(resource);
          options.onResource?.(resource);
        }
      else if (message.kind === "done") finish(() => resolve(resources));
      else
        finish(() =>
          reject(
            new PreviewError(
              `the Pulumi program in ${project.dir} failed: ${message.message}`,
              message.stack,
            ),
          ),
        );
    });
    child.on("error", (error) =>
      finish(() => reject(new PreviewError(`could not start the program host: ${error.message}`))),
    );
    child.on("exit", (code, signal) =>
      finish(() =>
        reject(
          new PreviewError(
            `the Pulumi program in ${project.dir} exited (${signal ?? `code ${String(code)}`}) before finishing`,
            stderr.trim() || undefined,
          ),
        ),
      ),
    );
    child.send(request);
  });
}
