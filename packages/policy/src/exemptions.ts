/**
 * Exemptions from the pack config: `{ policy, requirement, resource, reason, expires }`. `resource` is a
 * URN or a glob on the resource name; `requirement` (a `<rule>/<requirement>` id) narrows the exemption
 * to that one requirement, where without it every requirement of the policy is excused; `reason` explains
 * it (10+ characters); after `expires` (a date) it stops applying.
 */
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { REQUIREMENT_ID } from "@palisade/core";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import picomatch from "picomatch";

export interface Exemption {
  policy?: string;
  /** `<rule>/<requirement>`: only this requirement is excused. */
  requirement?: string;
  resource: string;
  reason: string;
  expires: string;
}

/** The JSON Schema every Palisade policy accepts under `exemptions`; a malformed entry is a config error. */
export const EXEMPTIONS_SCHEMA: PolicyConfigJSONSchema = {
  type: "array",
  default: [],
  items: {
    type: "object",
    additionalProperties: false,
    required: ["resource", "reason", "expires"],
    properties: {
      policy: { type: "string", minLength: 1 },
      requirement: { type: "string", pattern: REQUIREMENT_ID.source },
      resource: { type: "string", minLength: 1 },
      reason: { type: "string", minLength: 10 },
      // A calendar date (YYYY-MM-DD): 2026-02-30 is rejected, never rolled over into March.
      expires: { type: "string", format: "date" },
    },
  },
};

// Compiled when a policy first sees exemptions: compiling at load was a twentieth of the pack's start-up
// (bench/pack), paid by every run, most of which have none.
let compiled: ValidateFunction | undefined;
const validateExemptions = (): ValidateFunction =>
  (compiled ??= addFormats(new Ajv({ allErrors: true, strict: false })).compile(EXEMPTIONS_SCHEMA));

/**
 * Checks `exemptions` against EXEMPTIONS_SCHEMA inside the pack too (the engine validates config against
 * each policy's configSchema, but the pack must not silently ignore a malformed exemption if it is run by
 * anything that does not), and that a named requirement is one of the policy's, so a typo is an error
 * rather than an exemption that never applies. Throws a config error naming each problem.
 */
export function checkExemptions(
  policy: string,
  exemptions: unknown,
  requirements: readonly string[] = [],
): Exemption[] {
  if (exemptions === undefined || (Array.isArray(exemptions) && exemptions.length === 0)) return [];
  const validate = validateExemptions();
  if (!validate(exemptions)) {
    const problems = (validate.errors ?? []).map(
      (e) => `exemptions${e.instancePath} ${e.message ?? "is invalid"}`,
    );
    throw new Error(`invalid policy config for ${policy}: ${problems.join("; ")}`);
  }
  const entries = exemptions as unknown as Exemption[];
  const unknown = entries.flatMap((e, i) =>
    e.requirement !== undefined && !requirements.includes(e.requirement)
      ? [`exemptions/${i}/requirement ${e.requirement} is not a requirement of ${policy}`]
      : [],
  );
  if (unknown.length > 0)
    throw new Error(
      `invalid policy config for ${policy}: ${unknown.join("; ")} (its requirements: ${requirements.join(", ")})`,
    );
  return entries;
}

/** The first exemption that covers this requirement's finding on this resource today, if any. */
export function findExemption(
  exemptions: readonly Exemption[] | undefined,
  policy: string,
  requirement: string,
  resource: { urn: string; name: string },
  today: Date = new Date(),
): Exemption | undefined {
  return (exemptions ?? []).find((e) => {
    if (e.policy !== undefined && e.policy !== policy) return false;
    if (e.requirement !== undefined && e.requirement !== requirement) return false;
    if (new Date(`${e.expires}T23:59:59Z`) < today) return false;
    return e.resource === resource.urn || picomatch.isMatch(resource.name, e.resource);
  });
}
