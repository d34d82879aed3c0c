// The vitest config Stryker runs (pnpm test:mutation): the repository's, limited to this package's tests,
// with a setup file that lets Stryker 9.3 read per-test coverage under Vitest 4.1.
import { fileURLToPath } from "node:url";
import { defineConfig, mergeConfig } from "vitest/config";
import base from "../../vitest.config.mts";

export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ["packages/policy/src/**/*.test.ts"],
      setupFiles: [fileURLToPath(new URL("./stryker-vitest-setup.mjs", import.meta.url))],
    },
  }),
);
