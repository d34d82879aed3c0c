import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { isUnknownValueError, known } from "./unknowns";

const { UnknownValueError } = createRequire(__filename)("@pulumi/policy/proxy") as {
  UnknownValueError: new (sentinel: string, props: string[]) => Error;
};

describe("known", () => {
  it("returns a value, or the unknown-value error instead of throwing it", () => {
    expect(known(() => 42)).toEqual({ known: true, value: 42 });
    const error = new UnknownValueError("04da6b54-80e4-46f7-96ec-b56ff0331ba9", ["a", "b"]);
    const read = known(() => {
      throw error;
    });
    expect(read).toEqual({ known: false, error });
    expect(isUnknownValueError(error)).toBe(true);
  });

  it("lets any other error through", () => {
    expect(isUnknownValueError(new Error("bug"))).toBe(false);
    expect(() =>
      known(() => {
        throw new Error("bug");
      }),
    ).toThrow("bug");
  });
});
