import { describe, expect, it } from "vitest";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "../model";
import { OUTPUT_VALUE_SIG, RESOURCE_REFERENCE_SIG, toAnalyzerProperties } from "./marshal";

const ref = (urn: string, id?: string) => ({
  [SIG_KEY]: RESOURCE_REFERENCE_SIG,
  urn,
  ...(id === undefined ? {} : { id }),
  packageVersion: "7.48.0",
});

describe("toAnalyzerProperties", () => {
  it("writes a custom resource reference as its id, unknown while the id is, and a component's as its URN", () => {
    expect(
      toAnalyzerProperties({
        bucket: ref("urn:pulumi:dev::p::aws:s3/bucket:Bucket::site", "site-1234"),
        role: ref("urn:pulumi:dev::p::aws:iam/role:Role::role", ""),
        parts: [ref("urn:pulumi:dev::p::my:index:Component::c")],
      }),
    ).toEqual({ bucket: "site-1234", role: UNKNOWN, parts: ["urn:pulumi:dev::p::my:index:Component::c"] });
  });

  it("unwraps output values, keeping secrecy and unknowns", () => {
    expect(
      toAnalyzerProperties({
        known: { [SIG_KEY]: OUTPUT_VALUE_SIG, value: "v", dependencies: ["urn:x"] },
        unknown: { [SIG_KEY]: OUTPUT_VALUE_SIG, dependencies: [] },
        hidden: { [SIG_KEY]: OUTPUT_VALUE_SIG, value: { a: 1 }, secret: true },
      }),
    ).toEqual({
      known: "v",
      unknown: UNKNOWN,
      hidden: { [SIG_KEY]: SECRET_SIG, value: { a: 1 } },
    });
  });

  it("leaves assets, archives and plain values as they are, and walks nested objects", () => {
    const asset = { [SIG_KEY]: "c44067f5952c0a294b673a41bacd8c17", text: "hi" };
    expect(
      toAnalyzerProperties({
        asset,
        n: 1,
        nested: { deep: [ref("urn:a", "id-a")] },
        s: { [SIG_KEY]: SECRET_SIG, value: ref("urn:b", "id-b") },
      }),
    ).toEqual({ asset, n: 1, nested: { deep: ["id-a"] }, s: { [SIG_KEY]: SECRET_SIG, value: "id-b" } });
  });
});
