import { expect } from "vitest";
import { PalisadeValidationError, formatValue } from "./errors";

/** Asserts `fn` throws a validation error naming `path` and showing `value` in its message. */
export function expectRejected(fn: () => unknown, path: string, value: unknown): PalisadeValidationError {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, `expected a PalisadeValidationError for ${path}`).toBeInstanceOf(PalisadeValidationError);
  const error = thrown as PalisadeValidationError;
  expect(error.problems.map((p) => p.path)).toContain(path);
  expect(error.message).toContain(`${path} = ${formatValue(value)}`);
  return error;
}
