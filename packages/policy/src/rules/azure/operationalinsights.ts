/** Azure Log Analytics rules (azure-native v3 operationalinsights): how long logs are kept. */
import type { PolicyResource } from "@pulumi/policy";
import { baselineSetting, stackRule } from "../../rule";

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
