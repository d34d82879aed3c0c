/** Reads a Pulumi project and its stack config as the Pulumi CLI would. */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { PreviewError } from "./errors";

export interface Project {
  dir: string;
  name: string;
  /** The program's entry, relative to `dir`. */
  main: string;
  stack: string;
  /** Namespaced config (`aws:region`, `<project>:key`) as the runtime receives it. */
  config: Record<string, string>;
  /** Config keys whose values are secrets. */
  secretKeys: string[];
}

function readYaml(file: string): unknown {
  try {
    return parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new PreviewError(`${file} is not valid YAML: ${(error as Error).message}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Bare keys belong to the project, as in Pulumi: `greeting` means `<project>:greeting`. */
function namespaced(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

type ConfigType = "string" | "integer" | "boolean" | "array";

/** A key the project declares: its type (when given), its value or default, and whether it is secret. */
interface DeclaredConfig {
  type?: ConfigType;
  value?: unknown;
  secret: boolean;
}

/** The keys a project-level declaration may hold (Pulumi's ProjectConfigType). */
const DECLARATION_KEYS = ["type", "description", "default", "value", "secret", "items"];
const validateDeclaration = new Ajv({ allErrors: true, strict: false }).compile({
  type: "object",
  additionalProperties: false,
  properties: {
    type: { enum: ["string", "integer", "boolean", "array"] },
    description: { type: "string" },
    default: {},
    value: {},
    secret: { type: "boolean" },
    items: { type: "object" },
  },
});

function configString(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Whether a config value has a declared type; stack files may hold numbers and booleans as strings. */
function hasConfigType(value: unknown, type: ConfigType): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      return Number.isInteger(value) || (typeof value === "string" && /^-?\d+$/.test(value));
    case "boolean":
      return typeof value === "boolean" || value === "true" || value === "false";
    case "array":
      return Array.isArray(value);
  }
}

/**
 * The `config:` block of Pulumi.yaml: a plain value is the key's value for every stack; a declaration
 * (`type`, `default`, `value`, `secret`, `description`) types the key and may give it a default.
 */
function projectConfig(file: string, project: string, block: unknown): Record<string, DeclaredConfig> {
  if (block === undefined || block === null) return {};
  if (!isRecord(block))
    throw new PreviewError(`${file}: "config" must be a mapping of keys to values or declarations`);
  const declared: Record<string, DeclaredConfig> = {};
  for (const [key, entry] of Object.entries(block)) {
    const full = namespaced(project, key);
    const isDeclaration = isRecord(entry) && Object.keys(entry).some((k) => DECLARATION_KEYS.includes(k));
    if (!isDeclaration) {
      declared[full] = { value: entry, secret: false };
      continue;
    }
    if (!validateDeclaration(entry)) {
      const problems = (validateDeclaration.errors ?? []).map(
        (e) => `${e.instancePath || "(entry)"} ${e.message ?? ""}`,
      );
      throw new PreviewError(
        `${file}: config ${JSON.stringify(key)} is not a valid declaration: ${problems.join("; ")}`,
      );
    }
    const type = entry.type as ConfigType | undefined;
    const value = entry.value ?? entry.default;
    if (type !== undefined && value !== undefined && !hasConfigType(value, type)) {
      throw new PreviewError(
        `${file}: config ${JSON.stringify(key)} has a default that is not of type ${type}`,
      );
    }
    declared[full] = { type, value, secret: entry.secret === true };
  }
  return declared;
}

/** A stack file's `config`, which must be a mapping; anything else is an error naming the file. */
function stackConfig(file: string, doc: unknown): Record<string, unknown> {
  if (doc === null || doc === undefined) return {};
  if (!isRecord(doc)) throw new PreviewError(`${file}: must be a mapping with a "config" mapping`);
  if (doc.config === undefined || doc.config === null) return {};
  if (!isRecord(doc.config)) {
    throw new PreviewError(
      `${file}: "config" must be a mapping of keys to values, not ${Array.isArray(doc.config) ? "a list" : typeof doc.config}`,
    );
  }
  return doc.config;
}

export function loadProject(dir: string, stack: string, overrides: string[] = []): Project {
  const projectDir = path.resolve(dir);
  const file = path.join(projectDir, "Pulumi.yaml");
  if (!existsSync(file)) {
    throw new PreviewError(
      `no Pulumi project in ${projectDir}: Pulumi.yaml not found (pass the project directory)`,
    );
  }
  const doc = readYaml(file);
  if (!isRecord(doc) || typeof doc.name !== "string" || !doc.name) {
    throw new PreviewError(`${file}: "name" must be set to the project name`);
  }
  const runtime = isRecord(doc.runtime) ? doc.runtime.name : doc.runtime;
  if (runtime !== "nodejs") {
    throw new PreviewError(
      `${file}: runtime is ${JSON.stringify(runtime)}; palisade preview runs nodejs programs only`,
    );
  }
  const main = typeof doc.main === "string" ? doc.main : ".";
  const name = doc.name;

  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  const declared = projectConfig(file, name, doc.config);
  const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
  const stackValues = existsSync(stackFile) ? stackConfig(stackFile, readYaml(stackFile)) : {};
  // Project values and defaults first; the stack's own values win, as in the Pulumi CLI.
  for (const [full, entry] of Object.entries(declared)) {
    if (entry.value !== undefined) config[full] = configString(entry.value);
    if (entry.secret) secretKeys.push(full);
  }
  for (const [key, value] of Object.entries(stackValues)) {
    const full = namespaced(name, key);
    if (isRecord(value) && typeof value.secure === "string") {
      // Secure values are encrypted with the stack's secrets provider, which is not available offline:
      // the program sees a placeholder, marked secret as Pulumi would.
      config[full] = "[secret: not decrypted offline]";
      if (!secretKeys.includes(full)) secretKeys.push(full);
      continue;
    }
    const type = declared[full]?.type;
    if (type !== undefined && !hasConfigType(value, type)) {
      throw new PreviewError(
        `${stackFile}: config ${JSON.stringify(key)} = ${JSON.stringify(value)} must be of type ${type}, as Pulumi.yaml declares`,
      );
    }
    config[full] = configString(value);
  }
  const missing = Object.entries(declared)
    .filter(([full, entry]) => entry.type !== undefined && config[full] === undefined)
    .map(([full]) => full);
  if (missing.length > 0) {
    throw new PreviewError(
      `stack ${JSON.stringify(stack)} is missing configuration ${missing.map((k) => JSON.stringify(k)).join(", ")}, which ${file} declares without a default: set it in ${stackFile}`,
    );
  }
  for (const pair of overrides) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new PreviewError(`--config ${JSON.stringify(pair)}: expected key=value`);
    config[namespaced(name, pair.slice(0, eq))] = pair.slice(eq + 1);
  }
  return { dir: projectDir, name, main, stack, config, secretKeys };
}
