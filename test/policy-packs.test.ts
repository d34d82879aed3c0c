/**
 * Every pack under policy-packs/ is the same shape (a framework from @palisade/policy behind a three-line
 * index), and every built pack starts as the CLI starts it without loading a provider SDK: rules match
 * type tokens and type their props with `import type` only.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { CATALOGS } from "@palisade/policy";
import { describe, expect, it } from "vitest";

const PACKS = path.resolve(__dirname, "../policy-packs");
const packs = readdirSync(PACKS).sort();
const read = (pack: string, file: string) => readFileSync(path.join(PACKS, pack, file), "utf8");

// Records every module the pack loads; when the pack prints its port, reports them and exits.
const probe = `
const Module = require("node:module");
const loaded = new Set();
const load = Module._load;
Module._load = function (request, ...rest) { loaded.add(request); return load.call(this, request, ...rest); };
console.log = (port) => { process.stdout.write(JSON.stringify({ port: String(port), loaded: [...loaded] })); process.exit(0); };
require(process.argv[1]);
`;

describe("policy-packs", () => {
  it("holds one pack per shipped catalog", () => {
    expect(packs).toEqual(Object.keys(CATALOGS).map((file) => file.replace(/\.md$/, "")));
  });

  describe.each(packs)("%s", (pack) => {
    const framework = CATALOGS[`${pack}.md`]!;

    it("builds its framework's policies and nothing else", () => {
      const code = read(pack, "src/index.ts")
        .replace(/\/\*[\s\S]*?\*\//, "")
        .trim();
      const name = `${pack}Framework`;
      expect(code).toBe(
        [
          'import { PolicyPack } from "@pulumi/policy";',
          `import { buildPolicies, ${name} } from "@palisade/policy";`,
          "",
          `new PolicyPack(${name}.packName, { policies: buildPolicies(${name}) });`,
        ].join("\n"),
      );
      expect(framework.packName).toBe(`palisade-${pack}`);
    });

    it("is a nodejs pack whose package ships only its build", () => {
      expect(read(pack, "PulumiPolicy.yaml")).toMatch(/^runtime: nodejs\ndescription: Palisade /);
      const manifest = JSON.parse(read(pack, "package.json")) as Record<string, unknown>;
      expect(manifest).toMatchObject({
        name: `@palisade/policy-pack-${pack}`,
        main: "dist/index.js",
        files: ["dist", "PulumiPolicy.yaml", "!**/*.test.*"],
      });
      expect(Object.keys(manifest.dependencies as object).sort()).toEqual([
        "@palisade/core",
        "@palisade/policy",
        "@pulumi/policy",
        "@pulumi/pulumi",
      ]);
    });

    it("serves without loading any provider SDK", () => {
      const run = spawnSync(process.execPath, ["-e", probe, path.join(PACKS, pack, "dist/index.js")], {
        cwd: path.join(PACKS, pack),
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
});
