/**
 * The finding protocol (requirement ids, control and target tags, exempted, undetermined and out-of-scope
 * findings) has one home, @palisade/core's findings. The preview reads it only through that module: it
 * never spells a marker or reads a tag by position itself, so a change there cannot leave it behind.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [file] : [];
  });
}

describe("the preview and the finding protocol", () => {
  const files = sources(__dirname).map((file) => ({
    file: path.relative(__dirname, file),
    text: readFileSync(file, "utf8"),
  }));

  it.each([
    // As text or inside a regular expression (`\[exempted\]` contains "[exempted").
    ["the exempted marker", /\[exempted/],
    ["the undetermined message", /can't run/],
    ["a tag read by position", /tags\[\d\]/],
    ["a control or target tag prefix", /["'`](control|target):/],
  ])("spells no %s outside @palisade/core", (_what, pattern) => {
    expect(files.filter((f) => pattern.test(f.text)).map((f) => f.file)).toEqual([]);
  });

  // The findings module alone: the package root would load @pulumi/pulumi, ajv and more into every run.
  it("reads it from @palisade/core/findings", () => {
    expect(files.filter((f) => f.text.includes('from "@palisade/core"')).map((f) => f.file)).toEqual([]);
    expect(
      files
        .filter((f) => f.text.includes('from "@palisade/core/findings"'))
        .map((f) => f.file)
        .sort(),
    ).toEqual([path.join("analyzer", "session.ts"), "controls.ts", "diagnostics.ts"]);
  });
});
