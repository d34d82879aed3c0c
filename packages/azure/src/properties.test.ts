/**
 * For arbitrary names and argument shapes, a component either throws exactly one PalisadeValidationError
 * having registered nothing, or registers only resources whose names Azure accepts. Never a partial graph,
 * never a raw TypeError.
 */
import { assertNameProperty, hostileNames, hostileValues } from "@palisade/core/test-support";
import { describe, it } from "vitest";
import { isValidPhysicalName, physicalName } from "./names";
import { azureStack, COMPONENT_CASES } from "./test-support";

const RUNS = 200;

describe.each(Object.keys(COMPONENT_CASES) as (keyof typeof COMPONENT_CASES)[])("%s", (component) => {
  const { build, args } = COMPONENT_CASES[component];

  it(`throws one validation error with nothing registered, or registers only valid names (${RUNS} runs)`, async () => {
    await assertNameProperty({
      stack: await azureStack(),
      build,
      args,
      names: hostileNames(["PHI", "phi.data", "phi_data", "a--b", "9phi"]),
      hostile: hostileValues(["West Europe", "*", "0.0.0.0/0", "Standard_D4s_v5"]),
      keys: ["resourceGroupName", "location", "tags", "dataProtection", "baseline"],
      validName: (r) => {
        const physical = physicalName(r.type, r.name, r.inputs);
        return physical === undefined || isValidPhysicalName(r.type, physical);
      },
      runs: RUNS,
    });
  });
});
