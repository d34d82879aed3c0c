/**
 * The rule test kit: runs a policy through @pulumi/policy's own Analyze and AnalyzeStack handlers, with
 * requests built as the engine builds them, so a test sees what production sees: props behind the
 * unknown-checking proxy, unknown and secret values in their wire form, property dependencies and
 * not-applicable results.
 */
import type { Policy, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { createRequire } from "node:module";
import { inspect } from "node:util";
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";
import {
  isExemptedReason,
  isTypeScopeReason,
  isUndeterminedMessage,
  splitExemptedReasons,
  splitUndeterminedMessage,
} from "@palisade/core";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

/** The engine's sentinel for a value unknown during preview (Pulumi's own constant). */
export const UNKNOWN: string = unknownValue;

/** `value` as the engine sends a secret; the policy server unwraps it before a rule reads it. */
export function secret(value: unknown): Record<string, unknown> {
  return { [specialSigKey]: specialSecretSig, value };
}

export interface KitResource {
  type: string;
  name: string;
  /**
   * Inputs (resource policies) or outputs (stack policies); use UNKNOWN for unknowns and secret() for
   * secrets. An undefined value is left out, as on the wire.
   */
  props: Record<string, unknown>;
  /** Input name to the names of the resources it depends on. */
  propertyDependencies?: Record<string, string[]>;
  protect?: boolean;
  /** The inputs of the resource's provider (e.g. a Kubernetes provider's `namespace`). */
  provider?: Record<string, unknown>;
}

export interface KitResult {
  /** Violation messages, each `[<rule>/<requirement>] <message>`. */
  violations: string[];
  /** "can't run during preview" results. */
  undetermined: string[];
  /** Findings an exemption covered (reported as not applicable with an exempted reason). */
  exempted: string[];
  /**
   * Why the policy judged nothing it was asked about beyond its types: a data class it does not judge,
   * a check the config places outside the stack (not-applicable reasons other than exemptions and the
   * type scope).
   */
  outOfScope: string[];
}

export const urnOf = (r: { type: string; name: string }) => `urn:pulumi:test::test::${r.type}::${r.name}`;

/** A copy of the policy whose getConfig returns `config` (the engine would send it through Configure). */
function withConfig<P extends Policy>(policy: P, config: Record<string, unknown> | undefined): P {
  if (!config) return policy;
  const copy = { ...policy } as P & Partial<ResourceValidationPolicy & StackValidationPolicy>;
  const validateResource = (policy as Partial<ResourceValidationPolicy>).validateResource;
  const validateStack = (policy as Partial<StackValidationPolicy>).validateStack;
  if (validateResource !== undefined) {
    // Each validation keeps the type it carries (`__pulumiType`), which the policy server reads first.
    copy.validateResource = (Array.isArray(validateResource) ? validateResource : [validateResource]).map(
      (validate) =>
        Object.assign(
          (...[args, report]: Parameters<typeof validate>) =>
            validate({ ...args, getConfig: <T>() => config as T }, report),
          { ...validate },
        ),
    );
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
  // One entry per requirement, as palisade preview reads them (see @palisade/core's findings).
  const diagnostics = response.getDiagnosticsList().flatMap((d) => splitUndeterminedMessage(d.getMessage()));
  const notApplicable = response.getNotApplicableList().flatMap((n) => splitExemptedReasons(n.getReason()));
  return {
    violations: diagnostics.filter((m) => !isUndeterminedMessage(m)),
    undetermined: diagnostics.filter(isUndeterminedMessage),
    exempted: notApplicable.filter(isExemptedReason),
    outOfScope: notApplicable.filter((r) => !isExemptedReason(r) && !isTypeScopeReason(r)),
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

/** A JSON copy without undefined values, which the wire form does not have. */
function wire(value: Record<string, unknown>): Record<string, never> {
  return JSON.parse(JSON.stringify(value)) as Record<string, never>;
}

function provider(r: KitResource): pb.AnalyzerProviderResource | undefined {
  if (!r.provider) return undefined;
  const p = new pb.AnalyzerProviderResource();
  const pkg = r.type.split(":")[0] ?? "";
  p.setType(`pulumi:providers:${pkg}`);
  p.setName("provider");
  p.setUrn(urnOf({ type: `pulumi:providers:${pkg}`, name: "provider" }));
  p.setProperties(Struct.fromJavaScript(wire(r.provider)));
  return p;
}

/** The fields the engine sends for every resource, in an Analyze request or an AnalyzeStack entry alike. */
function describeResource<M extends pb.AnalyzeRequest | pb.AnalyzerResource>(message: M, r: KitResource): M {
  message.setType(r.type);
  message.setName(r.name);
  message.setUrn(urnOf(r));
  message.setProperties(Struct.fromJavaScript(wire(r.props)));
  message.setOptions(options(r));
  const p = provider(r);
  if (p) message.setProvider(p);
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
