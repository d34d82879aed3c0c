/** The data that flows from the program host to the analyzer and the reports. */
import type { FixtureFile } from "./fixtures";

/** Pulumi's wire sentinel for a value that is unknown during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** Pulumi's wire signature key and the value marking a secret. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export type Mode = "preview" | "update";

export interface ResourceOptions {
  protect: boolean;
  retainOnDelete: boolean;
  dependsOn: string[];
  ignoreChanges: string[];
  deleteBeforeReplace: boolean;
  additionalSecretOutputs: string[];
  aliases: number;
}

/** One registration as the engine receives it; inputs and outputs in wire form (sentinels kept). */
export interface CapturedResource {
  urn: string;
  type: string;
  name: string;
  parent: string;
  custom: boolean;
  /**
   * A remote (multi-language) component: its provider plugin constructs its children, which a real
   * `pulumi preview` registers and analyzes but the offline preview, running no provider, never sees.
   */
  remote: boolean;
  /** Provider reference, `<provider urn>::<provider id>`, or "" for the default provider. */
  provider: string;
  inputs: Record<string, unknown>;
  /**
   * What the provider returned, absent when it is exactly the inputs (a first preview, where the
   * provider computes nothing): the inputs are not held, nor sent between processes, twice.
   */
  outputs?: Record<string, unknown>;
  options: ResourceOptions;
  propertyDependencies: Record<string, string[]>;
  /** Where the user's code declared it, relative to the project directory; see declaringPosition. */
  source?: { file: string; line: number; column: number };
}

/** Messages from the program host to the preview process. */
export type HostMessage =
  /** Registrations since the last batch, in order: the preview analyzes them while the program runs. */
  | { kind: "resources"; resources: CapturedResource[] }
  | { kind: "done" }
  | { kind: "program-error"; message: string; stack: string };

/** What the preview process passes to the program host. */
export interface HostRequest {
  projectDir: string;
  main: string;
  project: string;
  stack: string;
  mode: Mode;
  config: Record<string, string>;
  secretKeys: string[];
  invokeFixtures: FixtureFile;
  /** Record where each resource was declared (for SARIF locations). */
  sourcePositions: boolean;
}
