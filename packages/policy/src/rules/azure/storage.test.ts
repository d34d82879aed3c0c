import { hipaa } from "@palisade/core";
import { describe, expect, it } from "vitest";
import {
  UNKNOWN,
  analyzeRule,
  describeRule,
  requirementsOf,
  undeterminedOf,
  type KitResource,
} from "../../test-support";
import { blobVersioningSoftDelete, storageAccountSecure } from "./storage";

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
