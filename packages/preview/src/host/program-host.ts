/**
 * Runs a Pulumi program in this child process under Pulumi's mock runtime, records every registration as
 * the engine would receive it, and reports to the parent over IPC. Started by the preview with tsx
 * loaded, so TypeScript programs run as they do under the Pulumi CLI.
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { inspect, isDeepStrictEqual } from "node:util";
import type * as pulumiModule from "@pulumi/pulumi";
import { toAnalyzerProperties } from "../analyzer/marshal";
import { answerInvoke } from "../fixtures";
import type { CapturedResource, HostMessage, HostRequest } from "../model";
import { declaringPosition, type SourcePosition } from "./source-position";

type Pulumi = typeof pulumiModule;

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getRemote(): boolean;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
  getProtect(): boolean;
  getRetainondelete(): boolean;
  getDependenciesList(): string[];
  getIgnorechangesList(): string[];
  getDeletebeforereplace(): boolean;
  getAdditionalsecretoutputsList(): string[];
  getAliasesList(): unknown[];
  getProvider(): string;
  getSourceposition(): SourcePositionMessage | undefined;
  getPropertydependenciesMap(): {
    forEach(fn: (deps: { getUrnsList(): string[] }, key: string) => void): void;
  };
}
interface SourcePositionMessage {
  getUri(): string;
  getLine(): number;
  getColumn(): number;
}
interface RegisterResponse {
  getUrn(): string;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}
type Callback = (error: unknown, response?: RegisterResponse) => void;

function send(message: HostMessage): Promise<void> {
  return new Promise((resolve) => process.send?.(message, () => resolve()) ?? resolve());
}

/** The error and the chain of causes behind it (the SDK wraps a failed lookup in a serialization error). */
function describe(error: unknown): { message: string; stack: string } {
  const chain: Error[] = [];
  for (let e: unknown = error; e !== undefined && chain.length < 10; e = (e as { cause?: unknown }).cause) {
    chain.push(e instanceof Error ? e : new Error(inspect(e)));
  }
  return {
    message: chain
      .map((e) => e.message)
      .filter(Boolean)
      .join(": "),
    stack: chain.map(frames).join("\ncaused by: "),
  };
}

/**
 * An error's stack without the `Name: message` it opens with, which the report's error line already
 * prints: a message of many lines (a missing lookup's stub) would otherwise show twice.
 */
function frames(error: Error): string {
  const stack = error.stack ?? error.message;
  const header = `${error.name}: ${error.message}`;
  return error.message.includes("\n") && stack.startsWith(header)
    ? `${error.name}: (as above)${stack.slice(header.length)}`
    : stack;
}

/** The real `process.exit`: the program's own calls are intercepted, since exiting mid-run is an error. */
const exit: (code: number) => never = process.exit.bind(process);

let reported = false;
async function reportError(error: unknown): Promise<never> {
  if (!reported) {
    reported = true;
    await send({ kind: "program-error", ...describe(error) });
  }
  exit(1);
}

/** Computed outputs a provider would return after a deployment, so `--mode update` sees known values. */
function deployedOutputs(type: string, name: string): Record<string, unknown> {
  const service = type.split(":")[1]?.split("/")[0] ?? "resource";
  return {
    arn: `arn:aws:${service}:us-east-1:123456789012:${name}`,
    name: `${name}-preview`,
    id: `${name}-id`,
  };
}

async function main(request: HostRequest): Promise<void> {
  const fromProject = createRequire(path.join(request.projectDir, "package.json"));
  // The program's own @pulumi/pulumi: one module instance shared with the program.
  const pulumi = fromProject("@pulumi/pulumi") as Pulumi;
  // The SDK captures and formats a stack trace for every internal promise, for leak reports only; skip
  // that cost. Errors the program throws keep their own stack traces.
  const debuggable = fromProject("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise: unknown };
  debuggable.debuggablePromise = <T>(p: Promise<T>) => p;
  // Every resource formats its whole stack trace as text and parses it back for a source position the
  // SDK sends to the engine. The preview takes the position it reports (the user's line, see
  // declaringPosition) from V8's structured call sites instead, or none when it is not wanted.
  (
    pulumi.Resource as unknown as { stackTrace: (skip: number) => (SourcePosition | undefined)[] }
  ).stackTrace = request.sourcePositions ? () => [declaringPosition(request.projectDir)] : () => [];

  // The SDK reports failures inside registrations (a lookup that failed, an input that rejected) through
  // its log, not as exceptions: collect them so they fail the preview instead of vanishing.
  const logged: string[] = [];
  const log = fromProject("@pulumi/pulumi/log") as {
    error: (message: string, ...rest: unknown[]) => unknown;
  };
  const logError = log.error.bind(log);
  log.error = (message: string, ...rest: unknown[]) => {
    logged.push(message);
    return logError(message, ...rest);
  };

  pulumi.runtime.setAllConfig(request.config, request.secretKeys);
  const preview = request.mode === "preview";
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({
        // An empty id and only the inputs make every provider-computed output unknown, as in a first preview.
        id: preview ? "" : `${args.name}-id`,
        state: preview
          ? (args.inputs as Record<string, unknown>)
          : { ...deployedOutputs(args.type, args.name), ...(args.inputs as Record<string, unknown>) },
      }),
      call: (args) =>
        answerInvoke(
          args.token,
          args.inputs as Record<string, unknown>,
          request.invokeFixtures,
          request.projectDir,
        ),
    },
    request.project,
    request.stack,
    preview,
  );

  // Registrations go to the preview in batches as they arrive, so the packs analyze them while the
  // program runs; the host keeps none of them.
  let pending: CapturedResource[] = [];
  let sent = Promise.resolve();
  let registered = 0;
  const flush = () => {
    if (pending.length === 0) return;
    const resources = pending;
    pending = [];
    sent = sent.then(() => send({ kind: "resources", resources }));
  };
  const urns = new Set<string>();
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(req: RegisterRequest, callback: Callback): Promise<void>;
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) =>
    register(req, (error, response) => {
      if (!error && response) {
        if (urns.has(response.getUrn())) {
          // The engine refuses a second registration of a URN; so does the preview, in the engine's words.
          void reportError(
            new Error(`Duplicate resource URN '${response.getUrn()}'; try giving it a unique name`),
          );
          return;
        }
        urns.add(response.getUrn());
        const propertyDependencies: Record<string, string[]> = {};
        req
          .getPropertydependenciesMap()
          .forEach((deps, key) => (propertyDependencies[key] = deps.getUrnsList()));
        // As the engine sends them to analyzers: no resource references, no output values.
        const inputs = toAnalyzerProperties(req.getObject()?.toJavaScript() ?? {});
        const position = req.getSourceposition();
        const outputs = toAnalyzerProperties(response.getObject()?.toJavaScript() ?? inputs);
        registered++;
        if (pending.length === 0) setImmediate(flush);
        pending.push({
          urn: response.getUrn(),
          type: req.getType(),
          name: req.getName(),
          parent: req.getParent(),
          custom: req.getCustom(),
          remote: req.getRemote(),
          provider: req.getProvider(),
          inputs,
          ...(isDeepStrictEqual(outputs, inputs) ? {} : { outputs }),
          options: {
            protect: req.getProtect(),
            retainOnDelete: req.getRetainondelete(),
            dependsOn: req.getDependenciesList(),
            ignoreChanges: req.getIgnorechangesList(),
            deleteBeforeReplace: req.getDeletebeforereplace(),
            additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
            aliases: req.getAliasesList().length,
          },
          propertyDependencies,
          ...(position?.getUri()
            ? {
                source: {
                  file: path
                    .relative(request.projectDir, fileURLToPath(position.getUri()))
                    .split(path.sep)
                    .join("/"),
                  line: position.getLine(),
                  column: position.getColumn(),
                },
              }
            : {}),
        });
      }
      callback(error, response);
    });

  process.on("uncaughtException", (e) => void reportError(e));
  process.on("unhandledRejection", (e) => void reportError(e));
  process.exit = ((code?: number | string | null) =>
    void reportError(
      new Error(`the program called process.exit(${code ?? ""}) before it finished`),
    )) as typeof process.exit;
  const entry = path.resolve(request.projectDir, request.main);
  fromProject(entry);
  await programFinished(pulumi, () => registered);
  if (logged.length > 0) {
    await send({ kind: "program-error", message: logged[0] ?? "", stack: logged.join("\n") });
    exit(1);
  }
  flush();
  await sent;
  await send({ kind: "done" });
  exit(0);
}

/**
 * Resolves when the program is done as Pulumi's Node runtime decides it: the event loop has drained
 * (timers, pending promises, I/O) and every registration the program started has reached the monitor.
 * Registrations from timers and late callbacks are therefore captured, and their errors surface.
 */
function programFinished(pulumi: Pulumi, registered: () => number): Promise<void> {
  return new Promise((resolve) => {
    let seen = -1;
    let settling = false;
    const onIdle = () => {
      if (settling) return;
      settling = true;
      // Flushing the RPC queue may start more work; the loop drains again and we look again.
      void pulumi.runtime.disconnect().then(() =>
        setImmediate(() => {
          settling = false;
          if (registered() === seen) {
            process.off("beforeExit", onIdle);
            resolve();
          }
          seen = registered();
        }),
      );
    };
    process.on("beforeExit", onIdle);
  });
}

process.once("message", (request: HostRequest) => {
  // The IPC channel must not keep the program alive: its end is the event loop draining.
  process.channel?.unref();
  main(request).catch(reportError);
});
