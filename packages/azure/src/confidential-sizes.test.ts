import { describe, expect, it } from "vitest";
import {
  CONFIDENTIAL_SIZES,
  confidentialSizeProblem,
  DEFAULT_CONFIDENTIAL_SIZE,
  describeSeries,
} from "./confidential-sizes";

describe("the confidential size catalogue", () => {
  it("lists every size by series and TEE (a change to the catalogue shows here)", () => {
    const bySeries: Record<string, string[]> = {};
    for (const { size, series, tee, vcpus, gpus } of CONFIDENTIAL_SIZES.values())
      (bySeries[`${series} ${tee}`] ??= []).push(`${size} ${vcpus}${gpus ? ` +${gpus} GPU` : ""}`);
    expect(bySeries).toMatchSnapshot();
  });

  it("defaults to a TDX size it lists", () => {
    expect(CONFIDENTIAL_SIZES.get(DEFAULT_CONFIDENTIAL_SIZE)?.tee).toBe("tdx");
  });
});

describe("confidentialSizeProblem", () => {
  it("accepts a size of the asked TEE", () => {
    expect(confidentialSizeProblem("Standard_EC8es_v6", "tdx")).toBeUndefined();
    expect(confidentialSizeProblem("Standard_NCC40ads_H100_v5", "sev-snp")).toBeUndefined();
  });

  it("names what works for a size that is not confidential", () => {
    expect(confidentialSizeProblem("Standard_D4s_v5", "tdx")).toBe(
      `must be an Azure confidential VM size running Intel TDX: ${describeSeries("tdx")}`,
    );
    expect(confidentialSizeProblem("Standard_D4s_v5", "sev-snp")).toBe(
      `must be an Azure confidential VM size running AMD SEV-SNP: ${describeSeries("sev-snp")}`,
    );
  });

  it("says which TEE a size of the other one runs, both ways", () => {
    expect(confidentialSizeProblem("Standard_DC4as_v5", "tdx")).toBe(
      `is an AMD SEV-SNP size (DCasv5); for Intel TDX use ${describeSeries("tdx")}`,
    );
    expect(confidentialSizeProblem("Standard_DC4es_v6", "sev-snp")).toBe(
      `is an Intel TDX size (DCesv6); for AMD SEV-SNP use ${describeSeries("sev-snp")}`,
    );
  });

  it("describes each TEE's series by their first and last sizes, and a one-size series by its size", () => {
    expect(describeSeries("sev-snp")).toBe(
      "DCasv5 (Standard_DC2as_v5 ... Standard_DC96as_v5), DCadsv5 (Standard_DC2ads_v5 ... Standard_DC96ads_v5), ECasv5 (Standard_EC2as_v5 ... Standard_EC96as_v5), ECadsv5 (Standard_EC2ads_v5 ... Standard_EC96ads_v5), NCCadsH100v5 (Standard_NCC40ads_H100_v5)",
    );
    expect(describeSeries("tdx")).toMatch(/^DCesv6 \(Standard_DC2es_v6 \.\.\. Standard_DC128es_v6\), /);
    expect(describeSeries("tdx")).not.toContain("as_v5");
  });
});
