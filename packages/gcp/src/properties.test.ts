/**
 * For arbitrary names and argument shapes, a component either throws exactly one PalisadeValidationError
 * having registered nothing, or registers only resources whose names GCP accepts. Never a partial graph,
 * never a raw TypeError.
 */
import * as pulumi from "@pulumi/pulumi";
import { PalisadeValidationError } from "@palisade/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isValidPhysicalName, physicalName } from "./names";
import { COMPONENT_CASES, gcpStack } from "./test-support";

const RUNS = 200;

/** Values a user (or a YAML file, or a hostile tester) might put anywhere. */
const hostile = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    undefined,
    0,
    -1,
    1e9,
    Number.NaN,
    "",
    "*",
    "allUsers",
    "EU",
    "us-central1-a",
    "constructor",
    "__proto__",
    "toString",
    "x".repeat(300),
    [],
    [null],
    {},
    { toString: 1 },
    true,
  ),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.constant(null).map(() => pulumi.output("later")),
);

const names = fc.oneof(
  fc.constantFrom(
    "comp",
    "phi.data",
    "données",
    "PHI",
    "google-x",
    "goog",
    "a",
    "x".repeat(70),
    "-x",
    "a b",
    "_x",
  ),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,50}$/),
  fc.string({ maxLength: 20 }),
);

/** A component's valid args with some keys dropped, some replaced by hostile values, and maybe a typo added. */
function mutated(base: Record<string, unknown>) {
  const keys = [
    ...Object.keys(base),
    "project",
    "region",
    "labels",
    "dataProtection",
    "baseline",
    "kmsKeyId",
  ];
  return fc
    .tuple(
      fc.array(fc.tuple(fc.constantFrom(...keys), fc.oneof(fc.constant("drop"), hostile)), { maxLength: 3 }),
      fc.boolean(),
    )
    .map(([changes, typo]) => {
      const args: Record<string, unknown> = { ...base };
      for (const [key, value] of changes) {
        if (value === "drop") delete args[key];
        else args[key] = value;
      }
      if (typo) args.retainOnDelte = false;
      return args;
    });
}

describe.each(Object.keys(COMPONENT_CASES) as (keyof typeof COMPONENT_CASES)[])("%s", (component) => {
  const { build, args } = COMPONENT_CASES[component];

  it(`throws one validation error with nothing registered, or registers only valid names (${RUNS} runs)`, async () => {
    const stack = await gcpStack();
    await fc.assert(
      fc.asyncProperty(names, fc.oneof(mutated(args), fc.constant(args)), async (name, input) => {
        const before = stack.registrations.length;
        let thrown: unknown;
        try {
          build(name, input);
        } catch (e) {
          thrown = e;
        }
        await stack.settle();
        const registered = stack.registrations.slice(before);
        if (thrown !== undefined) {
          expect(thrown).toBeInstanceOf(PalisadeValidationError);
          expect(registered.map((r) => r.name)).toEqual([]);
          return;
        }
        expect(registered.length).toBeGreaterThan(0);
        for (const r of registered) {
          const physical = physicalName(r.type, r.name, r.inputs);
          if (physical !== undefined)
            expect(isValidPhysicalName(r.type, physical), `${r.type} ${physical}`).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
