/**
 * The subscription's activity log (who changed what, every policy, security and health event) kept for the
 * baseline's audit retention: a Log Analytics workspace that keeps up to 730 days interactively and the
 * rest as long-term retention on the tables that hold the audit trail, and optionally an immutable,
 * customer-key encrypted storage archive.
 */
import * as pulumi from "@pulumi/pulumi";
import { SubscriptionDiagnosticSetting } from "@pulumi/azure-native/monitor";
import { Table, Workspace } from "@pulumi/azure-native/operationalinsights";
import {
  childName,
  ProblemCollector,
  resolveIrreversibleLock,
  shape,
  validateArgs,
  type ArgsSchema,
} from "@palisade/core";
import { AzureChildren } from "./children";
import {
  checkEncryptedStorageAccountArgs,
  checkStorageAccountName,
  EncryptedStorageAccount,
  type EncryptedStorageAccountArgs,
} from "./encrypted-storage-account";
import { KEY_VAULT_REFERENCE_SCHEMA, type KeyVaultReference } from "./key-vault";
import { checkChildNames } from "./names";
import {
  AZURE_COMPONENT_SCHEMA,
  inheritedArgs,
  LOG_ANALYTICS_RETENTION_DAYS,
  resolveAzureSettings,
  type AzureComponentArgs,
  type AzureSettings,
} from "./settings";

export interface ActivityLogArchiveArgs {
  /** The Key Vault the archive account's customer key is created in. */
  keyVault: KeyVaultReference;
  /**
   * Lock the archive's immutability policy (kept for the baseline's audit retention): it can then never be
   * shortened or removed. Needs `acknowledgeIrreversibleLock: true`. Azure locks a policy only on an
   * update, so deploy the archive unlocked first, then set `lock`.
   * @default false; when the baseline requires compliance-mode WORM (FINRA), built unlocked with a warning
   * to set `lock: true` after the first deployment
   */
  lock?: boolean;
}

export type PublicNetworkAccess = "Enabled" | "Disabled";

export interface ActivityLogArgs extends AzureComponentArgs {
  /**
   * Also archive the activity log to an {@link EncryptedStorageAccount} `<name>-arc` whose blobs are
   * immutable for the baseline's audit retention (append writes allowed, as Azure Monitor appends to
   * hourly blobs). The archive logs its own blob access to this workspace.
   * @default none: the workspace alone keeps the activity log
   */
  archive?: ActivityLogArchiveArgs;
  /** Confirms that `archive.lock` is irreversible; it only applies with `archive.lock: true`. @default false */
  acknowledgeIrreversibleLock?: boolean;
  /**
   * Tables besides AzureActivity kept for the whole audit retention when it exceeds the workspace's 730
   * days, for the resource logs other components send here (StorageBlobLogs, AzureDiagnostics...).
   * @default none
   */
  retainedTables?: string[];
  /**
   * Whether the workspace accepts data from public networks. Diagnostic settings (this activity log, other
   * components' resource logs) deliver over Azure's backbone and are not subject to it; agents outside an
   * Azure Monitor Private Link Scope are.
   * @default "Disabled"
   */
  publicNetworkAccessForIngestion?: PublicNetworkAccess;
  /**
   * Whether the workspace answers queries from public networks. Queries always need Entra ID (local auth
   * is disabled) and Azure RBAC; set "Disabled" once an Azure Monitor Private Link Scope reaches it.
   * @default "Enabled"
   */
  publicNetworkAccessForQuery?: PublicNetworkAccess;
}

const TYPE = "palisade:azure:ActivityLog";
/** Every activity-log category Azure Monitor routes (https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/activity-log-schema). */
export const ACTIVITY_LOG_CATEGORIES = [
  "Administrative",
  "Security",
  "ServiceHealth",
  "Alert",
  "Recommendation",
  "Policy",
  "Autoscale",
  "ResourceHealth",
] as const;
/** The table the activity log lands in. */
export const ACTIVITY_TABLE = "AzureActivity";
/** A table keeps data at most 4383 days (12 years) in total, interactive plus long-term retention. */
export const LOG_ANALYTICS_TOTAL_RETENTION_DAYS = { min: 4, max: 4383 } as const;
/** Table names: letters, digits and '_'; custom tables end in `_CL`. */
const TABLE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/**
 * A subscription diagnostic setting sending every activity-log category to a new Log Analytics workspace
 * (PerGB2018, Entra ID only, no public ingestion) that keeps them for the baseline's audit retention: up
 * to 730 days as the workspace's retention, beyond that as the AzureActivity table's total retention.
 * The workspace is retained on delete; the setting and table retention are its guards. A subscription
 * takes at most 5 diagnostic settings, so one ActivityLog per subscription is the norm.
 */
export class ActivityLog extends pulumi.ComponentResource {
  readonly workspace: Workspace;
  readonly tables: Table[];
  readonly diagnosticSetting: SubscriptionDiagnosticSetting;
  readonly archive?: EncryptedStorageAccount;
  /** The workspace's ARM resource id, for diagnostic settings and flow logs. */
  readonly workspaceResourceId: pulumi.Output<string>;
  /** The workspace's GUID (`customerId`), which traffic analytics names it by. */
  readonly workspaceCustomerId: pulumi.Output<string>;
  readonly workspaceName: pulumi.Output<string>;

  constructor(name: string, args: ActivityLogArgs, opts?: pulumi.ComponentResourceOptions) {
    const { settings, resolved } = validateArgs(
      `${TYPE} "${name}"`,
      ACTIVITY_LOG_SCHEMA,
      args,
      (problems, a: ActivityLogArgs) => checkActivityLogArgs(problems, name, a),
    );
    super(TYPE, name, {}, opts);
    const children = new AzureChildren(this, settings);

    this.workspace = children.create(
      Workspace,
      childName(name, "log"),
      { resourceGroupName: true, location: true, tags: true },
      {
        sku: { name: "PerGB2018" },
        retentionInDays: resolved.workspaceRetentionDays,
        publicNetworkAccessForIngestion: resolved.publicNetworkAccessForIngestion,
        publicNetworkAccessForQuery: resolved.publicNetworkAccessForQuery,
        features: {
          disableLocalAuth: true,
          enableLogAccessUsingOnlyResourcePermissions: true,
          immediatePurgeDataOn30Days: false,
        },
      },
      { role: "data" },
    );
    this.tables = resolved.retainedTables.map((table) =>
      children.create(
        Table,
        childName(name, "log", table),
        { resourceGroupName: true },
        {
          workspaceName: this.workspace.name,
          tableName: table,
          totalRetentionInDays: settings.logRetentionDays,
        },
        { role: "guard" },
      ),
    );

    if (args.archive)
      this.archive = new EncryptedStorageAccount(
        archiveName(name),
        archiveArgs(settings, args, [{ workspaceResourceId: this.workspace.id }]),
        { parent: this, lockArgument: ARCHIVE_LOCK },
      );

    this.diagnosticSetting = children.create(
      SubscriptionDiagnosticSetting,
      childName(name, "activity"),
      {},
      {
        workspaceId: this.workspace.id,
        ...(this.archive ? { storageAccountId: this.archive.accountId } : {}),
        logs: ACTIVITY_LOG_CATEGORIES.map((category) => ({ category, enabled: true })),
      },
      { role: "guard" },
    );

    this.workspaceResourceId = this.workspace.id;
    this.workspaceCustomerId = this.workspace.customerId;
    this.workspaceName = this.workspace.name;
    this.registerOutputs({
      workspaceResourceId: this.workspaceResourceId,
      workspaceCustomerId: this.workspaceCustomerId,
      workspaceName: this.workspaceName,
    });
  }
}

/** The archive account component's name: short, since storage account names stop at 24 characters. */
function archiveName(name: string): string {
  return childName(name, "arc");
}

/**
 * The archive's args: the ActivityLog's own settings, immutability for the audit retention with append
 * writes allowed (Azure Monitor appends to hourly blobs), expiry after it only where the baseline requires
 * finite retention.
 */
function archiveArgs(
  settings: AzureSettings,
  args: ActivityLogArgs,
  diagnosticSettings: EncryptedStorageAccountArgs["diagnosticSettings"],
): EncryptedStorageAccountArgs {
  const retention = settings.logRetentionDays;
  // Logs immutable for the audit retention, or the record retention when the baseline asks longer.
  const periodDays = Math.max(retention, settings.baseline?.recordRetentionDays.value ?? 0);
  return {
    ...inheritedArgs(settings),
    keyVault: args.archive!.keyVault,
    diagnosticSettings,
    immutability: {
      periodDays,
      allowProtectedAppendWrites: true,
      ...(args.archive!.lock === undefined ? {} : { lock: args.archive!.lock }),
    },
    ...(args.acknowledgeIrreversibleLock === undefined
      ? {}
      : { acknowledgeIrreversibleLock: args.acknowledgeIrreversibleLock }),
    ...(settings.baseline?.finiteRetentionRequired.value
      ? { lifecycle: { deleteAfterDays: periodDays } }
      : {}),
  };
}

export const ACTIVITY_LOG_SCHEMA: ArgsSchema = shape.object(
  {
    ...AZURE_COMPONENT_SCHEMA,
    archive: shape.object(
      { keyVault: KEY_VAULT_REFERENCE_SCHEMA, lock: shape.boolean() },
      { required: ["keyVault"], description: "must be { keyVault, lock? }" },
    ),
    acknowledgeIrreversibleLock: shape.boolean(),
    retainedTables: shape.array(shape.string("must be a Log Analytics table name"), "must list table names"),
    publicNetworkAccessForIngestion: shape.oneOf(["Enabled", "Disabled"]),
    publicNetworkAccessForQuery: shape.oneOf(["Enabled", "Disabled"]),
  },
  { required: ["resourceGroupName"] },
);

/** The archive's lock, as ActivityLog's callers set it. */
const ARCHIVE_LOCK = "archive.lock";

/** The archive's problems, in the ActivityLog's terms; the settings they share are reported once, by the ActivityLog. */
const SHARED_SETTINGS = new Set(Object.keys(AZURE_COMPONENT_SCHEMA));
function archivePath(path: string): string {
  if (path === ARCHIVE_LOCK) return path;
  if (path === "keyVault" || path.startsWith("keyVault.") || path.startsWith("keyVault["))
    return `archive.${path}`;
  if (path === "name" || path === "acknowledgeIrreversibleLock") return path;
  return `archive.${path}`;
}

function checkActivityLogArgs(problems: ProblemCollector, name: string, args: ActivityLogArgs) {
  const settings = resolveAzureSettings(problems, name, args);
  const retention = settings.logRetentionDays;
  const baseline = args.baseline;
  problems.require(
    retention <= LOG_ANALYTICS_TOTAL_RETENTION_DAYS.max,
    "baseline",
    retention,
    `requires audit logs kept ${retention} days${baseline ? ` (${baseline.auditLogRetentionDays.citation})` : ""}, beyond Log Analytics' ${LOG_ANALYTICS_TOTAL_RETENTION_DAYS.max}-day total retention`,
  );

  // One problem for `name` at most: the workspace's rule, then the archive account's. (The subscription
  // diagnostic setting's autoname takes anything the workspace's does.)
  const named =
    typeof name === "string" &&
    name.length > 0 &&
    checkChildNames(problems, "name", name, [
      { type: "azure-native:operationalinsights:Workspace", name: childName(name, "log") },
    ]);

  const extra = args.retainedTables ?? [];
  extra.forEach((table, i) => {
    if (
      problems.require(
        TABLE_NAME.test(table),
        `retainedTables[${i}]`,
        table,
        "must be a Log Analytics table name: up to 63 letters, digits or '_', starting with a letter",
      )
    )
      problems.require(
        table !== ACTIVITY_TABLE && extra.indexOf(table) === i,
        `retainedTables[${i}]`,
        table,
        `must not repeat ${ACTIVITY_TABLE} or an earlier table`,
      );
  });
  const longTerm = retention > LOG_ANALYTICS_RETENTION_DAYS.max;
  problems.require(
    longTerm || extra.length === 0,
    "retainedTables",
    extra,
    `only applies when the audit retention (${retention} days) exceeds the workspace's ${LOG_ANALYTICS_RETENTION_DAYS.max} days`,
  );

  if (args.archive !== undefined) {
    const archiveNamed =
      named && checkStorageAccountName(problems, "name", name, archiveName(name), "the archive account");
    const archive = new ProblemCollector();
    checkEncryptedStorageAccountArgs(
      archive,
      archiveName(String(name)),
      archiveArgs(settings, args, [{ workspaceResourceId: "workspace" }]),
      ARCHIVE_LOCK,
    );
    for (const p of archive.problems) {
      const top = p.path.split(/[.[]/)[0]!;
      // Settings the archive shares are reported once, by the ActivityLog; so is a name already refused.
      if (SHARED_SETTINGS.has(top) || (top === "name" && !archiveNamed)) continue;
      problems.add(archivePath(p.path), p.value, `(the archive account) ${p.rule}`);
    }
  } else
    // Nothing to lock without an archive: core's decision refuses an acknowledgement.
    resolveIrreversibleLock(problems, {
      path: ARCHIVE_LOCK,
      lock: undefined,
      acknowledged: args.acknowledgeIrreversibleLock,
      consequence: "there is no archive to lock",
    });

  return {
    settings,
    resolved: {
      workspaceRetentionDays: Math.min(retention, LOG_ANALYTICS_RETENTION_DAYS.max),
      retainedTables: longTerm ? [ACTIVITY_TABLE, ...extra] : [],
      publicNetworkAccessForIngestion: args.publicNetworkAccessForIngestion ?? "Disabled",
      publicNetworkAccessForQuery: args.publicNetworkAccessForQuery ?? "Enabled",
    },
  };
}
