// Mutation testing only (loaded by vitest.mutation.config.mts). StrykerJS 9.3 injects a setup file that
// activates mutants and records per-test coverage, written for Vitest < 4.1: it registers
// `afterAll((suite) => ...)`, which Vitest 4.1 rejects (hooks get (context, suite)), so coverage is lost
// and every mutant reruns every related test (stryker-mutator/stryker-js#5928; the Stryker releases with a
// fix need Node 22). This is the same bookkeeping with 4.1's signatures; its logic follows Stryker's
// `stryker-setup.js` (Apache-2.0).
import { afterAll, afterEach, beforeAll, beforeEach, inject } from "vitest";

const ns = globalThis[inject("globalNamespace")] ?? (globalThis[inject("globalNamespace")] = {});
ns.hitLimit = inject("hitLimit");

/** Stryker's test id: the file, then the suite names and the test name, joined by spaces. */
function testId(task) {
  const names = [task.name];
  for (let suite = task.suite; suite; suite = suite.suite) names.unshift(suite.name);
  return `${task.file?.filepath ?? "unknown.js"}#${names.join(" ").trim()}`;
}

if (inject("mode") === "mutant") {
  beforeAll(() => {
    ns.hitCount = 0;
  });
  if (inject("mutantActivation") === "static") ns.activeMutant = inject("activeMutant");
  else
    beforeAll(() => {
      ns.activeMutant = inject("activeMutant");
    });
  // eslint-disable-next-line no-empty-pattern -- Vitest 4.1 wants the context destructured
  afterAll(({}, suite) => {
    suite.meta.hitCount = ns.hitCount;
  });
} else {
  ns.activeMutant = undefined;
  beforeEach(({ task }) => {
    ns.currentTestId = testId(task);
  });
  afterEach(() => {
    ns.currentTestId = undefined;
  });
  // eslint-disable-next-line no-empty-pattern -- Vitest 4.1 wants the context destructured
  afterAll(({}, suite) => {
    suite.meta.mutantCoverage = ns.mutantCoverage;
  });
}
