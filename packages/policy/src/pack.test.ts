import { controlOfTags, finra, hipaa, parseExemptedReason, targetOfTags } from "@palisade/core";
import type { Policy, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { UNKNOWN, analyzeResource, analyzeStack, type KitResource } from "./kit";
import { buildPolicies, policyFor, remediationSteps, type Control, type FrameworkDefinition } from "./pack";
import { baselineSetting, resourceRule, stackRule } from "./rule";
import { requirementsOf, undeterminedOf } from "./test-support";

// A framework-neutral rule with three independent requirements.
const widgetRule = resourceRule({
  id: "test-widget-secure",
  description: "Widgets are secure",
  target: "aws",
  types: ["test:index:Widget"],
  config: { maxAgeDays: baselineSetting("maxKeyRotationDays", { type: "integer", minimum: 1 }) },
  requirements: [
    {
      id: "encrypted",
      description: "Encrypted",
      remediation: "Set encrypted: true.",
      check: (props) => (props.encrypted === true ? [] : ["encrypted is not true"]),
    },
    {
      id: "fresh",
      description: "Not older than maxAgeDays",
      remediation: "Rotate it.",
      check: (props, { config }) =>
        Number(props.ageDays ?? 0) > Number(config.maxAgeDays)
          ? [`ageDays exceeds ${String(config.maxAgeDays)}`]
          : [],
    },
    {
      id: "tagged",
      description: "Tagged, on gadgets only",
      remediation: "Tag it.",
      types: ["test:index:Gadget"],
      check: (props) => (props.tags === undefined ? ["tags is not set"] : []),
    },
  ],
});
const control = (extra: Partial<Control> = {}): Control => ({
  id: "test-widgets",
  reference: "Test 1.2",
  requirement: "Widgets are protected",
  severity: "high",
  url: "https://example.com/test-widgets",
  rules: [widgetRule],
  ...extra,
});
const widget = (props: Record<string, unknown>, name = "w"): KitResource => ({
  type: "test:index:Widget",
  name,
  props,
});
const policy = (c: Control = control()) => policyFor(c, widgetRule, hipaa);

describe("policyFor", () => {
  it("carries the control id and target as keyed tags, the citation, and this cloud's remediation per requirement", () => {
    const p = policy();
    expect(p.name).toBe("test-widget-secure");
    expect(controlOfTags(p.tags ?? [])).toBe("test-widgets");
    expect(targetOfTags(p.tags ?? [])).toBe("aws");
    expect(p.description).toBe("Widgets are secure (Test 1.2)");
    expect(p.framework).toMatchObject({ reference: "Test 1.2", specification: "Widgets are protected" });
    expect(p.remediationSteps).toBe(
      "[test-widget-secure/encrypted] Set encrypted: true.\n[test-widget-secure/fresh] Rotate it.\n[test-widget-secure/tagged] Tag it.",
    );
    expect(remediationSteps(widgetRule)).toBe(p.remediationSteps);
    expect(p.enforcementLevel).toBe("mandatory");
    expect(policyFor(control({ enforcementLevel: "advisory" }), widgetRule, hipaa).enforcementLevel).toBe(
      "advisory",
    );
  });

  it("takes config defaults from the baseline it is built for", async () => {
    expect(policy().configSchema?.properties.maxAgeDays).toMatchObject({ type: "integer", default: 365 });
    const old = widget({ encrypted: true, ageDays: 366 });
    expect(requirementsOf(await analyzeResource(policy(), old))).toEqual(["test-widget-secure/fresh"]);
    const underFinra = policyFor(control(), widgetRule, {
      ...finra,
      maxKeyRotationDays: { value: 400, citation: "" },
    });
    expect(await analyzeResource(underFinra, old)).toEqual({
      violations: [],
      undetermined: [],
      exempted: [],
      outOfScope: [],
    });
    expect(
      requirementsOf(
        await analyzeResource(policy(), widget({ encrypted: true, ageDays: 31 }), { maxAgeDays: 30 }),
      ),
    ).toEqual(["test-widget-secure/fresh"]);
  });

  it("puts the requirement id in front of each violation message, with nothing before it", async () => {
    const result = await analyzeResource(policy(), widget({ ageDays: 400 }));
    expect(result.violations).toEqual([
      "[test-widget-secure/encrypted] encrypted is not true",
      "[test-widget-secure/fresh] ageDays exceeds 365",
    ]);
  });

  it("judges each requirement on its own: an unknown value leaves only its requirement undetermined", async () => {
    const result = await analyzeResource(policy(), widget({ encrypted: false, ageDays: UNKNOWN }));
    expect(requirementsOf(result)).toEqual(["test-widget-secure/encrypted"]);
    expect(undeterminedOf(result)).toEqual(["test-widget-secure/fresh"]);
    expect(result.undetermined[0]).toMatch(
      /^can't run policy 'test-widget-secure' from policy pack .* during preview: \[test-widget-secure\/fresh\] string value at \.ageDays can't be known during preview$/,
    );
  });

  it("reports every requirement it could not read, and what it could not read wins over an exemption", async () => {
    const unknowns = widget({ encrypted: UNKNOWN, ageDays: UNKNOWN });
    const result = await analyzeResource(policy(), unknowns);
    expect(undeterminedOf(result)).toEqual(["test-widget-secure/encrypted", "test-widget-secure/fresh"]);
    expect(result.undetermined).toHaveLength(2);
    const partly = await analyzeResource(policy(), widget({ encrypted: false, ageDays: UNKNOWN }), {
      exemptions: [{ resource: "w", reason: "rotated by hand each quarter", expires: "2099-12-31" }],
    });
    expect(partly).toMatchObject({ violations: [], exempted: [] });
    expect(undeterminedOf(partly)).toEqual(["test-widget-secure/fresh"]);
  });

  it("is one validation, carrying its type when it has one so the policy server skips other types unread", () => {
    const validations = (p: Policy) => (p as ResourceValidationPolicy).validateResource;
    const single = validations(policy());
    expect(Array.isArray(single)).toBe(false);
    expect(single).toHaveProperty("__pulumiType", "test:index:Widget");
    const twoTypes = policyFor(
      control(),
      { ...widgetRule, types: ["test:index:Widget", "test:index:Gadget"] },
      hipaa,
    );
    expect(validations(twoTypes)).not.toHaveProperty("__pulumiType");
  });

  it("judges a requirement only on its own types", async () => {
    const gadget: KitResource = { type: "test:index:Gadget", name: "g", props: {} };
    const onGadget = policyFor(
      control(),
      { ...widgetRule, types: ["test:index:Widget", "test:index:Gadget"] },
      hipaa,
    );
    expect(requirementsOf(await analyzeResource(onGadget, gadget))).toEqual([
      "test-widget-secure/encrypted",
      "test-widget-secure/tagged",
    ]);
    expect(requirementsOf(await analyzeResource(onGadget, widget({})))).toEqual([
      "test-widget-secure/encrypted",
    ]);
    expect(await analyzeResource(policy(), gadget)).toEqual({
      violations: [],
      undetermined: [],
      exempted: [],
      outOfScope: [],
    });
  });

  it("says a resource is out of scope without capturing a stack trace, and puts the limit back", () => {
    const resourcePolicy = policy() as ResourceValidationPolicy;
    const [first] = [resourcePolicy.validateResource].flat();
    let thrown: Error | undefined;
    const args = {
      type: "test:index:Gadget",
      notApplicable: () => {
        throw (thrown = new Error("not applicable"));
      },
    };
    const before = Error.stackTraceLimit;
    expect(() => first!(args as never, () => undefined)).toThrow("not applicable");
    // No frames: only the message line.
    expect(thrown?.stack).toBe("Error: not applicable");
    expect(Error.stackTraceLimit).toBe(before);
  });

  it("names the requirement whose check fails with a bug", async () => {
    const buggy = resourceRule({
      ...widgetRule,
      requirements: [
        {
          id: "broken",
          description: "d",
          remediation: "r",
          check: () => {
            throw new Error("boom");
          },
        },
      ],
    });
    await expect(analyzeResource(policyFor(control(), buggy, hipaa), widget({}))).rejects.toThrow(
      /\[test-widget-secure\/broken\] boom/,
    );
  });

  it("refuses a rule without requirements", () => {
    expect(() => policyFor(control(), { ...widgetRule, requirements: [] }, hipaa)).toThrow(
      /has no requirements/,
    );
  });
});

describe("exemptions", () => {
  const exemption = { resource: "w*", reason: "vendor rotates the widget by hand", expires: "2099-12-31" };
  const bad = widget({ ageDays: 400 });

  it("excuse every requirement of the policy when they name none", async () => {
    const result = await analyzeResource(policy(), bad, { exemptions: [exemption] });
    expect(result.violations).toEqual([]);
    expect(result.exempted).toEqual([
      "[exempted] vendor rotates the widget by hand (until 2099-12-31): [test-widget-secure/encrypted] encrypted is not true",
      "[exempted] vendor rotates the widget by hand (until 2099-12-31): [test-widget-secure/fresh] ageDays exceeds 365",
    ]);
    expect(parseExemptedReason(result.exempted[1]!)?.findings).toEqual([
      "[test-widget-secure/fresh] ageDays exceeds 365",
    ]);
  });

  it("excuse only the requirement they name", async () => {
    const result = await analyzeResource(policy(), bad, {
      exemptions: [{ ...exemption, requirement: "test-widget-secure/fresh" }],
    });
    expect(requirementsOf(result)).toEqual(["test-widget-secure/encrypted"]);
    expect(result.exempted).toHaveLength(1);
    expect(result.exempted[0]).toContain("[test-widget-secure/fresh]");
  });

  it("reject a requirement the policy does not have", async () => {
    await expect(
      analyzeResource(policy(), bad, {
        exemptions: [{ ...exemption, requirement: "test-widget-secure/old" }],
      }),
    ).rejects.toThrow(
      "exemptions/0/requirement test-widget-secure/old is not a requirement of test-widget-secure",
    );
  });

  it("are ignored by non-exemptible controls", async () => {
    const result = await analyzeResource(policy(control({ nonExemptible: true })), bad, {
      exemptions: [exemption],
    });
    expect(result.violations).toHaveLength(2);
    expect(result.exempted).toEqual([]);
  });
});

// A stack rule: a widget needs a guard joined to it through `widget`.
const guardRule = stackRule({
  id: "test-widget-guarded",
  description: "Widgets are guarded",
  target: "aws",
  types: ["test:index:Widget"],
  requirements: [
    {
      id: "guard",
      description: "A guard protects the widget",
      remediation: "Add a guard.",
      check: (_props, context) =>
        context.stack.dependents("test:index:Guard", "widget").some((g) => g.props.on === true)
          ? []
          : ["no guard is on"],
    },
    {
      id: "named",
      description: "The widget has a label",
      remediation: "Label it.",
      check: (props) => (typeof props.label === "string" ? [] : ["label is not set"]),
    },
  ],
});
const guard = (on: unknown, target = "w"): KitResource => ({
  type: "test:index:Guard",
  name: `guard-${target}`,
  props: { widget: UNKNOWN, on },
  propertyDependencies: { widget: [target] },
});
const stackPolicy = (c: Control = control({ rules: [guardRule] })): Policy => policyFor(c, guardRule, hipaa);

describe("stack policies", () => {
  it("carry their type when they have one, so the policy server skips a stack without it unread", () => {
    const validation = (p: Policy) => (p as StackValidationPolicy).validateStack;
    expect(validation(stackPolicy())).toHaveProperty("__pulumiType", "test:index:Widget");
    const twoTypes = stackRule({ ...guardRule, types: ["test:index:Widget", "test:index:Guard"] });
    expect(validation(policyFor(control({ rules: [twoTypes] }), twoTypes, hipaa))).not.toHaveProperty(
      "__pulumiType",
    );
  });

  it("report each finding on its resource, led by its requirement id", async () => {
    const result = await analyzeStack(stackPolicy(), [
      widget({ label: "a" }),
      widget({}, "w2"),
      guard(true, "w2"),
    ]);
    expect(result.violations).toEqual([
      "[test-widget-guarded/guard] no guard is on",
      "[test-widget-guarded/named] label is not set",
    ]);
  });

  it("judge every other requirement and resource before reporting what they could not read", async () => {
    const result = await analyzeStack(stackPolicy(), [
      widget({ label: UNKNOWN }),
      guard(UNKNOWN),
      widget({}, "w2"),
    ]);
    expect(result.violations).toEqual([
      "[test-widget-guarded/guard] no guard is on",
      "[test-widget-guarded/named] label is not set",
    ]);
    expect(undeterminedOf(result)).toEqual(["test-widget-guarded/guard", "test-widget-guarded/named"]);
    // One message per requirement, each naming the resource it could not judge.
    expect(result.undetermined).toHaveLength(2);
    for (const message of result.undetermined)
      expect(message).toContain("(urn:pulumi:test::test::test:index:Widget::w)");
  });

  it("excuse findings per resource and requirement, naming the resource", async () => {
    const result = await analyzeStack(stackPolicy(), [widget({}), widget({ label: "b" }, "other")], {
      exemptions: [
        {
          requirement: "test-widget-guarded/guard",
          resource: "w",
          reason: "guarded outside the stack",
          expires: "2099-12-31",
        },
      ],
    });
    expect(result.violations).toEqual([
      "[test-widget-guarded/named] label is not set",
      "[test-widget-guarded/guard] no guard is on",
    ]);
    expect(result.exempted).toEqual([
      "[exempted] guarded outside the stack (until 2099-12-31): [test-widget-guarded/guard] no guard is on (urn:pulumi:test::test::test:index:Widget::w)",
    ]);
  });
});

// A rule judging every resource of a package, with a data-class scope and a per-stack requirement.
const regionRule = stackRule({
  id: "test-region-placed",
  description: "Resources are placed, and the stack has a detector",
  target: "aws",
  types: ["test:*"],
  requirements: [
    {
      id: "placed",
      description: "Placed in a region",
      remediation: "Set region.",
      outOfScope: (props) => (props.class === "public" ? "class is public" : undefined),
      check: (props) => (props.region === undefined ? ["region is not set"] : []),
    },
    {
      id: "detector",
      description: "The stack has a detector",
      remediation: "Add a detector.",
      perStack: true,
      outOfScope: (_props, { config }) => (config.central === true ? "detection is central" : undefined),
      check: (_props, { stack }) =>
        stack.resources.some((r) => r.type === "test:index:Detector") ? [] : ["no detector"],
    },
  ],
});
const regionPolicy = () => policyFor(control({ rules: [regionRule] }), regionRule, hipaa);
const thing = (props: Record<string, unknown>, name = "t", type = "test:index:Thing"): KitResource => ({
  type,
  name,
  props,
});

describe("scopes beyond types", () => {
  it("match types by glob, and a glob is never sent as the policy's one type", async () => {
    const validation = (regionPolicy() as StackValidationPolicy).validateStack;
    expect(validation).not.toHaveProperty("__pulumiType");
    const result = await analyzeStack(regionPolicy(), [
      thing({}),
      thing({ region: "r" }, "u", "test:other:Kind"),
    ]);
    expect(result.violations).toEqual([
      "[test-region-placed/detector] no detector",
      "[test-region-placed/placed] region is not set",
    ]);
    expect((await analyzeStack(regionPolicy(), [thing({}, "x", "other:index:Thing")])).outOfScope).toEqual(
      [],
    );
  });

  it("judge a per-stack requirement once, naming no resource", async () => {
    const result = await analyzeStack(regionPolicy(), [thing({ region: "r" }), thing({ region: "r" }, "u")]);
    expect(result.violations).toEqual(["[test-region-placed/detector] no detector"]);
    const detected = [thing({ region: "r" }), thing({ region: "r" }, "d", "test:index:Detector")];
    expect((await analyzeStack(regionPolicy(), detected)).violations).toEqual([]);
  });

  it("say why nothing was judged when every requirement was out of scope, never that it passed", async () => {
    const result = await analyzeStack(regionPolicy(), [thing({ class: "public" })], { central: true });
    expect(result).toEqual({
      violations: [],
      undetermined: [],
      exempted: [],
      outOfScope: ["detection is central; class is public"],
    });
  });

  it("count a policy as applied when any requirement judged something", async () => {
    const result = await analyzeStack(
      regionPolicy(),
      [thing({ class: "public" }), thing({ region: "r" }, "u")],
      {
        central: true,
      },
    );
    expect(result).toEqual({ violations: [], undetermined: [], exempted: [], outOfScope: [] });
  });

  it("leave only the requirement undetermined when deciding its scope reads an unknown value", async () => {
    const result = await analyzeStack(regionPolicy(), [thing({ class: UNKNOWN }), thing({}, "u")]);
    expect(result.violations).toEqual([
      "[test-region-placed/detector] no detector",
      "[test-region-placed/placed] region is not set",
    ]);
    expect(undeterminedOf(result)).toEqual(["test-region-placed/placed"]);
  });

  it("skip a requirement out of scope on a resource policy too", async () => {
    const { id, description, target, types } = regionRule;
    const placed = resourceRule({
      id,
      description,
      target,
      types,
      requirements: [regionRule.requirements[0]!],
    });
    const p = policyFor(control({ rules: [placed] }), placed, hipaa);
    expect((await analyzeResource(p, thing({ class: "public" }))).outOfScope).toEqual(["class is public"]);
    expect((await analyzeResource(p, thing({}))).violations).toEqual([
      "[test-region-placed/placed] region is not set",
    ]);
  });
});

describe("buildPolicies", () => {
  const definition: FrameworkDefinition = {
    packName: "test-pack",
    framework: { name: "Test Framework", version: "1" },
    baseline: hipaa,
    controls: [control(), control({ id: "test-guards", rules: [guardRule] })],
    notCoverable: [],
  };

  it("builds one policy per rule with the framework's name and version", () => {
    const policies = buildPolicies(definition);
    expect(policies.map((p) => p.name)).toEqual(["test-widget-secure", "test-widget-guarded"]);
    for (const p of policies) expect(p.framework).toMatchObject({ name: "Test Framework", version: "1" });
  });

  it("refuses a rule listed twice", () => {
    expect(() => buildPolicies({ ...definition, controls: [control(), control({ id: "again" })] })).toThrow(
      "rule test-widget-secure appears twice in test-pack",
    );
  });
});
