/**
 * Runtime shape checks for component arguments. Users write JavaScript, read YAML config with
 * `requireObject`, or pass an `Output` where a plain value shapes the graph; TypeScript's types are gone
 * by then. Each component declares its arguments as a JSON Schema (checked with ajv), every mismatch
 * becomes a Problem naming the argument, and the component's own rules then judge what is well-shaped.
 */
import * as pulumi from "@pulumi/pulumi";
import { Ajv, type ErrorObject, type SchemaObject, type ValidateFunction } from "ajv";
import { PalisadeValidationError, ProblemCollector } from "./errors";

export type ArgsSchema = SchemaObject;

/** An `Output` or a promise: a value only known later, so only acceptable where an `Input` is. */
export function isDeferred(value: unknown): boolean {
  return pulumi.Output.isInstance(value) || value instanceof Promise;
}

const ajv = new Ajv({ allErrors: true, strict: true, verbose: true, allowUnionTypes: true });
ajv.addKeyword({
  keyword: "deferred",
  schemaType: "boolean",
  errors: false,
  validate: (wanted: boolean, data: unknown) => wanted === isDeferred(data),
});
ajv.addKeyword({
  keyword: "callable",
  schemaType: "boolean",
  errors: false,
  validate: (wanted: boolean, data: unknown) => wanted === (typeof data === "function"),
});

const compiled = new WeakMap<ArgsSchema, ValidateFunction>();

function compile(schema: ArgsSchema): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
    compiled.set(schema, fn);
  }
  return fn;
}

/**
 * Object shapes refuse Outputs and promises: a promise has no own properties, so it would otherwise pass
 * as an empty map or an object whose properties are all optional.
 */
const PLAIN: SchemaObject = { not: { deferred: true } };

/** Schema pieces that read like the TypeScript types they stand for. */
export const shape = {
  /** A `pulumi.Input<T>`: the plain form `schema`, or an Output or promise of it. */
  input(schema: SchemaObject, description?: string): SchemaObject {
    return {
      anyOf: [schema, { deferred: true }],
      ...(description ? { description } : {}),
    };
  },
  string(description: string, extra: SchemaObject = {}): SchemaObject {
    return { type: "string", description, ...extra };
  },
  nonEmptyString(description: string): SchemaObject {
    return { type: "string", minLength: 1, description };
  },
  integer(description: string, extra: SchemaObject = {}): SchemaObject {
    return { type: "integer", description, ...extra };
  },
  boolean(description = "must be true or false"): SchemaObject {
    return { type: "boolean", description };
  },
  oneOf(values: readonly (string | number | boolean)[], description?: string): SchemaObject {
    return {
      enum: [...values],
      description: description ?? `must be one of ${values.map((v) => JSON.stringify(v)).join(", ")}`,
    };
  },
  array(items: SchemaObject, description: string, extra: SchemaObject = {}): SchemaObject {
    return { type: "array", items, description, ...extra };
  },
  /** A string-to-string map (tags, labels); its keys and values are judged by the tag rules. */
  stringMap(description = "must be an object of string values"): SchemaObject {
    return { type: "object", additionalProperties: { type: "string" }, ...PLAIN, description };
  },
  /** An object with exactly these properties (anything else is a typo or a wrong argument). */
  object(
    properties: Record<string, SchemaObject>,
    options: { required?: string[]; description?: string } = {},
  ): SchemaObject {
    return {
      type: "object",
      properties,
      additionalProperties: false,
      ...PLAIN,
      ...(options.required?.length ? { required: options.required } : {}),
      description: options.description ?? "must be an object",
    };
  },
  callable(description: string): SchemaObject {
    return { callable: true, description };
  },
  /** Any object (e.g. a sector baseline, judged by its own code). */
  anyObject(description: string): SchemaObject {
    return { type: "object", ...PLAIN, description };
  },
};

/** Every component's name: Pulumi refuses an empty one, and it must be a string to derive child names. */
export function checkComponentName(problems: ProblemCollector, name: unknown): boolean {
  return problems.require(
    typeof name === "string" && name.length > 0,
    "name",
    name,
    "must be a non-empty string (the component's logical name)",
  );
}

/** `/tiers/0/name` to `tiers[0].name`; the whole args object is `args`. */
function toPath(pointer: string, prefix: string): string {
  const segments = pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  let path = prefix;
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) path += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) path += path ? `.${segment}` : segment;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path || "args";
}

function describe(error: ErrorObject): string {
  const schema = error.parentSchema as SchemaObject | undefined;
  const description = typeof schema?.description === "string" ? schema.description : undefined;
  if (error.keyword === "enum" && !description) {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
    return `must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return description ?? error.message ?? "is not valid";
}

function knownProperties(error: ErrorObject): string[] {
  const properties = (error.parentSchema as SchemaObject | undefined)?.properties as
    Record<string, unknown> | undefined;
  return Object.keys(properties ?? {});
}

/**
 * Checks `args` against `schema` and records one problem per offending path (the outermost one, so an
 * argument that fails every branch of an `anyOf` is reported once). Returns whether the shape is valid.
 */
export function checkArgsShape(
  problems: ProblemCollector,
  schema: ArgsSchema,
  args: unknown,
  prefix = "",
): boolean {
  const validateShape = compile(schema);
  if (validateShape(args)) return true;
  const byPath = new Map<string, { error: ErrorObject; value: unknown; rule: string }>();
  for (const error of validateShape.errors ?? []) {
    let path = toPath(error.instancePath, prefix);
    let value: unknown = error.data;
    let rule = describe(error);
    if (error.keyword === "required") {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      path = toPath(`${error.instancePath}/${missing}`, prefix);
      value = undefined;
      const property = (
        (error.parentSchema as SchemaObject | undefined)?.properties as
          Record<string, SchemaObject> | undefined
      )?.[missing];
      rule = `must be set${typeof property?.description === "string" ? `: it ${property.description}` : ""}`;
    } else if (error.keyword === "additionalProperties") {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      path = toPath(`${error.instancePath}/${extra}`, prefix);
      value = (error.data as Record<string, unknown>)[extra];
      rule = `is not a known argument here (known: ${knownProperties(error).join(", ")})`;
    } else if (isDeferred(value)) {
      rule = `${rule}; an Output or promise cannot be used here because this value shapes the resource graph (resolve it in the program, e.g. with config.requireObject)`;
    }
    const previous = byPath.get(path);
    // The outermost schema speaks for the argument: an anyOf's own description beats its branches'.
    if (!previous || error.schemaPath.length < previous.error.schemaPath.length) {
      byPath.set(path, { error, value, rule });
    }
  }
  const paths = [...byPath.keys()];
  for (const [path, { value, rule }] of byPath) {
    // A broken argument is reported once, not again for each part inside it.
    const insideAnother = paths.some((other) => other !== path && isUnder(path, other));
    if (!insideAnother) problems.add(path, value, rule);
  }
  return false;
}

/** Whether `path` lies inside `ancestor` (`tiers[0].name` inside `tiers[0]` and `tiers`). */
export function isUnder(path: string, ancestor: string): boolean {
  return (
    path.startsWith(ancestor) &&
    (path.length === ancestor.length || path[ancestor.length] === "." || path[ancestor.length] === "[")
  );
}

/**
 * Validates a component's arguments in two passes and throws every problem at once: the shape
 * (`schema`), then the component's own rules (`check`) on what is well-shaped. Top-level arguments with a
 * wrong shape are withheld from `check`, and anything `check` says about them is dropped: the shape
 * problem already names them. Returns what `check` resolved when nothing is wrong.
 */
export function validateArgs<T, R>(
  subject: string,
  schema: ArgsSchema,
  args: unknown,
  check: (problems: ProblemCollector, args: T) => R,
): R {
  const problems = new ProblemCollector();
  if (checkArgsShape(problems, schema, args)) {
    const resolved = check(problems, args as T);
    problems.throwIfAny(subject);
    return resolved;
  }
  if (typeof args === "object" && args !== null && !Array.isArray(args)) {
    const broken = problems.problems.map((p) => p.path.split(/[.[]/)[0] as string);
    const wellShaped = Object.fromEntries(
      Object.entries(args as Record<string, unknown>).filter(([key]) => !broken.includes(key)),
    );
    const judged = new ProblemCollector();
    try {
      check(judged, wellShaped as T);
    } catch (error) {
      // The rules may assume a withheld argument is there; the shape problems already explain the failure.
      if (error instanceof PalisadeValidationError) judged.addAll(error.problems);
    }
    for (const p of judged.problems) {
      if (!broken.some((key) => isUnder(p.path, key))) problems.add(p.path, p.value, p.rule);
    }
  }
  throw new PalisadeValidationError(subject, [...problems.problems]);
}
