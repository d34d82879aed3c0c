/**
 * Disk encryption sets: the link between managed disks and a customer key. Two kinds, never mixed up:
 * - `EncryptionAtRestWithCustomerKey` for data disks and AKS node OS disks (`managedDisk.diskEncryptionSet`),
 *   following the key's newest version automatically;
 * - `ConfidentialVmEncryptedWithCustomerKey` for a confidential VM's OS disk and VM guest state
 *   (`managedDisk.securityProfile.diskEncryptionSet`), pinned to one version of an exportable key: Azure
 *   does not rotate it automatically, so rotating means stopping every VM that uses the set.
 * Each set's identity is granted Key Vault Crypto Service Encryption User on its key only.
 */
import { DiskEncryptionSet } from "@pulumi/azure-native/compute";
import type { Key } from "@pulumi/azure-native/keyvault";
import type { RoleAssignment } from "@pulumi/azure-native/authorization";
import { childName } from "@palisade/core";
import type { AzureChildren } from "./children";
import { createVaultKey, type KeyVaultReference, type VaultKeySpec } from "./key-vault";
import type { NamedChild } from "./names";
import { grantRole } from "./roles";

export type DiskEncryptionType = "EncryptionAtRestWithCustomerKey" | "ConfidentialVmEncryptedWithCustomerKey";

export interface CustomerKeyDiskEncryption {
  key: Key;
  diskEncryptionSet: DiskEncryptionSet;
  /** The set's identity on the key; disks using the set must `dependsOn` it. */
  keyGrant: RoleAssignment;
}

/** The logical names {@link createDiskEncryptionSet} derives from `name`, for the owner's name checks. */
export function diskEncryptionSetNames(name: string): NamedChild[] {
  return [
    { type: "azure-native:keyvault:Key", name: childName(name, "key") },
    { type: "azure-native:compute:DiskEncryptionSet", name: childName(name, "des") },
  ];
}

/**
 * A key `<name>-key` in `vault`, a disk encryption set `<name>-des` of `type` over it, and the set's grant
 * on the key `<name>-des-key-user`. Key and set hold the means to read the disks, so both are retained.
 */
export function createDiskEncryptionSet(
  children: AzureChildren,
  name: string,
  vault: KeyVaultReference,
  type: DiskEncryptionType,
  keySpec: VaultKeySpec = {},
): CustomerKeyDiskEncryption {
  const confidential = type === "ConfidentialVmEncryptedWithCustomerKey";
  const key = createVaultKey(children, childName(name, "key"), vault, {
    ...keySpec,
    pinnedVersion: confidential,
  });
  const diskEncryptionSet = children.create(
    DiskEncryptionSet,
    childName(name, "des"),
    { resourceGroupName: true, location: true, tags: true },
    {
      encryptionType: type,
      identity: { type: "SystemAssigned" },
      // A confidential set must name one key version; a standard one follows the newest.
      activeKey: { keyUrl: key.keyUriWithVersion, sourceVault: { id: vault.vaultId } },
      rotationToLatestKeyVersionEnabled: !confidential,
    },
    { role: "data" },
  );
  const keyGrant = grantRole(children, childName(name, "des-key-user"), {
    role: "Key Vault Crypto Service Encryption User",
    principalId: diskEncryptionSet.identity.apply((identity) => identity?.principalId ?? ""),
    principalType: "ServicePrincipal",
    scope: key.id,
  });
  return { key, diskEncryptionSet, keyGrant };
}
