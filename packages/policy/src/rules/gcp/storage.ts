/** Cloud Storage rules (gcp v9 storage). */
import type * as storage from "@pulumi/gcp/storage";
import { resourceRule, type Props } from "../../rule";

type Bucket = Props<storage.BucketArgs>;

export const storageBucketSecure = resourceRule({
  id: "gcp-storage-bucket-secure",
  description: "Cloud Storage buckets use CMEK, uniform access and enforced public-access prevention",
  target: "gcp",
  types: ["gcp:storage/bucket:Bucket"],
  requirements: [
    {
      id: "customer-key",
      description: "Objects are encrypted with a Cloud KMS key by default",
      remediation: "Set encryption.defaultKmsKeyName to a Cloud KMS key the Storage service agent may use.",
      check: (props: Bucket) =>
        "defaultKmsKeyName" in (props.encryption ?? {}) ? [] : ["encryption.defaultKmsKeyName is not set"],
    },
    {
      id: "uniform-access",
      description: "Access is governed by IAM alone (uniform bucket-level access, no object ACLs)",
      remediation: "Set uniformBucketLevelAccess: true.",
      check: (props: Bucket) =>
        props.uniformBucketLevelAccess === true ? [] : ["uniformBucketLevelAccess is not true"],
    },
    {
      id: "public-access-prevention",
      description: "Public access prevention is enforced",
      remediation: 'Set publicAccessPrevention "enforced".',
      check: (props: Bucket) =>
        props.publicAccessPrevention === "enforced" ? [] : ["publicAccessPrevention is not enforced"],
    },
  ],
});

export const storageBucketVersioning = resourceRule({
  id: "gcp-storage-bucket-versioning",
  description: "Cloud Storage buckets keep object versions so improper changes can be detected and undone",
  target: "gcp",
  types: ["gcp:storage/bucket:Bucket"],
  requirements: [
    {
      id: "versioning",
      description: "Object versioning is on",
      remediation: "Set versioning.enabled: true.",
      check: (props: Bucket) =>
        props.versioning?.enabled === true ? [] : ["versioning.enabled is not true"],
    },
  ],
});
