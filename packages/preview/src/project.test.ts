import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadProject } from "./project";

/** A project directory with the given Pulumi.yaml tail and stack file. */
function project(projectConfig: string, stackFile?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "palisade-project-"));
  writeFileSync(path.join(dir, "Pulumi.yaml"), `name: demo\nruntime: nodejs\n${projectConfig}`);
  if (stackFile !== undefined) writeFileSync(path.join(dir, "Pulumi.dev.yaml"), stackFile);
  return dir;
}

describe("loadProject config", () => {
  it("takes project values and defaults, and lets the stack's values win", () => {
    const dir = project(
      [
        "config:",
        "  networks:",
        "    type: integer",
        "    default: 2",
        "  aws:region: us-east-2",
        "  owner: platform",
        "  token:",
        "    type: string",
        "    secret: true",
        "    default: x",
      ].join("\n"),
      "config:\n  demo:owner: ml\n",
    );
    const { config, secretKeys } = loadProject(dir, "dev");
    expect(config).toEqual({
      "demo:networks": "2",
      "aws:region": "us-east-2",
      "demo:owner": "ml",
      "demo:token": "x",
    });
    expect(secretKeys).toEqual(["demo:token"]);
  });

  it("checks stack values against the declared type", () => {
    const dir = project(
      "config:\n  networks:\n    type: integer\n    default: 2\n",
      "config:\n  demo:networks: many\n",
    );
    expect(() => loadProject(dir, "dev")).toThrow(/"demo:networks" = "many" must be of type integer/);
    const ok = project("config:\n  networks:\n    type: integer\n", 'config:\n  demo:networks: "3"\n');
    expect(loadProject(ok, "dev").config["demo:networks"]).toBe("3");
  });

  it("refuses a typed key without a default that the stack does not set", () => {
    const dir = project("config:\n  networks:\n    type: integer\n", "config: {}\n");
    expect(() => loadProject(dir, "dev")).toThrow(/stack "dev" is missing configuration "demo:networks"/);
  });

  it("refuses a declaration it does not understand and a default of the wrong type", () => {
    expect(() => loadProject(project("config:\n  n:\n    type: number\n"), "dev")).toThrow(
      /config "n" is not a valid declaration/,
    );
    expect(() => loadProject(project("config:\n  n:\n    type: integer\n    default: two\n"), "dev")).toThrow(
      /default that is not of type integer/,
    );
  });

  it.each([
    ["a list", "config:\n  - a\n  - b\n", /"config" must be a mapping of keys to values, not a list/],
    ["a scalar", "config: 3\n", /"config" must be a mapping of keys to values, not number/],
    ["not a mapping", "- config\n", /Pulumi.dev.yaml: must be a mapping/],
  ])("names the stack file when its config is %s", (_what, stackFile, message) => {
    expect(() => loadProject(project("", stackFile), "dev")).toThrow(message);
  });
});
