// Mutation testing of the rule library (`pnpm test:mutation`, kept out of `pnpm test` and CI): every
// mutant of packages/policy/src/rules must make a test fail. Run from the repository root, where the
// vitest config (workspace aliases) lives.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "packages/policy/vitest.mutation.config.mts" },
  mutate: ["packages/policy/src/rules/**/*.ts", "!packages/policy/src/rules/**/*.test.ts"],
  coverageAnalysis: "perTest",
  concurrency: 2,
  // The sandbox needs the policy and core sources, the generated catalog and the root config only.
  // Rule metadata (ids, descriptions, remediation) and module-level tables are evaluated when a module
  // loads, so each such "static" mutant would rerun every test; they are checked by the catalog and
  // layout tests instead, and left out here to keep a run in minutes.
  ignoreStatic: true,
  ignorePatterns: [
    "bench",
    "examples",
    "test",
    "policy-packs",
    "packages/aws",
    "packages/kubernetes",
    "packages/preview",
    "**/dist",
    "**/*.tsbuildinfo",
    "**/.mutants",
  ],
  // Under .mutants/, which git, eslint and prettier ignore.
  tempDirName: "packages/policy/.mutants/stryker-tmp",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "packages/policy/.mutants/report/index.html" },
  jsonReporter: { fileName: "packages/policy/.mutants/report/mutation.json" },
  // Reruns test only the mutants whose code or tests changed since the last run (`--force` for all).
  incremental: true,
  // The first, unmutated run of every test: on a busy 2-core machine it takes longer than the 5-minute default.
  dryRunTimeoutMinutes: 30,
  incrementalFile: "packages/policy/.mutants/incremental.json",
  thresholds: { high: 95, low: 90, break: 90 },
};
