/**
 * One resolved settings object per component: the sector baseline, the resource group, the location, the
 * rendered tags and the data protection, with the values derived from them (key rotation, log retention).
 * Every child is created through {@link AzureChildren}, which takes these settings, so no child can miss
 * the resource group, the location or the tags. Without a baseline Palisade's own secure defaults apply;
 * with one, each setting takes the stricter.
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
import { AZURE_LOCATION, AZURE_RESOURCE_GROUP } from "./names";
import { resolveTags, TAGGING_SCHEMA, type TaggingArgs } from "./tags";

/** What every Azure component accepts and hands to each of its children (Azure Verified Modules' names). */
export interface AzureComponentArgs extends TaggingArgs {
  /**
   * Sector baseline (`hipaa`, `gdpr`, `finra` or a merge) whose stricter settings this component and
   * every child it creates adopt.
   * @default none: Palisade's secure defaults only
   */
  baseline?: SectorBaseline;
  /**
   * Resource group every child is created in. Forces replacement of every child when changed.
   */
  resourceGroupName: pulumi.Input<string>;
  /**
   * Azure region (`westeurope`, `swedencentral`) every child is located in, checked against the
   * baseline's allow-list. Forces replacement of every child when changed.
   * @default the stack's `azure-native:location` config
   */
  location?: string;
  /**
   * Retention and protection of the data-bearing children and the guards that protect them.
   * @default retained on delete; protected only when the baseline requires it (FINRA)
   */
  dataProtection?: DataProtectionArgs;
}

/** The settings a component resolved from its args, handed to every child. */
export interface AzureSettings {
  readonly baseline?: SectorBaseline;
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  /** Rendered tags (compliance metadata plus extra tags), on every child that takes tags. */
  readonly tags: Readonly<Record<string, string>>;
  readonly protection: ResolvedDataProtection;
  /** The args as given, so child components re-resolve exactly what their parent did. */
  readonly dataProtectionArgs?: DataProtectionArgs;
  /** Days after which every key the component creates is rotated. */
  readonly keyRotationDays: number;
  /** Days audit and flow logs are kept. */
  readonly logRetentionDays: number;
}

/** Palisade's defaults when no baseline asks for more. */
export const SECURE_DEFAULTS = {
  keyRotationDays: 365,
  logRetentionDays: 365,
  /** Key Vault keeps a deleted vault, key or secret recoverable for 7 to 90 days; Palisade takes 90. */
  softDeleteRetentionDays: 90,
} as const;

/** Key Vault rotation policies rotate at least 7 days after creation (`timeAfterCreate` >= P7D). */
export const KEY_VAULT_ROTATION_DAYS = { min: 7, max: 36_500 } as const;

/** The rotation period every key gets: Palisade's default, or shorter when the baseline requires it. */
export function keyRotationDays(baseline: SectorBaseline | undefined): number {
  return keyRotationDaysUnder(baseline, SECURE_DEFAULTS.keyRotationDays, KEY_VAULT_ROTATION_DAYS.min);
}

/** A Log Analytics workspace keeps data 30 to 730 days interactively (longer only as archive). */
export const LOG_ANALYTICS_RETENTION_DAYS = { min: 30, max: 730 } as const;

/** The audit-log retention: the defaults or the baseline's minimum, whichever is longer. */
export function logRetentionDays(baseline: SectorBaseline | undefined): number {
  return auditLogRetentionDaysUnder(baseline, SECURE_DEFAULTS.logRetentionDays);
}

/** The schema of {@link AzureComponentArgs}' properties, spread into each component's own schema. */
export const AZURE_COMPONENT_SCHEMA: Record<string, ArgsSchema> = {
  baseline: SECTOR_BASELINE_SCHEMA,
  resourceGroupName: shape.input(
    shape.string("must be a resource group name or an Output of one"),
    "must be a resource group name or an Output of one",
  ),
  location: shape.string('must be an Azure region name such as "westeurope"'),
  dataProtection: DATA_PROTECTION_SCHEMA,
  ...TAGGING_SCHEMA,
};

/**
 * Resolves a component's settings, recording every problem: a resource group or location that is missing
 * or malformed, a location outside the baseline's allow-list, tags Azure would reject, and data protection
 * the baseline forbids.
 */
export function resolveAzureSettings(
  problems: ProblemCollector,
  name: string,
  args: AzureComponentArgs,
): AzureSettings {
  checkComponentName(problems, name);
  // Every component's schema requires it; an Output is judged by ARM.
  const group = args.resourceGroupName;
  if (typeof group === "string") {
    problems.require(
      AZURE_RESOURCE_GROUP.pattern.test(group),
      "resourceGroupName",
      group,
      `must be a resource group name: ${AZURE_RESOURCE_GROUP.describe}`,
    );
  }
  const location = args.location ?? new pulumi.Config("azure-native").get("location");
  if (location === undefined) {
    problems.add(
      "location",
      location,
      "must be set, or azure-native:location configured: every child is located in it",
    );
  } else if (!AZURE_LOCATION.test(location)) {
    problems.add(
      "location",
      location,
      'must be an Azure region name such as "westeurope" (lowercase, no spaces: not the display name "West Europe")',
    );
  } else if (args.baseline && !isRegionAllowed(args.baseline, "azure", location)) {
    const allowed = args.baseline.allowedRegions.azure;
    problems.add(
      "location",
      location,
      `must be one of ${JSON.stringify(allowed.value)} (${allowed.citation})`,
    );
  }
  const required = args.baseline?.deletionProtection;
  const protection = resolveDataProtection(args.dataProtection, problems, {
    protectionRequiredBy: required?.value ? required.citation : undefined,
    baselineFrameworks: args.baseline?.frameworks,
  });
  return {
    baseline: args.baseline,
    resourceGroupName: group ?? "",
    location: location ?? "",
    tags: resolveTags(problems, args),
    protection,
    dataProtectionArgs: args.dataProtection,
    keyRotationDays: keyRotationDays(args.baseline),
    logRetentionDays: logRetentionDays(args.baseline),
  };
}

/** The args a child component (a storage account's vault) takes so that it resolves exactly its parent's settings. */
export function inheritedArgs(settings: AzureSettings): AzureComponentArgs {
  return {
    baseline: settings.baseline,
    resourceGroupName: settings.resourceGroupName,
    location: settings.location,
    tags: { ...settings.tags },
    dataProtection: settings.dataProtectionArgs,
  };
}
