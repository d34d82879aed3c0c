import type * as pulumi from "@pulumi/pulumi";
import type { ProblemCollector } from "./errors";

/** What every Palisade component accepts for its data-bearing children (keys, buckets, vaults, disks). */
export interface DataProtectionArgs {
  /**
   * Keep the cloud resource when it leaves the Pulumi program or the stack is destroyed, so a refactor or a
   * `pulumi destroy` never deletes data. The resource is only dropped from state.
   * @default true
   */
  retainOnDelete?: boolean;
  /**
   * Make Pulumi refuse any operation that would delete the resource until protection is lifted.
   * @default false, or true when the sector baseline requires deletion protection (FINRA)
   */
  protect?: boolean;
}

export interface ResolvedDataProtection {
  readonly retainOnDelete: boolean;
  readonly protect: boolean;
}

/**
 * Applies secure defaults. A baseline that requires deletion protection forbids turning it off: the problem
 * is recorded against `path` so the component reports it with all other bad arguments.
 */
export function resolveDataProtection(
  args: DataProtectionArgs | undefined,
  problems: ProblemCollector,
  options: { path?: string; protectionRequiredBy?: string } = {},
): ResolvedDataProtection {
  const path = options.path ?? "dataProtection";
  const required = options.protectionRequiredBy;
  if (required !== undefined && args?.protect === false) {
    problems.add(`${path}.protect`, false, `must not be false: ${required} requires deletion protection`);
  }
  return {
    retainOnDelete: args?.retainOnDelete ?? true,
    protect: args?.protect ?? required !== undefined,
  };
}

/** Resource options for a data-bearing child of `parent`. */
export function dataResourceOptions(
  parent: pulumi.Resource,
  protection: ResolvedDataProtection,
  extra: pulumi.CustomResourceOptions = {},
): pulumi.CustomResourceOptions {
  return { ...extra, parent, retainOnDelete: protection.retainOnDelete, protect: protection.protect };
}
