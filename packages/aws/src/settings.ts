/**
 * One resolved settings object per component: the sector baseline, the region, the rendered tags and the
 * data protection, with the values derived from them (key rotation, log retention). Every child is created
 * through {@link AwsChildren}, which takes these settings, so no child can miss the region or the tags.
 * Without a baseline Palisade's own secure defaults apply; with one, each setting takes the stricter.
 */
import type {
  ArgsSchema,
  DataProtectionArgs,
  ProblemCollector,
  ResolvedDataProtection,
  SectorBaseline,
} from "@palisade/core";
import {
  auditLogRetentionDaysUnder,
  keyRotationDaysUnder,
  checkComponentName,
  DATA_PROTECTION_SCHEMA,
  isRegionAllowed,
  resolveDataProtection,
  SECTOR_BASELINE_SCHEMA,
  shape,
} from "@palisade/core";
import * as pulumi from "@pulumi/pulumi";
import { resolveTags, TAGGING_SCHEMA, type TaggingArgs } from "./tags";

export interface BaselineArgs {
  /**
   * Sector baseline (`hipaa`, `gdpr`, `finra` or a merge) whose stricter settings this component and
   * every child it creates adopt.
   * @default none: Palisade's secure defaults only
   */
  baseline?: SectorBaseline;
}

/** What every AWS component accepts and hands to each of its children. */
export interface AwsComponentArgs extends BaselineArgs, TaggingArgs {
  /**
   * Region every child is created in (each child gets it explicitly, whatever the provider's region),
   * checked against the baseline's allow-list.
   * @default the stack's `aws:region` config
   */
  region?: string;
  /** Retention and protection of the data-bearing children and the guards that protect them. */
  dataProtection?: DataProtectionArgs;
}

/** The settings a component resolved from its args, handed to every child. */
export interface AwsSettings {
  readonly baseline?: SectorBaseline;
  readonly region: string;
  /** Rendered tags (compliance metadata plus extra tags), on every taggable child. */
  readonly tags: Readonly<Record<string, string>>;
  readonly protection: ResolvedDataProtection;
  /** The args as given, so child components re-resolve exactly what their parent did. */
  readonly dataProtectionArgs?: DataProtectionArgs;
  /** Days between automatic rotations of every key the component creates. */
  readonly keyRotationDays: number;
}

/** Palisade's defaults when no baseline asks for more. */
export const SECURE_DEFAULTS = {
  keyRotationDays: 365,
  logRetentionDays: 365,
  keyDeletionWindowDays: 30,
} as const;

/** KMS accepts rotation periods from 90 to 2560 days. */
export function keyRotationDays(baseline: SectorBaseline | undefined): number {
  return keyRotationDaysUnder(baseline, SECURE_DEFAULTS.keyRotationDays, 90);
}

/** The values CloudWatch Logs accepts for `retentionInDays` (0, never expire, is not used). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** The shortest CloudWatch retention that meets both the defaults and the baseline. */
export function logRetentionDays(baseline: SectorBaseline | undefined): number {
  const minimum = auditLogRetentionDaysUnder(baseline, SECURE_DEFAULTS.logRetentionDays);
  return LOG_RETENTION_DAYS.find((d) => d >= minimum) ?? 3653;
}

/** `us-east-2`, `eu-central-1`, `us-gov-west-1`, `ap-southeast-7`: the shape of every AWS region name. */
export const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** The schema of {@link AwsComponentArgs}' properties, spread into each component's own schema. */
export const AWS_COMPONENT_SCHEMA: Record<string, ArgsSchema> = {
  baseline: SECTOR_BASELINE_SCHEMA,
  region: shape.string('must be an AWS region name such as "us-east-2"'),
  dataProtection: DATA_PROTECTION_SCHEMA,
  ...TAGGING_SCHEMA,
};

/**
 * Resolves a component's settings, recording every problem: a region that is missing, malformed or
 * outside the baseline's allow-list, tags AWS would reject, and data protection the baseline forbids.
 */
export function resolveAwsSettings(
  problems: ProblemCollector,
  name: string,
  args: AwsComponentArgs,
): AwsSettings {
  checkComponentName(problems, name);
  const region = args.region ?? new pulumi.Config("aws").get("region");
  if (region === undefined) {
    problems.add("region", region, "must be set, or aws:region configured: every child is created in it");
  } else if (!AWS_REGION.test(region)) {
    problems.add("region", region, 'must be an AWS region name such as "us-east-2"');
  } else if (args.baseline && !isRegionAllowed(args.baseline, "aws", region)) {
    const allowed = args.baseline.allowedRegions.aws;
    problems.add("region", region, `must be one of ${JSON.stringify(allowed.value)} (${allowed.citation})`);
  }
  const required = args.baseline?.deletionProtection;
  const protection = resolveDataProtection(args.dataProtection, problems, {
    protectionRequiredBy: required?.value ? required.citation : undefined,
    baselineFrameworks: args.baseline?.frameworks,
  });
  return {
    baseline: args.baseline,
    region: region ?? "",
    tags: resolveTags(problems, args),
    protection,
    dataProtectionArgs: args.dataProtection,
    keyRotationDays: keyRotationDays(args.baseline),
  };
}

/** The args a child component (a key, a bucket) takes so that it resolves exactly its parent's settings. */
export function inheritedArgs(settings: AwsSettings): AwsComponentArgs {
  return {
    baseline: settings.baseline,
    region: settings.region,
    tags: { ...settings.tags },
    dataProtection: settings.dataProtectionArgs,
  };
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
