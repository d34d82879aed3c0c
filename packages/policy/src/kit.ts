/**
 * The rule test kit: runs a policy through @pulumi/policy's own Analyze and AnalyzeStack handlers, with
 * requests built as the engine builds them, so a test sees what production sees: props behind the
 * unknown-checking proxy, unknown values, property dependencies and not-applicable results.
 */
import type { Policy, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { createRequire } from "node:module";
import { inspect } from "node:util";
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

/** The engine's sentinel for a value unknown during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface KitResource {
  type: string;
  name: string;
  /** Inputs (resource policies) or outputs (stack policies) in wire form; use UNKNOWN for unknowns. */
  props: Record<string, unknown>;
  /** Input name to the names of the resources it depends on. */
  propertyDependencies?: Record<string, string[]>;
  protect?: boolean;
}

export interface KitResult {
  violations: string[];
  /** "can't run during preview" results. */
  undetermined: string[];
  /** Findings an exemption covered (reported as not applicable with the `[exempted]` reason). */
  exempted: string[];
}

export const urnOf = (r: { type: string; name: string }) => `urn:pulumi:test::test::${r.type}::${r.name}`;

/** A copy of the policy whose getConfig returns `config` (the engine would send it through Configure). */
function withConfig<P extends Policy>(policy: P, config: Record<string, unknown> | undefined): P {
  if (!config) return policy;
  const copy = { ...policy } as P & Partial<ResourceValidationPolicy & StackValidationPolicy>;
  const validateResource = (policy as Partial<ResourceValidationPolicy>).validateResource;
  const validateStack = (policy as Partial<StackValidationPolicy>).validateStack;
  if (typeof validateResource === "function") {
    copy.validateResource = (args, report) =>
      validateResource({ ...args, getConfig: <T>() => config as T }, report);
  }
  if (typeof validateStack === "function") {
    copy.validateStack = (args, report) =>
      validateStack({ ...args, getConfig: <T>() => config as T }, report);
  }
  return copy;
}

function options(r: KitResource): pb.AnalyzerResourceOptions {
  const o = new pb.AnalyzerResourceOptions();
  o.setProtect(r.protect ?? false);
  return o;
}

function result(response: pb.AnalyzeResponse): KitResult {
  const diagnostics = response.getDiagnosticsList().map((d) => d.getMessage());
  const notApplicable = response.getNotApplicableList().map((n) => n.getReason());
  return {
    violations: diagnostics.filter((m) => !/^can't run .* during preview/.test(m)),
    undetermined: diagnostics.filter((m) => /^can't run .* during preview/.test(m)),
    exempted: notApplicable.filter((m) => m.startsWith("[exempted]")),
  };
}

// The handlers the policy server registers for Analyze and AnalyzeStack (exported, though not in its typings).
interface PolicyServer {
  makeAnalyzeRpcFun(pack: string, version: string, level: string, policies: Policy[]): Rpc;
  makeAnalyzeStackRpcFun(pack: string, version: string, level: string, policies: Policy[]): Rpc;
}
const server = createRequire(__filename)("@pulumi/policy/server") as PolicyServer;

type Rpc = (
  call: { request: unknown },
  callback: (error: unknown, response: pb.AnalyzeResponse) => void,
) => Promise<void> | void;

function call(rpc: Rpc, request: unknown): Promise<pb.AnalyzeResponse> {
  return new Promise((resolve, reject) => {
    void rpc({ request }, (error, response) =>
      error ? reject(error instanceof Error ? error : new Error(inspect(error))) : resolve(response),
    );
  });
}

/** The fields the engine sends for every resource, in an Analyze request or an AnalyzeStack entry alike. */
function describeResource<M extends pb.AnalyzeRequest | pb.AnalyzerResource>(message: M, r: KitResource): M {
  message.setType(r.type);
  message.setName(r.name);
  message.setUrn(urnOf(r));
  message.setProperties(Struct.fromJavaScript(r.props as Record<string, never>));
  message.setOptions(options(r));
  return message;
}

/** Runs a resource policy on one resource as `pulumi preview` would. */
export async function analyzeResource(
  policy: Policy,
  resource: KitResource,
  config?: Record<string, unknown>,
): Promise<KitResult> {
  const request = describeResource(new pb.AnalyzeRequest(), resource);
  const rpc = server.makeAnalyzeRpcFun("kit", "0.0.0", "advisory", [withConfig(policy, config)]);
  return result(await call(rpc, request));
}

/** Runs a stack policy on a set of resources, property dependencies joined by resource name. */
export async function analyzeStack(
  policy: Policy,
  resources: KitResource[],
  config?: Record<string, unknown>,
): Promise<KitResult> {
  const request = new pb.AnalyzeStackRequest();
  const byName = new Map(resources.map((r) => [r.name, r]));
  request.setResourcesList(
    resources.map((r) => {
      const resource = describeResource(new pb.AnalyzerResource(), r);
      for (const [key, names] of Object.entries(r.propertyDependencies ?? {})) {
        const deps = new pb.AnalyzerPropertyDependencies();
        deps.setUrnsList(names.map((n) => urnOf(byName.get(n) ?? { type: "unknown", name: n })));
        resource.getPropertydependenciesMap().set(key, deps);
      }
      return resource;
    }),
  );
  const rpc = server.makeAnalyzeStackRpcFun("kit", "0.0.0", "advisory", [withConfig(policy, config)]);
  return result(await call(rpc, request));
}
