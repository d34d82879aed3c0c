/** Azure Storage rules (azure-native v3 storage, API 2024-01-01). */
import type * as storage from "@pulumi/azure-native/storage";
import { resourceRule } from "../../rule";

type Props<T> = { [K in keyof T]?: any };

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
