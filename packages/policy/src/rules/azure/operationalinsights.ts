/** Azure Log Analytics rules (azure-native v3 operationalinsights, API 2023-09-01): how long logs are kept, at least and at most. */
import type { PolicyResource } from "@pulumi/policy";
import { baselineSetting, stackRule, type StackContext } from "../../rule";
import { known } from "../../unknowns";
import { DATA_SCOPE_SETTINGS, MAX_RETENTION_SETTING, outsidePersonalData, retentionFindings } from "../scope";

const WORKSPACE = "azure-native:operationalinsights:Workspace";
const TABLE = "azure-native:operationalinsights:Table";

/** A retention in days, or undefined when unset or -1 ("use the level above"). */
const days = (value: unknown): number | undefined =>
  value === undefined || value === null || Number(value) === -1 ? undefined : Number(value);

/**
 * How long a table keeps its data: its totalRetentionInDays (interactive plus long-term, up to 4383 days);
 * -1 or unset falls back to its retentionInDays, then to the workspace's.
 */
const tableDays = (table: PolicyResource, workspace: PolicyResource | undefined) =>
  days(table.props.totalRetentionInDays) ??
  days(table.props.retentionInDays) ??
  days(workspace?.props.retentionInDays);

export const logAnalyticsRetention = stackRule({
  id: "azure-operationalinsights-log-retention",
  description:
    "Log Analytics workspaces keep logs for the required period, through the workspace's retention or its tables' total retention",
  target: "azure",
  types: [WORKSPACE, TABLE],
  config: { minRetentionDays: baselineSetting("auditLogRetentionDays", { type: "integer", minimum: 1 }) },
  requirements: [
    {
      id: "table-retention",
      description: "Every table keeps its data at least minRetentionDays",
      remediation: "Set the table's totalRetentionInDays to at least minRetentionDays (long-term retention).",
      types: [TABLE],
      check: (_table, context) => {
        const min = Number(context.config.minRetentionDays);
        const workspace = context.stack.dependencies("workspaceName").find((d) => d.type === WORKSPACE);
        const kept = tableDays(context.stack.subject, workspace);
        return kept === undefined || kept < min
          ? [`totalRetentionInDays (or the retention it falls back to) is below minRetentionDays ${min}`]
          : [];
      },
    },
    {
      id: "workspace-retention",
      description: "The workspace, or a table in it, keeps logs at least minRetentionDays",
      remediation:
        "Set the workspace's retentionInDays, or a Table's totalRetentionInDays (joined through workspaceName), to at least minRetentionDays.",
      types: [WORKSPACE],
      check: (props, context) => {
        const min = Number(context.config.minRetentionDays);
        if ((days(props.retentionInDays) ?? 0) >= min) return [];
        const subject = context.stack.subject;
        return context.stack
          .dependents(TABLE, "workspaceName")
          .some((t) => (tableDays(t, subject) ?? 0) >= min)
          ? []
          : [
              `retentionInDays is below minRetentionDays ${min} and no Table (workspaceName) keeps logs that long`,
            ];
      },
    },
  ],
});

/**
 * The retention a workspace with no retentionInDays gives its tables: 30 days (Microsoft Learn, "Manage data
 * retention in a Log Analytics workspace"; a few Azure-created tables, such as AzureActivity, default to 90).
 * Finite, so an unset value is judged as that default, not as "kept forever".
 */
const WORKSPACE_DEFAULT_DAYS = 30;

/** A table's data class is its workspace's (tables carry no tags), joined through workspaceName. */
const workspaceOf = (context: StackContext) =>
  context.type === WORKSPACE
    ? context.stack.subject
    : context.stack.dependencies("workspaceName").find((d) => d.type === WORKSPACE);

/**
 * GDPR Art. 5(1)(e): logs about people are kept no longer than maxRetentionDays, in the workspace and in
 * every table's total (interactive plus long-term) retention. Separate from logAnalyticsRetention, which
 * asks for a minimum; both hold for a workspace whose window sits between the two.
 */
export const logAnalyticsMaxRetention = stackRule({
  id: "azure-operationalinsights-log-max-retention",
  description:
    "Log Analytics workspaces holding personal data keep logs no longer than the longest retention allowed",
  target: "azure",
  types: [WORKSPACE, TABLE],
  config: { ...DATA_SCOPE_SETTINGS, maxRetentionDays: MAX_RETENTION_SETTING },
  requirements: [
    {
      id: "workspace-retention",
      description: `The workspace's retentionInDays (${WORKSPACE_DEFAULT_DAYS} days when unset) is at most maxRetentionDays`,
      remediation: "Set the workspace's retentionInDays to at most maxRetentionDays.",
      types: [WORKSPACE],
      outOfScope: (props, context) => outsidePersonalData(props.tags, context.config),
      check: (props, context) =>
        retentionFindings(
          "retentionInDays",
          days(props.retentionInDays) ?? WORKSPACE_DEFAULT_DAYS,
          context.config,
        ),
    },
    {
      id: "table-retention",
      description:
        "Every table's totalRetentionInDays (or the retention it falls back to: its retentionInDays, then the workspace's) is at most maxRetentionDays",
      remediation: "Set the table's totalRetentionInDays to at most maxRetentionDays.",
      types: [TABLE],
      outOfScope: (table, context) => {
        const workspace = workspaceOf(context);
        // Read without throwing: an unknown value is the check's to report as undetermined.
        const own = known(() => days(table.totalRetentionInDays) ?? days(table.retentionInDays));
        if (!workspace && own.known && own.value === undefined)
          return "the table keeps its workspace's retention, and the workspace is not in this stack";
        const tags = known(() => workspace?.props.tags as unknown);
        return tags.known ? outsidePersonalData(tags.value, context.config) : undefined;
      },
      check: (_table, context) =>
        retentionFindings(
          "totalRetentionInDays (or the retention it falls back to)",
          tableDays(context.stack.subject, workspaceOf(context)) ?? WORKSPACE_DEFAULT_DAYS,
          context.config,
        ),
    },
  ],
});
