import fc from "fast-check";
import { Address4 } from "ip-address";
import { describe, expect, it } from "vitest";
import { planSubnets, type SubnetPlanArgs } from "./cidr";
import { expectRejected } from "./test-support";

const threeTier: SubnetPlanArgs = {
  cidr: "10.0.0.0/16",
  zones: ["us-east-1a", "us-east-1b", "us-east-1c"],
  tiers: [
    { name: "public", prefixLength: 24 },
    { name: "private", prefixLength: 20 },
    { name: "data", prefixLength: 24 },
  ],
};

describe("planSubnets", () => {
  it("lays out each tier as an aligned block with one slot per zone", () => {
    const plan = planSubnets(threeTier);
    expect(plan.tierBlocks).toEqual({ public: "10.0.0.0/22", private: "10.0.64.0/18", data: "10.0.4.0/22" });
    expect(plan.byTier.public).toEqual({
      "us-east-1a": "10.0.0.0/24",
      "us-east-1b": "10.0.1.0/24",
      "us-east-1c": "10.0.2.0/24",
    });
    expect(plan.byTier.private?.["us-east-1c"]).toBe("10.0.96.0/20");
    expect(plan.subnets).toHaveLength(9);
    expect(plan.subnets[0]).toEqual({ tier: "public", zone: "us-east-1a", cidr: "10.0.0.0/24" });
  });

  it("fills gaps left by alignment rather than growing past earlier tiers", () => {
    // public takes 10.0.0.0/22; private needs a /18 so starts at 10.0.64.0; data fits back in 10.0.4.0/22.
    const plan = planSubnets(threeTier);
    expect(new Address4(plan.tierBlocks.data ?? "").isInSubnet(new Address4("10.0.0.0/18"))).toBe(true);
  });

  it("never places a subnet in a reserved range", () => {
    const plan = planSubnets({ ...threeTier, reserved: ["10.0.0.0/22", "10.0.5.0/24"] });
    expect(plan.tierBlocks.public).toBe("10.0.8.0/22");
    for (const s of plan.subnets) {
      for (const r of ["10.0.0.0/22", "10.0.5.0/24"]) {
        expect(
          new Address4(s.cidr).isInSubnet(new Address4(r)) ||
            new Address4(r).isInSubnet(new Address4(s.cidr)),
        ).toBe(false);
      }
    }
  });

  it("accepts public ranges only when allowed", () => {
    expect(
      planSubnets({
        ...threeTier,
        cidr: "203.0.113.0/24",
        tiers: [{ name: "a", prefixLength: 28 }],
        allowPublicRanges: true,
      }).subnets,
    ).toHaveLength(3);
  });

  it.each([
    ["cidr", { cidr: "10.0.0.0/33" }, "10.0.0.0/33"],
    ["cidr", { cidr: "10.0.0.1/16" }, "10.0.0.1/16"],
    ["cidr", { cidr: "not-a-cidr" }, "not-a-cidr"],
    ["cidr", { cidr: "10.0.0.0" }, "10.0.0.0"],
    ["cidr", { cidr: "8.8.0.0/16" }, "8.8.0.0/16"],
    ["zones", { zones: [] }, []],
    ["zones[1]", { zones: ["a", "a"] }, "a"],
    ["zones", { zones: ["a", "b", "c", "d", "e"] }, ["a", "b", "c", "d", "e"]],
    ["zoneSlots", { zoneSlots: 3 }, 3],
    ["tiers", { tiers: [] }, []],
    ["tiers[0].name", { tiers: [{ name: "Public", prefixLength: 24 }] }, "Public"],
    [
      "tiers[1].name",
      {
        tiers: [
          { name: "a", prefixLength: 24 },
          { name: "a", prefixLength: 24 },
        ],
      },
      "a",
    ],
    ["tiers[0].prefixLength", { tiers: [{ name: "a", prefixLength: 17 }] }, 17],
    ["tiers[0].prefixLength", { tiers: [{ name: "a", prefixLength: 29 }] }, 29],
    ["reserved[0]", { reserved: ["192.168.0.0/24"] }, "192.168.0.0/24"],
    ["reserved[1]", { reserved: ["10.0.0.0/20", "10.0.1.0/24"] }, "10.0.1.0/24"],
  ] as const)("rejects %s = %j", (path, override, value) => {
    expectRejected(() => planSubnets({ ...threeTier, ...override }), path, value);
  });

  it("rejects a plan that does not fit, naming the tier", () => {
    const tiers = [
      { name: "a", prefixLength: 18 },
      { name: "b", prefixLength: 19 },
    ];
    expectRejected(() => planSubnets({ ...threeTier, tiers }), "tiers[1]", tiers[1]);
  });

  it("reports every problem at once", () => {
    expect(() => planSubnets({ cidr: "8.8.8.8/8", zones: [], tiers: [] })).toThrow(/3 problems/);
  });
});

const networkArb = fc
  .record({
    base: fc.constantFrom("10.0.0.0", "172.16.0.0", "192.168.0.0", "10.128.0.0"),
    prefix: fc.integer({ min: 16, max: 20 }),
  })
  .map(({ base, prefix }) => `${new Address4(`${base}/${prefix}`).startAddress().correctForm()}/${prefix}`);

/** Arbitrary plans; many do not fit, and those are rejected rather than planned wrongly. */
const planArb = fc.record({
  cidr: networkArb,
  zones: fc.uniqueArray(fc.constantFrom("z1", "z2", "z3", "z4"), { minLength: 1, maxLength: 4 }),
  tiers: fc.uniqueArray(
    fc.record({
      name: fc.constantFrom("public", "private", "data", "mgmt", "edge"),
      prefixLength: fc.integer({ min: 20, max: 28 }),
    }),
    { minLength: 1, maxLength: 5, selector: (t) => t.name },
  ),
});

function tryPlan(args: SubnetPlanArgs) {
  try {
    return planSubnets(args);
  } catch {
    return undefined;
  }
}

describe("planSubnets properties", () => {
  it("subnets never overlap", () => {
    fc.assert(
      fc.property(planArb, (args) => {
        const plan = tryPlan(args);
        if (!plan) return;
        const blocks = plan.subnets.map((s) => new Address4(s.cidr));
        blocks.forEach((a, i) =>
          blocks.slice(i + 1).forEach((b) => expect(a.isInSubnet(b) || b.isInSubnet(a)).toBe(false)),
        );
      }),
    );
  });

  it("subnets always lie inside the parent network", () => {
    fc.assert(
      fc.property(planArb, (args) => {
        const plan = tryPlan(args);
        if (!plan) return;
        for (const s of plan.subnets)
          expect(new Address4(s.cidr).isInSubnet(new Address4(args.cidr))).toBe(true);
      }),
    );
  });

  it("the same input always gives the same plan", () => {
    fc.assert(
      fc.property(planArb, (args) => {
        expect(tryPlan(args)).toEqual(tryPlan(structuredClone(args)));
      }),
    );
  });

  it("appending a tier or a zone never moves an existing subnet", () => {
    fc.assert(
      fc.property(planArb, fc.integer({ min: 20, max: 28 }), (args, newPrefix) => {
        const before = tryPlan(args);
        if (!before) return;
        const grown: SubnetPlanArgs[] = [
          { ...args, tiers: [...args.tiers, { name: "appended", prefixLength: newPrefix }] },
          ...(args.zones.length < 4 ? [{ ...args, zones: [...args.zones, "z-new"] }] : []),
        ];
        for (const next of grown) {
          const after = tryPlan(next);
          if (!after) continue; // no room to grow: rejected, never renumbered
          for (const s of before.subnets) expect(after.byTier[s.tier]?.[s.zone]).toBe(s.cidr);
        }
      }),
    );
  });
});
