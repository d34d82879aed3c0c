import * as pulumi from "@pulumi/pulumi";

/** One broken rule in an args object: where it is, what it was, and what it must be. */
export interface Problem {
  /** Dotted path of the offending argument, e.g. `tiers[1].prefixLength`. */
  readonly path: string;
  readonly value: unknown;
  /** The rule the value breaks, phrased as what it must be. */
  readonly rule: string;
}

const MAX_VALUE_CHARS = 120;

/** Renders a value for an error message: JSON where possible, shortened, never throwing. */
export function formatValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "string") return truncate(JSON.stringify(value));
  if (typeof value === "bigint") return `${value}n`;
  if (pulumi.Output.isInstance(value)) return "Output<…>";
  if (value instanceof Promise) return "Promise<…>";
  if (typeof value === "function") return "a function";
  try {
    return truncate(JSON.stringify(value) ?? Object.prototype.toString.call(value));
  } catch {
    // Cyclic objects and exotic values: fall back to their tag rather than failing the error itself.
    return Object.prototype.toString.call(value);
  }
}

function truncate(text: string): string {
  return text.length <= MAX_VALUE_CHARS ? text : `${text.slice(0, MAX_VALUE_CHARS - 1)}…`;
}

export function formatProblem(problem: Problem): string {
  return `${problem.path} = ${formatValue(problem.value)}: ${problem.rule}`;
}

/**
 * Every problem found in one args object, reported together so a user fixes them in one pass.
 * Thrown before any resource is registered, so bad input never leaves a partial graph behind.
 */
export class PalisadeValidationError extends Error {
  override readonly name = "PalisadeValidationError";

  constructor(
    /** What was being validated, e.g. `palisade:aws:SegmentedVpc "prod"`. */
    readonly subject: string,
    readonly problems: readonly Problem[],
  ) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(
      `${subject}: ${count} in its arguments:\n${problems.map((p) => `  - ${formatProblem(p)}`).join("\n")}`,
    );
  }
}

/** Collects problems while validating, then throws them all at once. */
export class ProblemCollector {
  private readonly found: Problem[] = [];

  add(path: string, value: unknown, rule: string): void {
    this.found.push({ path, value, rule });
  }

  /** Records a problem unless `ok` holds; returns `ok` so callers can skip dependent checks. */
  require(ok: boolean, path: string, value: unknown, rule: string): boolean {
    if (!ok) this.add(path, value, rule);
    return ok;
  }

  /** Adds the problems of a nested validation under a path prefix. */
  addAll(problems: readonly Problem[], prefix = ""): void {
    for (const p of problems) this.add(prefix ? joinPath(prefix, p.path) : p.path, p.value, p.rule);
  }

  /**
   * Runs a nested validation (e.g. tag rendering) and keeps its problems instead of throwing them.
   * `renamePath` maps the nested function's argument names to the caller's.
   */
  attempt<T>(fn: () => T, renamePath: (path: string) => string = (path) => path): T | undefined {
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof PalisadeValidationError)) throw error;
      for (const p of error.problems) this.add(renamePath(p.path), p.value, p.rule);
      return undefined;
    }
  }

  get problems(): readonly Problem[] {
    return this.found;
  }

  throwIfAny(subject: string): void {
    if (this.found.length > 0) throw new PalisadeValidationError(subject, [...this.found]);
  }
}

function joinPath(prefix: string, path: string): string {
  return path.startsWith("[") ? `${prefix}${path}` : `${prefix}.${path}`;
}

/**
 * Runs a validation and throws every problem it found as one error; otherwise returns what the check
 * resolved (defaults applied). `subject` names the component, e.g. `palisade:aws:EncryptedBucket "phi"`.
 */
export function validate<T>(subject: string, check: (problems: ProblemCollector) => T): T {
  const problems = new ProblemCollector();
  const resolved = check(problems);
  problems.throwIfAny(subject);
  return resolved;
}

/**
 * Re-throws a validation error as a `pulumi.ResourceError` attached to `resource`, so the engine prints it
 * against that resource (its URN) instead of as an unhandled exception. Other errors pass through unchanged.
 */
export function toResourceError(error: unknown, resource: pulumi.Resource): unknown {
  if (error instanceof PalisadeValidationError) return new pulumi.ResourceError(error.message, resource);
  return error;
}
