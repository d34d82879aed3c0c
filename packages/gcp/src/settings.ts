/**
 * One resolved settings object per component: the sector baseline, the project, the region, the rendered
 * labels and the data protection, with the values derived from them (key rotation, log retention). Every
 * child is created through {@link GcpChildren}, which takes these settings, so no child can miss the
 * project, the region or the labels. Without a baseline Palisade's own secure defaults apply; with one,
 * each setting takes the stricter.
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
import { LABELING_SCHEMA, resolveLabels, type LabelingArgs } from "./labels";
import { GCP_PROJECT_ID, GCP_REGION } from "./names";

/** What every GCP component accepts and hands to each of its children. */
export interface GcpComponentArgs extends LabelingArgs {
  /**
   * Sector baseline (`hipaa`, `gdpr`, `finra` or a merge) whose stricter settings this component and
   * every child it creates adopt.
   * @default none: Palisade's secure defaults only
   */
  baseline?: SectorBaseline;
  /**
   * Project id every child is created in (set explicitly on each child, whatever the provider's project).
   * Forces replacement of every child when changed.
   * @default the stack's `gcp:project` config
   */
  project?: string;
  /**
   * Region every regional child and every location-bound child (key ring, bucket, log bucket) is created
   * in, checked against the baseline's allow-list. Forces replacement of those children when changed.
   * @default the stack's `gcp:region` config
   */
  region?: string;
  /**
   * Retention and protection of the data-bearing children and the guards that protect them.
   * @default retained on delete; protected only when the baseline requires it (FINRA)
   */
  dataProtection?: DataProtectionArgs;
}

/** The settings a component resolved from its args, handed to every child. */
export interface GcpSettings {
  readonly baseline?: SectorBaseline;
  readonly project: string;
  readonly region: string;
  /** Rendered labels (compliance metadata plus extra labels), on every child that takes labels. */
  readonly labels: Readonly<Record<string, string>>;
  readonly protection: ResolvedDataProtection;
  /** The args as given, so child components re-resolve exactly what their parent did. */
  readonly dataProtectionArgs?: DataProtectionArgs;
  /** Days between automatic rotations of every key the component creates. */
  readonly keyRotationDays: number;
  /** Days audit logs are kept. */
  readonly logRetentionDays: number;
}

/** Palisade's defaults when no baseline asks for more. */
export const SECURE_DEFAULTS = {
  keyRotationDays: 365,
  logRetentionDays: 365,
  /** Cloud KMS keeps a destroyed key version recoverable for at most 120 days. */
  keyDestroyScheduledDays: 120,
} as const;

const SECONDS_PER_DAY = 86_400;

/** A whole number of days as the duration string Google APIs take (`"7776000s"` for 90 days). */
export function durationSeconds(days: number): string {
  return `${days * SECONDS_PER_DAY}s`;
}

/** Cloud KMS rotates at most every 100 years (876,000 hours) and at least after a day. */
export const KMS_ROTATION_DAYS = { min: 1, max: 36_500 } as const;

/** The rotation period every key gets: Palisade's default, or shorter when the baseline requires it. */
export function keyRotationDays(baseline: SectorBaseline | undefined): number {
  return keyRotationDaysUnder(baseline, SECURE_DEFAULTS.keyRotationDays, KMS_ROTATION_DAYS.min);
}

/** Cloud Logging keeps entries in a log bucket for 1 to 3,650 days. */
export const LOG_BUCKET_RETENTION_DAYS = { min: 1, max: 3650 } as const;

/** The audit-log retention: the defaults or the baseline's minimum, whichever is longer. */
export function logRetentionDays(baseline: SectorBaseline | undefined): number {
  return auditLogRetentionDaysUnder(baseline, SECURE_DEFAULTS.logRetentionDays);
}

/** The schema of {@link GcpComponentArgs}' properties, spread into each component's own schema. */
export const GCP_COMPONENT_SCHEMA: Record<string, ArgsSchema> = {
  baseline: SECTOR_BASELINE_SCHEMA,
  project: shape.string('must be a GCP project id such as "phi-prod-123"'),
  region: shape.string('must be a GCP region name such as "europe-west4"'),
  dataProtection: DATA_PROTECTION_SCHEMA,
  ...LABELING_SCHEMA,
};

/**
 * Resolves a component's settings, recording every problem: a project or region that is missing or
 * malformed, a region outside the baseline's allow-list, labels GCP would reject, and data protection the
 * baseline forbids.
 */
export function resolveGcpSettings(
  problems: ProblemCollector,
  name: string,
  args: GcpComponentArgs,
): GcpSettings {
  checkComponentName(problems, name);
  const config = new pulumi.Config("gcp");
  const project = args.project ?? config.get("project");
  if (project === undefined) {
    problems.add("project", project, "must be set, or gcp:project configured: every child is created in it");
  } else {
    problems.require(
      GCP_PROJECT_ID.pattern.test(project),
      "project",
      project,
      `must be a GCP project id: ${GCP_PROJECT_ID.describe}`,
    );
  }
  const region = args.region ?? config.get("region");
  if (region === undefined) {
    problems.add("region", region, "must be set, or gcp:region configured: every child is located in it");
  } else if (!GCP_REGION.test(region)) {
    problems.add(
      "region",
      region,
      'must be a GCP region name such as "europe-west4" (not a zone or multi-region)',
    );
  } else if (args.baseline && !isRegionAllowed(args.baseline, "gcp", region)) {
    const allowed = args.baseline.allowedRegions.gcp;
    problems.add("region", region, `must be one of ${JSON.stringify(allowed.value)} (${allowed.citation})`);
  }
  const required = args.baseline?.deletionProtection;
  const protection = resolveDataProtection(args.dataProtection, problems, {
    protectionRequiredBy: required?.value ? required.citation : undefined,
    baselineFrameworks: args.baseline?.frameworks,
  });
  return {
    baseline: args.baseline,
    project: project ?? "",
    region: region ?? "",
    labels: resolveLabels(problems, args),
    protection,
    dataProtectionArgs: args.dataProtection,
    keyRotationDays: keyRotationDays(args.baseline),
    logRetentionDays: logRetentionDays(args.baseline),
  };
}

/** The args a child component (a bucket's key) takes so that it resolves exactly its parent's settings. */
export function inheritedArgs(settings: GcpSettings): GcpComponentArgs {
  return {
    baseline: settings.baseline,
    project: settings.project,
    region: settings.region,
    labels: { ...settings.labels },
    dataProtection: settings.dataProtectionArgs,
  };
}
