import { gdpr, hipaa } from "@palisade/core";
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
