import { finra, gdpr, hipaa } from "@palisade/core";
import { describe, expect, it } from "vitest";
import { UNKNOWN, analyzeRule, describeRule, undeterminedOf, type KitResource } from "../../test-support";
import {
  storageBucketExpiry,
  storageBucketRecordsAuditLogs,
  storageBucketRecordsAuditLogWorm,
  storageBucketRecordsProtected,
  storageBucketRecordsRedundant,
  storageBucketRecordsWorm,
  storageBucketSecure,
  storageBucketVersioning,
} from "./storage";

const bucket = (props: Record<string, unknown>): KitResource => ({
  type: "gcp:storage/bucket:Bucket",
  name: "phi",
  props: {
    location: "US",
    encryption: { defaultKmsKeyName: "projects/p/locations/l/keyRings/r/cryptoKeys/k" },
    uniformBucketLevelAccess: true,
    publicAccessPrevention: "enforced",
    versioning: { enabled: true },
    ...props,
  },
});

describeRule(storageBucketSecure, {
  baseline: hipaa,
  compliant: [bucket({}), bucket({ encryption: { defaultKmsKeyName: UNKNOWN } })],
  requirements: {
    "customer-key": {
      violating: [bucket({ encryption: undefined }), bucket({ encryption: {} })],
      unknown: [],
      decidedWhenUnknown: [bucket({ encryption: { defaultKmsKeyName: UNKNOWN } })],
    },
    "uniform-access": {
      violating: [
        bucket({ uniformBucketLevelAccess: false }),
        bucket({ uniformBucketLevelAccess: undefined }),
      ],
      unknown: [bucket({ uniformBucketLevelAccess: UNKNOWN })],
    },
    "public-access-prevention": {
      violating: [
        bucket({ publicAccessPrevention: "inherited" }),
        bucket({ publicAccessPrevention: undefined }),
      ],
      unknown: [bucket({ publicAccessPrevention: UNKNOWN })],
    },
  },
});

describeRule(storageBucketVersioning, {
  baseline: hipaa,
  compliant: [bucket({}), bucket({ encryption: { defaultKmsKeyName: UNKNOWN } })],
  requirements: {
    versioning: {
      violating: [
        bucket({ versioning: { enabled: false } }),
        bucket({ versioning: undefined }),
        bucket({ versioning: undefined, retentionPolicy: { retentionPeriod: "0" } }),
        bucket({ versioning: undefined, retentionPolicy: { isLocked: false } }),
      ],
      // Cloud Storage refuses versioning with a retention policy: the policy keeps objects instead.
      compliant: [
        bucket({ versioning: undefined, retentionPolicy: { retentionPeriod: "31536000" } }),
        bucket({
          versioning: { enabled: false },
          retentionPolicy: { retentionPeriod: 86400, isLocked: true },
        }),
      ],
      unknown: [
        bucket({ versioning: { enabled: UNKNOWN } }),
        bucket({ versioning: undefined, retentionPolicy: { retentionPeriod: UNKNOWN } }),
      ],
      decidedWhenUnknown: [bucket({ retentionPolicy: { retentionPeriod: UNKNOWN } })],
    },
  },
});

const deleteAfter = (condition: Record<string, unknown>) => ({ action: { type: "Delete" }, condition });
/** A personal-data bucket deleting objects after a year and noncurrent versions after 30 days. */
const expiring = (props: Record<string, unknown>) =>
  bucket({
    labels: { "data-classification": "pd" },
    lifecycleRules: [
      deleteAfter({ age: 365, withState: "LIVE" }),
      deleteAfter({ daysSinceNoncurrentTime: 30 }),
    ],
    ...props,
  });

describeRule(storageBucketExpiry, {
  baseline: gdpr,
  compliant: [
    expiring({}),
    // One rule without withState deletes live objects and noncurrent versions alike.
    expiring({ lifecycleRules: [deleteAfter({ age: 2192 })] }),
    // Versions expire with age when the rule names them.
    expiring({
      lifecycleRules: [
        deleteAfter({ age: 30, withState: "ARCHIVED" }),
        deleteAfter({ age: 0, sendAgeIfZero: true, withState: "LIVE" }),
      ],
    }),
    // A 0 the provider does not send, and an empty list, narrow nothing.
    expiring({ lifecycleRules: [deleteAfter({ age: 90, numNewerVersions: 0, matchesPrefixes: [] })] }),
    // Untagged buckets are judged.
    expiring({ labels: undefined }),
  ],
  requirements: {
    "objects-expire": {
      violating: [
        expiring({ lifecycleRules: undefined, versioning: { enabled: false } }),
        expiring({ lifecycleRules: [deleteAfter({ daysSinceNoncurrentTime: 30, age: 30 })] }),
        expiring({
          lifecycleRules: [
            deleteAfter({ age: 2193, withState: "LIVE" }),
            deleteAfter({ daysSinceNoncurrentTime: 30 }),
          ],
        }),
        expiring({
          lifecycleRules: [
            { action: { type: "SetStorageClass", storageClass: "ARCHIVE" }, condition: { age: 30 } },
            deleteAfter({ daysSinceNoncurrentTime: 30 }),
          ],
        }),
        ...[
          { matchesPrefixes: ["tmp/"] },
          { matchesSuffixes: [".log"] },
          { matchesStorageClasses: ["NEARLINE"] },
          { createdBefore: "2024-01-01" },
          { daysSinceCustomTime: 30 },
          { sizeAboveBytes: 1024 },
          { withState: "ARCHIVED" },
        ].map((narrowing) =>
          expiring({
            lifecycleRules: [
              deleteAfter({ age: 30, ...narrowing }),
              deleteAfter({ daysSinceNoncurrentTime: 30 }),
            ],
          }),
        ),
        // Without sendAgeIfZero the provider drops age 0, leaving no timer.
        expiring({ lifecycleRules: [deleteAfter({ age: 0 }), deleteAfter({ daysSinceNoncurrentTime: 30 })] }),
      ],
      unknown: [expiring({ lifecycleRules: UNKNOWN, versioning: { enabled: false } })],
      outOfScope: [
        expiring({ labels: { "data-classification": "finra-records" }, lifecycleRules: undefined }),
        {
          resources: [expiring({ labels: {}, lifecycleRules: undefined })],
          config: { judgeUnclassified: false },
        },
      ],
    },
    "noncurrent-versions-expire": {
      violating: [
        expiring({ lifecycleRules: [deleteAfter({ age: 365, withState: "LIVE" })] }),
        expiring({
          lifecycleRules: [
            deleteAfter({ age: 365, withState: "LIVE" }),
            deleteAfter({ daysSinceNoncurrentTime: 2193 }),
          ],
        }),
        expiring({
          lifecycleRules: [
            deleteAfter({ age: 365, withState: "LIVE" }),
            deleteAfter({ daysSinceNoncurrentTime: 30, matchesPrefixes: ["logs/"] }),
          ],
        }),
      ],
      compliant: [
        expiring({
          versioning: { enabled: false },
          lifecycleRules: [deleteAfter({ age: 30, withState: "LIVE" })],
        }),
      ],
      unknown: [
        expiring({
          versioning: { enabled: UNKNOWN },
          lifecycleRules: [deleteAfter({ age: 30, withState: "LIVE" })],
        }),
      ],
      decidedWhenUnknown: [expiring({ versioning: { enabled: UNKNOWN } })],
      outOfScope: [
        expiring({ labels: { "data-classification": "finra-records" }, lifecycleRules: undefined }),
      ],
    },
  },
});

const DAY = 86_400;
const SIX_YEARS = String(2192 * DAY);
const RECORDS = { "data-classification": "finra-records" };
/** A FINRA records bucket as Palisade's EncryptedBucket builds it: locked six-year retention, protected, dual-region. */
const records = (props: Record<string, unknown> = {}, options: Partial<KitResource> = {}): KitResource => ({
  type: "gcp:storage/bucket:Bucket",
  name: "records",
  protect: true,
  props: {
    location: "NAM4",
    labels: RECORDS,
    forceDestroy: false,
    retentionPolicy: { retentionPeriod: SIX_YEARS, isLocked: true },
    ...props,
  },
  ...options,
});
/** Three-year communications records (SEC 17a-4(b)), by their record-class label. */
const communications = { ...RECORDS, "record-class": "communications" };
const threeYearClass = { recordClassRetentionDays: { communications: 1096 } };
/** Buckets the records rules leave alone, each breaking them if it were judged. */
const notRecords = (props: Record<string, unknown> = {}): KitResource[][] => [
  [records({ labels: undefined, ...props }, { protect: false })],
  [records({ labels: { "data-classification": "pd" }, ...props }, { protect: false })],
];

describeRule(storageBucketRecordsWorm, {
  baseline: finra,
  compliant: [
    records(),
    records({ retentionPolicy: { retentionPeriod: 2192 * DAY, isLocked: true } }),
    records({ retentionPolicy: { retentionPeriod: String(3650 * DAY), isLocked: true } }),
    // A record class with its own, shorter retention.
    {
      resources: [
        records({
          labels: communications,
          retentionPolicy: { retentionPeriod: String(1096 * DAY), isLocked: true },
        }),
      ],
      config: threeYearClass,
    },
    // The organisation's own records class.
    {
      resources: [records({ labels: { "data-classification": "books" } })],
      config: { recordsClasses: ["books", "finra-records"] },
    },
  ],
  requirements: {
    locked: {
      violating: [
        records({ retentionPolicy: { retentionPeriod: SIX_YEARS, isLocked: false } }),
        records({ retentionPolicy: { retentionPeriod: SIX_YEARS } }),
        // Per-object retention lets objects carry a retain-until time; it locks nothing for every record.
        records({ retentionPolicy: { retentionPeriod: SIX_YEARS }, enableObjectRetention: true }),
      ],
      unknown: [records({ retentionPolicy: { retentionPeriod: SIX_YEARS, isLocked: UNKNOWN } })],
      outOfScope: notRecords({ retentionPolicy: { retentionPeriod: SIX_YEARS, isLocked: false } }),
    },
    retention: {
      violating: [
        records({ retentionPolicy: { retentionPeriod: String(2192 * DAY - 1), isLocked: true } }),
        records({ retentionPolicy: { isLocked: true } }),
        records({ retentionPolicy: { retentionPeriod: "six years", isLocked: true } }),
        records({ retentionPolicy: { retentionPeriod: "", isLocked: true } }),
        // A record class without a retention of its own is held to recordRetentionDays.
        records({
          labels: communications,
          retentionPolicy: { retentionPeriod: String(1096 * DAY), isLocked: true },
        }),
        {
          resources: [records({ labels: communications })],
          config: { recordClassRetentionDays: { communications: 3653 } },
        },
      ],
      unknown: [records({ retentionPolicy: { retentionPeriod: UNKNOWN, isLocked: true } })],
      outOfScope: notRecords({ retentionPolicy: { retentionPeriod: String(DAY), isLocked: true } }),
    },
  },
});

describeRule(storageBucketRecordsProtected, {
  baseline: finra,
  compliant: [records(), records({ forceDestroy: undefined })],
  requirements: {
    protect: {
      violating: [records({}, { protect: false }), records({}, { protect: undefined })],
      unknown: [],
      decidedWhenUnknown: [records({ forceDestroy: UNKNOWN })],
      outOfScope: notRecords(),
    },
    "no-force-destroy": {
      violating: [records({ forceDestroy: true })],
      unknown: [records({ forceDestroy: UNKNOWN })],
      outOfScope: notRecords({ forceDestroy: true }),
    },
  },
});

describeRule(storageBucketRecordsRedundant, {
  baseline: finra,
  compliant: [
    records(),
    records({ location: "eur4" }),
    records({ location: "US" }),
    records({ location: "asia" }),
    // A configurable dual-region: its location reads as the multi-region, its regions are named.
    records({ location: "US", customPlacementConfig: { dataLocations: ["US-EAST1", "US-WEST1"] } }),
    records({ location: UNKNOWN, customPlacementConfig: { dataLocations: ["us-east1", "us-west1"] } }),
  ],
  requirements: {
    "multi-location": {
      violating: [
        records({ location: "US-CENTRAL1" }),
        records({ location: "us-east1" }),
        records({ location: undefined }),
        records({ location: "US-EAST1", customPlacementConfig: { dataLocations: ["US-EAST1"] } }),
        records({ location: "US-EAST1", customPlacementConfig: { dataLocations: ["us-east1", "US-EAST1"] } }),
        records({ location: "US-EAST1", customPlacementConfig: {} }),
      ],
      unknown: [
        records({ location: UNKNOWN }),
        records({ location: "US-EAST1", customPlacementConfig: { dataLocations: UNKNOWN } }),
        records({ location: "US-EAST1", customPlacementConfig: { dataLocations: [UNKNOWN, "US-WEST1"] } }),
      ],
      decidedWhenUnknown: [records({ location: "NAM4", customPlacementConfig: { dataLocations: UNKNOWN } })],
      outOfScope: notRecords({ location: "US-CENTRAL1" }),
    },
  },
});

const auditConfig = (
  props: Record<string, unknown>,
  type = "gcp:projects/iAMAuditConfig:IAMAuditConfig",
  name = "audit",
): KitResource => ({
  type,
  name,
  props: {
    project: "p",
    service: "allServices",
    auditLogConfigs: [{ logType: "ADMIN_READ" }, { logType: "DATA_READ" }, { logType: "DATA_WRITE" }],
    ...props,
  },
});
const only = (...types: string[]) => ({ auditLogConfigs: types.map((logType) => ({ logType })) });

describeRule(storageBucketRecordsAuditLogs, {
  baseline: finra,
  compliant: [
    [records(), auditConfig({})],
    [
      records(),
      auditConfig(
        { service: "storage.googleapis.com", folder: "folders/1" },
        "gcp:folder/iamAuditConfig:IamAuditConfig",
      ),
    ],
    // Reads and writes from two configs, one of them the organization's.
    [
      records(),
      auditConfig(only("DATA_READ")),
      auditConfig(
        { orgId: "1", ...only("DATA_WRITE") },
        "gcp:organizations/iamAuditConfig:IamAuditConfig",
        "org",
      ),
    ],
    // One config decides, whatever another reads at preview.
    [records(), auditConfig({ service: UNKNOWN }, undefined, "unknown"), auditConfig({ project: UNKNOWN })],
    // An exempted member is gcp-iam-audit-config-complete's to judge.
    [
      records(),
      auditConfig({
        auditLogConfigs: [
          { logType: "DATA_READ" },
          { logType: "DATA_WRITE", exemptedMembers: ["user:a@example.com"] },
        ],
      }),
    ],
  ],
  requirements: {
    "data-write-logged": {
      violating: [
        [records(), auditConfig(only("DATA_READ", "ADMIN_READ"))],
        [
          records(),
          auditConfig(only("DATA_READ")),
          auditConfig({ service: "sqladmin.googleapis.com", ...only("DATA_WRITE") }, undefined, "sql"),
        ],
        [
          records(),
          auditConfig(only("DATA_READ")),
          auditConfig({ auditLogConfigs: undefined }, undefined, "none"),
        ],
      ],
      unknown: [
        [records(), auditConfig({ auditLogConfigs: [{ logType: "DATA_READ" }, { logType: UNKNOWN }] })],
        [
          records(),
          auditConfig(only("DATA_READ")),
          auditConfig({ service: UNKNOWN, ...only("DATA_WRITE") }, undefined, "unknown"),
        ],
      ],
      outOfScope: [
        ...notRecords(),
        {
          resources: [records(), auditConfig(only("DATA_READ"))],
          config: { recordAuditTrailManagedCentrally: true },
        },
      ],
    },
    "data-read-logged": {
      violating: [
        [records(), auditConfig(only("DATA_WRITE", "ADMIN_READ"))],
        [
          records(),
          auditConfig(only("DATA_WRITE")),
          auditConfig({ service: "bigquery.googleapis.com", ...only("DATA_READ") }, undefined, "bq"),
        ],
      ],
      unknown: [
        [records(), auditConfig({ auditLogConfigs: [{ logType: "DATA_WRITE" }, { logType: UNKNOWN }] })],
        [
          records(),
          auditConfig(only("DATA_WRITE")),
          auditConfig({ service: UNKNOWN, ...only("DATA_READ") }, undefined, "unknown"),
        ],
      ],
      outOfScope: [
        ...notRecords(),
        {
          resources: [records(), auditConfig(only("DATA_WRITE"))],
          config: { recordAuditTrailManagedCentrally: true },
        },
      ],
    },
  },
});

/** A locked six-year log bucket, as Palisade's AuditLogging builds it under FINRA. */
const logBucket = (
  props: Record<string, unknown> = {},
  name = "audit-logs",
  kind = "projectBucketConfig:ProjectBucketConfig",
): KitResource => ({
  type: `gcp:logging/${kind}`,
  name,
  props: {
    project: "p",
    location: "us-central1",
    bucketId: "records-audit",
    retentionDays: 2192,
    locked: true,
    ...props,
  },
});
/** AuditLogging's sink: every Cloud Audit Logs entry to the log bucket, named in its destination. */
const sink = (
  props: Record<string, unknown> = {},
  dependsOn?: string[],
  kind = "projectSink:ProjectSink",
): KitResource => ({
  type: `gcp:logging/${kind}`,
  name: "sink",
  props: {
    project: "p",
    destination: "logging.googleapis.com/projects/p/locations/us-central1/buckets/records-audit",
    filter: 'logName:"/logs/cloudaudit.googleapis.com%2F"',
    uniqueWriterIdentity: true,
    ...props,
  },
  ...(dependsOn ? { propertyDependencies: { destination: dependsOn } } : {}),
});
const defaultBucket = (props: Record<string, unknown> = {}) =>
  logBucket({ bucketId: "_Default", location: "global", ...props }, "default");
/** A Cloud Storage bucket receiving the logs: a records store itself, so judged like the records. */
const archive = (props: Record<string, unknown> = {}) =>
  records({ name: "audit-archive", ...props }, { name: "archive" });
const toArchive = sink({ destination: "storage.googleapis.com/audit-archive" });

describeRule(storageBucketRecordsAuditLogWorm, {
  baseline: finra,
  compliant: [
    [records(), logBucket(), sink()],
    [records(), defaultBucket()],
    // A first preview: the sink's destination is unknown, and depends on the log bucket.
    [records(), logBucket({ bucketId: UNKNOWN }), sink({ destination: UNKNOWN }, ["audit-logs"])],
    [
      records(),
      logBucket(),
      sink({ filter: 'logName="projects/p/logs/cloudaudit.googleapis.com%2Fdata_access"' }),
    ],
    [records(), logBucket(), sink({ filter: undefined })],
    [records(), logBucket(), sink({ filter: " " })],
    [records(), logBucket(), sink({}, undefined, "folderSink:FolderSink")],
    // A locked Cloud Storage destination, by name or through the dependency.
    [records(), archive(), toArchive],
    [records(), archive(), sink({ destination: UNKNOWN }, ["archive"])],
    // The unlocked 30-day _Default bucket beside the locked one the sink fills.
    [records(), logBucket(), sink(), defaultBucket({ locked: false, retentionDays: undefined })],
    // A bucket whose id is unknown changes nothing once a locked one is known.
    [records(), logBucket(), sink(), logBucket({ bucketId: UNKNOWN }, "other")],
    {
      resources: [records({ labels: communications }), logBucket({ retentionDays: 1096 }), sink()],
      config: threeYearClass,
    },
  ],
  requirements: {
    locked: {
      violating: [
        [records()],
        [records(), logBucket({ locked: false }), sink()],
        [records(), defaultBucket({ locked: undefined })],
        [records(), logBucket(), sink({ disabled: true })],
        [records(), logBucket(), sink({ filter: 'resource.type="gce_instance"' })],
        [
          records(),
          logBucket(),
          sink({ destination: "logging.googleapis.com/projects/p/locations/us-central1/buckets/other" }),
        ],
        [records(), logBucket(), sink({ destination: "storage.googleapis.com/elsewhere" })],
        // Only project log buckets can be locked (gcp v9).
        [
          records(),
          logBucket(
            { locked: undefined, folder: "folders/1", project: undefined },
            "audit-logs",
            "folderBucketConfig:FolderBucketConfig",
          ),
          sink({}, undefined, "folderSink:FolderSink"),
        ],
        [records(), logBucket({ locked: false }), sink(), logBucket({ bucketId: "spare" }, "spare")],
        [records(), archive({ retentionPolicy: { retentionPeriod: SIX_YEARS, isLocked: false } }), toArchive],
      ],
      // Whether a log bucket receives Data Access logs at all: both requirements wait for it.
      unknown: [
        [records(), logBucket(), sink({ filter: UNKNOWN })],
        [records(), logBucket(), sink({ disabled: UNKNOWN })],
        [records(), logBucket(), sink({ destination: UNKNOWN })],
        [records(), logBucket({ bucketId: UNKNOWN })],
      ],
      readsWith: ["retention"],
      outOfScope: notRecords(),
    },
    retention: {
      violating: [
        [records(), logBucket({ retentionDays: 2191 }), sink()],
        [records(), defaultBucket({ retentionDays: undefined })],
        [records(), defaultBucket({ retentionDays: 0 })],
        // A locked short bucket beside an unlocked long one: no one bucket is both.
        [records(), logBucket({ retentionDays: 30 }), sink(), defaultBucket({ locked: false })],
        [
          records(),
          archive({ retentionPolicy: { retentionPeriod: String(365 * DAY), isLocked: true } }),
          toArchive,
        ],
        {
          resources: [records({ labels: communications }), logBucket(), sink()],
          config: { recordClassRetentionDays: { communications: 3653 } },
        },
      ],
      unknown: [
        [records(), logBucket({ retentionDays: UNKNOWN }), sink()],
        // The locked bucket is short: an undecided one may be the long one.
        [records(), logBucket({ retentionDays: 30 }), sink(), logBucket({ bucketId: UNKNOWN }, "other")],
      ],
      outOfScope: notRecords(),
    },
  },
});

describe("gcp-storage-bucket-records-audit-log-worm, a lock unknown at preview", () => {
  it("leaves locked alone undetermined: the retention of an unlocked bucket is still judged", async () => {
    const result = await analyzeRule(
      storageBucketRecordsAuditLogWorm,
      [records(), logBucket({ locked: UNKNOWN }), sink()],
      { baseline: finra },
    );
    expect(result.violations).toEqual([]);
    expect(undeterminedOf(result)).toEqual(["gcp-storage-bucket-records-audit-log-worm/locked"]);
  });
});
