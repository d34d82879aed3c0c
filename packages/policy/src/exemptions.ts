/**
 * Exemptions from the pack config: `{ policy, resource, reason, expires }`. `resource` is a URN or a glob
 * on the resource name; `reason` explains it (10+ characters); after `expires` (a date) it stops applying.
 */
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import picomatch from "picomatch";

export interface Exemption {
  policy?: string;
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
      resource: { type: "string", minLength: 1 },
      reason: { type: "string", minLength: 10 },
      // A calendar date (YYYY-MM-DD): 2026-02-30 is rejected, never rolled over into March.
      expires: { type: "string", format: "date" },
    },
  },
};

const validateExemptions = addFormats(new Ajv({ allErrors: true, strict: false })).compile(EXEMPTIONS_SCHEMA);

/**
 * Checks `exemptions` against EXEMPTIONS_SCHEMA inside the pack too: the engine validates config against
 * each policy's configSchema, but the pack must not silently ignore a malformed exemption if it is run
 * by anything that does not. Throws a config error naming each problem.
 */
export function checkExemptions(policy: string, exemptions: unknown): Exemption[] {
  if (exemptions === undefined) return [];
  if (!validateExemptions(exemptions)) {
    const problems = (validateExemptions.errors ?? []).map(
      (e) => `exemptions${e.instancePath} ${e.message ?? "is invalid"}`,
    );
    throw new Error(`invalid policy config for ${policy}: ${problems.join("; ")}`);
  }
  return exemptions as unknown as Exemption[];
}

/** The first exemption that covers this finding today, if any. */
export function findExemption(
  exemptions: readonly Exemption[] | undefined,
  policy: string,
  resource: { urn: string; name: string },
  today: Date = new Date(),
): Exemption | undefined {
  return (exemptions ?? []).find((e) => {
    if (e.policy !== undefined && e.policy !== policy) return false;
    if (new Date(`${e.expires}T23:59:59Z`) < today) return false;
    return e.resource === resource.urn || picomatch.isMatch(resource.name, e.resource);
  });
}

/** The message an exempted finding is reported with (the `[exempted]` prefix is the convention the preview reads). */
export function exemptedMessage(e: Exemption, findings: readonly string[]): string {
  return `[exempted] ${e.reason} (until ${e.expires}): ${findings.join("; ")}`;
}
