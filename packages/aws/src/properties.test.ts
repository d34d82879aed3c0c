/**
 * For arbitrary names and argument shapes, a component either throws exactly one PalisadeValidationError
 * having registered nothing, or registers only resources whose names AWS accepts. Never a partial graph,
 * never a raw TypeError.
 */
import { assertNameProperty, hostileNames, hostileValues } from "@palisade/core/test-support";
import { describe, it } from "vitest";
import { isValidPhysicalName, physicalName } from "./names";
import { awsStack, COMPONENT_CASES } from "./test-support";

const RUNS = 200;

describe.each(Object.keys(COMPONENT_CASES) as (keyof typeof COMPONENT_CASES)[])("%s", (component) => {
  const { build, args } = COMPONENT_CASES[component];

  it(`throws one validation error with nothing registered, or registers only valid names (${RUNS} runs)`, async () => {
    await assertNameProperty({
      stack: await awsStack(),
      build,
      args,
      names: hostileNames(["net.prod", "phi.data", "UPPER", "sg-1"]),
      hostile: hostileValues(["0.0.0.0/0", "0::/0", "us-east-2("]),
      keys: ["region", "tags", "dataProtection", "baseline"],
      validName: (r) => {
        const physical = physicalName(r.type, r.name, r.inputs);
        return physical === undefined || isValidPhysicalName(r.type, physical);
      },
      runs: RUNS,
    });
  });
});
