/**
 * Values unknown during preview. @pulumi/policy hands a rule its props behind a proxy that throws its own
 * UnknownValueError when a rule reads a value the engine does not know yet; the policy server turns that
 * error into a "can't run ... during preview" result. These helpers let a requirement try a read and fall
 * back to what the engine does know before giving up.
 */
import { createRequire } from "node:module";

// The class is internal to @pulumi/policy (its proxy.d.ts exports nothing), so it is loaded, not imported.
const { UnknownValueError } = createRequire(__filename)("@pulumi/policy/proxy") as {
  UnknownValueError: new (...args: never[]) => Error;
};

/** Whether `error` is the proxy's report of a value unknown during preview. */
export function isUnknownValueError(error: unknown): error is Error {
  return error instanceof UnknownValueError;
}

export type Known<T> = { known: true; value: T } | { known: false; error: Error };

/** Runs `read`; a value unknown at preview comes back as `{ known: false }` instead of throwing. */
export function known<T>(read: () => T): Known<T> {
  try {
    return { known: true, value: read() };
  } catch (error) {
    if (isUnknownValueError(error)) return { known: false, error };
    throw error;
  }
}
