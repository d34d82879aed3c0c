/**
 * BigQuery rules (gcp v9 bigquery): customer-managed encryption keys (the default is a Google-managed key).
 * A table takes its dataset's default key when it names none, so tables are judged on the stack, joined to
 * their dataset through `datasetId` (the engine's property dependencies, which hold while the id is unknown).
 */
import type * as bigquery from "@pulumi/gcp/bigquery";
import { resourceRule, stackRule, type Props } from "../../rule";
import { known } from "../../unknowns";

const DATASET = "gcp:bigquery/dataset:Dataset";
const TABLE = "gcp:bigquery/table:Table";

export const bigqueryDatasetCmek = resourceRule({
  id: "gcp-bigquery-dataset-cmek",
  description: "BigQuery datasets encrypt their tables with a Cloud KMS key by default",
  target: "gcp",
  types: [DATASET],
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

/** Whether a configuration names a key (read without reading the key, which is unknown on a fresh stack). */
const namesKey = (configuration: unknown): boolean =>
  "kmsKeyName" in ((configuration as Record<string, unknown> | undefined) ?? {});

export const bigqueryTableCmek = stackRule({
  id: "gcp-bigquery-table-cmek",
  description:
    "BigQuery tables are encrypted with a Cloud KMS key, their own or their dataset's default, seen at preview",
  target: "gcp",
  types: [TABLE],
  requirements: [
    {
      id: "customer-key",
      description:
        "encryptionConfiguration.kmsKeyName names a Cloud KMS key, or the table's dataset, declared in the stack and joined through datasetId, names one in defaultEncryptionConfiguration.kmsKeyName",
      remediation:
        "Set encryptionConfiguration.kmsKeyName on the table, or create it in a Dataset of this stack (datasetId: dataset.datasetId) whose defaultEncryptionConfiguration.kmsKeyName names a Cloud KMS key.",
      check: (props: Props<bigquery.TableArgs>, context) => {
        const own = known(() => namesKey(props.encryptionConfiguration));
        if (own.known && own.value) return [];
        const datasets = context.stack.dependencies("datasetId").filter((d) => d.type === DATASET);
        const inherited = known(
          () =>
            datasets.length > 0 && datasets.every((d) => namesKey(d.props.defaultEncryptionConfiguration)),
        );
        if (inherited.known && inherited.value) return [];
        // Neither key is seen: undetermined while either configuration is unknown, a violation once both are known.
        if (!own.known) throw own.error;
        if (!inherited.known) throw inherited.error;
        return [
          "encryptionConfiguration.kmsKeyName names no Cloud KMS key, and no Dataset of the stack (datasetId) names one in defaultEncryptionConfiguration.kmsKeyName",
        ];
      },
    },
  ],
});
