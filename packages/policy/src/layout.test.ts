/**
 * The rule library's layout, enforced (as pulumi/compliance-policies checks its vendor/service/resource
 * tree): one directory per target, one file per cloud service with its test beside it, index files that
 * only re-export, every rule named `<target>-<service>-...` after its file, and rules that type provider
 * props with `import type` only, so a pack never loads a provider SDK.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { isRequirementId } from "@palisade/core";
import { describe, expect, it } from "vitest";
import { requirementId, type Rule } from "./rule";

const SRC = __dirname;
const RULES = path.join(SRC, "rules");
const TARGETS = ["aws", "azure", "gcp", "kubernetes"];
/** Files under rules/ shared by every target. */
const SHARED = [
  "exposure.ts",
  "exposure.test.ts",
  "residency.ts",
  "residency.test.ts",
  "scope.ts",
  "scope.test.ts",
];
/**
 * Rule factories a target's services share when their rules are the same but for names (a family), with
 * the services that call them: a factory exports no rule and is not in the index, and its test, beside it,
 * runs one set of cases for every service of the family, which has no test of its own.
 */
const FAMILIES: Record<string, Record<string, string[]>> = {
  aws: {
    "database-cluster": ["docdb", "neptune"],
  },
  azure: {
    "flexible-server": ["dbformysql", "dbforpostgresql"],
    "messaging-namespace": ["eventhub", "servicebus"],
  },
};

const isRule = (value: unknown): value is Rule =>
  typeof value === "object" &&
  value !== null &&
  "judgedOn" in value &&
  "requirements" in value &&
  Array.isArray((value as Rule).requirements);

const sources = (dir: string) =>
  readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "index.ts");

/** The service files of a target (its sources but the family factories). */
const services = (target: string) =>
  sources(path.join(RULES, target)).filter((f) => !(f.replace(/\.ts$/, "") in (FAMILIES[target] ?? {})));

/** The family whose factory's test tests `service`, if any. */
const familyOf = (target: string, service: string) =>
  Object.entries(FAMILIES[target] ?? {}).find(([, members]) => members.includes(service))?.[0];

/** The statements of a file, comments removed. */
const statements = (file: string) =>
  readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^\s*\/\/.*$/gm, "")
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean);

describe("the rule library's layout", () => {
  it("has one directory per target and only shared helpers beside them", () => {
    const entries = readdirSync(RULES);
    expect(entries.filter((e) => statSync(path.join(RULES, e)).isDirectory()).sort()).toEqual(TARGETS);
    expect(entries.filter((e) => !TARGETS.includes(e)).sort()).toEqual([...SHARED].sort());
  });

  describe.each(TARGETS)("rules/%s", (target) => {
    const dir = path.join(RULES, target);

    it("holds an index and one file per service, each with its test beside it", () => {
      // __snapshots__ holds the messages describeRule pins.
      for (const file of readdirSync(dir).filter((f) => f !== "__snapshots__")) {
        expect(file, `${target}/${file}`).toMatch(/^(index|[a-z0-9-]+(\.test)?)\.ts$/);
        const family = familyOf(target, file.replace(/\.ts$/, ""));
        if (family) {
          // Tested through its family's cases, so it has no test of its own.
          expect(existsSync(path.join(dir, file.replace(/\.ts$/, ".test.ts"))), `${target}/${file}`).toBe(
            false,
          );
          const familyTest = readFileSync(path.join(dir, `${family}.test.ts`), "utf8");
          expect(familyTest, `${target}/${family}.test.ts tests ${file}`).toContain(
            `from "./${file.replace(/\.ts$/, "")}"`,
          );
        } else if (file !== "index.ts" && !file.endsWith(".test.ts"))
          expect(
            existsSync(path.join(dir, file.replace(/\.ts$/, ".test.ts"))),
            `${target}/${file} has a test`,
          ).toBe(true);
        if (file.endsWith(".test.ts"))
          expect(
            existsSync(path.join(dir, file.replace(/\.test\.ts$/, ".ts"))),
            `${target}/${file} has a source`,
          ).toBe(true);
      }
    });

    it("has an index that only re-exports, by name, from every service file", () => {
      const exported = statements(path.join(dir, "index.ts")).map((s) => {
        const match = /^export \{[^}]+\} from "\.\/([a-z0-9-]+)"$/.exec(s.replace(/\s+/g, " "));
        expect(match, `index statement: ${s}`).not.toBeNull();
        return match![1];
      });
      expect([...exported].sort()).toEqual(
        services(target)
          .map((f) => f.replace(/\.ts$/, ""))
          .sort(),
      );
    });

    it.each(Object.keys(FAMILIES[target] ?? {}))(
      "%s is a rule factory: it exports no rule",
      async (family) => {
        const module = (await import(path.join(dir, `${family}.ts`))) as Record<string, unknown>;
        expect(Object.values(module).filter(isRule)).toEqual([]);
      },
    );

    it.each(services(target))(
      "%s names its rules <target>-<service>-... and the index exports each",
      async (file) => {
        const service = file.replace(/\.ts$/, "");
        const module = (await import(path.join(dir, file))) as Record<string, unknown>;
        const index = (await import(path.join(dir, "index.ts"))) as Record<string, unknown>;
        const rules = Object.entries(module).filter(([, v]) => isRule(v));
        expect(rules.length, `${target}/${file} exports a rule`).toBeGreaterThan(0);
        for (const [name, rule] of rules as [string, Rule][]) {
          expect(rule.target).toBe(target);
          expect(rule.id.startsWith(`${target}-${service}-`), rule.id).toBe(true);
          expect(index[name], `${target}/index.ts exports ${name}`).toBe(rule);
          const ids = rule.requirements.map((r) => requirementId(rule, r));
          expect(new Set(ids).size, `${rule.id} requirement ids are unique`).toBe(ids.length);
          for (const id of ids) expect(isRequirementId(id), id).toBe(true);
        }
      },
    );

    it.each(sources(path.join(RULES, target)))("%s imports provider SDKs for types only", (file) => {
      for (const s of statements(path.join(dir, file)))
        if (/from "@pulumi\/(aws|azure-native|gcp|kubernetes)[/"]/.test(s))
          expect(s).toMatch(/^import type /);
    });
  });

  it("gives every other module of the package a test beside it", () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((e) => {
        const full = path.join(dir, e);
        return statSync(full).isDirectory() ? (full === RULES ? [] : walk(full)) : [full];
      });
    // index.ts only re-exports; gen-catalog.ts is the script catalog.test.ts checks the output of.
    const untested = walk(SRC)
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
      .filter((f) => !["index.ts", "gen-catalog.ts", "catalogs.ts"].includes(path.basename(f)))
      .filter((f) => !existsSync(f.replace(/\.ts$/, ".test.ts")));
    expect(untested.map((f) => path.relative(SRC, f))).toEqual([]);
  });
});
