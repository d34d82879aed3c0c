/** Azure Storage rules (azure-native v3 storage, API 2024-01-01). */
import type * as storage from "@pulumi/azure-native/storage";
import { stackRule, type Props, type StackContext } from "../../rule";
import { known } from "../../unknowns";

type Account = Props<storage.StorageAccountArgs>;

/** Key Vault resources: an input that depends on one holds a Key Vault key reference. */
const KEY_VAULT_TYPES = [
  "azure-native:keyvault:Key",
  "azure-native:keyvault:Vault",
  "azure-native:keyvault:ManagedHsm",
];

/**
 * Judged on the stack: azure-native fills defaults into nested inputs, so `encryption` is wholly unknown at
 * preview when the key it names is created in the same update. The engine still knows what it depends on.
 */
export const storageAccountSecure = stackRule({
  id: "azure-storage-account-secure",
  description:
    "Storage accounts take HTTPS only at TLS 1.2+, allow no public blob access and encrypt with a customer key",
  target: "azure",
  types: ["azure-native:storage:StorageAccount"],
  requirements: [
    {
      id: "https-only",
      description: "The account accepts HTTPS only",
      remediation: "Leave enableHttpsTrafficOnly unset or true (true is the default since API 2019-04-01).",
      check: (props: Account) =>
        props.enableHttpsTrafficOnly === false ? ["enableHttpsTrafficOnly is false"] : [],
    },
    {
      id: "minimum-tls",
      description: "Requests need TLS 1.2 or newer",
      remediation: 'Set minimumTlsVersion "TLS1_2" (the API treats unset as TLS 1.0).',
      check: (props: Account) =>
        ["TLS1_2", "TLS1_3"].includes(props.minimumTlsVersion)
          ? []
          : ["minimumTlsVersion is not TLS 1.2 or newer (unset means TLS 1.0)"],
    },
    {
      id: "no-public-blob-access",
      description: "Blobs and containers cannot be made public",
      remediation: "Set allowBlobPublicAccess false, or leave it unset (the API's default is false).",
      check: (props: Account) =>
        props.allowBlobPublicAccess === true ? ["allowBlobPublicAccess is true"] : [],
    },
    {
      id: "customer-key",
      description: "Data is encrypted with a customer-managed Key Vault key",
      remediation:
        'Set encryption.keySource "Microsoft.Keyvault" with encryption.keyVaultProperties naming the key (and an identity that may use it).',
      afterDeployment:
        "When encryption is unknown at preview and depends on no Key Vault resource, it is judged after deployment.",
      check: (props: Account, context: StackContext) => {
        const source = known(() => props.encryption?.keySource as unknown);
        if (!source.known) {
          // What the engine does know: the encryption input references a Key Vault key or vault.
          if (context.stack.dependencies("encryption").some((d) => KEY_VAULT_TYPES.includes(d.type)))
            return [];
          throw source.error;
        }
        return String(source.value).toLowerCase() === "microsoft.keyvault"
          ? []
          : ["encryption.keySource is not a Key Vault (customer-managed) key"];
      },
    },
  ],
});

const BLOB_SERVICE = "azure-native:storage:BlobServiceProperties";
const blobServices = (context: StackContext) => context.stack.dependents(BLOB_SERVICE, "accountName");

/** Blob settings live in a BlobServiceProperties joined to the account through `accountName`. */
export const blobVersioningSoftDelete = stackRule({
  id: "azure-storage-blob-versioning-soft-delete",
  description: "Storage accounts keep blob versions and soft-deleted blobs so improper changes can be undone",
  target: "azure",
  types: ["azure-native:storage:StorageAccount"],
  requirements: [
    {
      id: "versioning",
      description: "Blob versioning is on",
      remediation:
        "Add a BlobServiceProperties for the account (accountName) with isVersioningEnabled: true.",
      check: (_account, context) =>
        blobServices(context).some((s) => s.props.isVersioningEnabled === true)
          ? []
          : ["no BlobServiceProperties (accountName) sets isVersioningEnabled true"],
    },
    {
      id: "soft-delete",
      description: "Deleted blobs are kept for a retention period (blob soft delete)",
      remediation:
        "Add a BlobServiceProperties for the account (accountName) with deleteRetentionPolicy.enabled: true and a days value.",
      check: (_account, context) =>
        blobServices(context).some((s) => s.props.deleteRetentionPolicy?.enabled === true)
          ? []
          : ["no BlobServiceProperties (accountName) sets deleteRetentionPolicy.enabled true"],
    },
  ],
});
