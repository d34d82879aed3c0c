import { describe, expect, it } from "vitest";
import { AZURE_REGION_PAIRS, pairedRegion } from "./regions";

describe("region pairs", () => {
  it("pair both ways except the one-way pairs Microsoft lists", () => {
    const oneWay = ["westus3", "brazilsouth", "brazilsoutheast", "westindia"];
    for (const [region, pair] of Object.entries(AZURE_REGION_PAIRS))
      if (!oneWay.includes(region) && pair !== "southindia")
        expect(AZURE_REGION_PAIRS[pair], `${region} -> ${pair}`).toBe(region);
    expect(pairedRegion("westeurope")).toBe("northeurope");
    expect(pairedRegion("italynorth")).toBeUndefined();
    expect(pairedRegion("constructor")).toBeUndefined();
  });
});
