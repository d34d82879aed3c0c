import * as pulumi from "@pulumi/pulumi";
import { shape } from "./arguments";
import type { SectorBaseline } from "./baselines";
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
  /** Whether the arguments ask for the lock: true, false, or unset (the baseline decides). */
  lock: boolean | undefined;
  /** The argument value that locks, for messages, when it is not `true` (S3's `"COMPLIANCE"` mode). @default true */
  lockValue?: unknown;
  /** The `acknowledgeIrreversibleLock` argument as given. */
  acknowledged: unknown;
  /** What can never be undone once locked, for the messages. */
  consequence: string;
  /** The baseline's WORM requirement: under `compliance` an acknowledgement alone locks. */
  worm?: { value: string; citation: string };
  /**
   * False where the cloud cannot create the lock, only add it by an update (Azure immutability): an unset
   * lock then stays off on every run, and the warning says to lock after the first deployment.
   * @default true
   */
  lockableAtCreation?: boolean;
}

/** Whether to build the lock, and the warning to log when a WORM baseline's lock stays off. */
export interface ResolvedLock {
  readonly locked: boolean;
  readonly warning?: string;
}

/**
 * Decides an irreversible lock. Locking always needs `acknowledgeIrreversibleLock: true`. Where the baseline
 * requires compliance-mode WORM, the acknowledgement alone locks; without it (or with `lock: false`) the
 * component is built unlocked and says so, because the records are then not WORM yet. An acknowledgement
 * with nothing to lock is a problem, as is locking without one.
 */
export function resolveIrreversibleLock(problems: ProblemCollector, lock: IrreversibleLock): ResolvedLock {
  const acknowledged = lock.acknowledged === true;
  const compliance = lock.worm?.value === "compliance" ? lock.worm : undefined;
  if (lock.lock === true) {
    problems.require(
      acknowledged,
      lock.path,
      lock.lockValue ?? true,
      `needs acknowledgeIrreversibleLock: true: ${lock.consequence}`,
    );
    return { locked: true };
  }
  const byAcknowledgement =
    lock.lock === undefined && compliance !== undefined && lock.lockableAtCreation !== false;
  if (byAcknowledgement && acknowledged) return { locked: true };
  if (lock.acknowledged !== undefined)
    problems.add(
      "acknowledgeIrreversibleLock",
      lock.acknowledged,
      byAcknowledgement
        ? "must be true or unset"
        : `only applies with ${lock.path}: ${JSON.stringify(lock.lockValue ?? true)}`,
    );
  if (compliance === undefined) return { locked: false };
  const how =
    lock.lockableAtCreation === false
      ? `the cloud locks only on an update: after the first deployment set ${lock.path}: true with acknowledgeIrreversibleLock: true`
      : `set acknowledgeIrreversibleLock: true to lock it (${lock.consequence})`;
  return {
    locked: false,
    warning: `${lock.path} is off, so these records are not WORM yet (${compliance.citation}); ${how}`,
  };
}

/** The retention a WORM store defaults to under the baseline: its record retention, when it requires WORM. */
export function wormRetentionDays(baseline: SectorBaseline | undefined): number | undefined {
  return baseline !== undefined && baseline.recordWorm.value !== "none"
    ? Math.max(1, baseline.recordRetentionDays.value)
    : undefined;
}

/** Logs the warning of a lock left off under a WORM baseline, against the component, on every run. */
export function warnUnlocked(component: pulumi.Resource, lock: ResolvedLock): void {
  if (lock.warning) void pulumi.log.warn(lock.warning, component);
}
