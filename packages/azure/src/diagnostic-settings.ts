/**
 * Diagnostic settings in Azure Verified Modules' shape: every component that has logs takes
 * `diagnosticSettings`, a list of destinations, and sends the logs it names (Key Vault's audit log, a
 * storage account's blob reads, writes and deletes) to each.
 */
import type * as pulumi from "@pulumi/pulumi";
import { DiagnosticSetting } from "@pulumi/azure-native/monitor";
import { childName, shape, type ArgsSchema, type ProblemCollector } from "@palisade/core";
import type { AzureChildren } from "./children";

export interface DiagnosticSettingsArgs {
  /** The Log Analytics workspace the logs go to (resource id). */
  workspaceResourceId: pulumi.Input<string>;
  /**
   * A storage account the logs are also archived to (resource id), for retention beyond the workspace's.
   * @default none
   */
  storageAccountResourceId?: pulumi.Input<string>;
}

export const DIAGNOSTIC_SETTINGS_SCHEMA: ArgsSchema = shape.array(
  shape.object(
    {
      workspaceResourceId: shape.input(shape.string("must be a Log Analytics workspace resource id")),
      storageAccountResourceId: shape.input(shape.string("must be a storage account resource id")),
    },
    { required: ["workspaceResourceId"] },
  ),
  "must be a list of { workspaceResourceId, storageAccountResourceId? } destinations",
);

/** What a component logs: category groups (`audit`, `allLogs`) or single categories (`StorageRead`). */
export interface LogSelection {
  categoryGroups?: readonly string[];
  categories?: readonly string[];
}

/**
 * Requires at least one destination: a component whose logs are the audit trail of regulated data must
 * send them somewhere (`requiredBecause` says why).
 */
export function checkDiagnosticSettings(
  problems: ProblemCollector,
  path: string,
  value: readonly DiagnosticSettingsArgs[] | undefined,
  requiredBecause: string,
): void {
  problems.require(
    value !== undefined && value.length > 0,
    path,
    value,
    `must name at least one Log Analytics workspace: ${requiredBecause}`,
  );
}

/** One diagnostic setting per destination on `resourceUri`, each a guard of the resource it logs. */
export function createDiagnosticSettings(
  children: AzureChildren,
  name: string,
  resourceUri: pulumi.Input<string>,
  destinations: readonly DiagnosticSettingsArgs[],
  logs: LogSelection,
): DiagnosticSetting[] {
  return destinations.map((destination, index) =>
    children.create(
      DiagnosticSetting,
      childName(name, destinations.length === 1 ? "diagnostics" : `diagnostics-${index}`),
      {},
      {
        resourceUri,
        workspaceId: destination.workspaceResourceId,
        storageAccountId: destination.storageAccountResourceId,
        logs: [
          ...(logs.categoryGroups ?? []).map((categoryGroup) => ({ categoryGroup, enabled: true })),
          ...(logs.categories ?? []).map((category) => ({ category, enabled: true })),
        ],
      },
      { role: "guard" },
    ),
  );
}
