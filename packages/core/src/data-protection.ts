import * as pulumi from "@pulumi/pulumi";
import { shape } from "./arguments";
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
  /**
   * Required to set `retainOnDelete: false` under a sector baseline: confirms that `pulumi destroy` or
   * removing the component from the program deletes the data. Logged as a warning on every run.
   * @default false
   */
  acknowledgeDataLoss?: boolean;
}

export interface ResolvedDataProtection {
  readonly retainOnDelete: boolean;
  readonly protect: boolean;
  /** Set when retention was turned off under a baseline with acknowledgement: the warning to log. */
  readonly dataLossWarning?: string;
}

/** The shape of {@link DataProtectionArgs}, for components' argument schemas. */
export const DATA_PROTECTION_SCHEMA = shape.object(
  {
    retainOnDelete: shape.boolean(),
    protect: shape.boolean(),
    acknowledgeDataLoss: shape.boolean(),
  },
  { description: "must be an object with retainOnDelete, protect or acknowledgeDataLoss" },
);

/**
 * Applies secure defaults. A baseline that requires deletion protection forbids turning it off: the problem
 * is recorded against `path` so the component reports it with all other bad arguments.
 */
export function resolveDataProtection(
  args: DataProtectionArgs | undefined,
  problems: ProblemCollector,
  options: {
    path?: string;
    protectionRequiredBy?: string;
    /** The frameworks of the sector baseline in force, if any: turning retention off then needs acknowledgement. */
    baselineFrameworks?: readonly string[];
  } = {},
): ResolvedDataProtection {
  const path = options.path ?? "dataProtection";
  const required = options.protectionRequiredBy;
  if (required !== undefined && args?.protect === false) {
    problems.add(`${path}.protect`, false, `must not be false: ${required} requires deletion protection`);
  }
  const retainOnDelete = args?.retainOnDelete ?? true;
  const frameworks = options.baselineFrameworks ?? [];
  let dataLossWarning: string | undefined;
  if (!retainOnDelete && frameworks.length > 0) {
    if (args?.acknowledgeDataLoss === true) {
      dataLossWarning = `retainOnDelete is off under the ${frameworks.join("+")} baseline (acknowledged): pulumi destroy, or removing this component, deletes its data`;
    } else {
      problems.add(
        `${path}.retainOnDelete`,
        false,
        `must not be false under the ${frameworks.join("+")} baseline unless ${path}.acknowledgeDataLoss is true (pulumi destroy would delete the data)`,
      );
    }
  }
  return { retainOnDelete, protect: args?.protect ?? required !== undefined, dataLossWarning };
}

/** Resource options for a data-bearing child of `parent`. */
export function dataResourceOptions(
  parent: pulumi.Resource,
  protection: ResolvedDataProtection,
  extra: pulumi.CustomResourceOptions = {},
): pulumi.CustomResourceOptions {
  return { ...extra, parent, retainOnDelete: protection.retainOnDelete, protect: protection.protect };
}

/**
 * Resource options for a guard of a data-bearing child (its public-access block, encryption settings,
 * policy, versioning): retained whenever the data is, so a destroy never leaves retained data unguarded.
 */
export function guardResourceOptions(
  parent: pulumi.Resource,
  protection: ResolvedDataProtection,
  extra: pulumi.CustomResourceOptions = {},
): pulumi.CustomResourceOptions {
  return { ...extra, parent, retainOnDelete: protection.retainOnDelete };
}

/** Logs the acknowledged data-loss warning, if any, against the component on every run. */
export function warnDataLoss(component: pulumi.Resource, protection: ResolvedDataProtection): void {
  if (protection.dataLossWarning) void pulumi.log.warn(protection.dataLossWarning, component);
}

/** An irreversible lock a component offers (Bucket Lock, a locked log bucket, S3 Object Lock, immutability). */
export interface IrreversibleLock {
  /** The argument that turns the lock on, e.g. `retentionPolicy.lock`. */
  path: string;
  /** Its value. */
  lock: boolean | undefined;
  /** The `acknowledgeIrreversibleLock` argument as given. */
  acknowledged: unknown;
  /** What can never be undone once locked, for the message. */
  consequence: string;
  /** The baseline's WORM requirement: `compliance` makes the lock mandatory. */
  worm?: { value: string; citation: string };
}

/**
 * Records the problems of an irreversible lock: locking without `acknowledgeIrreversibleLock: true`, not
 * locking where the baseline requires compliance-mode WORM, and an acknowledgement with nothing to lock.
 */
export function checkIrreversibleLock(problems: ProblemCollector, lock: IrreversibleLock): void {
  if (lock.lock === true) {
    problems.require(
      lock.acknowledged === true,
      lock.path,
      true,
      `needs acknowledgeIrreversibleLock: true: ${lock.consequence}`,
    );
    return;
  }
  if (lock.worm?.value === "compliance")
    problems.add(
      lock.path,
      lock.lock,
      `must be true (with acknowledgeIrreversibleLock: true): ${lock.worm.citation}`,
    );
  if (lock.acknowledged !== undefined)
    problems.add("acknowledgeIrreversibleLock", lock.acknowledged, `only applies with ${lock.path}: true`);
}
