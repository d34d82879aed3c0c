/**
 * For arbitrary names and argument shapes, a component either throws exactly one PalisadeValidationError
 * having registered nothing, or registers only resources whose names GCP accepts. Never a partial graph,
 * never a raw TypeError.
 */
import { assertNameProperty, hostileNames, hostileValues } from "@palisade/core/test-support";
import { describe, it } from "vitest";
import { isValidPhysicalName, physicalName } from "./names";
import { COMPONENT_CASES, gcpStack } from "./test-support";

const RUNS = 200;

describe.each(Object.keys(COMPONENT_CASES) as (keyof typeof COMPONENT_CASES)[])("%s", (component) => {
  const { build, args } = COMPONENT_CASES[component];

  it(`throws one validation error with nothing registered, or registers only valid names (${RUNS} runs)`, async () => {
    await assertNameProperty({
      stack: await gcpStack(),
      build,
      args,
      names: hostileNames(["phi.data", "PHI", "google-x", "goog", "_x"]),
      hostile: hostileValues(["allUsers", "EU", "us-central1-a"]),
      keys: ["project", "region", "labels", "dataProtection", "baseline", "kmsKeyId"],
      validName: (r) => {
        const physical = physicalName(r.type, r.name, r.inputs);
        return physical === undefined || isValidPhysicalName(r.type, physical);
      },
      runs: RUNS,
    });
  });
});
