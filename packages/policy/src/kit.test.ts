import { hipaa } from "@palisade/core";
import { describe, expect, it } from "vitest";
import { UNKNOWN, analyzeResource, analyzeStack, secret, urnOf } from "./kit";
import { policyFor } from "./pack";
import { resourceRule, stackRule } from "./rule";

/** A rule that reports what it was given, to see the engine's request as a rule sees it. */
const echo = (seen: unknown[]) =>
  resourceRule({
    id: "test-echo-all",
    description: "Echo",
    target: "aws",
    types: ["test:index:Thing"],
    requirements: [
      {
        id: "seen",
        description: "d",
        remediation: "r",
        check: (props, context) => {
          seen.push({
            props: JSON.parse(JSON.stringify(props)),
            provider: context.provider,
            urn: context.urn,
          });
          return [];
        },
      },
    ],
  });
const control = {
  id: "c",
  reference: "r",
  requirement: "q",
  severity: "low" as const,
  url: "https://example.com",
  rules: [],
};

describe("the kit", () => {
  it("sends secrets and unknowns in wire form, and drops undefined values", async () => {
    const seen: unknown[] = [];
    await analyzeResource(policyFor(control, echo(seen), hipaa), {
      type: "test:index:Thing",
      name: "t",
      props: { password: secret("hunter2"), nested: { days: secret(730), gone: undefined } },
      provider: { namespace: "team" },
    });
    expect(seen).toEqual([
      {
        props: { password: "hunter2", nested: { days: 730 } },
        provider: { namespace: "team" },
        urn: urnOf({ type: "test:index:Thing", name: "t" }),
      },
    ]);
    expect(UNKNOWN).toBe("04da6b54-80e4-46f7-96ec-b56ff0331ba9");
  });

  it("joins property dependencies by resource name for stack policies", async () => {
    const joined: string[] = [];
    const rule = stackRule({
      id: "test-join-all",
      description: "Join",
      target: "aws",
      types: ["test:index:Thing"],
      requirements: [
        {
          id: "joined",
          description: "d",
          remediation: "r",
          check: (_props, context) => {
            joined.push(...context.stack.dependents("test:index:Part", "thing").map((r) => r.name));
            return [];
          },
        },
      ],
    });
    await analyzeStack(policyFor(control, rule, hipaa), [
      { type: "test:index:Thing", name: "t", props: {} },
      {
        type: "test:index:Part",
        name: "p",
        props: { thing: UNKNOWN },
        propertyDependencies: { thing: ["t"] },
      },
      { type: "test:index:Part", name: "q", props: {}, propertyDependencies: { thing: ["missing"] } },
    ]);
    expect(joined).toEqual(["p"]);
  });
});
