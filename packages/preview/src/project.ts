/** Reads a Pulumi project and its stack config as the Pulumi CLI would. */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
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
  const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
  if (existsSync(stackFile)) {
    const stackDoc = readYaml(stackFile);
    const entries = isRecord(stackDoc) && isRecord(stackDoc.config) ? stackDoc.config : {};
    for (const [key, value] of Object.entries(entries)) {
      const full = namespaced(name, key);
      if (isRecord(value) && typeof value.secure === "string") {
        // Secure values are encrypted with the stack's secrets provider, which is not available offline:
        // the program sees a placeholder, marked secret as Pulumi would.
        config[full] = "[secret: not decrypted offline]";
        secretKeys.push(full);
      } else {
        config[full] = typeof value === "string" ? value : JSON.stringify(value);
      }
    }
  }
  for (const pair of overrides) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new PreviewError(`--config ${JSON.stringify(pair)}: expected key=value`);
    config[namespaced(name, pair.slice(0, eq))] = pair.slice(eq + 1);
  }
  return { dir: projectDir, name, main, stack, config, secretKeys };
}
