import * as pulumi from "@pulumi/pulumi";
import { customizeBaseline, finra, gdpr, hipaa } from "@palisade/core";
import { expectRejected } from "@palisade/core/test-support";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  EncryptedStorageAccount,
  storageAccountLogicalName,
  vaultUriOf,
  type EncryptedStorageAccountArgs,
} from "./encrypted-storage-account";
import { KeyVault, type KeyVaultArgs } from "./key-vault";
import { isValidPhysicalName, physicalName } from "./names";
import {
  azureHipaaFindings,
  azureStack,
  BLOB_ZONE_ID,
  COMPONENT_CASES,
  LOCATION,
  rejectedPaths,
  RESOURCE_GROUP,
  SUBNET_ID,
  SUBSCRIPTION,
  VAULT,
  WORKSPACE_ID,
} from "./test-support";

const ACCOUNT = "azure-native:storage:StorageAccount";
const BLOB_SERVICE = "azure-native:storage:BlobServiceProperties";
const POLICY = "azure-native:storage:ManagementPolicy";

async function built(args: Partial<EncryptedStorageAccountArgs> = {}, name = "phi", preview = false) {
  const stack = await azureStack({ preview });
  const component = new EncryptedStorageAccount(name, {
    ...COMPONENT_CASES.EncryptedStorageAccount.args,
    ...args,
  } as unknown as EncryptedStorageAccountArgs);
  return { stack: await stack.settle(), component };
}

afterEach(() => vi.restoreAllMocks());

describe("EncryptedStorageAccount", () => {
  it("is a StorageV2 account closed to the public network, Entra ID only, TLS 1.2, zone-redundant, retained", async () => {
    const { stack } = await built();
    const account = stack.one(ACCOUNT, "phist");
    expect(account.retainOnDelete).toBe(true);
    expect(account.inputs).toMatchObject({
      resourceGroupName: RESOURCE_GROUP,
      location: LOCATION,
      tags: { "managed-by": "palisade" },
      kind: "StorageV2",
      sku: { name: "Standard_ZRS" },
      minimumTlsVersion: "TLS1_2",
      enableHttpsTrafficOnly: true,
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
      defaultToOAuthAuthentication: true,
      publicNetworkAccess: "Disabled",
      networkRuleSet: {
        defaultAction: "Deny",
        bypass: "AzureServices",
        ipRules: [],
        virtualNetworkRules: [],
      },
      allowCrossTenantReplication: false,
      allowedCopyScope: "PrivateLink",
      isLocalUserEnabled: false,
      isSftpEnabled: false,
    });
    expect(account.inputs).not.toHaveProperty("immutableStorageWithVersioning");
  });

  it("encrypts every service with its key through its own identity, following rotation (no key version)", async () => {
    const { stack } = await built();
    const account = stack.one(ACCOUNT, "phist");
    const identity = stack.one("azure-native:managedidentity:UserAssignedIdentity", "phi-id");
    const service = { enabled: true, keyType: "Account" };
    expect(account.inputs.identity).toEqual({ type: "UserAssigned", userAssignedIdentities: ["phi-id-id"] });
    expect(account.inputs.encryption).toEqual({
      keySource: "Microsoft.Keyvault",
      keyVaultProperties: { keyName: "phi-key", keyVaultUri: "https://vault.vault.azure.net/" },
      encryptionIdentity: { encryptionUserAssignedIdentity: "phi-id-id" },
      requireInfrastructureEncryption: true,
      services: { blob: service, file: service, queue: service, table: service },
    });
    expect(identity).toMatchObject({
      retainOnDelete: true,
      inputs: { resourceGroupName: RESOURCE_GROUP, location: LOCATION, tags: { "managed-by": "palisade" } },
    });
  });

  it("creates its key in the given vault and grants the identity that key only, before the account exists", async () => {
    const { stack } = await built({ baseline: hipaa });
    const key = stack.one("azure-native:keyvault:Key", "phi-key");
    expect(key.retainOnDelete).toBe(true);
    expect(key.inputs).toMatchObject({
      resourceGroupName: VAULT.vaultResourceGroupName,
      vaultName: VAULT.vaultName,
      properties: { kty: "RSA-HSM", keyOps: ["wrapKey", "unwrapKey"] },
    });
    const grant = stack.one("azure-native:authorization:RoleAssignment", "phi-key-user");
    expect(grant.retainOnDelete).toBe(true);
    expect(grant.inputs).toEqual({
      principalId: "principal-of-phi-id",
      principalType: "ServicePrincipal",
      roleDefinitionId: `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/e147488a-f6f5-4113-8e2d-b22465e65bf6`,
      scope: "phi-key-id",
    });
    expect(stack.one(ACCOUNT).dependsOn).toContain(grant.urn);
  });

  it("takes a KeyVault component as its vault", async () => {
    const stack = await azureStack();
    const vault = new KeyVault("vault", COMPONENT_CASES.KeyVault.args as unknown as KeyVaultArgs);
    new EncryptedStorageAccount("phi", {
      ...COMPONENT_CASES.EncryptedStorageAccount.args,
      keyVault: vault,
    } as unknown as EncryptedStorageAccountArgs);
    await stack.settle();
    expect(stack.one("azure-native:keyvault:Key", "phi-key").inputs).toMatchObject({
      resourceGroupName: RESOURCE_GROUP,
      vaultName: "vault-kv00000000",
    });
  });

  it("in a first preview, still joins the account's encryption to the key (what the HIPAA rule judges)", async () => {
    const { stack } = await built({}, "phi", true);
    const key = stack.one("azure-native:keyvault:Key");
    const account = stack.one(ACCOUNT);
    expect(account.propertyDependencies.encryption).toContain(key.urn);
    expect(stack.one(BLOB_SERVICE).propertyDependencies.accountName).toEqual([account.urn]);
  });

  it("versions blobs, soft-deletes blobs and containers for 30 days and keeps the change feed, as a guard", async () => {
    const { stack } = await built();
    const service = stack.one(BLOB_SERVICE, "phi-blob-service");
    expect(service.retainOnDelete).toBe(true);
    expect(service.inputs).toEqual({
      resourceGroupName: RESOURCE_GROUP,
      accountName: "phist00000000",
      blobServicesName: "default",
      isVersioningEnabled: true,
      deleteRetentionPolicy: { enabled: true, days: 30, allowPermanentDelete: false },
      containerDeleteRetentionPolicy: { enabled: true, days: 30 },
      changeFeed: { enabled: true },
    });
  });

  it("takes the soft-delete window and change feed retention it is given", async () => {
    const { stack } = await built({ softDeleteRetentionDays: 365, changeFeedRetentionDays: 400 });
    expect(stack.one(BLOB_SERVICE).inputs).toMatchObject({
      deleteRetentionPolicy: { days: 365 },
      containerDeleteRetentionPolicy: { days: 365 },
      changeFeed: { enabled: true, retentionInDays: 400 },
    });
  });

  it("deletes previous versions after 90 days by default and never deletes current blobs", async () => {
    const { stack } = await built();
    const policy = stack.one(POLICY, "phi-lifecycle");
    expect(policy.retainOnDelete).toBe(true);
    expect(policy.inputs).toEqual({
      resourceGroupName: RESOURCE_GROUP,
      accountName: "phist00000000",
      managementPolicyName: "default",
      policy: {
        rules: [
          {
            name: "palisadeExpiry",
            enabled: true,
            type: "Lifecycle",
            definition: {
              filters: { blobTypes: ["blockBlob", "appendBlob"] },
              actions: { version: { delete: { daysAfterCreationGreaterThan: 90 } } },
            },
          },
        ],
      },
    });
  });

  it("expires blobs and tiers block blobs to Cool when asked", async () => {
    const { stack } = await built({
      lifecycle: { deleteAfterDays: 400, coolAfterDays: 30, deletePreviousVersionsAfterDays: 60 },
    });
    expect(stack.one(POLICY).inputs.policy.rules).toEqual([
      {
        name: "palisadeExpiry",
        enabled: true,
        type: "Lifecycle",
        definition: {
          filters: { blobTypes: ["blockBlob", "appendBlob"] },
          actions: {
            baseBlob: { delete: { daysAfterModificationGreaterThan: 400 } },
            version: { delete: { daysAfterCreationGreaterThan: 60 } },
          },
        },
      },
      {
        name: "palisadeTiering",
        enabled: true,
        type: "Lifecycle",
        definition: {
          filters: { blobTypes: ["blockBlob"] },
          actions: { baseBlob: { tierToCool: { daysAfterModificationGreaterThan: 30 } } },
        },
      },
    ]);
  });

  it("keeps previous versions as long as immutability or the baseline's record retention asks", async () => {
    const immutable = await built({ immutability: { periodDays: 365 } });
    expect(immutable.stack.one(POLICY).inputs.policy.rules[0].definition.actions.version).toEqual({
      delete: { daysAfterCreationGreaterThan: 365 },
    });
    const records = await built({
      baseline: finra,
      immutability: { periodDays: 2192, lock: true },
      acknowledgeIrreversibleLock: true,
    });
    expect(records.stack.one(POLICY).inputs.policy.rules[0].definition.actions.version).toEqual({
      delete: { daysAfterCreationGreaterThan: 2192 },
    });
  });

  it("under GDPR expires blobs and the change feed after lifecycle.deleteAfterDays", async () => {
    const { stack } = await built({ baseline: gdpr, lifecycle: { deleteAfterDays: 365 } });
    expect(stack.one(BLOB_SERVICE).inputs.changeFeed).toEqual({ enabled: true, retentionInDays: 365 });
    expect(stack.one(POLICY).inputs.policy.rules[0].definition.actions.baseBlob).toEqual({
      delete: { daysAfterModificationGreaterThan: 365 },
    });
  });

  it("creates its containers private, after the soft-delete settings, and retains them", async () => {
    const { stack } = await built({ containers: ["records", "scans-2024"] });
    const containers = stack.ofType("azure-native:storage:BlobContainer");
    expect(containers.map((c) => c.name)).toEqual(["phi-container-records", "phi-container-scans-2024"]);
    for (const container of containers) {
      expect(container.inputs).toMatchObject({
        resourceGroupName: RESOURCE_GROUP,
        accountName: "phist00000000",
        publicAccess: "None",
      });
      expect(container.retainOnDelete).toBe(true);
      expect(container.dependsOn).toContain(stack.one(BLOB_SERVICE).urn);
    }
  });

  it("sends the blob service's read, write and delete log to every destination, as a retained guard", async () => {
    const { stack } = await built();
    const setting = stack.one("azure-native:monitor:DiagnosticSetting", "phi-blob-diagnostics");
    expect(setting.inputs).toEqual({
      resourceUri: "phist-id/blobServices/default",
      workspaceId: WORKSPACE_ID,
      logs: ["StorageRead", "StorageWrite", "StorageDelete"].map((category) => ({ category, enabled: true })),
    });
    expect(setting.retainOnDelete).toBe(true);
  });

  it("is reached through a blob private endpoint registered in the blob private DNS zone", async () => {
    const { stack } = await built();
    expect(stack.one("azure-native:network:PrivateEndpoint", "phi-blob-pe").inputs).toMatchObject({
      location: LOCATION,
      subnet: { id: SUBNET_ID },
      privateLinkServiceConnections: [{ privateLinkServiceId: "phist-id", groupIds: ["blob"] }],
    });
    expect(stack.one("azure-native:network:PrivateDnsZoneGroup", "phi-blob-pe-dns").inputs).toMatchObject({
      privateDnsZoneConfigs: [{ privateDnsZoneId: BLOB_ZONE_ID }],
    });
  });

  it("outputs the account, its blob endpoint, identity and key", async () => {
    const stack = await azureStack();
    const component = new EncryptedStorageAccount(
      "phi",
      COMPONENT_CASES.EncryptedStorageAccount.args as unknown as EncryptedStorageAccountArgs,
    );
    const seen: Record<string, string> = {};
    for (const key of ["accountId", "accountName", "blobEndpoint", "identityId", "keyId"] as const)
      component[key].apply((value) => (seen[key] = value));
    await stack.settle();
    expect(seen).toEqual({
      accountId: "phist-id",
      accountName: "phist00000000",
      blobEndpoint: "https://phist00000000.blob.core.windows.net/",
      identityId: "phi-id-id",
      keyId: "phi-key-id",
    });
  });

  it("makes every version immutable, unlocked, or locked when acknowledged", async () => {
    const warn = vi.spyOn(pulumi.log, "warn");
    const unlocked = await built({ immutability: { periodDays: 365, allowProtectedAppendWrites: true } });
    expect(unlocked.stack.one(ACCOUNT).inputs.immutableStorageWithVersioning).toEqual({
      enabled: true,
      immutabilityPolicy: {
        immutabilityPeriodSinceCreationInDays: 365,
        state: "Unlocked",
        allowProtectedAppendWrites: true,
      },
    });
    expect(unlocked.stack.one(BLOB_SERVICE).inputs.isVersioningEnabled).toBe(true);
    // Without a WORM baseline an unlocked policy is the caller's choice: no warning on every run.
    expect(warn).not.toHaveBeenCalled();

    const locked = await built({
      immutability: { periodDays: 365, lock: true },
      acknowledgeIrreversibleLock: true,
    });
    expect(locked.stack.one(ACCOUNT).inputs.immutableStorageWithVersioning).toEqual({
      enabled: true,
      immutabilityPolicy: {
        immutabilityPeriodSinceCreationInDays: 365,
        state: "Locked",
        allowProtectedAppendWrites: false,
      },
    });
    expect(warn).not.toHaveBeenCalled();
  });

  describe("under FINRA (compliance-mode WORM, six years, deletion protection)", () => {
    const UNLOCKED =
      "immutability.lock is off, so these records are not WORM yet (SEC 17a-4(f)(2)(i)(B) non-rewriteable, non-erasable format; FINRA 4511(c)); the cloud locks only on an update: after the first deployment set immutability.lock: true with acknowledgeIrreversibleLock: true";

    it("builds a records store as is: versioned, immutable for the record retention, unlocked with a warning, protected", async () => {
      const warn = vi.spyOn(pulumi.log, "warn");
      const { stack, component } = await built({ baseline: finra });
      const account = stack.one(ACCOUNT);
      expect(account.inputs.immutableStorageWithVersioning).toEqual({
        enabled: true,
        immutabilityPolicy: {
          immutabilityPeriodSinceCreationInDays: 2192,
          state: "Unlocked",
          allowProtectedAppendWrites: false,
        },
      });
      // Version-level immutability needs versioning, and Azure refuses it with a hierarchical namespace.
      expect(stack.one(BLOB_SERVICE).inputs.isVersioningEnabled).toBe(true);
      expect(account.inputs).not.toHaveProperty("isHnsEnabled");
      expect(account).toMatchObject({ protect: true, retainOnDelete: true });
      for (const container of stack.ofType("azure-native:storage:BlobContainer"))
        expect(container.protect, container.name).toBe(true);
      expect(stack.one(POLICY).inputs.policy.rules[0].definition.actions.version).toEqual({
        delete: { daysAfterCreationGreaterThan: 2192 },
      });
      expect(warn).toHaveBeenCalledWith(UNLOCKED, component);
      expect(warn).toHaveBeenCalledTimes(1);
    });

    it("keeps a given longer period, and warns the same while unlocked", async () => {
      const warn = vi.spyOn(pulumi.log, "warn");
      const { stack, component } = await built({ baseline: finra, immutability: { periodDays: 3650 } });
      expect(stack.one(ACCOUNT).inputs.immutableStorageWithVersioning.immutabilityPolicy).toMatchObject({
        immutabilityPeriodSinceCreationInDays: 3650,
        state: "Unlocked",
      });
      expect(warn).toHaveBeenCalledWith(UNLOCKED, component);
    });

    it("locks with lock: true and the acknowledgement (an update of an account created unlocked), then says nothing", async () => {
      const warn = vi.spyOn(pulumi.log, "warn");
      const { stack } = await built({
        baseline: finra,
        immutability: { periodDays: 2192, lock: true },
        acknowledgeIrreversibleLock: true,
      });
      expect(stack.one(ACCOUNT).inputs.immutableStorageWithVersioning.immutabilityPolicy).toEqual({
        immutabilityPeriodSinceCreationInDays: 2192,
        state: "Locked",
        allowProtectedAppendWrites: false,
      });
      expect(warn).not.toHaveBeenCalled();
    });

    it("refuses the acknowledgement alone: Azure cannot create a locked policy, so it would lock nothing", async () => {
      const stack = await azureStack();
      const error = expectRejected(
        () =>
          new EncryptedStorageAccount("phi", {
            ...COMPONENT_CASES.EncryptedStorageAccount.args,
            baseline: finra,
            acknowledgeIrreversibleLock: true,
          } as unknown as EncryptedStorageAccountArgs),
        "acknowledgeIrreversibleLock",
        true,
      );
      expect(error.message).toContain("only applies with immutability.lock: true");
      await stack.settle();
      expect(stack.registrations).toEqual([]);
    });
  });

  it("without a WORM baseline adds no immutability and warns of no lock", async () => {
    const warn = vi.spyOn(pulumi.log, "warn");
    for (const baseline of [hipaa, undefined]) {
      const { stack } = await built({ baseline });
      expect(stack.one(ACCOUNT).inputs).not.toHaveProperty("immutableStorageWithVersioning");
      expect(stack.one(ACCOUNT).protect).toBe(false);
    }
    expect(warn).not.toHaveBeenCalled();
  });

  it("replicates to the paired region when that region is allowed", async () => {
    const { stack } = await built({
      baseline: gdpr,
      redundancy: "Standard_GZRS",
      lifecycle: { deleteAfterDays: 30 },
    });
    expect(stack.one(ACCOUNT).inputs.sku).toEqual({ name: "Standard_GZRS" });
  });

  it("names the account after the component without '-', so typical names fit", async () => {
    expect(storageAccountLogicalName("phi-records")).toBe("phirecordsst");
    const { stack } = await built({}, "phi-records-01");
    const account = stack.one(ACCOUNT);
    expect(account.name).toBe("phirecords01st");
    const physical = physicalName(account.type, account.name, account.inputs)!;
    expect(physical).toBe("phirecords01st00000000");
    expect(isValidPhysicalName(account.type, physical)).toBe(true);
  });

  it("meets the HIPAA pack's Azure policies", async () => {
    const { stack } = await built({ baseline: hipaa });
    expect(await azureHipaaFindings(stack)).toEqual([]);
    // The pack judges what is here: without the blob settings, versioning and soft delete fail.
    const withoutBlobService = await azureHipaaFindings(stack, (resources) =>
      resources.filter((r) => r.type !== BLOB_SERVICE),
    );
    expect(withoutBlobService.join("\n")).toContain("azure-storage-blob-versioning-soft-delete/versioning");
  });
});

describe("vaultUriOf", () => {
  it("takes the vault's URI from a key's, in any cloud", () => {
    expect(vaultUriOf("https://kv-phi.vault.azure.net/keys/phi-key")).toBe("https://kv-phi.vault.azure.net/");
    expect(vaultUriOf("https://kv.vault.azure.cn/keys/k")).toBe("https://kv.vault.azure.cn/");
    expect(vaultUriOf("")).toBe("");
  });
});

const euWestOnly = customizeBaseline(
  gdpr,
  { allowedRegions: { azure: ["westeurope"] } },
  "data residency: one region only",
);
const tls13 = customizeBaseline(hipaa, { minTlsVersion: "1.3" }, "internal policy: TLS 1.3 everywhere");

describe("EncryptedStorageAccount bad input", () => {
  it.each([
    ["args null", null, "args"],
    ["no key vault", { keyVault: undefined }, "keyVault"],
    ["a key vault as an Output", { keyVault: pulumi.output(VAULT) }, "keyVault"],
    ["a key vault without a name", { keyVault: { ...VAULT, vaultName: undefined } }, "keyVault.vaultName"],
    ["a premium SKU", { redundancy: "Premium_LRS" }, "redundancy"],
    [
      "geo-redundancy where there is no pair",
      { location: "italynorth", redundancy: "Standard_GRS" },
      "redundancy",
    ],
    [
      "geo-redundancy to a region the baseline forbids",
      { baseline: euWestOnly, redundancy: "Standard_RAGRS", lifecycle: { deleteAfterDays: 30 } },
      "redundancy",
    ],
    ["a baseline requiring TLS 1.3", { baseline: tls13 }, "baseline"],
    ["a soft-delete window of 3 days", { softDeleteRetentionDays: 3 }, "softDeleteRetentionDays"],
    ["a soft-delete window of 400 days", { softDeleteRetentionDays: 400 }, "softDeleteRetentionDays"],
    ["a fractional soft-delete window", { softDeleteRetentionDays: 7.5 }, "softDeleteRetentionDays"],
    ["a change feed kept 0 days", { changeFeedRetentionDays: 0 }, "changeFeedRetentionDays"],
    [
      "cooling after deletion",
      { lifecycle: { coolAfterDays: 90, deleteAfterDays: 30 } },
      "lifecycle.coolAfterDays",
    ],
    ["deleting after 0 days", { lifecycle: { deleteAfterDays: 0 } }, "lifecycle.deleteAfterDays"],
    [
      "deleting versions before they stop being immutable",
      { immutability: { periodDays: 365 }, lifecycle: { deletePreviousVersionsAfterDays: 30 } },
      "lifecycle.deletePreviousVersionsAfterDays",
    ],
    [
      "deleting blobs before FINRA's record retention",
      {
        baseline: finra,
        immutability: { periodDays: 2192, lock: true },
        acknowledgeIrreversibleLock: true,
        lifecycle: { deleteAfterDays: 3000, deletePreviousVersionsAfterDays: 365 },
      },
      "lifecycle.deletePreviousVersionsAfterDays",
    ],
    ["no expiry under GDPR", { baseline: gdpr }, "lifecycle.deleteAfterDays"],
    ["an upper-case container", { containers: ["Records"] }, "containers[0]"],
    ["a container with '--'", { containers: ["a--b"] }, "containers[0]"],
    ["a repeated container", { containers: ["records", "records"] }, "containers[1]"],
    ["a lock without acknowledgement", { immutability: { periodDays: 30, lock: true } }, "immutability.lock"],
    [
      "an acknowledgement with nothing to lock",
      { acknowledgeIrreversibleLock: true },
      "acknowledgeIrreversibleLock",
    ],
    ["an immutability period of 0 days", { immutability: { periodDays: 0 } }, "immutability.periodDays"],
    [
      "a lock under FINRA without acknowledgement",
      { baseline: finra, immutability: { periodDays: 2192, lock: true } },
      "immutability.lock",
    ],
    [
      "blobs deleted before FINRA's default immutability period",
      { baseline: finra, lifecycle: { deleteAfterDays: 365 } },
      "lifecycle.deleteAfterDays",
    ],
    [
      "a hierarchical namespace (Azure refuses it with version immutability)",
      { isHnsEnabled: true },
      "isHnsEnabled",
    ],
    [
      "immutability shorter than FINRA's record retention",
      { baseline: finra, immutability: { periodDays: 365, lock: true }, acknowledgeIrreversibleLock: true },
      "immutability.periodDays",
    ],
    ["no audit destination", { diagnosticSettings: [] }, "diagnosticSettings"],
    [
      "an endpoint without DNS zones",
      { privateEndpoints: [{ subnetResourceId: SUBNET_ID, privateDnsZoneResourceIds: [] }] },
      "privateEndpoints[0].privateDnsZoneResourceIds",
    ],
    ["a display-name location", { location: "West Europe" }, "location"],
    ["a typo", { softDeleteRetentionDay: 30 }, "softDeleteRetentionDay"],
  ] as const)("rejects %s", async (_, change, path) => {
    expect(await rejectedPaths("EncryptedStorageAccount", change as Record<string, unknown> | null)).toEqual([
      path,
    ]);
  });

  it("rejects a component name that cannot name a storage account, once, saying why", async () => {
    for (const name of ["PHI", "phi.records", "phi_records", "patient-records-eu-west"])
      expect(await rejectedPaths("EncryptedStorageAccount", {}, name), name).toEqual(["name"]);
    let message = "";
    try {
      new EncryptedStorageAccount(
        "patient-records-eu-west",
        COMPONENT_CASES.EncryptedStorageAccount.args as unknown as EncryptedStorageAccountArgs,
      );
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("patientrecordseuwestst00000000");
    expect(message).toContain("does not lowercase");
    expect(message).toContain("at most 14 letters or digits");
  });
});
