// The vitest config Stryker runs (pnpm test:mutation): the repository's aliases, this package's tests,
// each file isolated (Stryker reruns tests per mutant), with a setup file that lets Stryker 9.3 read
// per-test coverage under Vitest 4.1.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import base from "../../vitest.config.mts";

export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ["packages/policy/src/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    pool: "forks",
    testTimeout: 60_000,
    setupFiles: [fileURLToPath(new URL("./stryker-vitest-setup.mjs", import.meta.url))],
  },
});
