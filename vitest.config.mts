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
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: "rules",
          // The rule library never touches Pulumi's runtime: its files share a worker, which saves the
          // module imports that were most of its run time (210 s isolated, 11 s shared, on 2 cores).
          include: ["packages/policy/src/**/*.test.ts"],
          pool: "forks",
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "runtime",
          include: ["packages/*/src/**/*.test.ts", "policy-packs/*/**/*.test.ts", "test/**/*.test.ts"],
          exclude: ["**/node_modules/**", "**/dist/**", "packages/policy/src/**"],
          // Pulumi's mock runtime is process-global state: isolate each test file in its own fork.
          pool: "forks",
        },
      },
    ],
  },
});
