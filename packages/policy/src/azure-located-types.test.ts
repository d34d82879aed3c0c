/**
 * Checks the generated list of azure-native types that take a `location` input against the installed SDK,
 * so an SDK upgrade that adds or drops one fails here. `UPDATE_AZURE_LOCATED_TYPES=1` rewrites the list.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { AZURE_AUTO_LOCATION_DISABLED, AZURE_LOCATED_TYPES, takesOwnLocation } from "./azure-located-types";

const SDK = path.dirname(createRequire(__filename).resolve("@pulumi/azure-native/package.json"));

/** Each resource's type token, and whether its constructor passes a `location` arg on as an input. */
function sdkTypes(): { type: string; located: boolean }[] {
  return readdirSync(SDK, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !["types", "node_modules"].includes(d.name))
    .flatMap((d) =>
      readdirSync(path.join(SDK, d.name))
        .filter((f) => f.endsWith(".js"))
        .map((f) => readFileSync(path.join(SDK, d.name, f), "utf8"))
        .flatMap((source) => {
          const type = /static __pulumiType = '([^']+)'/.exec(source)?.[1];
          return type ? [{ type, located: /resourceInputs\["location"\] = args/.test(source) }] : [];
        }),
    );
}

/** The list as the data file holds it: type names by module. */
function byModule(types: readonly string[]): Record<string, string[]> {
  const modules: Record<string, string[]> = {};
  for (const type of [...types].sort()) {
    const [, module, name] = type.split(":");
    (modules[module!] ??= []).push(name!);
  }
  return modules;
}

describe("AZURE_LOCATED_TYPES", () => {
  const types = sdkTypes();
  const located = types.filter((t) => t.located).map((t) => t.type);

  it("lists exactly the installed azure-native types whose args take a location", () => {
    if (process.env.UPDATE_AZURE_LOCATED_TYPES) {
      const file = path.join(__dirname, "azure-located-types.ts");
      const source = readFileSync(file, "utf8");
      const json = JSON.stringify(byModule(located), null, 2);
      writeFileSync(file, source.replace(/(const LOCATED_BY_MODULE[^=]*= )[\s\S]*?\n};\n/, `$1${json};\n`));
    }
    expect([...AZURE_LOCATED_TYPES].sort()).toEqual([...located].sort());
  });

  it("reads a sound SDK: many types, both kinds", () => {
    expect(types.length).toBeGreaterThan(1000);
    expect(located).toContain("azure-native:storage:StorageAccount");
    expect(types.map((t) => t.type)).toContain("azure-native:storage:BlobContainer");
    expect(located).not.toContain("azure-native:storage:BlobContainer");
  });

  it("names auto-location-disabled types that exist and take a location", () => {
    for (const type of AZURE_AUTO_LOCATION_DISABLED) expect(located, type).toContain(type);
  });

  it("tells a resource placed on its own from one that lives in its parent", () => {
    expect(takesOwnLocation("azure-native:storage:StorageAccount")).toBe(true);
    expect(takesOwnLocation("azure-native:storage:BlobContainer")).toBe(false);
    expect(takesOwnLocation("azure-native:cosmosdb:SqlResourceSqlDatabase")).toBe(false);
  });
});
