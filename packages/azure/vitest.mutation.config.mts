// The vitest config Stryker runs on @palisade/azure (`pnpm exec stryker run packages/azure/stryker.config.mjs`):
// the repository's, limited to this package's tests, with the policy package's setup file that lets
// Stryker 9.3 read per-test coverage under Vitest 4.1.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import base from "../../vitest.config.mts";

export default defineConfig({
  resolve: base.resolve,
  test: {
    // The fast-check name property reruns hundreds of builds per mutant; the tables and graph tests judge
    // the same checks directly.
    include: ["packages/azure/src/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**", "packages/azure/src/properties.test.ts"],
    // Pulumi's mock runtime is process-global state: each file in its own fork.
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    setupFiles: [fileURLToPath(new URL("../policy/stryker-vitest-setup.mjs", import.meta.url))],
  },
});
