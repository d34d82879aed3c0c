import { describe, expect, it } from "vitest";
import {
  confidentialReleasePolicy,
  isAuthorityUrl,
  MAA_SHARED_AUTHORITIES,
  sharedAuthority,
} from "./attestation";
import { AZURE_LOCATION } from "./names";

const WEU = "https://sharedweu.weu.attest.azure.net";
const NEU = "https://sharedneu.neu.attest.azure.net";

describe("confidentialReleasePolicy", () => {
  it("is Microsoft's default CVM policy, one entry per authority", () => {
    expect(JSON.parse(confidentialReleasePolicy([WEU, NEU]))).toEqual({
      version: "1.0.0",
      anyOf: [WEU, NEU].map((authority) => ({
        authority,
        allOf: [
          { claim: "x-ms-compliance-status", equals: "azure-compliant-cvm" },
          {
            anyOf: [
              { claim: "x-ms-attestation-type", equals: "tdxvm" },
              { claim: "x-ms-attestation-type", equals: "sevsnpvm" },
            ],
          },
        ],
      })),
    });
  });

  it("names only the TEEs asked for", () => {
    const tdx = JSON.parse(confidentialReleasePolicy([WEU], ["tdx"]));
    expect(tdx.anyOf[0].allOf[1]).toEqual({ anyOf: [{ claim: "x-ms-attestation-type", equals: "tdxvm" }] });
    const snp = JSON.parse(confidentialReleasePolicy([WEU], ["sev-snp"]));
    expect(snp.anyOf[0].allOf[1]).toEqual({
      anyOf: [{ claim: "x-ms-attestation-type", equals: "sevsnpvm" }],
    });
  });
});

describe("MAA shared authorities", () => {
  it("knows the documented regions' authorities", () => {
    expect(sharedAuthority("westeurope")).toBe(WEU);
    expect(sharedAuthority("northeurope")).toBe(NEU);
    expect(sharedAuthority("eastus")).toBe("https://sharedeus.eus.attest.azure.net");
    expect(sharedAuthority("westus")).toBe("https://sharedwus.wus.attest.azure.net");
    expect(MAA_SHARED_AUTHORITIES.westeurope!.source).toBe("learn");
  });

  it("knows none for an unknown region, nor for an inherited property name", () => {
    expect(sharedAuthority("atlantis")).toBeUndefined();
    expect(sharedAuthority("constructor")).toBeUndefined();
  });

  it("keys every entry by a region name and points it at an https authority of that shape", () => {
    for (const [location, { url }] of Object.entries(MAA_SHARED_AUTHORITIES)) {
      expect(location).toMatch(AZURE_LOCATION);
      expect(url, location).toMatch(/^https:\/\/shared([a-z0-9]+)\.\1\.attest\.azure\.net$/);
      expect(isAuthorityUrl(url)).toBe(true);
    }
  });
});

describe("isAuthorityUrl", () => {
  it.each([
    [WEU, true],
    [`${WEU}/`, true],
    ["http://sharedweu.weu.attest.azure.net", false],
    [`${WEU}/attest/TdxVm`, false],
    [`${WEU}?x=1`, false],
    ["sharedweu.weu.attest.azure.net", false],
    ["", false],
    [42, false],
  ])("%j is %s", (value, ok) => {
    expect(isAuthorityUrl(value)).toBe(ok);
  });
});
