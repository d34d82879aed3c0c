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
    spawn(process.execPath, [runner, "127.0.0.1:0", "."], {
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
