import { finra } from "@palisade/core";
import { describe, expect, it } from "vitest";
import { UNKNOWN, analyzeRule, describeRule, requirementsOf, type KitResource } from "../../test-support";
import { diagnosticSettingRecordsArchive } from "./monitor";

const RECORDS = { "data-classification": "finra-records" };
const locked = (policy: Record<string, unknown> = {}, enabled: unknown = true) => ({
  enabled,
  immutabilityPolicy: {
    immutabilityPeriodSinceCreationInDays: 2192,
    state: "Locked",
    allowProtectedAppendWrites: true,
    ...policy,
  },
});
const account = (name: string, props: Record<string, unknown> = {}): KitResource => ({
  type: "azure-native:storage:StorageAccount",
  name,
  props: { resourceGroupName: UNKNOWN, accountName: UNKNOWN, ...props },
});
const records = (tags: unknown = RECORDS) => account("records", { tags });
const archive = (worm: unknown = locked()) => account("archive", { immutableStorageWithVersioning: worm });
const blobService: KitResource = {
  type: "azure-native:storage:BlobServiceProperties",
  name: "records-blob",
  props: { accountName: UNKNOWN, resourceGroupName: UNKNOWN, isVersioningEnabled: true },
  propertyDependencies: { accountName: ["records"] },
};
const workspace = (retentionInDays?: number): KitResource => ({
  type: "azure-native:operationalinsights:Workspace",
  name: "logs",
  props: { resourceGroupName: UNKNOWN, ...(retentionInDays === undefined ? {} : { retentionInDays }) },
});
const table = (props: Record<string, unknown>, tableName = "StorageBlobLogs", ws = "logs"): KitResource => ({
  type: "azure-native:operationalinsights:Table",
  name: `table-${tableName}-${ws}`,
  props: { resourceGroupName: UNKNOWN, workspaceName: UNKNOWN, tableName, ...props },
  propertyDependencies: { workspaceName: [ws] },
});
const LOGS = [{ categoryGroup: "allLogs", enabled: true }];
/** A diagnostic setting on the records account's blob service. */
const setting = (
  destinations: Record<string, unknown>,
  deps: Record<string, string[]>,
  on: string[] = ["records"],
  logs: unknown = LOGS,
): KitResource => ({
  type: "azure-native:monitor:DiagnosticSetting",
  name: "records-blob-diagnostics",
  props: { resourceUri: UNKNOWN, logs, ...destinations },
  propertyDependencies: { resourceUri: on, ...deps },
});
const toArchive = (worm?: unknown, more: KitResource[] = []) => [
  records(),
  archive(worm),
  ...more,
  setting(
    { storageAccountId: UNKNOWN, workspaceId: UNKNOWN },
    { storageAccountId: ["archive"], workspaceId: ["logs"] },
  ),
];
const toWorkspace = (...more: KitResource[]) => [
  records(),
  workspace(),
  ...more,
  setting({ workspaceId: UNKNOWN }, { workspaceId: ["logs"] }),
];
const ARCHIVE_ID =
  "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/archive1";

describeRule(diagnosticSettingRecordsArchive, {
  baseline: finra,
  compliant: [
    toArchive(),
    // Joined through the records account's BlobServiceProperties; a longer period.
    [
      records(),
      blobService,
      archive(locked({ immutabilityPeriodSinceCreationInDays: 3653 })),
      setting({ storageAccountId: UNKNOWN }, { storageAccountId: ["archive"] }, ["records-blob"]),
    ],
    toWorkspace(table({ totalRetentionInDays: 2192 })),
    toWorkspace(table({ totalRetentionInDays: -1, retentionInDays: 2192 })),
    [records(), workspace(2192), setting({ workspaceId: UNKNOWN }, { workspaceId: ["logs"] })],
  ],
  requirements: {
    "archive-in-stack": {
      violating: [
        [records(), setting({ storageAccountId: ARCHIVE_ID }, {})],
        // A dependency on something that is not a storage account.
        [records(), workspace(), setting({ storageAccountId: UNKNOWN }, { storageAccountId: ["logs"] })],
      ],
      // Whether the setting archives at all is unknown: every requirement waits for it.
      unknown: [[records(), setting({ storageAccountId: UNKNOWN }, {})]],
      readsWith: ["archive-immutable", "archive-locked", "archive-retention", "log-analytics-retention"],
      outOfScope: [
        [records({ "data-classification": "confidential" }), setting({ storageAccountId: ARCHIVE_ID }, {})],
        [account("records"), setting({ storageAccountId: ARCHIVE_ID }, {})],
        // Metrics only: no audit trail to keep.
        [records(), setting({ storageAccountId: ARCHIVE_ID }, {}, ["records"], [])],
        [
          records(),
          setting(
            { storageAccountId: ARCHIVE_ID },
            {},
            ["records"],
            [{ categoryGroup: "allLogs", enabled: false }],
          ),
        ],
        // Logs of a resource that is not a storage account.
        [workspace(), setting({ storageAccountId: ARCHIVE_ID }, {}, ["logs"])],
      ],
    },
    "archive-immutable": {
      violating: [toArchive(locked({}, false)), toArchive(locked({}, "true"))],
      unknown: [toArchive(locked({}, UNKNOWN))],
      outOfScope: [
        [records(), archive(undefined), setting({}, { storageAccountId: ["archive"] }, ["archive"])],
      ],
    },
    "archive-locked": {
      violating: [toArchive(locked({ state: "Unlocked" })), toArchive(locked({ state: undefined }))],
      unknown: [toArchive(locked({ state: UNKNOWN }))],
      outOfScope: [
        [
          records(),
          archive(locked({ state: "Unlocked" })),
          setting({}, { storageAccountId: ["archive"] }, []),
        ],
      ],
    },
    "archive-retention": {
      violating: [
        toArchive(locked({ immutabilityPeriodSinceCreationInDays: 2191 })),
        toArchive(locked({ immutabilityPeriodSinceCreationInDays: undefined })),
        // The records account's own class sets the bar.
        {
          resources: [
            records({ ...RECORDS, "record-class": "ledger-2026" }),
            archive(),
            setting({ storageAccountId: UNKNOWN }, { storageAccountId: ["archive"] }),
          ],
          config: { recordClassRetentionDays: { "ledger-2026": 3653 } },
        },
      ],
      compliant: [
        {
          resources: [
            records({ ...RECORDS, "record-class": "comms" }),
            archive(locked({ immutabilityPeriodSinceCreationInDays: 1096 })),
            setting({ storageAccountId: UNKNOWN }, { storageAccountId: ["archive"] }),
          ],
          config: { recordClassRetentionDays: { comms: 1096 } },
        },
      ],
      unknown: [toArchive(locked({ immutabilityPeriodSinceCreationInDays: UNKNOWN }))],
      outOfScope: [
        [records({ "data-classification": "pd" }), archive(), setting({}, { storageAccountId: ["archive"] })],
      ],
    },
    "log-analytics-retention": {
      violating: [
        toWorkspace(),
        toWorkspace(table({ totalRetentionInDays: 730 })),
        // Another table's retention, or another workspace's table, does not keep blob logs.
        toWorkspace(table({ totalRetentionInDays: 2192 }, "AzureActivity")),
        toWorkspace(table({ totalRetentionInDays: 2192 }, "StorageBlobLogs", "other")),
        [records(), setting({ workspaceId: "/subscriptions/0000/workspaces/ws1" }, {})],
        [records(), setting({ eventHubAuthorizationRuleId: "/subscriptions/0000/rules/r1" }, {})],
        {
          resources: toWorkspace(table({ totalRetentionInDays: 2192 })),
          config: { recordRetentionDays: 2557 },
        },
        {
          resources: [
            records({ ...RECORDS, "record-class": "ledger-2026" }),
            workspace(),
            table({ totalRetentionInDays: 2192 }),
            setting({ workspaceId: UNKNOWN }, { workspaceId: ["logs"] }),
          ],
          config: { recordClassRetentionDays: { "ledger-2026": 3653 } },
        },
      ],
      unknown: [
        toWorkspace(table({ totalRetentionInDays: UNKNOWN })),
        [records(), setting({ workspaceId: UNKNOWN }, {})],
      ],
      outOfScope: [toWorkspace().map((r) => (r.name === "records" ? records({}) : r))],
    },
  },
});

describe("azure-monitor-diagnostic-setting-records-archive", () => {
  it("judges only the destination a setting has: a storage archive, else Log Analytics", async () => {
    const result = await analyzeRule(
      diagnosticSettingRecordsArchive,
      [
        records(),
        workspace(30),
        archive(locked({ state: "Unlocked" })),
        ...toArchive(locked({ state: "Unlocked" })).slice(2),
      ],
      { baseline: finra },
    );
    expect(requirementsOf(result)).toEqual([
      "azure-monitor-diagnostic-setting-records-archive/archive-locked",
    ]);
  });
});
