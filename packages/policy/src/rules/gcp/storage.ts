/** Cloud Storage rules (gcp v9 storage). */
import type { PolicyResource } from "@pulumi/policy";
import type * as storage from "@pulumi/gcp/storage";
import {
  fixedSetting,
  matchesType,
  resourceRule,
  stackRule,
  type InputsContext,
  type Props,
  type StackContext,
} from "../../rule";
import { known, type Known } from "../../unknowns";
import {
  DATA_SCOPE_SETTINGS,
  MAX_RETENTION_SETTING,
  outsidePersonalData,
  outsideRecords,
  RECORD_RETENTION_SETTINGS,
  RECORDS_SCOPE_SETTINGS,
  requiredRecordRetention,
} from "../scope";
import { AUDIT_CONFIGS, auditLogConfigs } from "./iam";
import { DEFAULT_RETENTION_DAYS, LOG_BUCKETS } from "./logging";

type Bucket = Props<storage.BucketArgs>;

const BUCKET = "gcp:storage/bucket:Bucket";
const SECONDS_PER_DAY = 86_400;

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

/** Why a bucket is not judged as a records store: its `data-classification` label names no records class. */
const recordsOnly = (props: Bucket, { config }: InputsContext) => outsideRecords(props.labels, config);

/** Seconds as Cloud Storage takes them (a string of digits in v9, a number from older programs), or NaN. */
function seconds(value: unknown): number {
  if (typeof value === "number") return value;
  return typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
}

/**
 * FINRA 4511(c) and SEC 17a-4(f) non-rewriteable, non-erasable storage on records buckets: a retention
 * policy (no object can be deleted or replaced before it is retentionPeriod old) that is locked (Bucket
 * Lock: the policy can never be removed or shortened), as long as the records' retention. Per-object
 * retention (`enableObjectRetention`, Object Retention Lock) satisfies neither requirement at preview: the
 * bucket input only allows objects to carry a retain-until time, each object sets its own (or none), and
 * objects are written by applications, not by the stack, so nothing guarantees every record is covered.
 */
export const storageBucketRecordsWorm = resourceRule({
  id: "gcp-storage-bucket-records-worm",
  description:
    "Records buckets keep every object under a locked retention policy (Bucket Lock) at least as long as the records' retention",
  target: "gcp",
  types: [BUCKET],
  config: { ...RECORDS_SCOPE_SETTINGS, ...RECORD_RETENTION_SETTINGS },
  requirements: [
    {
      id: "locked",
      description:
        "The bucket's retention policy is locked (Bucket Lock): it can never be removed or shortened, so no record can be deleted or replaced before it ages out",
      remediation:
        "Set retentionPolicy.isLocked: true once the retention period is right (irreversible; Palisade's EncryptedBucket does it with retentionPolicy.lock and acknowledgeIrreversibleLock).",
      outOfScope: recordsOnly,
      check: (props: Bucket) =>
        props.retentionPolicy?.isLocked === true ? [] : ["retentionPolicy.isLocked is not true"],
    },
    {
      id: "retention",
      description:
        "The retention policy keeps every object at least the records' retention: recordRetentionDays, or recordClassRetentionDays for the bucket's record-class label",
      remediation:
        'Set retentionPolicy.retentionPeriod to at least the required days times 86400 seconds, as a string ("189388800" for 2192 days).',
      outOfScope: recordsOnly,
      check: (props: Bucket, { config }) => {
        const path = "retentionPolicy.retentionPeriod";
        const period: unknown = props.retentionPolicy?.retentionPeriod;
        if (period === undefined || period === null) return [`${path} is not set`];
        const value = seconds(period);
        if (!Number.isFinite(value)) return [`${path} is not a number of seconds`];
        const required = requiredRecordRetention(props.labels, config);
        return value < required.days * SECONDS_PER_DAY
          ? [`${path} is shorter than the required record retention (${required.days} days)`]
          : [];
      },
    },
  ],
});

/**
 * No destroy path for records buckets: Pulumi refuses to delete a protected resource, and a bucket that is
 * not force-destroyed cannot be deleted while it holds objects (with a locked retention policy, not before
 * every object has aged out).
 */
export const storageBucketRecordsProtected = resourceRule({
  id: "gcp-storage-bucket-records-protected",
  description: "Records buckets are protected from deletion by Pulumi and never force-destroyed",
  target: "gcp",
  types: [BUCKET],
  config: { ...RECORDS_SCOPE_SETTINGS },
  requirements: [
    {
      id: "protect",
      description: "The bucket has Pulumi's protect resource option, so no update or destroy deletes it",
      remediation:
        "Create the bucket with the resource option protect: true (Palisade's EncryptedBucket sets it when its data protection protects data).",
      outOfScope: recordsOnly,
      check: (_props: Bucket, { protect }) =>
        protect === true ? [] : ["the protect resource option is not true"],
    },
    {
      id: "no-force-destroy",
      description: "forceDestroy is not true, so deleting the bucket never deletes its objects first",
      remediation: "Remove forceDestroy or set it false.",
      outOfScope: recordsOnly,
      check: (props: Bucket) => (props.forceDestroy === true ? ["forceDestroy is true"] : []),
    },
  ],
});

/** Cloud Storage multi-regions (https://cloud.google.com/storage/docs/locations#location-mr). */
const MULTI_REGIONS = ["US", "EU", "ASIA"];
/**
 * Cloud Storage predefined dual-regions (https://cloud.google.com/storage/docs/locations#predefined):
 * ASIA1 Tokyo and Osaka, EUR4 Finland and the Netherlands, EUR5 Belgium and London, EUR7 London and
 * Frankfurt, EUR8 Frankfurt and Zurich, NAM4 Iowa and South Carolina.
 */
const DUAL_REGIONS = ["ASIA1", "EUR4", "EUR5", "EUR7", "EUR8", "NAM4"];

/** Whether a configurable dual-region names two distinct regions (each read; an unknown one throws). */
const twoRegions = (locations: unknown): boolean =>
  Array.isArray(locations) &&
  new Set(locations.filter((l): l is string => typeof l === "string").map((l) => l.toUpperCase())).size >= 2;

/**
 * A second copy of records (SEC 17a-4(f) redundancy, FINRA 4370 data back-up) meeting the same WORM bar: a
 * dual-region or multi-region bucket stores every object in two or more regions, and the bucket's one
 * retention policy and lock govern every copy, which a separate replica bucket would have to repeat.
 */
export const storageBucketRecordsRedundant = resourceRule({
  id: "gcp-storage-bucket-records-redundant",
  description:
    "Records buckets keep their objects in two or more regions (a dual-region or multi-region), under the bucket's one locked retention policy",
  target: "gcp",
  types: [BUCKET],
  config: { ...RECORDS_SCOPE_SETTINGS },
  requirements: [
    {
      id: "multi-location",
      description: `The bucket's location is a multi-region (${MULTI_REGIONS.join(", ")}) or a predefined dual-region (${DUAL_REGIONS.join(", ")}), or customPlacementConfig.dataLocations names two regions`,
      remediation:
        'Create the bucket in a dual-region such as "NAM4", a multi-region such as "US", or a multi-region with customPlacementConfig.dataLocations naming two of its regions (the location cannot change after creation).',
      outOfScope: recordsOnly,
      check: (props: Bucket) => {
        // The placement first: a configurable dual-region passes whatever its location reads at preview.
        const placement = known(() => twoRegions(props.customPlacementConfig?.dataLocations));
        if (placement.known && placement.value) return [];
        const location: unknown = props.location;
        const code = typeof location === "string" ? location.toUpperCase() : "";
        if (MULTI_REGIONS.includes(code) || DUAL_REGIONS.includes(code)) return [];
        if (!placement.known) throw placement.error;
        return [
          "location is neither a multi-region nor a dual-region, and customPlacementConfig.dataLocations does not name two regions",
        ];
      },
    },
  ],
});

/** The services whose Data Access audit logs cover Cloud Storage's object reads and writes. */
const STORAGE_AUDITED = ["storage.googleapis.com", "allServices"];

/** A true answer from any of the reads, else unknown when one could not be read, else false. */
function anyOf(reads: readonly (() => boolean)[]): Known<boolean> {
  let unknown: Known<boolean> | undefined;
  for (const read of reads) {
    const result = known(read);
    if (result.known && result.value) return result;
    if (!result.known) unknown ??= result;
  }
  return unknown ?? { known: true, value: false };
}

/** Whether the stack holds an IAM audit config (any level) turning `logType` on for Cloud Storage. */
function storageAuditLogged(logType: string, context: StackContext): string[] {
  const configs = context.stack.resources.filter((r) => matchesType(AUDIT_CONFIGS, r.type));
  const logged = anyOf(
    configs.map(
      // Entries in order, so an unknown entry after the wanted type leaves the config decided.
      (c) => () =>
        STORAGE_AUDITED.includes(c.props.service as string) &&
        auditLogConfigs(c.props).some((entry) => entry?.logType === logType),
    ),
  );
  if (!logged.known) throw logged.error;
  return logged.value
    ? []
    : [
        // The log type and service names are values too: the message names them in words.
        `no IAMAuditConfig in the stack logs Cloud Storage data ${logType === "DATA_WRITE" ? "writes" : "reads"} (service, auditLogConfigs[].logType)`,
      ];
}

const auditTrailOutOfScope = (props: Bucket, { config }: InputsContext) =>
  config.recordAuditTrailManagedCentrally === true
    ? "recordAuditTrailManagedCentrally is true: Data Access audit logs are configured outside this stack (an organization or folder audit config)"
    : outsideRecords(props.labels, config);

/**
 * SEC 17a-4(f) audit trail of records: Cloud Storage writes Data Access audit logs only when an IAM audit
 * config turns them on (they are off by default). A config at project, folder or organization level in
 * the stack counts, for the storage service or for allServices; its exempted members are judged by
 * gcp-iam-audit-config-complete, and which project a config covers is not matched to the bucket's.
 */
export const storageBucketRecordsAuditLogs = stackRule({
  id: "gcp-storage-bucket-records-audit-logs",
  description:
    "Reads and writes of records buckets are recorded in Cloud Audit Logs (Data Access logs for Cloud Storage)",
  target: "gcp",
  types: [BUCKET],
  config: {
    ...RECORDS_SCOPE_SETTINGS,
    recordAuditTrailManagedCentrally: fixedSetting(false, {
      type: "boolean",
      description:
        "Data Access audit logs for Cloud Storage are turned on outside this stack (an organization or folder IAM audit config owned by a landing zone): the pack does not look for them",
    }),
  },
  requirements: [
    {
      id: "data-write-logged",
      description:
        "An IAM audit config in the stack turns on DATA_WRITE logs for storage.googleapis.com or allServices (object creations, overwrites and deletions)",
      remediation:
        'Add an IAMAuditConfig (project, folder or organization) for service "allServices" or "storage.googleapis.com" with an auditLogConfigs entry of logType "DATA_WRITE" (Palisade\'s AuditLogging does).',
      outOfScope: auditTrailOutOfScope,
      check: (_bucket: Bucket, context) => storageAuditLogged("DATA_WRITE", context),
    },
    {
      id: "data-read-logged",
      description:
        "An IAM audit config in the stack turns on DATA_READ logs for storage.googleapis.com or allServices (object reads)",
      remediation:
        'Add an IAMAuditConfig (project, folder or organization) for service "allServices" or "storage.googleapis.com" with an auditLogConfigs entry of logType "DATA_READ" (Palisade\'s AuditLogging does).',
      outOfScope: auditTrailOutOfScope,
      check: (_bucket: Bucket, context) => storageAuditLogged("DATA_READ", context),
    },
  ],
});

const SINKS = [
  "gcp:logging/projectSink:ProjectSink",
  "gcp:logging/folderSink:FolderSink",
  "gcp:logging/organizationSink:OrganizationSink",
  "gcp:logging/billingAccountSink:BillingAccountSink",
];
/** Cloud Logging's own bucket for the logs no other sink takes, Data Access audit logs included. */
const DEFAULT_LOG_BUCKET = "_Default";

/**
 * Whether a sink routes Data Access audit logs: enabled, with no filter (every log) or a filter naming the
 * data_access log or every cloudaudit log (`logName:"/logs/cloudaudit.googleapis.com%2F"`). A filter is
 * not parsed beyond that, and exclusions are not read.
 */
function routesDataAccess(sink: PolicyResource): boolean {
  if (sink.props.disabled === true) return false;
  const filter: unknown = sink.props.filter;
  // No filter routes every log.
  if (typeof filter !== "string" || filter.trim() === "") return true;
  return /cloudaudit\.googleapis\.com(%2F|\/)(data_access|")/i.test(filter);
}

/** Whether a sink writes to `target`: its destination depends on it, or names it (`.../buckets/<id>`, `storage.googleapis.com/<name>`). */
function sinksTo(sink: PolicyResource, target: PolicyResource): boolean {
  if ((sink.propertyDependencies.destination ?? []).some((d) => d.urn === target.urn)) return true;
  const destination = String(sink.props.destination);
  if (matchesType([BUCKET], target.type))
    return destination === `storage.googleapis.com/${String(target.props.name)}`;
  const id = /^logging\.googleapis\.com\/.*\/buckets\/([^/]+)$/.exec(destination)?.[1];
  return id !== undefined && id === target.props.bucketId;
}

/** A place Data Access audit logs are kept: whether it is locked and how many days it keeps them. */
interface LogStore {
  receives: Known<boolean>;
  locked: () => boolean;
  days: () => number;
}

/**
 * The log buckets (and Cloud Storage buckets) of the stack that may receive Data Access audit logs: the
 * `_Default` log bucket's config, and every destination of a sink routing them. Only ProjectBucketConfig
 * takes `locked` in gcp v9; folder, organization and billing-account log buckets are never locked.
 */
function auditLogStores(context: StackContext): LogStore[] {
  const sinks = context.stack.resources.filter((r) => matchesType(SINKS, r.type));
  const routedTo = (target: PolicyResource) =>
    sinks.map((s) => () => routesDataAccess(s) && sinksTo(s, target));
  const logBuckets = context.stack.resources
    .filter((r) => matchesType(LOG_BUCKETS, r.type))
    .map((b) => ({
      receives: anyOf([...routedTo(b), () => b.props.bucketId === DEFAULT_LOG_BUCKET]),
      locked: () => b.props.locked === true,
      days: () => Number(b.props.retentionDays ?? 0) || DEFAULT_RETENTION_DAYS,
    }));
  const storageBuckets = context.stack.resources
    .filter((r) => r.type === BUCKET)
    .map((b) => ({
      receives: anyOf(routedTo(b)),
      locked: () => (b.props.retentionPolicy as { isLocked?: unknown } | undefined)?.isLocked === true,
      days: () =>
        seconds((b.props.retentionPolicy as { retentionPeriod?: unknown } | undefined)?.retentionPeriod) /
        SECONDS_PER_DAY,
    }));
  return [...logBuckets, ...storageBuckets].filter((s) => !s.receives.known || s.receives.value);
}

/** The stores known to receive Data Access logs, and the first unknown read of one that may. */
function receivingStores(context: StackContext): { stores: LogStore[]; undecided?: Error } {
  const all = auditLogStores(context);
  const undecided = all.map((s) => s.receives).find((r) => !r.known);
  return {
    stores: all.filter((s) => s.receives.known),
    undecided: undecided?.known === false ? undecided.error : undefined,
  };
}

const auditLogWormOutOfScope = (props: Bucket, { config }: InputsContext) =>
  outsideRecords(props.labels, config);

/**
 * The audit trail of records kept as records are (SEC 17a-4(f)): Data Access audit logs land in the
 * `_Default` log bucket, 30 days and unlocked unless configured, or wherever a sink routes them. Judged on
 * each records bucket, so the retention is that of the bucket's record class: a locked log bucket (a
 * ProjectBucketConfig for `_Default` or a sink's destination, or a locked Cloud Storage destination) keeps
 * them at least as long. `retention` judges the locked stores, or every store when none is locked; with no
 * store at all, `locked` alone reports it.
 */
export const storageBucketRecordsAuditLogWorm = stackRule({
  id: "gcp-storage-bucket-records-audit-log-worm",
  description:
    "The Data Access audit logs of records buckets are kept in a locked log bucket at least as long as the records",
  target: "gcp",
  types: [BUCKET],
  config: { ...RECORDS_SCOPE_SETTINGS, ...RECORD_RETENTION_SETTINGS },
  requirements: [
    {
      id: "locked",
      description:
        "A log bucket receiving Data Access audit logs (the _Default bucket's config, or a sink's destination) is locked, so its retention can never be shortened nor its logs deleted early",
      remediation:
        'Add a ProjectBucketConfig with locked: true, for bucketId "_Default" or as the destination of a ProjectSink routing cloudaudit.googleapis.com logs (Palisade\'s AuditLogging does with lock and acknowledgeIrreversibleLock).',
      outOfScope: auditLogWormOutOfScope,
      check: (_bucket: Bucket, context) => {
        const { stores, undecided } = receivingStores(context);
        const locked = anyOf(stores.map((s) => s.locked));
        if (locked.known && locked.value) return [];
        if (undecided) throw undecided;
        if (stores.length === 0)
          return [
            `no log bucket in the stack receives Data Access audit logs: no bucket config for ${DEFAULT_LOG_BUCKET} and no enabled sink routing cloudaudit logs to a bucket`,
          ];
        if (!locked.known) throw locked.error;
        return [
          "no log bucket receiving Data Access audit logs is locked (locked, or retentionPolicy.isLocked on a Cloud Storage destination)",
        ];
      },
    },
    {
      id: "retention",
      description:
        "The locked log bucket receiving Data Access audit logs keeps them at least the records' retention (unset or 0 retentionDays means 30 days)",
      remediation:
        "Set retentionDays on that log bucket config (or retentionPolicy.retentionPeriod on a Cloud Storage destination) to at least the records' retention.",
      outOfScope: auditLogWormOutOfScope,
      check: (bucket: Bucket, context) => {
        const { stores, undecided } = receivingStores(context);
        const locked = stores.filter((s) => {
          const value = known(s.locked);
          return value.known && value.value;
        });
        // With no locked store, `locked` reports it: the retention of the unlocked ones is still judged.
        if (locked.length === 0 && undecided) throw undecided;
        const judged = locked.length > 0 ? locked : stores;
        if (judged.length === 0) return [];
        const required = requiredRecordRetention(bucket.labels, context.config);
        const long = anyOf(judged.map((s) => () => s.days() >= required.days));
        if (long.known && long.value) return [];
        if (!long.known) throw long.error;
        if (undecided) throw undecided;
        return [
          `no ${locked.length > 0 ? "locked " : ""}log bucket receiving Data Access audit logs keeps them the required record retention (${required.days} days): retentionDays or retentionPolicy.retentionPeriod is shorter`,
        ];
      },
    },
  ],
});
