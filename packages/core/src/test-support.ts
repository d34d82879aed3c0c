/**
 * Test helpers shared by every package (imported as `@palisade/core/test-support`, never at run time):
 * a mock Pulumi runtime that records each registration as the engine receives it, options included, and
 * an assertion for validation errors.
 */
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
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

/** The ARN a {@link MockStack} gives a custom resource after "deployment" (not in preview mode). */
export function mockArn(type: string, name: string): string {
  return `arn:aws:mock:us-east-1:123456789012:${type.split(":")[1] ?? "x"}/${name}`;
}

/** One resource registration as the engine sees it. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly parent: string;
  readonly custom: boolean;
  readonly inputs: Record<string, any>;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly dependsOn: readonly string[];
  readonly provider: string;
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  readonly aliasCount: number;
}

export interface MockStackOptions {
  /** Run as a first `pulumi preview` (provider outputs unknown). @default false */
  readonly preview?: boolean;
  readonly project?: string;
  readonly stack?: string;
  /** Stack config, keys namespaced as in `Pulumi.<stack>.yaml` (`aws:region`); `undefined` leaves a key unset. */
  readonly config?: Record<string, string | undefined>;
  /** Invoke results by token, e.g. `aws:index/getCallerIdentity:getCallerIdentity`. */
  readonly invokes?: Record<string, (inputs: Record<string, unknown>) => Record<string, unknown>>;
  /** Extra provider outputs for a registration (defaults: `id` and an `arn`). */
  readonly outputs?: (type: string, name: string, inputs: Record<string, unknown>) => Record<string, unknown>;
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): unknown;
  getProtect(): boolean;
  getRetainondelete(): boolean;
  getDependenciesList(): string[];
  getProvider(): string;
  getAliasesList(): unknown[];
  getPropertydependenciesMap(): {
    forEach(fn: (deps: { getUrnsList(): string[] }, key: string) => void): void;
  };
}

interface Monitor {
  registerResource(req: RegisterRequest, callback: (...args: unknown[]) => void): Promise<void>;
}

/** A mock stack that records registrations. Create one per test; call {@link settle} before asserting. */
export class MockStack {
  readonly registrations: Registration[] = [];

  private constructor(private readonly options: MockStackOptions) {}

  static async start(options: MockStackOptions = {}): Promise<MockStack> {
    const stack = new MockStack(options);
    const project = options.project ?? "project";
    pulumi.runtime.setAllConfig(
      Object.fromEntries(
        Object.entries(options.config ?? {})
          .filter((entry): entry is [string, string] => entry[1] !== undefined)
          .map(([k, v]) => [k.includes(":") ? k : `${project}:${k}`, v]),
      ),
    );
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          const inputs = args.inputs as Record<string, unknown>;
          const outputs = options.outputs?.(args.type, args.name, inputs) ?? {};
          const id = options.preview ? "" : `${args.name}-id`;
          const arn = mockArn(args.type, args.name);
          return {
            id,
            // After a deployment, providers fill in ids, ARNs and auto-generated names.
            state: options.preview
              ? { ...inputs, ...outputs }
              : { arn, name: `${args.name}-1a2b3c`, ...inputs, ...outputs },
          };
        },
        call: (args) => {
          const invoke = options.invokes?.[args.token];
          if (!invoke)
            throw new Error(`no mock for invoke ${args.token}; pass it in MockStack options.invokes`);
          return invoke(args.inputs as Record<string, unknown>);
        },
      },
      project,
      options.stack ?? "test",
      options.preview ?? false,
    );
    const monitor = pulumi.runtime.getMonitor() as unknown as Monitor;
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) => {
      stack.record(req);
      return register(req, callback);
    };
    return stack;
  }

  private record(req: RegisterRequest): void {
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps, key) => (propertyDependencies[key] = deps.getUrnsList()));
    const parent = req.getParent();
    const type = req.getType();
    const parentType = parent.split("::")[2]?.split("$").pop();
    const qualified = parentType ? `${parentType}$${type}` : type;
    this.registrations.push({
      type,
      name: req.getName(),
      urn: `urn:pulumi:${this.options.stack ?? "test"}::${this.options.project ?? "project"}::${qualified}::${req.getName()}`,
      parent,
      custom: req.getCustom(),
      inputs: pulumi.runtime.deserializeProperties(
        req.getObject() as Parameters<typeof pulumi.runtime.deserializeProperties>[0],
      ) as Record<string, unknown>,
      protect: req.getProtect(),
      retainOnDelete: req.getRetainondelete(),
      dependsOn: req.getDependenciesList(),
      provider: req.getProvider(),
      propertyDependencies,
      aliasCount: req.getAliasesList().length,
    });
  }

  /** Waits until every registration and output resolution has finished. */
  async settle(): Promise<this> {
    await pulumi.runtime.disconnect();
    return this;
  }

  ofType(type: string): Registration[] {
    return this.registrations.filter((r) => r.type === type);
  }

  /** The single registration of `type` (and `name`), failing the test when there is not exactly one. */
  one(type: string, name?: string): Registration {
    const found = this.ofType(type).filter((r) => name === undefined || r.name === name);
    expect(
      found.map((r) => r.name),
      `registrations of ${type}${name ? ` named ${name}` : ""}`,
    ).toHaveLength(1);
    return found[0] as Registration;
  }
}

/** Values a user (or a YAML file, or a hostile tester) might put anywhere, plus a cloud's own `extra`. */
export function hostileValues(extra: readonly unknown[] = []): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom<unknown>(
      null,
      undefined,
      0,
      -1,
      1e9,
      Number.NaN,
      "",
      "*",
      "constructor",
      "__proto__",
      "toString",
      "x".repeat(300),
      [],
      [null],
      {},
      { toString: 1 },
      true,
      ...extra,
    ),
    fc.string({ maxLength: 12 }),
    fc.integer(),
    fc.constant(null).map(() => pulumi.output("later")),
  );
}

/** Component names to try, plus a cloud's own `extra`: dotted, accented, upper-case, too long, empty-ish. */
export function hostileNames(extra: readonly string[] = []): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom("comp", "données", "a", "x".repeat(70), "-x", "a b", ...extra),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,50}$/),
    fc.string({ maxLength: 20 }),
  );
}

/** Valid args with up to three of `keys` dropped or replaced by a hostile value, and maybe a typo added. */
export function mutatedArgs(
  base: Record<string, unknown>,
  keys: readonly string[],
  hostile: fc.Arbitrary<unknown>,
): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(
      fc.array(
        fc.tuple(fc.constantFrom(...Object.keys(base), ...keys), fc.oneof(fc.constant("drop"), hostile)),
        {
          maxLength: 3,
        },
      ),
      fc.boolean(),
    )
    .map(([changes, typo]) => {
      const args: Record<string, unknown> = { ...base };
      for (const [key, value] of changes) {
        if (value === "drop") delete args[key];
        else args[key] = value;
      }
      if (typo) args.retainOnDelte = false;
      return args;
    });
}

export interface NameProperty {
  stack: MockStack;
  build: (name: string, args: unknown) => unknown;
  /** The component's valid args. */
  args: Record<string, unknown>;
  names: fc.Arbitrary<string>;
  hostile: fc.Arbitrary<unknown>;
  /** Keys beyond the valid args' own to drop or replace (the settings every component of the cloud takes). */
  keys: readonly string[];
  /** Whether a registration's physical name is one its type accepts. */
  validName: (registration: Registration) => boolean;
  runs: number;
}

/**
 * The property every component meets: for any name and any mangling of its args, it throws one
 * PalisadeValidationError having registered nothing, or registers resources whose names the cloud accepts.
 * Never a partial graph, never a raw TypeError.
 */
export async function assertNameProperty(p: NameProperty): Promise<void> {
  await fc.assert(
    fc.asyncProperty(
      p.names,
      fc.oneof(mutatedArgs(p.args, p.keys, p.hostile), fc.constant(p.args)),
      async (name, input) => {
        const before = p.stack.registrations.length;
        let thrown: unknown;
        try {
          p.build(name, input);
        } catch (e) {
          thrown = e;
        }
        await p.stack.settle();
        const registered = p.stack.registrations.slice(before);
        if (thrown !== undefined) {
          expect(thrown).toBeInstanceOf(PalisadeValidationError);
          expect(registered.map((r) => r.name)).toEqual([]);
          return;
        }
        expect(registered.length).toBeGreaterThan(0);
        for (const r of registered) expect(p.validName(r), `${r.type} ${r.name}`).toBe(true);
      },
    ),
    { numRuns: p.runs },
  );
}
