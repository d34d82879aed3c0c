import { gdpr } from "@palisade/core";
import { describe, expect, it } from "vitest";
import {
  UNKNOWN,
  analyzeRule,
  describeRule,
  requirementsOf,
  undeterminedOf,
  type KitResource,
} from "../../test-support";
import { securityhubAccountPerRegion } from "./securityhub";

const EU = { region: "eu-west-1" };
const queue = (
  provider?: Record<string, unknown>,
  props: Record<string, unknown> = {},
  name = "q",
): KitResource => ({
  type: "aws:sqs/queue:Queue",
  name,
  props: { name: "orders", ...props },
  provider,
});
const cover = (
  region: unknown,
  props: Record<string, unknown> = {},
  name = `cover-${String(region)}`,
): KitResource => ({
  type: "aws:securityhub/account:Account",
  name,
  props: { region, ...props },
});
const role: KitResource = { type: "aws:iam/role:Role", name: "role", props: { name: "app" } };

describeRule(securityhubAccountPerRegion, {
  baseline: gdpr,
  compliant: [
    [queue(EU), cover("eu-west-1")],
    [
      queue(EU),
      queue(undefined, { region: "eu-central-1" }, "q2"),
      cover("eu-west-1"),
      cover("eu-central-1"),
    ],

    // Global services use no region, whatever their provider's; a resource with no region is residency's finding.
    [role, { ...role, name: "role2", provider: { region: "us-east-1" } }],
    [queue()],
  ],
  requirements: {
    "hub-in-every-region": {
      violating: [
        [queue(EU)],
        [queue(EU), cover("eu-central-1")],
        [queue(EU), queue(undefined, { region: "eu-central-1" }, "q2"), cover("eu-west-1")],
      ],
      unknown: [
        // A resource whose region is not known yet, every known region covered.
        [queue(EU), queue(undefined, { region: UNKNOWN }, "q2"), cover("eu-west-1")],
        // A region uncovered, unless the cover whose region is unknown is in it.
        [queue(EU), cover(UNKNOWN)],
      ],
      decidedWhenUnknown: [[queue(EU, { name: UNKNOWN, kmsMasterKeyId: UNKNOWN }), cover("eu-west-1")]],
      outOfScope: [{ resources: [queue(EU)], config: { detectionManagedCentrally: true } }],
    },
  },
});

describe("securityhubAccountPerRegion with a region not known yet", () => {
  it("still reports a known region left uncovered", async () => {
    const result = await analyzeRule(
      securityhubAccountPerRegion,
      [queue(EU), queue(undefined, { region: UNKNOWN }, "q2"), cover("eu-central-1")],
      { baseline: gdpr },
    );
    expect(requirementsOf(result)).toEqual([
      `${securityhubAccountPerRegion.id}/${securityhubAccountPerRegion.requirements[0]!.id}`,
    ]);
    expect(undeterminedOf(result)).toEqual([]);
  });
});
