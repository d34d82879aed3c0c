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
  description:
    "Cloud Storage buckets keep object versions, or hold objects under a retention policy, so improper changes can be detected and undone",
  target: "gcp",
  types: ["gcp:storage/bucket:Bucket"],
  requirements: [
    {
      id: "versioning",
      description:
        "Object versioning is on, or a retention policy keeps every object for a set period (Cloud Storage allows only one of the two on a bucket)",
      remediation:
        "Set versioning.enabled: true, or a retentionPolicy with a retentionPeriod (Cloud Storage refuses both on one bucket).",
      // A retention policy is read only when versioning is off, so a versioned bucket is never undetermined.
      check: (props: Bucket) =>
        props.versioning?.enabled === true || Number(props.retentionPolicy?.retentionPeriod ?? 0) > 0
          ? []
          : ["versioning.enabled is not true and no retentionPolicy keeps objects"],
    },
  ],
});
