import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const packagesDir = fileURLToPath(new URL("./packages/", import.meta.url));

export default defineConfig({
  resolve: {
    // Tests import workspace packages from source, so a test run never depends on a stale build.
    alias: [
      { find: /^@palisade\/([a-z-]+)$/, replacement: `${packagesDir}$1/src/index.ts` },
      // Subpath exports (`@palisade/core/test-support`, `@palisade/core/findings`) map to their source file.
      { find: /^@palisade\/([a-z-]+)\/([a-z-]+)$/, replacement: `${packagesDir}$1/src/$2.ts` },
    ],
  },
  test: {
    include: ["packages/*/src/**/*.test.ts", "policy-packs/*/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    // Pulumi's mock runtime is process-global state: isolate each test file in its own fork.
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
