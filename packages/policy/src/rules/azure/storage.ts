/** Azure Storage rules (azure-native v3 storage, API 2024-01-01). */
import type * as storage from "@pulumi/azure-native/storage";
import { dependents, resourceRule, stackRule, type Props } from "../../rule";

export const storageAccountSecure = resourceRule({
  id: "azure-storage-account-secure",
  description:
    "Storage accounts take HTTPS only at TLS 1.2+, allow no public blob access and encrypt with a customer key",
  target: "azure",
  types: ["azure-native:storage:StorageAccount"],
  check: (props: Props<storage.StorageAccountArgs>) => [
    ...(props.enableHttpsTrafficOnly === false ? ["enableHttpsTrafficOnly must not be false"] : []),
    ...(["TLS1_2", "TLS1_3"].includes(props.minimumTlsVersion)
      ? []
      : ["minimumTlsVersion must be TLS1_2 or TLS1_3"]),
    ...(props.allowBlobPublicAccess === false ? [] : ["allowBlobPublicAccess must be false"]),
    ...(props.encryption?.keySource === "Microsoft.Keyvault"
      ? []
      : ["encryption.keySource must be Microsoft.Keyvault (a customer-managed key)"]),
  ],
});

/** What a BlobServiceProperties lacks for versioning and blob soft delete. */
function blobServiceGaps(props: Props<storage.BlobServicePropertiesArgs>): string[] {
  return [
    ...(props.isVersioningEnabled === true ? [] : ["isVersioningEnabled must be true"]),
    ...(props.deleteRetentionPolicy?.enabled === true ? [] : ["deleteRetentionPolicy.enabled must be true"]),
  ];
}

/** Blob settings live in a BlobServiceProperties joined to the account through `accountName`. */
export const blobVersioningSoftDelete = stackRule({
  id: "azure-storage-blob-versioning-soft-delete",
  description: "Storage accounts keep blob versions and soft-deleted blobs so improper changes can be undone",
  target: "azure",
  check: (resources) =>
    resources
      .filter((r) => r.type === "azure-native:storage:StorageAccount")
      .flatMap((account) => {
        const services = dependents(
          resources,
          "azure-native:storage:BlobServiceProperties",
          "accountName",
          account,
        );
        if (services.length === 0)
          return [
            {
              urn: account.urn,
              message: `storage account ${account.name} has no BlobServiceProperties (accountName) enabling versioning and soft delete`,
            },
          ];
        const gaps = services.map((s) => blobServiceGaps(s.props));
        if (gaps.some((g) => g.length === 0)) return [];
        return [
          {
            urn: account.urn,
            message: `storage account ${account.name}: BlobServiceProperties ${gaps[0]!.join(", ")}`,
          },
        ];
      }),
});
