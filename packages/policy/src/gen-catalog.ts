/** Writes docs/controls/<framework>.md from the code: `pnpm --filter @palisade/policy gen:catalog`. */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { CATALOGS } from "./catalogs";
import { renderCatalog } from "./catalog";

for (const [file, definition] of Object.entries(CATALOGS)) {
  const target = path.resolve(__dirname, "../../../docs/controls", file);
  writeFileSync(target, renderCatalog(definition));
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
