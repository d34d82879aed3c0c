/**
 * Property values as the engine sends them to analyzers. The SDK registers inputs in its own wire form,
 * which may hold resource references and output values; the engine marshals Analyze and AnalyzeStack
 * requests without either (pulumi/pulumi sdk/go/common/resource/plugin: analyzer_plugin.go marshals with
 * KeepUnknowns and KeepSecrets only, and rpc.go then writes a custom resource's reference as its id,
 * unknown while the id is, and a component's as its URN; an output value as its value, or as unknown,
 * kept secret when it was). Assets, archives, secrets and unknowns pass through unchanged.
 */
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "../model";

/** The SDK's signatures for a resource reference and an output value (`@pulumi/pulumi/runtime/rpc`). */
export const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function secret(value: unknown): Record<string, unknown> {
  return { [SIG_KEY]: SECRET_SIG, value };
}

/** One value in the engine's analyzer form. */
export function toAnalyzerValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toAnalyzerValue);
  if (!isRecord(value)) return value;
  const sig = value[SIG_KEY];
  if (sig === RESOURCE_REFERENCE_SIG) {
    if (!Object.hasOwn(value, "id")) return value.urn; // a component: its URN
    return typeof value.id === "string" && value.id !== "" ? value.id : UNKNOWN;
  }
  if (sig === OUTPUT_VALUE_SIG) {
    const inner = Object.hasOwn(value, "value") ? toAnalyzerValue(value.value) : UNKNOWN;
    return value.secret === true ? secret(inner) : inner;
  }
  if (sig === SECRET_SIG) return secret(toAnalyzerValue(value.value));
  if (sig !== undefined) return value; // assets and archives
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toAnalyzerValue(v)]));
}

/** A property map in the engine's analyzer form. */
export function toAnalyzerProperties(properties: Record<string, unknown>): Record<string, unknown> {
  return toAnalyzerValue(properties) as Record<string, unknown>;
}
