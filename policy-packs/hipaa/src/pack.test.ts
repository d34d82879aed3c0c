/**
 * The built pack starts as the CLI starts it and never loads a provider SDK: rules match type tokens and
 * type their props with `import type` only.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const pack = path.resolve(__dirname, "..");

// Records every module the pack loads; when the pack prints its port, reports them and exits.
const probe = `
const Module = require("node:module");
const loaded = new Set();
const load = Module._load;
Module._load = function (request, ...rest) { loaded.add(request); return load.call(this, request, ...rest); };
console.log = (port) => { process.stdout.write(JSON.stringify({ port: String(port), loaded: [...loaded] })); process.exit(0); };
require(process.argv[1]);
`;

describe("policy-packs/hipaa", () => {
  it("serves without loading any provider SDK", () => {
    const run = spawnSync(process.execPath, ["-e", probe, path.join(pack, "dist/index.js")], {
      cwd: pack,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.stderr).toBe("");
    const { port, loaded } = JSON.parse(run.stdout) as { port: string; loaded: string[] };
    expect(Number(port)).toBeGreaterThan(0);
    expect(loaded).toContain("@palisade/policy");
    expect(loaded.filter((m) => /^@pulumi\/(aws|azure-native|gcp|kubernetes)(\/|$)/.test(m))).toEqual([]);
  });
});
