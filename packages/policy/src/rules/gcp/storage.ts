/** Cloud Storage rules. */
import type * as storage from "@pulumi/gcp/storage";
import { resourceRule } from "../../rule";
import type { Props } from "./props";

export const storageBucketSecure = resourceRule({
  id: "gcp-storage-bucket-secure",
  description: "Cloud Storage buckets use CMEK, uniform access and enforced public-access prevention",
  target: "gcp",
  types: ["gcp:storage/bucket:Bucket"],
  check: (props: Props<storage.BucketArgs>) => [
    ...("defaultKmsKeyName" in (props.encryption ?? {})
      ? []
      : ["encryption.defaultKmsKeyName must name a Cloud KMS key"]),
    ...(props.uniformBucketLevelAccess === true ? [] : ["uniformBucketLevelAccess must be true"]),
    ...(props.publicAccessPrevention === "enforced" ? [] : ['publicAccessPrevention must be "enforced"']),
  ],
});

export const storageBucketVersioning = resourceRule({
  id: "gcp-storage-bucket-versioning",
  description: "Cloud Storage buckets keep object versions so improper changes can be detected and undone",
  target: "gcp",
  types: ["gcp:storage/bucket:Bucket"],
  check: (props: Props<storage.BucketArgs>) =>
    props.versioning?.enabled === true ? [] : ["versioning.enabled must be true"],
});
