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
import { guarddutyDetectorPerRegion } from "./guardduty";

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
  props: Record<string, unknown> = { enable: true },
  name = `cover-${String(region)}`,
): KitResource => ({
  type: "aws:guardduty/detector:Detector",
  name,
  props: { region, ...props },
});
const role: KitResource = { type: "aws:iam/role:Role", name: "role", props: { name: "app" } };

describeRule(guarddutyDetectorPerRegion, {
  baseline: gdpr,
  compliant: [
    [queue(EU), cover("eu-west-1")],
    [
      queue(EU),
      queue(undefined, { region: "eu-central-1" }, "q2"),
      cover("eu-west-1"),
      cover("eu-central-1"),
    ],
    [queue(EU), cover("eu-west-1", {})], // enable defaults to true
    // Global services use no region, whatever their provider's; a resource with no region is residency's finding.
    [role, { ...role, name: "role2", provider: { region: "us-east-1" } }],
    [queue()],
  ],
  requirements: {
    "detector-in-every-region": {
      violating: [
        [queue(EU)],
        [queue(EU), cover("eu-central-1")],
        [queue(EU), queue(undefined, { region: "eu-central-1" }, "q2"), cover("eu-west-1")],
        [queue(EU), cover("eu-west-1", { enable: false })],
      ],
      unknown: [
        // A resource whose region is not known yet, every known region covered.
        [queue(EU), queue(undefined, { region: UNKNOWN }, "q2"), cover("eu-west-1")],
        // A region uncovered, unless the cover whose region is unknown is in it.
        [queue(EU), cover(UNKNOWN)],
        [queue(EU), cover("eu-west-1", { enable: UNKNOWN })],
      ],
      decidedWhenUnknown: [[queue(EU, { name: UNKNOWN, kmsMasterKeyId: UNKNOWN }), cover("eu-west-1")]],
      outOfScope: [{ resources: [queue(EU)], config: { detectionManagedCentrally: true } }],
    },
  },
});

describe("guarddutyDetectorPerRegion with a region not known yet", () => {
  it("still reports a known region left uncovered", async () => {
    const result = await analyzeRule(
      guarddutyDetectorPerRegion,
      [queue(EU), queue(undefined, { region: UNKNOWN }, "q2"), cover("eu-central-1")],
      { baseline: gdpr },
    );
    expect(requirementsOf(result)).toEqual([
      `${guarddutyDetectorPerRegion.id}/${guarddutyDetectorPerRegion.requirements[0]!.id}`,
    ]);
    expect(undeterminedOf(result)).toEqual([]);
  });
});
