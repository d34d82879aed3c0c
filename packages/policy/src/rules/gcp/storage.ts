/** Cloud Storage rules (gcp v9 storage). */
import type * as storage from "@pulumi/gcp/storage";
import { resourceRule, type Props } from "../../rule";
import { known } from "../../unknowns";
import { DATA_SCOPE_SETTINGS, MAX_RETENTION_SETTING, outsidePersonalData } from "../scope";

type Bucket = Props<storage.BucketArgs>;

export const storageBucketSecure = resourceRule({
  id: "gcp-storage-bucket-secure",
  description: "Cloud Storage buckets use CMEK, uniform access and enforced public-access prevention",
  target: "gcp",
  types: ["gcp:storage/bucket:Bucket"],
  requirements: [
    {
      id: "customer-key",
      description: "Objects are encrypted with a Cloud KMS key by default",
      remediation: "Set encryption.defaultKmsKeyName to a Cloud KMS key the Storage service agent may use.",
      check: (props: Bucket) =>
        "defaultKmsKeyName" in (props.encryption ?? {}) ? [] : ["encryption.defaultKmsKeyName is not set"],
    },
    {
      id: "uniform-access",
      description: "Access is governed by IAM alone (uniform bucket-level access, no object ACLs)",
      remediation: "Set uniformBucketLevelAccess: true.",
      check: (props: Bucket) =>
        props.uniformBucketLevelAccess === true ? [] : ["uniformBucketLevelAccess is not true"],
    },
    {
      id: "public-access-prevention",
      description: "Public access prevention is enforced",
      remediation: 'Set publicAccessPrevention "enforced".',
      check: (props: Bucket) =>
        props.publicAccessPrevention === "enforced" ? [] : ["publicAccessPrevention is not enforced"],
    },
  ],
});

export const storageBucketVersioning = resourceRule({
  id: "gcp-storage-bucket-versioning",
  description:
    "Cloud Storage buckets keep object versions, or hold objects under a retention policy, so improper changes can be detected and undone",
  target: "gcp",
  types: ["gcp:storage/bucket:Bucket"],
  requirements: [
    {
      id: "versioning",
      description:
        "Object versioning is on, or a retention policy keeps every object for a set period (Cloud Storage allows only one of the two on a bucket)",
      remediation:
        "Set versioning.enabled: true, or a retentionPolicy with a retentionPeriod (Cloud Storage refuses both on one bucket).",
      // A retention policy is read only when versioning is off, so a versioned bucket is never undetermined.
      check: (props: Bucket) =>
        props.versioning?.enabled === true || Number(props.retentionPolicy?.retentionPeriod ?? 0) > 0
          ? []
          : ["versioning.enabled is not true and no retentionPolicy keeps objects"],
    },
  ],
});

type LifecycleRule = { action?: Record<string, any>; condition?: Record<string, any> };

/** Conditions that only set a timer or name the object state; any other one narrows a rule to some objects. */
const TIMER_CONDITIONS = new Set([
  "age",
  "daysSinceNoncurrentTime",
  "withState",
  "sendAgeIfZero",
  "sendDaysSinceNoncurrentTimeIfZero",
  "sendDaysSinceCustomTimeIfZero",
  "sendNumNewerVersionsIfZero",
]);

/**
 * Whether a condition input is set as the API receives it: the provider omits a 0 it has no `send...IfZero`
 * flag for, and an empty list matches nothing more than no list.
 */
function conditionSet(condition: Record<string, any>, key: string): boolean {
  const value = condition[key];
  if (value === undefined || value === null || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (value === 0) return condition[`send${key[0]!.toUpperCase()}${key.slice(1)}IfZero`] === true;
  return true;
}

/**
 * Which objects a lifecycle rule deletes within `maxDays`: live objects, noncurrent versions, both or none.
 * Conditions are ANDed, so a rule counts only when every condition it sets is a timer within `maxDays` and
 * none narrows it to a prefix, suffix, storage class, size or date. `age` counts from creation, so it
 * bounds a noncurrent version as well; `daysSinceNoncurrentTime` applies to noncurrent versions only.
 */
function deletesWithin(rule: LifecycleRule, maxDays: number): { live: boolean; noncurrent: boolean } {
  const none = { live: false, noncurrent: false };
  const condition = rule.condition ?? {};
  if (rule.action?.type !== "Delete") return none;
  const set = Object.keys(condition).filter((k) => conditionSet(condition, k));
  if (set.some((k) => !TIMER_CONDITIONS.has(k))) return none;
  const timers = set.filter((k) => k === "age" || k === "daysSinceNoncurrentTime");
  if (timers.length === 0 || timers.some((k) => !(Number(condition[k]) <= maxDays))) return none;
  // Unset, a rule matches live objects and noncurrent versions alike.
  const state = String(condition.withState ?? "ANY");
  return {
    live: timers.every((k) => k === "age") && (state === "ANY" || state === "LIVE"),
    noncurrent: state === "ANY" || state === "ARCHIVED",
  };
}

const lifecycleRules = (props: Bucket): LifecycleRule[] => props.lifecycleRules ?? [];

/**
 * GDPR Art. 5(1)(e) storage limitation on personal-data buckets: a lifecycle rule deletes every object
 * within maxRetentionDays, and, on a versioned bucket, every noncurrent version too (deleting a live
 * object there only makes it noncurrent).
 */
export const storageBucketExpiry = resourceRule({
  id: "gcp-storage-bucket-expiry",
  description:
    "Personal-data Cloud Storage buckets delete objects, and their noncurrent versions, within maxRetentionDays",
  target: "gcp",
  types: ["gcp:storage/bucket:Bucket"],
  config: { ...DATA_SCOPE_SETTINGS, maxRetentionDays: MAX_RETENTION_SETTING },
  requirements: [
    {
      id: "objects-expire",
      description:
        "A lifecycle rule deletes every live object (age at most maxRetentionDays, no prefix, suffix, storage class, size or date condition)",
      remediation:
        'Add a lifecycleRules entry with action.type "Delete" and condition.age at most maxRetentionDays, with no other condition.',
      outOfScope: (props: Bucket, { config }) => outsidePersonalData(props.labels, config),
      check: (props: Bucket, { config }) => {
        const max = Number(config.maxRetentionDays);
        return lifecycleRules(props).some((rule) => deletesWithin(rule, max).live)
          ? []
          : [`lifecycleRules has no Delete rule deleting every live object within maxRetentionDays (${max})`];
      },
    },
    {
      id: "noncurrent-versions-expire",
      description:
        "On a versioned bucket, a lifecycle rule deletes noncurrent versions within maxRetentionDays (daysSinceNoncurrentTime, or an age applying to them)",
      remediation:
        'Add a lifecycleRules entry with action.type "Delete" and condition.daysSinceNoncurrentTime (or an age without withState "LIVE") at most maxRetentionDays.',
      outOfScope: (props: Bucket, { config }) => {
        const versioned = known(() => props.versioning?.enabled === true);
        // Unknown at preview: left to check, which reports it undetermined.
        if (versioned.known && !versioned.value)
          return "versioning is off: the bucket keeps no noncurrent versions";
        return outsidePersonalData(props.labels, config);
      },
      check: (props: Bucket, { config }) => {
        const max = Number(config.maxRetentionDays);
        if (lifecycleRules(props).some((rule) => deletesWithin(rule, max).noncurrent)) return [];
        // Judged only with versioning on or unknown (outOfScope): reading it leaves an unknown undetermined.
        void props.versioning?.enabled;
        return [
          `versioning.enabled is true and lifecycleRules has no Delete rule removing noncurrent versions within maxRetentionDays (${max})`,
        ];
      },
    },
  ],
});
