/**
 * Azure Monitor rules (azure-native v3 monitor, API 2021-05-01-preview): where the diagnostic settings of
 * records accounts keep the records' audit trail, and for how long.
 */
import type { PolicyResource } from "@pulumi/policy";
import { stackRule, type StackContext } from "../../rule";
import {
  RECORD_RETENTION_SETTINGS,
  RECORDS_SCOPE_SETTINGS,
  outsideRecords,
  requiredRecordRetention,
} from "../scope";
import { IMMUTABILITY_PERIOD_PATH, immutabilityPeriodFindings, retentionSource } from "./storage";

const ACCOUNT = "azure-native:storage:StorageAccount";
const BLOB_SERVICE = "azure-native:storage:BlobServiceProperties";
const WORKSPACE = "azure-native:operationalinsights:Workspace";
const TABLE = "azure-native:operationalinsights:Table";
/** The Log Analytics table blob resource logs land in (Microsoft Learn, supported logs for blobServices). */
const BLOB_LOG_TABLE = "StorageBlobLogs";

const resourcesOf = (deps: readonly PolicyResource[] | undefined, type: string) =>
  (deps ?? []).filter((d) => d.type === type);

/**
 * The storage accounts whose logs the setting sends: its resourceUri depends on the account (the blob
 * service's id is the account's id plus "/blobServices/default") or on one of its BlobServiceProperties.
 */
function loggedAccounts(context: StackContext): PolicyResource[] {
  const deps = context.stack.dependencies("resourceUri");
  const services = resourcesOf(deps, BLOB_SERVICE);
  return [
    ...resourcesOf(deps, ACCOUNT),
    ...services.flatMap((s) => resourcesOf(s.propertyDependencies.accountName, ACCOUNT)),
  ];
}

/** The records account the setting logs (the first, when several), and the retention its records need. */
function recordsAccount(context: StackContext): PolicyResource | undefined {
  return loggedAccounts(context).find((a) => outsideRecords(a.props.tags, context.config) === undefined);
}

/** Why the setting logs no records account, or undefined when it does and sends at least one log. */
function outsideRecordLogs(props: Record<string, any>, context: StackContext): string | undefined {
  const accounts = loggedAccounts(context);
  if (accounts.length === 0)
    return "resourceUri depends on no StorageAccount or BlobServiceProperties in this stack";
  if (!recordsAccount(context)) return outsideRecords(accounts[0]!.props.tags, context.config);
  return ((props.logs as any[] | undefined) ?? []).some((log) => log?.enabled === true)
    ? undefined
    : "logs enables no log: the setting sends metrics only, no audit trail";
}

/** The storage account the setting archives to, when storageAccountId names one in this stack. */
const archiveOf = (context: StackContext) =>
  resourcesOf(context.stack.dependencies("storageAccountId"), ACCOUNT)[0];

const ARCHIVE = "storageAccountId's StorageAccount";

/**
 * Whether the setting sends to the destination `key` names: it depends on a resource (its id, unknown at
 * preview while that resource is created), or holds a value. Unknown and depending on nothing: throws.
 */
const sendsTo = (props: Record<string, any>, context: StackContext, key: string) =>
  context.stack.dependencies(key).length > 0 || (props[key] !== undefined && props[key] !== null);

/** The archive requirements judge only a setting that has one; the Log Analytics one only a setting without. */
const archiveScope = (props: Record<string, any>, context: StackContext) =>
  outsideRecordLogs(props, context) ??
  (sendsTo(props, context, "storageAccountId")
    ? undefined
    : "storageAccountId is not set: the setting archives to no storage account");

const archivePolicy = (context: StackContext) =>
  archiveOf(context)?.props.immutableStorageWithVersioning?.immutabilityPolicy;

const requiredDays = (context: StackContext) =>
  requiredRecordRetention(recordsAccount(context)?.props.tags, context.config);

/** A retention in days, or undefined when unset or -1 ("use the level above"). */
const days = (value: unknown): number | undefined =>
  value === undefined || value === null || Number(value) === -1 ? undefined : Number(value);

/** How long the workspace keeps blob logs: its StorageBlobLogs table's total retention, else its own. */
function workspaceDays(context: StackContext, workspace: PolicyResource): number | undefined {
  const table = context.stack.resources.find(
    (r) =>
      r.type === TABLE &&
      r.props.tableName === BLOB_LOG_TABLE &&
      (r.propertyDependencies.workspaceName ?? []).some((d) => d.urn === workspace.urn),
  );
  return (
    days(table?.props.totalRetentionInDays) ??
    days(table?.props.retentionInDays) ??
    days(workspace.props.retentionInDays)
  );
}

/**
 * SEC 17a-4(f): the audit trail of records is kept as long as the records, and on storage no one can
 * rewrite. A diagnostic setting of a records account that archives to a storage account archives to one
 * with locked version-level WORM for the records' retention; one that sends only to Log Analytics keeps
 * the StorageBlobLogs table that long (Log Analytics data can still be purged: it is not WORM).
 */
export const diagnosticSettingRecordsArchive = stackRule({
  id: "azure-monitor-diagnostic-setting-records-archive",
  description:
    "Diagnostic settings of records storage accounts keep the records' audit log immutable, or at least retained, for the records' retention",
  target: "azure",
  types: ["azure-native:monitor:DiagnosticSetting"],
  config: { ...RECORDS_SCOPE_SETTINGS, ...RECORD_RETENTION_SETTINGS },
  requirements: [
    {
      id: "archive-in-stack",
      description:
        "storageAccountId names a StorageAccount declared in this stack, so its immutability can be shown",
      remediation:
        "Declare the archive StorageAccount in this stack and pass its id as storageAccountId; for an archive managed elsewhere, exempt the finding and name where its locked immutability is attested.",
      // A finding rather than undetermined: an account outside the stack stays unknowable to this pack at
      // every preview and update; an exemption records who vouched for it instead.
      outOfScope: archiveScope,
      check: (_setting, context) =>
        archiveOf(context) ? [] : ["storageAccountId names no StorageAccount in this stack"],
    },
    {
      id: "archive-immutable",
      description: "The archive account has version-level immutability enabled",
      remediation:
        "Create the archive StorageAccount with immutableStorageWithVersioning.enabled: true, and immutabilityPolicy.allowProtectedAppendWrites: true so Azure Monitor can append to its log blobs.",
      outOfScope: archiveScope,
      check: (_setting, context) => {
        const archive = archiveOf(context);
        return !archive || archive.props.immutableStorageWithVersioning?.enabled === true
          ? []
          : [`${ARCHIVE} immutableStorageWithVersioning.enabled is not true`];
      },
    },
    {
      id: "archive-locked",
      description: "The archive account's default immutability policy is Locked",
      remediation:
        'Deploy the archive StorageAccount with immutabilityPolicy.state "Unlocked" (an exemption with an expiry covers that first deployment), then set state "Locked" in a second update (EncryptedStorageAccount: immutability.lock with acknowledgeIrreversibleLock).',
      outOfScope: archiveScope,
      check: (_setting, context) =>
        !archiveOf(context) || archivePolicy(context)?.state === "Locked"
          ? []
          : [`${ARCHIVE} immutableStorageWithVersioning.immutabilityPolicy.state is not Locked`],
    },
    {
      id: "archive-retention",
      description:
        "The archive account's default immutability period is at least the logged records' retention",
      remediation: `Set the archive StorageAccount's ${IMMUTABILITY_PERIOD_PATH} to at least the records' retention (recordRetentionDays, or recordClassRetentionDays for the records account's record-class tag).`,
      outOfScope: archiveScope,
      check: (_setting, context) => {
        if (!archiveOf(context)) return [];
        return immutabilityPeriodFindings(
          `${ARCHIVE} ${IMMUTABILITY_PERIOD_PATH}`,
          archivePolicy(context)?.immutabilityPeriodSinceCreationInDays,
          requiredDays(context),
        );
      },
    },
    {
      id: "log-analytics-retention",
      description:
        "A setting with no storage archive sends to a Log Analytics workspace in this stack whose StorageBlobLogs table (or the workspace) keeps logs at least the records' retention",
      remediation:
        "Add an operationalinsights Table StorageBlobLogs to the workspace (workspaceName) with totalRetentionInDays of at least the records' retention (up to 4383 days), or archive to a locked immutable StorageAccount through storageAccountId.",
      outOfScope: (props, context) =>
        outsideRecordLogs(props, context) ??
        (sendsTo(props, context, "storageAccountId")
          ? "storageAccountId is set: the archive requirements judge the storage account"
          : undefined),
      check: (props, context) => {
        if (!sendsTo(props, context, "workspaceId"))
          return ["neither storageAccountId nor workspaceId is set, so no Azure destination keeps the log"];
        const workspace = resourcesOf(context.stack.dependencies("workspaceId"), WORKSPACE)[0];
        if (!workspace)
          return ["workspaceId names no Workspace in this stack, so its retention cannot be shown"];
        const required = requiredDays(context);
        const kept = workspaceDays(context, workspace);
        return (kept ?? 0) >= required.days
          ? []
          : [
              `the workspace (or its table of blob logs) keeps logs shorter than ${retentionSource(required)}`,
            ];
      },
    },
  ],
});
