import { describe, expect, it } from "vitest";
import { packNodeArgs } from "./pack-process";

describe("packNodeArgs", () => {
  it("gives the pack a 32 MiB young-generation semi-space", () => {
    expect(packNodeArgs(undefined)).toEqual(["--max-semi-space-size=32"]);
    expect(packNodeArgs("--enable-source-maps")).toEqual(["--max-semi-space-size=32"]);
  });

  it("keeps a semi-space size the user set in NODE_OPTIONS", () => {
    expect(packNodeArgs("--max-semi-space-size=64 --enable-source-maps")).toEqual([]);
  });
});
