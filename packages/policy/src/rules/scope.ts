/**
 * What a requirement judges beyond its types, shared by every cloud's rules:
 * - the data classes it applies to, read from the `data-classification` tag or label @palisade/core
 *   renders (a store tagged `finra-records` is held under FINRA's minimum, not GDPR's maximum);
 * - the longest retention a store or log may declare (GDPR Art. 5(1)(e) storage limitation);
 * - checks an organisation runs outside the stack (detection services managed centrally).
 * Each returns an out-of-scope reason for `Requirement.outOfScope`, so a report says why a resource was
 * not judged instead of counting it as passed.
 */
import { TAG_KEYS } from "@palisade/core";
import { fixedSetting, type RuleConfig, type RuleSetting } from "../rule";

/** The settings a data-class-scoped requirement reads; spread them into the rule's `config`. */
export const DATA_SCOPE_SETTINGS: Record<string, RuleSetting> = {
  dataClassificationKey: fixedSetting(TAG_KEYS.dataClassification, {
    type: "string",
    minLength: 1,
    description: "The tag (AWS, Azure) or label (GCP) naming a resource's data class",
  }),
  personalDataClasses: fixedSetting(["pd", "phi"], {
    type: "array",
    items: { type: "string", minLength: 1 },
    uniqueItems: true,
    description:
      "Data classes holding personal data (health data is personal data too, GDPR Art. 4(15)); resources tagged with another class are out of scope",
  }),
  judgeUnclassified: fixedSetting(true, {
    type: "boolean",
    description:
      "Judge resources without a data-classification tag (true: an untagged program is judged, not skipped)",
  }),
};

/**
 * Why a resource with these tags or labels is outside the personal-data scope, or undefined when it is
 * inside: its class is one of `personalDataClasses`, or it has none and `judgeUnclassified` holds.
 */
export function outsidePersonalData(tags: unknown, config: RuleConfig): string | undefined {
  const key = String(config.dataClassificationKey);
  const value =
    typeof tags === "object" && tags !== null ? (tags as Record<string, unknown>)[key] : undefined;
  if (value === undefined || value === null || value === "") {
    return config.judgeUnclassified === false ? `no ${key} tag, and judgeUnclassified is false` : undefined;
  }
  const classes = (config.personalDataClasses as readonly string[] | undefined) ?? [];
  // A class is a string; anything else names no class, so it cannot put the resource out of scope.
  if (typeof value !== "string") return undefined;
  return classes.includes(value)
    ? undefined
    : `${key} is ${value}, not a personal-data class (${classes.join(", ")})`;
}

/** The `maxRetentionDays` setting: the longest expiry a personal-data store or log may declare. */
export const MAX_RETENTION_SETTING: RuleSetting = fixedSetting(2192, {
  type: "integer",
  minimum: 1,
  description:
    "The longest retention, in days, a personal-data store or log may declare. GDPR sets no number (Art. 5(1)(e): no longer than necessary); the default, six years, is the longest minimum another Palisade baseline demands, so set your own",
});

/**
 * The findings for a retention of `days` read from `path`: it must be set, finite and at most
 * `maxRetentionDays`. `never` names the value that means "keep forever" on this resource, if any.
 */
export function retentionFindings(path: string, days: unknown, config: RuleConfig, never?: number): string[] {
  const max = Number(config.maxRetentionDays);
  if (days === undefined || days === null) return [`${path} is not set, so data is kept forever`];
  if (typeof days !== "number" || !Number.isFinite(days)) return [`${path} is not a number of days`];
  if (never !== undefined && days === never) return [`${path} keeps data forever`];
  return days > max ? [`${path} exceeds maxRetentionDays (${max})`] : [];
}

/** The setting that declares breach detection (threat detection, security contacts) managed outside the stack. */
export const DETECTION_MANAGED_CENTRALLY_SETTING: RuleSetting = fixedSetting(false, {
  type: "boolean",
  description:
    "Threat detection and security contacts are managed outside this stack (an organisation's delegated administrator or landing zone): the pack does not look for them",
});

/** Why detection is not judged in this stack, when the config says it is managed centrally. */
export function detectionManagedElsewhere(config: RuleConfig): string | undefined {
  return config.detectionManagedCentrally === true
    ? "detectionManagedCentrally is true: detection is managed outside this stack"
    : undefined;
}

/**
 * The settings a records-scoped requirement (FINRA 4511, SEC 17a-4) reads; spread them into the rule's
 * `config`. Books and records are named by their data class: WORM on every store would be wrong.
 */
export const RECORDS_SCOPE_SETTINGS: Record<string, RuleSetting> = {
  dataClassificationKey: DATA_SCOPE_SETTINGS.dataClassificationKey!,
  recordsClasses: fixedSetting(["finra-records"], {
    type: "array",
    items: { type: "string", minLength: 1 },
    minItems: 1,
    uniqueItems: true,
    description:
      "Data classes holding books and records (FINRA 4511, SEC 17a-4); resources without one of these classes are out of scope",
  }),
};

/**
 * Why a resource with these tags or labels is not a records store, or undefined when its data class is one
 * of `recordsClasses`. An untagged resource is out of scope, with a reason that says how to bring it in.
 */
export function outsideRecords(tags: unknown, config: RuleConfig): string | undefined {
  const key = String(config.dataClassificationKey);
  const classes = (config.recordsClasses as readonly string[] | undefined) ?? [];
  const value =
    typeof tags === "object" && tags !== null ? (tags as Record<string, unknown>)[key] : undefined;
  if (typeof value === "string" && classes.includes(value)) return undefined;
  if (value === undefined || value === null || value === "")
    return `no ${key} tag: not a records store (tag it ${classes.join(" or ")} to judge it)`;
  return `${key} is ${typeof value === "string" ? value : JSON.stringify(value)}, not a records class (${classes.join(", ")})`;
}

/** The retention settings of records: a default and one per record class (17a-4(a) six years, (b) three). */
export const RECORD_RETENTION_SETTINGS: Record<string, RuleSetting> = {
  recordRetentionDays: fixedSetting(2192, {
    type: "integer",
    minimum: 1,
    description:
      "The shortest WORM retention, in days, for records without a record class: six years (FINRA 4511(b), SEC 17a-4(a)) counted with leap days",
  }),
  recordClassKey: fixedSetting(TAG_KEYS.recordClass, {
    type: "string",
    minLength: 1,
    description: "The tag (AWS, Azure) or label (GCP) naming a records store's record class",
  }),
  recordClassRetentionDays: fixedSetting(
    {},
    {
      type: "object",
      additionalProperties: { type: "integer", minimum: 1 },
      description:
        'The shortest WORM retention, in days, per record class, e.g. { "communications": 1096 } for three-year records under SEC 17a-4(b)',
    },
  ),
};

/**
 * The retention a records store with these tags or labels must keep, and where that number comes from,
 * named without quoting the store's record-class tag (a value of the resource; messages never quote one).
 */
export function requiredRecordRetention(tags: unknown, config: RuleConfig): { days: number; source: string } {
  const key = String(config.recordClassKey);
  const value =
    typeof tags === "object" && tags !== null ? (tags as Record<string, unknown>)[key] : undefined;
  const perClass = (config.recordClassRetentionDays ?? {}) as Record<string, unknown>;
  const days = typeof value === "string" ? perClass[value] : undefined;
  if (typeof days === "number")
    return { days, source: `recordClassRetentionDays for its record class (${days} days)` };
  return {
    days: Number(config.recordRetentionDays),
    source: `recordRetentionDays (${Number(config.recordRetentionDays)} days)`,
  };
}
