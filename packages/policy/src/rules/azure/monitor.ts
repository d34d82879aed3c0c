/** Azure Monitor rules: Log Analytics retention and Key Vault diagnostic settings (azure-native v3). */
import type { PolicyResource } from "@pulumi/policy";
import { dependents, stackRule, type StackFinding } from "../../rule";

const WORKSPACE = "azure-native:operationalinsights:Workspace";
const TABLE = "azure-native:operationalinsights:Table";

/** A retention in days, or undefined when unset or -1 ("use the level above"). */
const days = (value: unknown): number | undefined =>
  value === undefined || value === null || Number(value) === -1 ? undefined : Number(value);

/**
 * Log Analytics keeps a table's data for its totalRetentionInDays (interactive plus long-term, up to
 * 4383 days); -1 or unset falls back to the table's retentionInDays, then to the workspace's.
 */
export const logAnalyticsRetention = (minRetentionDays: number) =>
  stackRule({
    id: "azure-operationalinsights-log-retention",
    description:
      "Log Analytics workspaces keep logs for the required period, through the workspace's retention or its tables' total retention",
    target: "azure",
    config: { minRetentionDays: { type: "integer", minimum: 1, default: minRetentionDays } },
    check: (resources, config) => {
      const min = Number(config.minRetentionDays);
      const findings: StackFinding[] = [];
      for (const workspace of resources.filter((r) => r.type === WORKSPACE)) {
        const workspaceDays = days(workspace.props.retentionInDays);
        const tables = dependents(resources, TABLE, "workspaceName", workspace);
        const tableDays = (table: PolicyResource) =>
          days(table.props.totalRetentionInDays) ?? days(table.props.retentionInDays) ?? workspaceDays;
        for (const table of tables) {
          const kept = tableDays(table);
          if (kept === undefined || kept < min)
            findings.push({
              urn: table.urn,
              message: `table ${table.name}: totalRetentionInDays ${kept ?? "unset"} is below ${min}`,
            });
        }
        if ((workspaceDays ?? 0) < min && !tables.some((t) => (tableDays(t) ?? 0) >= min))
          findings.push({
            urn: workspace.urn,
            message: `workspace ${workspace.name}: retentionInDays ${workspaceDays ?? "unset"} is below ${min} and no Table (workspaceName) sets totalRetentionInDays to at least ${min}`,
          });
      }
      return findings;
    },
  });

/** Key Vault's audit log: the AuditEvent category, or the audit / allLogs category groups. */
function logsAudit(setting: PolicyResource): boolean {
  return ((setting.props.logs as any[] | undefined) ?? []).some(
    (log) =>
      log?.enabled === true &&
      (String(log.category).toLowerCase() === "auditevent" ||
        ["audit", "alllogs"].includes(String(log.categoryGroup).toLowerCase())),
  );
}

export const vaultDiagnosticSettings = stackRule({
  id: "azure-keyvault-vault-diagnostic-settings",
  description: "Every key vault sends its audit log (AuditEvent) to a diagnostic setting",
  target: "azure",
  check: (resources) =>
    resources
      .filter((r) => r.type === "azure-native:keyvault:Vault")
      .filter(
        (vault) =>
          !dependents(resources, "azure-native:monitor:DiagnosticSetting", "resourceUri", vault).some(
            logsAudit,
          ),
      )
      .map((vault) => ({
        urn: vault.urn,
        message: `key vault ${vault.name} has no DiagnosticSetting (resourceUri) with logs enabled for category AuditEvent or categoryGroup audit/allLogs`,
      })),
});
