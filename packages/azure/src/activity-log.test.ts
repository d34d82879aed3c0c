import * as pulumi from "@pulumi/pulumi";
import { customizeBaseline, finra, gdpr, hipaa } from "@palisade/core";
import { expectRejected } from "@palisade/core/test-support";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ACTIVITY_LOG_CATEGORIES, ActivityLog, type ActivityLogArgs } from "./activity-log";
import {
  azureHipaaFindings,
  azureStack,
  COMPONENT_CASES,
  LOCATION,
  rejectedPaths,
  RESOURCE_GROUP,
  VAULT,
  WORKSPACE_CUSTOMER_ID,
} from "./test-support";

const WORKSPACE = "azure-native:operationalinsights:Workspace";
const TABLE = "azure-native:operationalinsights:Table";
const SETTING = "azure-native:monitor:SubscriptionDiagnosticSetting";
const ACCOUNT = "azure-native:storage:StorageAccount";

async function built(args: Partial<ActivityLogArgs> = {}, name = "audit") {
  const stack = await azureStack();
  const component = new ActivityLog(name, {
    ...COMPONENT_CASES.ActivityLog.args,
    ...args,
  });
  return { stack: await stack.settle(), component };
}

afterEach(() => vi.restoreAllMocks());

describe("ActivityLog", () => {
  it("keeps the log in a retained PerGB2018 workspace, Entra ID only, closed to public ingestion", async () => {
    const { stack } = await built({ archive: undefined });
    const workspace = stack.one(WORKSPACE, "audit-log");
    expect(workspace.retainOnDelete).toBe(true);
    expect(workspace.inputs).toEqual({
      resourceGroupName: RESOURCE_GROUP,
      location: LOCATION,
      tags: { "managed-by": "palisade" },
      sku: { name: "PerGB2018" },
      retentionInDays: 365,
      publicNetworkAccessForIngestion: "Disabled",
      publicNetworkAccessForQuery: "Enabled",
      features: {
        disableLocalAuth: true,
        enableLogAccessUsingOnlyResourcePermissions: true,
        immediatePurgeDataOn30Days: false,
      },
    });
    expect(stack.ofType(TABLE)).toEqual([]);
  });

  it("sends every activity-log category to the workspace through a subscription diagnostic setting", async () => {
    const { stack } = await built({ archive: undefined });
    const setting = stack.one(SETTING, "audit-activity");
    expect(setting.retainOnDelete).toBe(true);
    expect(setting.inputs).toEqual({
      workspaceId: "audit-log-id",
      logs: [
        "Administrative",
        "Security",
        "ServiceHealth",
        "Alert",
        "Recommendation",
        "Policy",
        "Autoscale",
        "ResourceHealth",
      ].map((category) => ({ category, enabled: true })),
    });
    expect(ACTIVITY_LOG_CATEGORIES).toHaveLength(8);
    expect(stack.ofType("palisade:azure:EncryptedStorageAccount")).toEqual([]);
  });

  it("under HIPAA keeps 730 days interactively and six years on the AzureActivity table", async () => {
    const { stack } = await built({ baseline: hipaa, archive: undefined });
    expect(stack.one(WORKSPACE).inputs.retentionInDays).toBe(730);
    const table = stack.one(TABLE, "audit-log-AzureActivity");
    expect(table.retainOnDelete).toBe(true);
    expect(table.inputs).toEqual({
      resourceGroupName: RESOURCE_GROUP,
      workspaceName: "audit-log00000000",
      tableName: "AzureActivity",
      totalRetentionInDays: hipaa.auditLogRetentionDays.value,
    });
    expect(table.propertyDependencies.workspaceName).toEqual([stack.one(WORKSPACE).urn]);
  });

  it("keeps the other tables it is given as long, for resource logs sent to the workspace", async () => {
    const { stack } = await built({
      baseline: hipaa,
      archive: undefined,
      retainedTables: ["StorageBlobLogs", "AzureDiagnostics"],
    });
    expect(stack.ofType(TABLE).map((t) => [t.inputs.tableName, t.inputs.totalRetentionInDays])).toEqual([
      ["AzureActivity", 2192],
      ["StorageBlobLogs", 2192],
      ["AzureDiagnostics", 2192],
    ]);
  });

  it("closes the workspace to public queries, or opens it to public ingestion, when asked", async () => {
    const { stack } = await built({
      archive: undefined,
      publicNetworkAccessForQuery: "Disabled",
      publicNetworkAccessForIngestion: "Enabled",
    });
    expect(stack.one(WORKSPACE).inputs).toMatchObject({
      publicNetworkAccessForQuery: "Disabled",
      publicNetworkAccessForIngestion: "Enabled",
    });
  });

  it("archives to its own immutable customer-key account, which logs its blob access to the workspace", async () => {
    const { stack, component } = await built({ baseline: hipaa, tags: { team: "sec" } });
    const archive = stack.one("palisade:azure:EncryptedStorageAccount", "audit-arc");
    expect(archive.parent).toBe(stack.one("palisade:azure:ActivityLog").urn);
    const account = stack.one(ACCOUNT, "auditarcst");
    expect(account.retainOnDelete).toBe(true);
    expect(account.inputs).toMatchObject({
      location: LOCATION,
      tags: { team: "sec", "managed-by": "palisade" },
      encryption: { keySource: "Microsoft.Keyvault" },
      immutableStorageWithVersioning: {
        enabled: true,
        immutabilityPolicy: {
          immutabilityPeriodSinceCreationInDays: 2192,
          state: "Unlocked",
          allowProtectedAppendWrites: true,
        },
      },
    });
    expect(stack.one("azure-native:keyvault:Key", "audit-arc-key").inputs.vaultName).toBe(VAULT.vaultName);
    expect(stack.one(SETTING).inputs.storageAccountId).toBe("auditarcst-id");
    expect(
      stack.one("azure-native:monitor:DiagnosticSetting", "audit-arc-blob-diagnostics").inputs,
    ).toMatchObject({
      resourceUri: "auditarcst-id/blobServices/default",
      workspaceId: "audit-log-id",
    });
    expect(component.archive).toBeDefined();
  });

  it("locks the archive when acknowledged", async () => {
    const { stack } = await built({
      baseline: finra,
      archive: { keyVault: VAULT, lock: true },
      acknowledgeIrreversibleLock: true,
    });
    expect(stack.one(ACCOUNT).inputs.immutableStorageWithVersioning.immutabilityPolicy).toEqual({
      immutabilityPeriodSinceCreationInDays: 2192,
      state: "Locked",
      allowProtectedAppendWrites: true,
    });
    // FINRA protects the data: the workspace and the archive account alike.
    expect(stack.one(WORKSPACE).protect).toBe(true);
    expect(stack.one(ACCOUNT).protect).toBe(true);
  });

  it("under FINRA archives unlocked, warning in ActivityLog's terms, until archive.lock is set after the first deployment", async () => {
    const warn = vi.spyOn(pulumi.log, "warn");
    const { stack, component } = await built({ baseline: finra });
    expect(stack.one(ACCOUNT).inputs.immutableStorageWithVersioning.immutabilityPolicy).toEqual({
      immutabilityPeriodSinceCreationInDays: 2192,
      state: "Unlocked",
      allowProtectedAppendWrites: true,
    });
    expect(stack.one(ACCOUNT).protect).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(
      "archive.lock is off, so these records are not WORM yet (SEC 17a-4(f)(2)(i)(B) non-rewriteable, non-erasable format; FINRA 4511(c)); the cloud locks only on an update: after the first deployment set archive.lock: true with acknowledgeIrreversibleLock: true",
      component.archive,
    );
  });

  it("under GDPR expires archived logs once their year is over", async () => {
    const { stack } = await built({ baseline: gdpr });
    expect(stack.one(WORKSPACE).inputs.retentionInDays).toBe(365);
    expect(
      stack.one("azure-native:storage:ManagementPolicy").inputs.policy.rules[0].definition.actions,
    ).toEqual({
      baseBlob: { delete: { daysAfterModificationGreaterThan: 365 } },
      version: { delete: { daysAfterCreationGreaterThan: 365 } },
    });
  });

  it("outputs the workspace's ARM id, GUID and name", async () => {
    const stack = await azureStack();
    const component = new ActivityLog("audit", { resourceGroupName: RESOURCE_GROUP });
    const seen: Record<string, string> = {};
    for (const key of ["workspaceResourceId", "workspaceCustomerId", "workspaceName"] as const)
      component[key].apply((value) => (seen[key] = value));
    await stack.settle();
    expect(seen).toEqual({
      workspaceResourceId: "audit-log-id",
      workspaceCustomerId: WORKSPACE_CUSTOMER_ID,
      workspaceName: "audit-log00000000",
    });
  });

  it("meets the HIPAA pack's Azure policies, archive included", async () => {
    const { stack } = await built({ baseline: hipaa });
    expect(await azureHipaaFindings(stack)).toEqual([]);
    // The long-term retention is what satisfies HIPAA: without the table, the workspace fails.
    const withoutTable = await azureHipaaFindings(stack, (resources) =>
      resources.filter((r) => r.type !== TABLE),
    );
    expect(withoutTable.join("\n")).toContain("azure-operationalinsights-log-retention/workspace-retention");
  });
});

const twentyYears = customizeBaseline(hipaa, { auditLogRetentionDays: 7300 }, "board policy: twenty years");

describe("ActivityLog bad input", () => {
  it.each([
    ["args null", null, "args"],
    ["no resource group", { resourceGroupName: undefined }, "resourceGroupName"],
    ["an archive without a vault", { archive: {} }, "archive.keyVault"],
    ["an archive vault as an Output", { archive: { keyVault: pulumi.output(VAULT) } }, "archive.keyVault"],
    ["a lock without acknowledgement", { archive: { keyVault: VAULT, lock: true } }, "archive.lock"],
    [
      "an acknowledgement under FINRA without archive.lock",
      { baseline: finra, acknowledgeIrreversibleLock: true },
      "acknowledgeIrreversibleLock",
    ],
    [
      "an acknowledgement without an archive",
      { archive: undefined, acknowledgeIrreversibleLock: true },
      "acknowledgeIrreversibleLock",
    ],
    [
      "an acknowledgement with nothing locked",
      { acknowledgeIrreversibleLock: true },
      "acknowledgeIrreversibleLock",
    ],
    ["a retention beyond Log Analytics' 12 years", { baseline: twentyYears }, "baseline"],
    [
      "retained tables without long-term retention",
      { retainedTables: ["StorageBlobLogs"] },
      "retainedTables",
    ],
    ["a table name with '-'", { baseline: hipaa, retainedTables: ["Storage-Logs"] }, "retainedTables[0]"],
    ["AzureActivity twice", { baseline: hipaa, retainedTables: ["AzureActivity"] }, "retainedTables[0]"],
    ["an unknown query access", { publicNetworkAccessForQuery: "Open" }, "publicNetworkAccessForQuery"],
    ["a location outside the baseline", { baseline: gdpr, location: "eastus" }, "location"],
    ["a typo", { retainedTable: [] }, "retainedTable"],
  ] as const)("rejects %s", async (_, change, path) => {
    expect(await rejectedPaths("ActivityLog", change as Record<string, unknown> | null)).toEqual([path]);
  });

  it("names archive.lock, never the archive's immutability.lock, in the lock's problems", async () => {
    const stack = await azureStack();
    for (const [change, path] of [
      [{ baseline: finra, acknowledgeIrreversibleLock: true }, "acknowledgeIrreversibleLock"],
      [{ archive: undefined, acknowledgeIrreversibleLock: true }, "acknowledgeIrreversibleLock"],
      [{ archive: { keyVault: VAULT, lock: true } }, "archive.lock"],
    ] as const) {
      const error = expectRejected(
        () => new ActivityLog("audit", { ...COMPONENT_CASES.ActivityLog.args, ...change }),
        path,
        true,
      );
      expect(error.message).toContain("archive.lock");
      expect(error.message).not.toContain("immutability.lock");
    }
    await stack.settle();
    expect(stack.registrations).toEqual([]);
  });

  it("rejects a name the workspace or the archive account would refuse, once, naming `name`", async () => {
    // "subscription-audit" is fine for the workspace, but its archive account would pass 24 characters.
    expect(await rejectedPaths("ActivityLog", {}, "subscription-audit")).toEqual(["name"]);
    expect(await rejectedPaths("ActivityLog", { archive: undefined }, "a*b")).toEqual(["name"]);
    expect(await rejectedPaths("ActivityLog", { archive: undefined }, "x".repeat(60))).toEqual(["name"]);
    let message = "";
    try {
      new ActivityLog("subscription-audit", COMPONENT_CASES.ActivityLog.args);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("the archive account");
    expect(message).toContain("subscriptionauditarcst00000000");
    expect(message).toContain(
      "\"subscription-audit\" must be lowercase letters, digits and '-', with at most 11",
    );
  });

  it("still reports the archive's lock when the name is refused", async () => {
    expect(
      (
        await rejectedPaths("ActivityLog", { archive: { keyVault: VAULT, lock: true } }, "subscription-audit")
      ).sort(),
    ).toEqual(["archive.lock", "name"]);
  });

  it("takes a name without an archive that would not fit one", async () => {
    const { stack } = await built({ archive: undefined }, "subscription-audit");
    expect(stack.one(WORKSPACE).name).toBe("subscription-audit-log");
  });
});
