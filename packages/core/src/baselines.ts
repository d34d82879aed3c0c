/**
 * Sector baselines: the numbers a regulation implies for infrastructure, each with the text it comes from.
 * Components read them to choose settings and policy packs read them to judge settings, so the two can
 * never disagree. Sources and caveats: docs/controls and shared/reference/controls.md.
 */
import type { SchemaObject } from "ajv";
import { ProblemCollector } from "./errors";

/** A value and the regulation text (or stated policy choice) it comes from. */
export interface Cited<T> {
  readonly value: T;
  readonly citation: string;
}

export type Cloud = "aws" | "azure" | "gcp";
export const CLOUDS: readonly Cloud[] = ["aws", "azure", "gcp"];

/** Exact region names a resource may live in, or `"any"` when the framework sets no location rule. */
export type RegionAllowList = readonly string[] | "any";

export type TlsVersion = "1.2" | "1.3";

/** Write-once-read-many mode for records storage, weakest first. */
export type WormMode = "none" | "governance" | "compliance";
const WORM_STRENGTH: Record<WormMode, number> = { none: 0, governance: 1, compliance: 2 };

export type FrameworkId = "hipaa" | "gdpr" | "finra";
export const FRAMEWORK_IDS: readonly FrameworkId[] = ["hipaa", "gdpr", "finra"];

export interface SectorBaseline {
  /** The frameworks this baseline satisfies; more than one after {@link mergeBaselines}. */
  readonly frameworks: readonly FrameworkId[];
  readonly allowedRegions: { readonly [C in Cloud]: Cited<RegionAllowList> };
  /** Minimum days audit logs (trails, flow logs, control-plane logs) are kept. */
  readonly auditLogRetentionDays: Cited<number>;
  /** Logs and data must have a finite retention: "never expire" is not allowed. */
  readonly finiteRetentionRequired: Cited<boolean>;
  /** Minimum days regulated records are kept; 0 when the framework sets none. */
  readonly recordRetentionDays: Cited<number>;
  /** Write-once-read-many protection required for records storage. */
  readonly recordWorm: Cited<WormMode>;
  readonly minTlsVersion: Cited<TlsVersion>;
  /** Data stores must be encrypted with customer-managed keys, not provider-managed ones. */
  readonly customerManagedKeys: Cited<boolean>;
  /** Longest allowed interval between automatic key rotations. */
  readonly maxKeyRotationDays: Cited<number>;
  /** Shortest allowed waiting period before a scheduled key deletion takes effect. */
  readonly minKeyDeletionWindowDays: Cited<number>;
  /** Minimum days automated backups / point-in-time recovery are kept. */
  readonly minBackupRetentionDays: Cited<number>;
  /** Data-bearing resources must carry Pulumi `protect` so IaC cannot delete them. */
  readonly deletionProtection: Cited<boolean>;
}

function cited(value: SchemaObject): SchemaObject {
  return {
    type: "object",
    required: ["value", "citation"],
    properties: { value, citation: { type: "string" } },
  };
}

/**
 * The shape of a {@link SectorBaseline}, so a component given something else (a YAML object, an Output, a
 * misspelt import) names `baseline` instead of failing deep inside with a TypeError.
 */
export const SECTOR_BASELINE_SCHEMA: SchemaObject = {
  type: "object",
  not: { deferred: true },
  required: [
    "frameworks",
    "allowedRegions",
    "auditLogRetentionDays",
    "finiteRetentionRequired",
    "recordRetentionDays",
    "recordWorm",
    "minTlsVersion",
    "customerManagedKeys",
    "maxKeyRotationDays",
    "minKeyDeletionWindowDays",
    "minBackupRetentionDays",
    "deletionProtection",
  ],
  properties: {
    frameworks: { type: "array", items: { enum: ["hipaa", "gdpr", "finra"] } },
    allowedRegions: {
      type: "object",
      required: ["aws", "azure", "gcp"],
      properties: Object.fromEntries(
        ["aws", "azure", "gcp"].map((cloud) => [
          cloud,
          cited({ anyOf: [{ const: "any" }, { type: "array", items: { type: "string" } }] }),
        ]),
      ),
    },
    auditLogRetentionDays: cited({ type: "integer", minimum: 0 }),
    finiteRetentionRequired: cited({ type: "boolean" }),
    recordRetentionDays: cited({ type: "integer", minimum: 0 }),
    recordWorm: cited({ enum: ["none", "governance", "compliance"] }),
    minTlsVersion: cited({ enum: ["1.2", "1.3"] }),
    customerManagedKeys: cited({ type: "boolean" }),
    maxKeyRotationDays: cited({ type: "integer", minimum: 1 }),
    minKeyDeletionWindowDays: cited({ type: "integer", minimum: 0 }),
    minBackupRetentionDays: cited({ type: "integer", minimum: 0 }),
    deletionProtection: cited({ type: "boolean" }),
  },
  description:
    "must be a sector baseline from @palisade/core (hipaa, gdpr, finra, or one made with mergeBaselines or customizeBaseline)",
};

const SIX_YEARS_DAYS = 2192;
const ANY_REGION = (citation: string): Cited<RegionAllowList> => ({ value: "any", citation });

/**
 * EU/EEA regions only (Switzerland and the UK are outside the EEA: list them yourself if an adequacy
 * decision is your transfer mechanism). Reviewed 2026-11-28 against:
 * - AWS: the Europe region codes of the AWS Regions list, plus the AWS European Sovereign Cloud
 *   (`eusc-de-east-1`, Brandenburg, its own `aws-eusc` partition; `Region.EUSCDEEast1` in @pulumi/aws 7.48);
 * - Azure: learn.microsoft.com/azure/reliability/regions-list (Austria East and Belgium Central added);
 *   Denmark East from `AzureLocation.DenmarkEast` in Azure.Core, not yet on that page;
 * - GCP: cloud.google.com/about/locations (the EU regions), plus two names rules judge as entries: the
 *   `eu` multi-region (Cloud Storage and BigQuery: data centers in EU member states) and the `eur4`
 *   dual-region (Cloud Storage: Finland and the Netherlands). Not `eur5`, `eur7` or `eur8`: each pairs
 *   an EU region with London or Zurich.
 */
export const EU_EEA_REGIONS: { readonly [C in Cloud]: readonly string[] } = {
  aws: ["eu-central-1", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-3", "eusc-de-east-1"],
  azure: [
    "austriaeast",
    "belgiumcentral",
    "denmarkeast",
    "francecentral",
    "francesouth",
    "germanynorth",
    "germanywestcentral",
    "italynorth",
    "northeurope",
    "norwayeast",
    "norwaywest",
    "polandcentral",
    "spaincentral",
    "swedencentral",
    "swedensouth",
    "westeurope",
  ],
  gcp: [
    "europe-central2",
    "europe-north1",
    "europe-north2",
    "europe-southwest1",
    "europe-west1",
    "europe-west3",
    "europe-west4",
    "europe-west8",
    "europe-west9",
    "europe-west10",
    "europe-west12",
    "eu",
    "eur4",
  ],
};

const HIPAA_NO_LOCATION_RULE = "45 CFR Part 164 Subpart C sets no data-location requirement";

/** HIPAA Security Rule, 45 CFR Part 164 Subpart C. */
export const hipaa: SectorBaseline = {
  frameworks: ["hipaa"],
  allowedRegions: {
    aws: ANY_REGION(HIPAA_NO_LOCATION_RULE),
    azure: ANY_REGION(HIPAA_NO_LOCATION_RULE),
    gcp: ANY_REGION(HIPAA_NO_LOCATION_RULE),
  },
  auditLogRetentionDays: {
    value: SIX_YEARS_DAYS,
    citation:
      "45 CFR 164.312(b) audit controls (no period stated); 6 years by analogy to 164.316(b)(2)(i) documentation retention (interpretation)",
  },
  finiteRetentionRequired: { value: false, citation: "HIPAA sets no maximum retention" },
  recordRetentionDays: { value: 0, citation: "HIPAA Security Rule sets no record retention for ePHI itself" },
  recordWorm: { value: "none", citation: "HIPAA Security Rule sets no WORM requirement" },
  minTlsVersion: {
    value: "1.2",
    citation:
      "45 CFR 164.312(e)(1), (e)(2)(ii) transmission security; HHS guidance points to NIST SP 800-52r2 (TLS 1.2+)",
  },
  customerManagedKeys: {
    value: true,
    citation: "45 CFR 164.312(a)(2)(iv) encryption and decryption: keys under the covered entity's control",
  },
  maxKeyRotationDays: {
    value: 365,
    citation: "45 CFR 164.312(a)(2)(iv); annual rotation as in AWS Config KMS_CMK_ROTATION (interpretation)",
  },
  minKeyDeletionWindowDays: {
    value: 30,
    citation:
      "45 CFR 164.308(a)(7)(i) contingency plan: the longest window to recover a key scheduled for deletion",
  },
  minBackupRetentionDays: {
    value: 7,
    citation:
      "45 CFR 164.308(a)(7)(ii)(A) data backup plan; 7 days as in AWS Config DB_INSTANCE_BACKUP_ENABLED",
  },
  deletionProtection: {
    value: false,
    citation: "45 CFR 164.308(a)(7)(i): met by retain-on-delete; Pulumi protect is optional",
  },
};

const GDPR_LOCATION =
  "GDPR Art. 44 (Chapter V transfers): an EU/EEA allow-list avoids third-country transfers (policy choice; Arts. 45-49 allow others)";

/** GDPR, Regulation (EU) 2016/679. */
export const gdpr: SectorBaseline = {
  frameworks: ["gdpr"],
  allowedRegions: {
    aws: { value: EU_EEA_REGIONS.aws, citation: GDPR_LOCATION },
    azure: { value: EU_EEA_REGIONS.azure, citation: GDPR_LOCATION },
    gcp: { value: EU_EEA_REGIONS.gcp, citation: GDPR_LOCATION },
  },
  auditLogRetentionDays: {
    value: 365,
    citation:
      "GDPR Art. 5(2) accountability and Art. 33(5) breach documentation: one year of activity logs (policy choice)",
  },
  finiteRetentionRequired: {
    value: true,
    citation:
      "GDPR Art. 5(1)(e) storage limitation: no longer than necessary, so every store needs an expiry",
  },
  recordRetentionDays: { value: 0, citation: "GDPR sets no minimum retention" },
  recordWorm: { value: "none", citation: "GDPR sets no WORM requirement" },
  minTlsVersion: { value: "1.2", citation: "GDPR Art. 32(1)(a) encryption, state of the art (TLS 1.2+)" },
  customerManagedKeys: { value: true, citation: "GDPR Art. 32(1)(a); Art. 25(1) data protection by design" },
  maxKeyRotationDays: { value: 365, citation: "GDPR Art. 32(1)(a) (annual rotation, policy choice)" },
  minKeyDeletionWindowDays: {
    value: 30,
    citation: "GDPR Art. 32(1)(c) ability to restore availability and access",
  },
  minBackupRetentionDays: {
    value: 7,
    citation: "GDPR Art. 32(1)(c) restore availability in a timely manner",
  },
  deletionProtection: { value: false, citation: "GDPR Art. 32(1)(b): met by retain-on-delete" },
};

const FINRA_ANY_REGION = "FINRA 4511 and SEC 17a-4 set no data-location requirement";

/** FINRA Rule 4511 with SEC Rule 17a-4 (17 CFR 240.17a-4) for broker-dealer books and records. */
export const finra: SectorBaseline = {
  frameworks: ["finra"],
  allowedRegions: {
    aws: ANY_REGION(FINRA_ANY_REGION),
    azure: ANY_REGION(FINRA_ANY_REGION),
    gcp: ANY_REGION(FINRA_ANY_REGION),
  },
  auditLogRetentionDays: {
    value: SIX_YEARS_DAYS,
    citation: "SEC 17a-4(f) audit trail preserved with the record; FINRA 4511(b) six years",
  },
  finiteRetentionRequired: { value: false, citation: "FINRA 4511 sets minimums only" },
  recordRetentionDays: {
    value: SIX_YEARS_DAYS,
    citation: "FINRA 4511(b) at least six years; SEC 17a-4(a) six years",
  },
  recordWorm: {
    value: "compliance",
    citation: "SEC 17a-4(f)(2)(i)(B) non-rewriteable, non-erasable format; FINRA 4511(c)",
  },
  minTlsVersion: { value: "1.2", citation: "Reg S-P 17 CFR 248.30(a) safeguards (interpretation)" },
  customerManagedKeys: { value: true, citation: "Reg S-P 17 CFR 248.30(a) safeguards (interpretation)" },
  maxKeyRotationDays: { value: 365, citation: "Reg S-P 17 CFR 248.30(a) (annual rotation, policy choice)" },
  minKeyDeletionWindowDays: {
    value: 30,
    citation:
      "SEC 17a-4(f): records must stay reproducible, so keys encrypting them get the longest deletion window",
  },
  minBackupRetentionDays: { value: 7, citation: "FINRA 4370(c)(1) data back-up and recovery" },
  deletionProtection: {
    value: true,
    citation: "SEC 17a-4(f); FINRA 4511: IaC must not be able to delete records",
  },
};

export const baselines: Readonly<Record<FrameworkId, SectorBaseline>> = { hipaa, gdpr, finra };

type Merge<T> = (values: readonly T[]) => T;

/** Keeps the winning value and the citations of every baseline that demanded it. */
function strictest<T>(
  params: readonly Cited<T>[],
  merge: Merge<T>,
  same = (a: T, b: T) => a === b,
): Cited<T> {
  const value = merge(params.map((p) => p.value));
  const citations = [...new Set(params.filter((p) => same(p.value, value)).map((p) => p.citation))];
  return { value, citation: citations.join("; ") };
}

const max: Merge<number> = (v) => Math.max(...v);
const min: Merge<number> = (v) => Math.min(...v);
const any: Merge<boolean> = (v) => v.some(Boolean);
const strongestWorm: Merge<WormMode> = (v) =>
  v.reduce((a, b) => (WORM_STRENGTH[b] > WORM_STRENGTH[a] ? b : a), "none");
const highestTls: Merge<TlsVersion> = (v) => (v.includes("1.3") ? "1.3" : "1.2");

function intersectRegions(params: readonly Cited<RegionAllowList>[]): Cited<RegionAllowList> {
  const restricting = params.filter((p): p is Cited<readonly string[]> => p.value !== "any");
  if (restricting.length === 0) return strictest(params, () => "any");
  const [first, ...rest] = restricting.map((p) => p.value);
  const value = (first ?? []).filter((region) => rest.every((list) => list.includes(region)));
  return { value, citation: [...new Set(restricting.map((p) => p.citation))].join("; ") };
}

/**
 * Combines baselines for a stack under several frameworks (HIPAA + GDPR): every parameter takes the
 * strictest value, and its citation names every framework that demands it. Regions are intersected; an
 * empty intersection is an error, since no resource could then be placed anywhere.
 */
export function mergeBaselines(...inputs: readonly SectorBaseline[]): SectorBaseline {
  const problems = new ProblemCollector();
  if (!problems.require(inputs.length > 0, "baselines", inputs, "must name at least one baseline")) {
    problems.throwIfAny("mergeBaselines");
  }
  const pick = <K extends keyof SectorBaseline>(key: K) => inputs.map((b) => b[key]);
  const allowedRegions = Object.fromEntries(
    CLOUDS.map((cloud) => [cloud, intersectRegions(inputs.map((b) => b.allowedRegions[cloud]))]),
  ) as SectorBaseline["allowedRegions"];
  for (const cloud of CLOUDS) {
    const regions = allowedRegions[cloud].value;
    problems.require(
      regions === "any" || regions.length > 0,
      `allowedRegions.${cloud}`,
      inputs.map((b) => b.allowedRegions[cloud].value),
      "the baselines' region allow-lists must share at least one region",
    );
  }
  problems.throwIfAny(`mergeBaselines(${inputs.map((b) => b.frameworks.join("+")).join(", ")})`);

  return {
    frameworks: [...new Set(inputs.flatMap((b) => b.frameworks))],
    allowedRegions,
    auditLogRetentionDays: strictest(pick("auditLogRetentionDays"), max),
    finiteRetentionRequired: strictest(pick("finiteRetentionRequired"), any),
    recordRetentionDays: strictest(pick("recordRetentionDays"), max),
    recordWorm: strictest(pick("recordWorm"), strongestWorm),
    minTlsVersion: strictest(pick("minTlsVersion"), highestTls),
    customerManagedKeys: strictest(pick("customerManagedKeys"), any),
    maxKeyRotationDays: strictest(pick("maxKeyRotationDays"), min),
    minKeyDeletionWindowDays: strictest(pick("minKeyDeletionWindowDays"), max),
    minBackupRetentionDays: strictest(pick("minBackupRetentionDays"), max),
    deletionProtection: strictest(pick("deletionProtection"), any),
  };
}

/** Values a stack may set on top of a baseline, with the reason recorded as the new citation. */
export type BaselineOverrides = {
  readonly allowedRegions?: Partial<Record<Cloud, RegionAllowList>>;
} & Partial<{
  readonly [K in Exclude<keyof SectorBaseline, "frameworks" | "allowedRegions">]: SectorBaseline[K]["value"];
}>;

const POSITIVE_DAY_KEYS = [
  "auditLogRetentionDays",
  "maxKeyRotationDays",
  "minKeyDeletionWindowDays",
  "minBackupRetentionDays",
] as const;

/**
 * Adjusts a baseline for one organisation (its own region allow-list, a longer retention). `reason` becomes
 * the citation of every overridden value so the audit trail shows who decided what and why.
 */
export function customizeBaseline(
  base: SectorBaseline,
  overrides: BaselineOverrides,
  reason: string,
): SectorBaseline {
  const problems = new ProblemCollector();
  problems.require(
    reason.trim().length >= 10,
    "reason",
    reason,
    "must explain the override in at least 10 characters",
  );
  for (const key of POSITIVE_DAY_KEYS) {
    const value = overrides[key];
    if (value !== undefined) {
      problems.require(
        Number.isInteger(value) && value > 0,
        key,
        value,
        "must be a positive whole number of days",
      );
    }
  }
  if (overrides.recordRetentionDays !== undefined) {
    const v = overrides.recordRetentionDays;
    problems.require(
      Number.isInteger(v) && v >= 0,
      "recordRetentionDays",
      v,
      "must be 0 or a whole number of days",
    );
  }
  for (const [cloud, regions] of Object.entries(overrides.allowedRegions ?? {})) {
    if (regions === "any") continue;
    problems.require(
      Array.isArray(regions) &&
        regions.length > 0 &&
        regions.every((r) => typeof r === "string" && /^[a-z0-9-]+$/.test(r)),
      `allowedRegions.${cloud}`,
      regions,
      'must be "any" or a non-empty list of exact region names (lowercase letters, digits, "-")',
    );
  }
  problems.throwIfAny("customizeBaseline");

  const cite = <T>(current: Cited<T>, value: T | undefined): Cited<T> =>
    value === undefined ? current : { value, citation: `override: ${reason.trim()}` };
  const regions = overrides.allowedRegions ?? {};
  return {
    frameworks: base.frameworks,
    allowedRegions: {
      aws: cite(base.allowedRegions.aws, regions.aws),
      azure: cite(base.allowedRegions.azure, regions.azure),
      gcp: cite(base.allowedRegions.gcp, regions.gcp),
    },
    auditLogRetentionDays: cite(base.auditLogRetentionDays, overrides.auditLogRetentionDays),
    finiteRetentionRequired: cite(base.finiteRetentionRequired, overrides.finiteRetentionRequired),
    recordRetentionDays: cite(base.recordRetentionDays, overrides.recordRetentionDays),
    recordWorm: cite(base.recordWorm, overrides.recordWorm),
    minTlsVersion: cite(base.minTlsVersion, overrides.minTlsVersion),
    customerManagedKeys: cite(base.customerManagedKeys, overrides.customerManagedKeys),
    maxKeyRotationDays: cite(base.maxKeyRotationDays, overrides.maxKeyRotationDays),
    minKeyDeletionWindowDays: cite(base.minKeyDeletionWindowDays, overrides.minKeyDeletionWindowDays),
    minBackupRetentionDays: cite(base.minBackupRetentionDays, overrides.minBackupRetentionDays),
    deletionProtection: cite(base.deletionProtection, overrides.deletionProtection),
  };
}

/**
 * Days between a component's automatic key rotations: `preferred`, shortened to the baseline's maximum,
 * never below what the cloud's key service allows (`minimum`).
 */
export function keyRotationDaysUnder(
  baseline: SectorBaseline | undefined,
  preferred: number,
  minimum: number,
): number {
  return Math.max(minimum, Math.min(preferred, baseline?.maxKeyRotationDays.value ?? Infinity));
}

/** Days a component keeps audit logs: `preferred`, lengthened to the baseline's minimum. */
export function auditLogRetentionDaysUnder(baseline: SectorBaseline | undefined, preferred: number): number {
  return Math.max(preferred, baseline?.auditLogRetentionDays.value ?? 0);
}

/** Whether `baseline` allows resources on `cloud` in `region`; components validate their region with it. */
export function isRegionAllowed(baseline: SectorBaseline, cloud: Cloud, region: string): boolean {
  const allowed = baseline.allowedRegions[cloud].value;
  return allowed === "any" || allowed.includes(region);
}
