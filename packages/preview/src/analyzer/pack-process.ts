/**
 * Starts a policy pack the way the Pulumi CLI does: `node <pack's @pulumi/pulumi>/cmd/run-policy-pack
 * <engine address> .` in the pack's directory, then reads the port the pack prints on stdout.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { parse } from "yaml";
import { killGroup, track } from "../children";
import { PreviewError } from "../errors";

export interface StartedPack {
  dir: string;
  port: number;
  process: ChildProcess;
  /** Everything the pack wrote to stderr so far. */
  stderr: () => string;
  /** Resolves when the process exits, with its code or signal. */
  exited: Promise<string>;
  stop: () => void;
}

/**
 * Node flags for a pack process. For each resource a pack answers with a not-applicable entry per policy
 * that does not judge it (about 20 KB per Analyze call for the HIPAA pack), nearly all of it garbage at
 * once; a 32 MiB young-generation semi-space (Node's default is 16 MiB) lets it die young instead of
 * being copied and promoted: 8,000 resources with the HIPAA pack took 24.8 s instead of 32.5 s
 * (bench/preview). It changes speed and memory only, never what the pack is sent or answers. The Pulumi
 * CLI starts packs with plain `node`; `NODE_OPTIONS=--max-semi-space-size=32` gives it the same. A size
 * the user sets in NODE_OPTIONS is kept.
 */
export function packNodeArgs(nodeOptions: string | undefined): string[] {
  return nodeOptions?.includes("--max-semi-space-size") ? [] : ["--max-semi-space-size=32"];
}

export function startPack(dir: string, timeoutMs: number): Promise<StartedPack> {
  const packDir = path.resolve(dir);
  const manifest = path.join(packDir, "PulumiPolicy.yaml");
  if (!existsSync(manifest))
    throw new PreviewError(`--policy-pack ${dir}: no PulumiPolicy.yaml in ${packDir}`);
  let document: unknown;
  try {
    document = parse(readFileSync(manifest, "utf8"));
  } catch (error) {
    throw new PreviewError(
      `--policy-pack ${dir}: ${manifest} is not valid YAML: ${(error as Error).message}`,
    );
  }
  const runtime: unknown =
    typeof document === "object" && document !== null
      ? (document as { runtime?: unknown }).runtime
      : undefined;
  const runtimeName =
    typeof runtime === "object" && runtime !== null ? (runtime as { name?: unknown }).name : runtime;
  if (runtimeName !== "nodejs") {
    throw new PreviewError(
      `--policy-pack ${dir}: runtime is ${JSON.stringify(runtimeName)}; only nodejs packs are supported`,
    );
  }
  let runner: string;
  try {
    runner = createRequire(path.join(packDir, "package.json")).resolve("@pulumi/pulumi/cmd/run-policy-pack");
  } catch {
    throw new PreviewError(
      `--policy-pack ${dir}: @pulumi/pulumi is not installed for the pack (run pnpm install / npm install in ${packDir})`,
    );
  }

  const child = track(
    spawn(process.execPath, [...packNodeArgs(process.env.NODE_OPTIONS), runner, "127.0.0.1:0", "."], {
      cwd: packDir,
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so stopping it stops anything the pack started too.
      detached: true,
    }),
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<string>((resolve) =>
    child.on("exit", (code, signal) => resolve(signal ? `signal ${signal}` : `code ${String(code)}`)),
  );
  const stop = () => killGroup(child);

  return new Promise((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => {
      stop();
      reject(
        new PreviewError(
          `policy pack ${dir} printed no port within ${timeoutMs / 1000} s (raise --pack-timeout if it is slow to start)`,
          stderr.trim() || undefined,
        ),
      );
    }, timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split("\n")[0]?.trim() ?? "";
      if (!stdout.includes("\n")) return;
      clearTimeout(timer);
      const port = Number(line);
      if (!Number.isInteger(port) || port <= 0) {
        stop();
        reject(
          new PreviewError(
            `policy pack ${dir} printed ${JSON.stringify(line)} instead of a port`,
            stderr.trim() || undefined,
          ),
        );
        return;
      }
      resolve({ dir: packDir, port, process: child, stderr: () => stderr, exited, stop });
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(
        new PreviewError(
          `policy pack ${dir} failed to start (exited with ${how})`,
          stderr.trim() || undefined,
        ),
      );
    });
  });
}
