/**
 * Runs `palisade preview` on a project with the HIPAA pack and a policy config, as the README's main job
 * does (the real pack process, the real Analyzer protocol), and returns its JSON report. Needs
 * `pnpm build` (done by `pnpm test`).
 */
import { spawn } from "node:child_process";
import * as path from "node:path";

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

export function previewWithHipaa(
  dir: string,
  policyConfig: string,
  extra: string[] = [],
): Promise<{ code: number | null; report: Report; stderr: string }> {
  const args = [
    path.join(root, "packages/preview/bin/palisade.js"),
    "preview",
    dir,
    "--policy-pack",
    path.join(root, "policy-packs/hipaa"),
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
