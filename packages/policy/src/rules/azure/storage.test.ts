import { finra, gdpr, hipaa } from "@palisade/core";
import { describe, expect, it } from "vitest";
import {
  UNKNOWN,
  analyzeRule,
  describeRule,
  requirementsOf,
  undeterminedOf,
  type KitResource,
} from "../../test-support";
import {
  blobVersioningSoftDelete,
  storageAccountSecure,
  storageGeoReplicaRegion,
  storageLifecycleDeletion,
  storageRecordsAuditLogs,
  storageRecordsProtected,
  storageRecordsRedundant,
  storageRecordsWorm,
} from "./storage";

const cmk = {
  keySource: "Microsoft.Keyvault",
  keyVaultProperties: { keyName: "k", keyVaultUri: "https://kv.vault.azure.net" },
};
const account = (props: Record<string, unknown>, deps?: Record<string, string[]>): KitResource => ({
  type: "azure-native:storage:StorageAccount",
  name: "sa",
  props: {
    resourceGroupName: "rg",
    kind: "StorageV2",
    minimumTlsVersion: "TLS1_2",
    allowBlobPublicAccess: false,
    encryption: cmk,
    ...props,
  },
  ...(deps ? { propertyDependencies: deps } : {}),
});
const key: KitResource = {
  type: "azure-native:keyvault:Key",
  name: "key",
  props: { keyName: "k", vaultName: UNKNOWN },
};
const vault: KitResource = { type: "azure-native:keyvault:Vault", name: "kv", props: { vaultName: "kv" } };
const otherKind: KitResource = { type: "azure-native:operationalinsights:Workspace", name: "ws", props: {} };

describeRule(storageAccountSecure, {
  baseline: hipaa,
  compliant: [
    [account({})],
    [
      account({
        enableHttpsTrafficOnly: true,
        minimumTlsVersion: "TLS1_3",
        encryption: { keySource: "microsoft.keyvault" },
      }),
    ],
    // The key is created in the same preview: azure-native leaves the whole encryption object unknown.
    [key, account({ encryption: UNKNOWN }, { encryption: ["key"] })],
    [vault, account({ encryption: UNKNOWN }, { encryption: ["kv"] })],
  ],
  requirements: {
    "https-only": {
      violating: [[account({ enableHttpsTrafficOnly: false })]],
      unknown: [[account({ enableHttpsTrafficOnly: UNKNOWN })]],
    },
    "minimum-tls": {
      violating: [
        [account({ minimumTlsVersion: "TLS1_0" })],
        [account({ minimumTlsVersion: "TLS1_1" })],
        [account({ minimumTlsVersion: undefined })],
      ],
      unknown: [[account({ minimumTlsVersion: UNKNOWN })]],
    },
    "no-public-blob-access": {
      violating: [[account({ allowBlobPublicAccess: true })]],
      // The pinned API's default is false.
      compliant: [[account({ allowBlobPublicAccess: undefined })]],
      unknown: [[account({ allowBlobPublicAccess: UNKNOWN })]],
    },
    "customer-key": {
      violating: [
        [account({ encryption: undefined })],
        [account({ encryption: { keySource: "Microsoft.Storage" } })],
        [account({ encryption: {} })],
      ],
      // Unknown and depending on nothing that is a Key Vault key: judged after deployment.
      unknown: [
        [account({ encryption: UNKNOWN })],
        [otherKind, account({ encryption: UNKNOWN }, { encryption: ["ws"] })],
        [account({ encryption: { keySource: UNKNOWN } })],
      ],
      decidedWhenUnknown: [[key, account({ encryption: UNKNOWN }, { encryption: ["key"] })]],
    },
  },
});

describe("azure-storage-account-secure at preview", () => {
  it("reports public blob access while the customer key is undetermined, instead of only undetermined", async () => {
    const result = await analyzeRule(
      storageAccountSecure,
      [account({ allowBlobPublicAccess: true, encryption: UNKNOWN })],
      { baseline: hipaa },
    );
    expect(requirementsOf(result)).toEqual(["azure-storage-account-secure/no-public-blob-access"]);
    expect(undeterminedOf(result)).toEqual(["azure-storage-account-secure/customer-key"]);
  });
});

const blob = (props: Record<string, unknown>, target = "sa"): KitResource => ({
  type: "azure-native:storage:BlobServiceProperties",
  name: `blob-${target}`,
  props: { accountName: UNKNOWN, resourceGroupName: UNKNOWN, ...props },
  propertyDependencies: { accountName: [target] },
});
const enabled = { isVersioningEnabled: true, deleteRetentionPolicy: { enabled: true, days: 30 } };
const newAccount: KitResource = {
  type: "azure-native:storage:StorageAccount",
  name: "sa",
  props: { accountName: UNKNOWN, resourceGroupName: UNKNOWN },
};

describeRule(blobVersioningSoftDelete, {
  baseline: hipaa,
  compliant: [[newAccount, blob(enabled)]],
  requirements: {
    versioning: {
      violating: [
        [newAccount, blob({ ...enabled, isVersioningEnabled: false })],
        [newAccount, blob({ deleteRetentionPolicy: enabled.deleteRetentionPolicy })],
      ],
      unknown: [[newAccount, blob({ ...enabled, isVersioningEnabled: UNKNOWN })]],
    },
    "soft-delete": {
      violating: [
        [newAccount, blob({ ...enabled, deleteRetentionPolicy: { enabled: false } })],
        [newAccount, blob({ isVersioningEnabled: true })],
      ],
      unknown: [[newAccount, blob({ ...enabled, deleteRetentionPolicy: UNKNOWN })]],
    },
  },
});

describe("azure-storage-blob-versioning-soft-delete", () => {
  it("reports both requirements when the account has no BlobServiceProperties, or one for another account", async () => {
    for (const resources of [[newAccount], [newAccount, blob(enabled, "other")]]) {
      const result = await analyzeRule(blobVersioningSoftDelete, resources, { baseline: hipaa });
      expect(requirementsOf(result)).toEqual([
        "azure-storage-blob-versioning-soft-delete/versioning",
        "azure-storage-blob-versioning-soft-delete/soft-delete",
      ]);
    }
  });
});

const placed = (sku: string, location: unknown = "westeurope"): KitResource => ({
  type: "azure-native:storage:StorageAccount",
  name: "sa",
  props: { resourceGroupName: UNKNOWN, location, sku: { name: sku } },
});

describeRule(storageGeoReplicaRegion, {
  baseline: gdpr,
  compliant: [
    [placed("Standard_GRS")],
    [placed("Standard_RAGZRS", "North Europe")],
    [placed("Standard_LRS", "eastus")],
  ],
  requirements: {
    "paired-region-allowed": {
      violating: [
        // France South's pair is allowed, but not the reverse in a narrower list.
        {
          resources: [placed("Standard_GZRS", "francecentral")],
          config: { allowedRegions: ["francecentral"] },
        },
        [placed("Standard_RAGRS", "uksouth")],
        // No pair: geo-redundancy has no allowed region to go to.
        [placed("Standard_GRS", "italynorth")],
        [placed("Standard_GRS", 42)],
        // No location, and nothing to default it from.
        [{ ...placed("Standard_GRS"), props: { resourceGroupName: UNKNOWN, sku: { name: "Standard_GRS" } } }],
      ],
      compliant: [[placed("Premium_ZRS", "polandcentral")], [placed("Standard_GRS", "swedencentral")]],
      unknown: [
        [placed("Standard_GRS", UNKNOWN)],
        [{ ...placed("x"), props: { location: "westeurope", sku: UNKNOWN } }],
      ],
      decidedWhenUnknown: [[placed("Standard_ZRS", UNKNOWN)]],
    },
  },
});

const pdAccount = (tags?: Record<string, string>): KitResource => ({
  type: "azure-native:storage:StorageAccount",
  name: "sa",
  props: { resourceGroupName: UNKNOWN, accountName: UNKNOWN, ...(tags ? { tags } : {}) },
});
const deleteAfter = (days: number) => ({ daysAfterModificationGreaterThan: days });
const lifecycleRule = (actions: Record<string, unknown>, more: Record<string, unknown> = {}) => ({
  name: "expire",
  type: "Lifecycle",
  definition: { filters: { blobTypes: ["blockBlob", "appendBlob"] }, actions },
  ...more,
});
const policy = (...rules: unknown[]): KitResource => ({
  type: "azure-native:storage:ManagementPolicy",
  name: "lifecycle",
  props: { accountName: UNKNOWN, resourceGroupName: UNKNOWN, policy: { rules } },
  propertyDependencies: { accountName: ["sa"] },
});
const versioned = (isVersioningEnabled: unknown = true): KitResource => blob({ isVersioningEnabled });
const expiring = lifecycleRule({
  baseBlob: { delete: deleteAfter(365) },
  version: { delete: { daysAfterCreationGreaterThan: 30 } },
});

describeRule(storageLifecycleDeletion, {
  baseline: gdpr,
  compliant: [
    [pdAccount(), versioned(), policy(expiring)],
    // Without versioning, no previous versions are kept: base blobs are enough.
    [pdAccount(), policy(lifecycleRule({ baseBlob: { delete: { daysAfterCreationGreaterThan: 2192 } } }))],
    // Two rules, one blob type each.
    [
      pdAccount({ "data-classification": "pd" }),
      versioned(false),
      policy(
        lifecycleRule(
          { baseBlob: { delete: deleteAfter(90) } },
          {
            definition: {
              filters: { blobTypes: ["blockBlob"] },
              actions: { baseBlob: { delete: deleteAfter(90) } },
            },
          },
        ),
        lifecycleRule(
          {},
          {
            definition: {
              filters: { blobTypes: ["appendBlob"] },
              actions: { baseBlob: { delete: deleteAfter(30) } },
            },
          },
        ),
      ),
    ],
  ],
  requirements: {
    "base-blob-deletion": {
      violating: [
        [pdAccount()],
        [pdAccount(), policy(lifecycleRule({ baseBlob: { delete: deleteAfter(2193) } }))],
        [pdAccount(), policy(lifecycleRule({ baseBlob: { delete: deleteAfter(365) } }, { enabled: false }))],
        // Only some blobs: a prefix, a blob-index filter, one blob type.
        [
          pdAccount(),
          policy(
            lifecycleRule(
              {},
              {
                definition: {
                  filters: { blobTypes: ["blockBlob", "appendBlob"], prefixMatch: ["logs/"] },
                  actions: { baseBlob: { delete: deleteAfter(30) } },
                },
              },
            ),
          ),
        ],
        [
          pdAccount(),
          policy(
            lifecycleRule(
              {},
              {
                definition: {
                  filters: {
                    blobTypes: ["blockBlob", "appendBlob"],
                    blobIndexMatch: [{ name: "k", op: "==", value: "v" }],
                  },
                  actions: { baseBlob: { delete: deleteAfter(30) } },
                },
              },
            ),
          ),
        ],
        [
          pdAccount(),
          policy(
            lifecycleRule(
              {},
              {
                definition: {
                  filters: { blobTypes: ["blockBlob"] },
                  actions: { baseBlob: { delete: deleteAfter(30) } },
                },
              },
            ),
          ),
        ],
        // Last access is no bound: reading a blob keeps it.
        [
          pdAccount(),
          policy(lifecycleRule({ baseBlob: { delete: { daysAfterLastAccessTimeGreaterThan: 30 } } })),
        ],
        {
          resources: [pdAccount(), policy(lifecycleRule({ baseBlob: { delete: deleteAfter(365) } }))],
          config: { maxRetentionDays: 180 },
        },
      ],
      unknown: [
        [
          pdAccount(),
          policy(lifecycleRule({ baseBlob: { delete: { daysAfterModificationGreaterThan: UNKNOWN } } })),
        ],
      ],
      outOfScope: [
        [pdAccount({ "data-classification": "finra-records" })],
        { resources: [pdAccount()], config: { judgeUnclassified: false } },
      ],
    },
    "version-deletion": {
      violating: [
        [pdAccount(), versioned(), policy(lifecycleRule({ baseBlob: { delete: deleteAfter(365) } }))],
        [
          pdAccount(),
          versioned(),
          policy(
            lifecycleRule({
              baseBlob: { delete: deleteAfter(365) },
              version: { delete: { daysAfterCreationGreaterThan: 4000 } },
            }),
          ),
        ],
        // Unknown versioning may keep versions: judged.
        [pdAccount(), versioned(UNKNOWN), policy(lifecycleRule({ baseBlob: { delete: deleteAfter(365) } }))],
      ],
      unknown: [
        [
          pdAccount(),
          versioned(),
          policy(
            lifecycleRule({
              baseBlob: { delete: deleteAfter(365) },
              version: { delete: { daysAfterCreationGreaterThan: UNKNOWN } },
            }),
          ),
        ],
      ],
      outOfScope: [[pdAccount({ "data-classification": "public" }), versioned()]],
    },
  },
});

const RECORDS = { "data-classification": "finra-records" };
const lockedWorm = (policy: Record<string, unknown> = {}, more: Record<string, unknown> = {}) => ({
  enabled: true,
  immutabilityPolicy: { immutabilityPeriodSinceCreationInDays: 2192, state: "Locked", ...policy },
  ...more,
});
const records = (props: Record<string, unknown> = {}, protect?: boolean): KitResource => ({
  type: "azure-native:storage:StorageAccount",
  name: "sa",
  props: {
    resourceGroupName: UNKNOWN,
    accountName: UNKNOWN,
    kind: "StorageV2",
    sku: { name: "Standard_GZRS" },
    tags: RECORDS,
    immutableStorageWithVersioning: lockedWorm(),
    ...props,
  },
  ...(protect === undefined ? {} : { protect }),
});
const untagged = (props: Record<string, unknown> = {}) => {
  const { tags: _tags, ...rest } = records(props).props;
  return { ...records(), props: rest };
};
const otherClass = (props: Record<string, unknown> = {}) =>
  records({ tags: { "data-classification": "confidential" }, ...props });

describeRule(storageRecordsWorm, {
  baseline: finra,
  compliant: [
    [records(), versioned()],
    // Append writes allowed, a longer period, a flat namespace said out loud.
    [
      records({
        isHnsEnabled: false,
        immutableStorageWithVersioning: lockedWorm({
          immutabilityPeriodSinceCreationInDays: 3653,
          allowProtectedAppendWrites: true,
        }),
      }),
      versioned(),
    ],
    // A record class with a shorter retention (SEC 17a-4(b), three years).
    {
      resources: [
        records({
          tags: { ...RECORDS, "record-class": "communications" },
          immutableStorageWithVersioning: lockedWorm({ immutabilityPeriodSinceCreationInDays: 1096 }),
        }),
        versioned(),
      ],
      config: { recordClassRetentionDays: { communications: 1096 } },
    },
  ],
  requirements: {
    "immutability-enabled": {
      violating: [
        [records({ immutableStorageWithVersioning: lockedWorm({}, { enabled: false }) }), versioned()],
        [records({ immutableStorageWithVersioning: lockedWorm({}, { enabled: undefined }) }), versioned()],
      ],
      unknown: [
        [records({ immutableStorageWithVersioning: lockedWorm({}, { enabled: UNKNOWN }) }), versioned()],
      ],
      outOfScope: [
        [untagged(), versioned()],
        [otherClass(), versioned()],
      ],
    },
    locked: {
      violating: [
        [records({ immutableStorageWithVersioning: lockedWorm({ state: "Unlocked" }) }), versioned()],
        [records({ immutableStorageWithVersioning: lockedWorm({ state: "Disabled" }) }), versioned()],
        [records({ immutableStorageWithVersioning: lockedWorm({ state: undefined }) }), versioned()],
      ],
      unknown: [[records({ immutableStorageWithVersioning: lockedWorm({ state: UNKNOWN }) }), versioned()]],
      outOfScope: [[untagged({ immutableStorageWithVersioning: undefined })]],
    },
    retention: {
      violating: [
        [
          records({
            immutableStorageWithVersioning: lockedWorm({ immutabilityPeriodSinceCreationInDays: 2191 }),
          }),
          versioned(),
        ],
        [
          records({
            immutableStorageWithVersioning: lockedWorm({ immutabilityPeriodSinceCreationInDays: undefined }),
          }),
          versioned(),
        ],
        [
          records({
            immutableStorageWithVersioning: lockedWorm({ immutabilityPeriodSinceCreationInDays: "6y" }),
          }),
          versioned(),
        ],
        // The class's own retention, longer than the default.
        {
          resources: [records({ tags: { ...RECORDS, "record-class": "ledger-2026" } }), versioned()],
          config: { recordClassRetentionDays: { "ledger-2026": 3653 } },
        },
        // Another class's retention does not apply.
        {
          resources: [
            records({
              tags: { ...RECORDS, "record-class": "ledger" },
              immutableStorageWithVersioning: lockedWorm({ immutabilityPeriodSinceCreationInDays: 1096 }),
            }),
            versioned(),
          ],
          config: { recordClassRetentionDays: { communications: 1096 } },
        },
        { resources: [records(), versioned()], config: { recordRetentionDays: 2557 } },
      ],
      unknown: [
        [
          records({
            immutableStorageWithVersioning: lockedWorm({ immutabilityPeriodSinceCreationInDays: UNKNOWN }),
          }),
          versioned(),
        ],
      ],
      outOfScope: [{ resources: [otherClass(), versioned()], config: { recordsClasses: ["ledger"] } }],
    },
    versioning: {
      violating: [
        [records()],
        [records(), versioned(false)],
        [records(), blob({ isVersioningEnabled: true }, "other")],
      ],
      unknown: [[records(), versioned(UNKNOWN)]],
      outOfScope: [[untagged()]],
    },
    "no-hierarchical-namespace": {
      violating: [[records({ isHnsEnabled: true }), versioned()]],
      unknown: [[records({ isHnsEnabled: UNKNOWN }), versioned()]],
      outOfScope: [[otherClass({ isHnsEnabled: true }), versioned()]],
    },
  },
});

describeRule(storageRecordsProtected, {
  baseline: finra,
  compliant: [records({}, true)],
  requirements: {
    protect: {
      violating: [records({}, false), records()],
      unknown: [records({ tags: UNKNOWN }, true)],
      decidedWhenUnknown: [records({ sku: UNKNOWN, immutableStorageWithVersioning: UNKNOWN }, true)],
      outOfScope: [untagged(), otherClass()],
    },
  },
});

describeRule(storageRecordsRedundant, {
  baseline: finra,
  compliant: [
    records(),
    records({ sku: { name: "Standard_GRS" } }),
    records({ sku: { name: "Standard_RAGRS" } }),
    records({ sku: { name: "Standard_RAGZRS" } }),
  ],
  requirements: {
    "geo-redundant": {
      violating: [
        records({ sku: { name: "Standard_ZRS" } }),
        records({ sku: { name: "Standard_LRS" } }),
        records({ sku: { name: "Premium_ZRS" } }),
        records({ sku: undefined }),
      ],
      unknown: [records({ sku: { name: UNKNOWN } }), records({ tags: UNKNOWN })],
      outOfScope: [untagged({ sku: { name: "Standard_LRS" } }), otherClass()],
    },
  },
});

const diagnostics = (
  logs: unknown,
  deps: Record<string, string[]> = { resourceUri: ["sa"] },
  more: Record<string, unknown> = {},
  name = "blob-diagnostics",
): KitResource => ({
  type: "azure-native:monitor:DiagnosticSetting",
  name,
  props: { resourceUri: UNKNOWN, workspaceId: UNKNOWN, logs, ...more },
  propertyDependencies: deps,
});
const log = (category: string, enabled: unknown = true) => ({ category, enabled });
const allBlobLogs = [log("StorageRead"), log("StorageWrite"), log("StorageDelete")];
const BLOB_URI =
  "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa1/blobServices/default";

describeRule(storageRecordsAuditLogs, {
  baseline: finra,
  compliant: [
    [records(), diagnostics(allBlobLogs)],
    [records(), diagnostics([{ categoryGroup: "allLogs", enabled: true }])],
    // Joined through the BlobServiceProperties (its id is the blob service's), categories in any case.
    [
      records(),
      versioned(),
      diagnostics([log("storageread"), log("STORAGEWRITE"), log("StorageDelete")], {
        resourceUri: ["blob-sa"],
      }),
    ],
    // Split over two settings; a known resourceUri naming the blob service.
    [
      records(),
      diagnostics([log("StorageRead")], { resourceUri: ["sa"] }, { resourceUri: BLOB_URI }),
      diagnostics([log("StorageWrite"), log("StorageDelete")], undefined, {}, "second"),
    ],
  ],
  requirements: {
    "blob-write-delete-logged": {
      violating: [
        [records(), diagnostics([log("StorageRead")])],
        [records(), diagnostics([log("StorageRead"), log("StorageWrite")])],
        // Categories in lower case: a message names the category it wants, which a value spelt the same
        // way would count as quoted.
        [records(), diagnostics([log("StorageRead"), log("StorageDelete"), log("storagewrite", false)])],
        // The audit group is not counted (which blob categories it holds is undocumented here).
        [records(), diagnostics([log("StorageRead"), { categoryGroup: "audit", enabled: true }])],
        [records(), diagnostics([log("StorageRead"), { categoryGroup: "allLogs", enabled: false }])],
      ],
      compliant: [
        [records(), diagnostics([log("StorageWrite"), log("StorageDelete"), log("StorageRead"), null])],
      ],
      unknown: [
        [records(), diagnostics([log("StorageRead"), log("StorageWrite"), log("StorageDelete", UNKNOWN)])],
      ],
      outOfScope: [
        [untagged()],
        [otherClass()],
        { resources: [records()], config: { recordAuditTrailManagedCentrally: true } },
      ],
    },
    "blob-read-logged": {
      violating: [
        [records(), diagnostics([log("StorageWrite"), log("StorageDelete")])],
        [records(), diagnostics([log("StorageWrite"), log("StorageDelete"), log("storageread", false)])],
      ],
      unknown: [
        [records(), diagnostics([log("StorageWrite"), log("StorageDelete"), log("StorageRead", UNKNOWN)])],
      ],
      outOfScope: [{ resources: [otherClass()], config: { recordAuditTrailManagedCentrally: true } }],
    },
  },
});

describe("azure-storage-account-records-audit-logs", () => {
  const both = [
    "azure-storage-account-records-audit-logs/blob-write-delete-logged",
    "azure-storage-account-records-audit-logs/blob-read-logged",
  ];
  it("reports both requirements with no setting, a setting of another account, or one on the account itself", async () => {
    for (const resources of [
      [records()],
      [records(), diagnostics(allBlobLogs, { resourceUri: ["other"] })],
      [
        records(),
        diagnostics(
          allBlobLogs,
          { resourceUri: ["sa"] },
          {
            resourceUri:
              "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa1",
          },
        ),
      ],
      [
        records(),
        diagnostics(
          allBlobLogs,
          { resourceUri: ["sa"] },
          { resourceUri: `${BLOB_URI.replace("blob", "file")}` },
        ),
      ],
      [records(), diagnostics(UNKNOWN, { resourceUri: ["sa"] }, { resourceUri: 42 })],
    ]) {
      const result = await analyzeRule(storageRecordsAuditLogs, resources, { baseline: finra });
      expect(requirementsOf(result)).toEqual(both);
    }
  });
});
