/** BigQuery rules (gcp v9 bigquery): customer-managed encryption keys (the default is a Google-managed key). */
import type * as bigquery from "@pulumi/gcp/bigquery";
import { resourceRule, type Props } from "../../rule";

export const bigqueryDatasetCmek = resourceRule({
  id: "gcp-bigquery-dataset-cmek",
  description: "BigQuery datasets encrypt their tables with a Cloud KMS key by default",
  target: "gcp",
  types: ["gcp:bigquery/dataset:Dataset"],
  requirements: [
    {
      id: "customer-key",
      description: "defaultEncryptionConfiguration.kmsKeyName names a Cloud KMS key",
      remediation:
        "Set defaultEncryptionConfiguration.kmsKeyName to a Cloud KMS key, and grant the BigQuery service agent encrypt/decrypt on it.",
      check: (props: Props<bigquery.DatasetArgs>) =>
        "kmsKeyName" in (props.defaultEncryptionConfiguration ?? {})
          ? []
          : ["defaultEncryptionConfiguration.kmsKeyName names no Cloud KMS key"],
    },
  ],
});
