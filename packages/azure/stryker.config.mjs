// Mutation testing of @palisade/azure's shared pieces and components (kept out of `pnpm test` and CI):
// every mutant must make a test fail. Run from the repository root, narrowing with `--mutate <files>`.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "packages/azure/vitest.mutation.config.mts" },
  mutate: [
    "packages/azure/src/**/*.ts",
    "!packages/azure/src/**/*.test.ts",
    "!packages/azure/src/test-support.ts",
  ],
  coverageAnalysis: "perTest",
  concurrency: 2,
  // Module-level tables (name rules, sizes, roles) are evaluated once per module load: each such "static"
  // mutant would rerun every test, so they are judged by the graph and name tests instead.
  ignoreStatic: true,
  ignorePatterns: [
    "bench",
    "examples",
    "test",
    "policy-packs",
    "packages/aws",
    "packages/gcp",
    "packages/kubernetes",
    "packages/preview",
    "**/dist",
    "**/*.tsbuildinfo",
    "**/.mutants",
  ],
  tempDirName: "packages/azure/.mutants/stryker-tmp",
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: "packages/azure/.mutants/report/mutation.json" },
  dryRunTimeoutMinutes: 30,
  thresholds: { high: 95, low: 85, break: null },
};
