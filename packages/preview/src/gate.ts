/**
 * The CI gate: a mandatory violation always fails the run (exit 1); `--fail-on` makes other results fail
 * it too, for pipelines that must not pass what the preview could not judge.
 */
import { InvalidArgumentError } from "commander";
import type { JsonReport } from "./report/json";

export const FAIL_ON = {
  /** Findings of advisory policies. */
  advisory: (s: Summary) => count(s.advisory, "advisory finding", "advisory findings"),
  /** Findings whose value was unknown at preview: only a deployment can decide them. */
  undetermined: (s: Summary) =>
    count(s.undetermined, "finding undetermined at preview", "findings undetermined at preview"),
  /** Registrations the preview could not see inside (remote components). */
  incomplete: (s: Summary) =>
    count(s.incomplete, "registration not analyzable offline", "registrations not analyzable offline"),
} as const;

export type FailOn = keyof typeof FAIL_ON;
type Summary = JsonReport["summary"];

/** "1 thing" or "n things"; nothing for none. */
function count(n: number, one: string, many: string): string | undefined {
  return n === 0 ? undefined : `${n} ${n === 1 ? one : many}`;
}

/** Commander parser for `--fail-on a,b` (repeatable): every kind checked, the list of kinds kept. */
export function parseFailOn(value: string, previous: FailOn[] = []): FailOn[] {
  const kinds = value.split(",").map((k) => k.trim());
  const unknown = kinds.filter((k) => !Object.hasOwn(FAIL_ON, k));
  if (unknown.length > 0 || kinds.length === 0)
    throw new InvalidArgumentError(
      `${unknown.map((k) => `'${k}'`).join(", ") || "nothing"} is not one of ${Object.keys(FAIL_ON).join(", ")}`,
    );
  return [...new Set([...previous, ...(kinds as FailOn[])])];
}

/** What fails the run: mandatory violations, then each `--fail-on` kind present in the result. */
export function gateFailures(summary: Summary, failOn: readonly FailOn[]): string[] {
  const mandatory = count(summary.mandatory, "mandatory violation", "mandatory violations");
  return [
    ...(mandatory ? [mandatory] : []),
    ...failOn.flatMap((kind) => {
      const reason = FAIL_ON[kind](summary);
      return reason ? [`${reason} (--fail-on ${kind})`] : [];
    }),
  ];
}
