import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { renderCatalog } from "./catalog";
import { CATALOGS } from "./catalogs";

describe("the committed control catalogs", () => {
  it.each(Object.entries(CATALOGS))(
    "docs/controls/%s matches the code (run gen:catalog if this fails)",
    (file, definition) => {
      const committed = readFileSync(path.resolve(__dirname, "../../../docs/controls", file), "utf8");
      expect(committed).toBe(renderCatalog(definition));
    },
  );

  it("lists every control, every rule and the requirements no preview check can cover", () => {
    const text = renderCatalog(CATALOGS["hipaa.md"]!);
    expect(text).toContain("| hipaa-no-public-data | 45 CFR 164.312(a)(1); 164.312(e)(1) |");
    expect(text).toContain("`kubernetes-pod-security-restricted`");
    expect(text).toContain("## Not coverable by a preview-time check");
    expect(text).toContain("164.308(b) business associate agreements");
  });
});
