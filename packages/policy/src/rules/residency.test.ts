import { gdpr, hipaa } from "@palisade/core";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { allowedRegionsSetting, normalizeRegion, regionAllowed, residencyFindings } from "./residency";

const eu = { allowedRegions: ["eu-west-1", "westeurope"] };

describe("allowedRegionsSetting", () => {
  it("defaults to the baseline's allow-list for its cloud", () => {
    expect(allowedRegionsSetting("gcp").default(gdpr)).toEqual(gdpr.allowedRegions.gcp.value);
    expect(allowedRegionsSetting("aws").default(hipaa)).toBe("any");
  });

  it('accepts "any" or a list of distinct region names in policy config, nothing else', () => {
    const { schema } = allowedRegionsSetting("azure");
    const valid = new Ajv({ strict: false }).compile(schema);
    for (const ok of ["any", [], ["westeurope"], ["westeurope", "northeurope"]])
      expect(valid(ok), JSON.stringify(ok)).toBe(true);
    for (const bad of ["anywhere", "westeurope", [""], ["westeurope", "westeurope"], [1], 1, {}])
      expect(valid(bad), JSON.stringify(bad)).toBe(false);
    expect(schema.description).toContain("azure regions");
  });
});

describe("regionAllowed", () => {
  it("allows exact names on the list and nothing else", () => {
    expect(regionAllowed("aws", "eu-west-1", eu)).toBe(true);
    expect(regionAllowed("aws", "eu-west-2", eu)).toBe(false);
    expect(regionAllowed("aws", "EU-WEST-1", eu)).toBe(false);
  });

  it("reads Azure's display names as their location names", () => {
    expect(normalizeRegion("azure", "West Europe")).toBe("westeurope");
    expect(regionAllowed("azure", "West Europe", eu)).toBe(true);
    expect(regionAllowed("azure", "westus", eu)).toBe(false);
  });

  it("reads GCP location names in any case, and AWS names exactly", () => {
    expect(normalizeRegion("gcp", "EUR4")).toBe("eur4");
    expect(regionAllowed("gcp", "EU", { allowedRegions: ["eu"] })).toBe(true);
    expect(regionAllowed("gcp", "eu", { allowedRegions: ["EU"] })).toBe(true);
    expect(regionAllowed("aws", "EU-WEST-1", eu)).toBe(false);
  });

  it('allows every region under "any" or without the setting', () => {
    expect(regionAllowed("gcp", "us-central1", { allowedRegions: "any" })).toBe(true);
    expect(regionAllowed("gcp", "us-central1", {})).toBe(true);
  });
});

describe("residencyFindings", () => {
  it("names the path of a region outside the list, without quoting it", () => {
    expect(residencyFindings("aws", "region", "us-east-1", eu)).toEqual(["region is outside allowedRegions"]);
    expect(residencyFindings("aws", "region", "eu-west-1", eu)).toEqual([]);
  });

  it("refuses what is not a region name rather than passing it", () => {
    expect(residencyFindings("aws", "region", 42, eu)).toEqual(["region is not a region name"]);
    expect(residencyFindings("aws", "region", "", eu)).toEqual(["region is not a region name"]);
  });
});
