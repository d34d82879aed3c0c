/**
 * How a sector baseline turns into AWS settings. Without a baseline Palisade's own secure defaults apply;
 * with one, each setting takes whichever of the two is stricter.
 */
import * as pulumi from "@pulumi/pulumi";
import type {
  DataProtectionArgs,
  ProblemCollector,
  ResolvedDataProtection,
  SectorBaseline,
} from "@palisade/core";
import { isRegionAllowed, resolveDataProtection } from "@palisade/core";

export interface BaselineArgs {
  /**
   * Sector baseline (`hipaa`, `gdpr`, `finra` or a merge) whose stricter settings this component adopts.
   * @default none: Palisade's secure defaults only
   */
  baseline?: SectorBaseline;
}

/** Palisade's defaults when no baseline asks for more. */
export const SECURE_DEFAULTS = {
  keyRotationDays: 365,
  logRetentionDays: 365,
  keyDeletionWindowDays: 30,
} as const;

/** KMS accepts rotation periods from 90 to 2560 days. */
export function keyRotationDays(baseline: SectorBaseline | undefined): number {
  return Math.max(
    90,
    Math.min(SECURE_DEFAULTS.keyRotationDays, baseline?.maxKeyRotationDays.value ?? Infinity),
  );
}

/** The values CloudWatch Logs accepts for `retentionInDays` (0, never expire, is not used). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** The shortest CloudWatch retention that meets both the defaults and the baseline. */
export function logRetentionDays(baseline: SectorBaseline | undefined): number {
  const minimum = Math.max(SECURE_DEFAULTS.logRetentionDays, baseline?.auditLogRetentionDays.value ?? 0);
  return LOG_RETENTION_DAYS.find((d) => d >= minimum) ?? 3653;
}

export interface RegionArgs extends BaselineArgs {
  /** @default the stack's `aws:region` config */
  region?: string;
}

/** Rule for a component that cannot work without knowing its region. */
export const REGION_REQUIRED = "must be set, or aws:region configured";

/**
 * The region a component deploys to (its own arg, else the stack's `aws:region`), checked against the
 * baseline's allow-list. With `requiredRule`, a missing region is a problem described by that rule.
 */
export function resolveRegion(
  problems: ProblemCollector,
  args: RegionArgs,
  requiredRule?: string,
): string | undefined {
  const region = args.region ?? new pulumi.Config("aws").get("region");
  if (region === undefined) {
    if (requiredRule) problems.add("region", region, requiredRule);
    return undefined;
  }
  if (args.baseline && !isRegionAllowed(args.baseline, "aws", region)) {
    const allowed = args.baseline.allowedRegions.aws;
    problems.add("region", region, `must be one of ${JSON.stringify(allowed.value)} (${allowed.citation})`);
  }
  return region;
}

/**
 * A requested log retention checked against CloudWatch's allowed values and the baseline's minimum;
 * the minimum itself when none is requested.
 */
export function checkLogRetention(
  problems: ProblemCollector,
  baseline: SectorBaseline | undefined,
  requested: number | undefined,
  path: string,
): number {
  const minimum = logRetentionDays(baseline);
  const days = requested ?? minimum;
  problems.require(
    (LOG_RETENTION_DAYS as readonly number[]).includes(days) && days >= minimum,
    path,
    days,
    `must be a CloudWatch retention value of at least ${minimum} days${baseline ? ` (${baseline.auditLogRetentionDays.citation})` : ""}`,
  );
  return days;
}

/** Retain-on-delete and protect for a component's data-bearing children, as the baseline requires. */
export function checkDataProtection(
  problems: ProblemCollector,
  args: BaselineArgs & { dataProtection?: DataProtectionArgs },
): ResolvedDataProtection {
  const required = args.baseline?.deletionProtection;
  return resolveDataProtection(args.dataProtection, problems, {
    protectionRequiredBy: required?.value ? required.citation : undefined,
  });
}
