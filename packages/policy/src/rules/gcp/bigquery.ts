/**
 * BigQuery rules (gcp v9 bigquery): customer-managed encryption keys (the default is a Google-managed key),
 * and datasets' default expiry (storage limitation).
 * A table takes its dataset's default key when it names none, so tables are judged on the stack, joined to
 * their dataset through `datasetId` (the engine's property dependencies, which hold while the id is unknown).
 */
import type * as bigquery from "@pulumi/gcp/bigquery";
import { resourceRule, stackRule, type Props } from "../../rule";
import { known } from "../../unknowns";
import { DATA_SCOPE_SETTINGS, MAX_RETENTION_SETTING, outsidePersonalData, retentionFindings } from "../scope";

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

type Dataset = Props<bigquery.DatasetArgs>;
const DAY_MS = 86_400_000;
/** A lifetime in milliseconds, as days for retentionFindings (unset stays unset; a non-number stays one). */
const days = (ms: unknown) => (typeof ms === "number" ? ms / DAY_MS : ms);

/**
 * GDPR Art. 5(1)(e) storage limitation on personal-data datasets, by their defaults: new tables expire
 * within maxRetentionDays, and so do new partitions when a partition default replaces the table one (a
 * table's own expirationTime or timePartitioning.expirationMs takes precedence, and is not judged here).
 */
export const bigqueryDatasetExpiry = resourceRule({
  id: "gcp-bigquery-dataset-expiry",
  description:
    "Personal-data BigQuery datasets expire new tables and partitions within maxRetentionDays by default",
  target: "gcp",
  types: [DATASET],
  config: { ...DATA_SCOPE_SETTINGS, maxRetentionDays: MAX_RETENTION_SETTING },
  requirements: [
    {
      id: "table-expiry",
      description: "defaultTableExpirationMs is set and at most maxRetentionDays",
      remediation: "Set defaultTableExpirationMs to at most maxRetentionDays in milliseconds.",
      outOfScope: (props: Dataset, { config }) => outsidePersonalData(props.labels, config),
      check: (props: Dataset, { config }) =>
        retentionFindings("defaultTableExpirationMs", days(props.defaultTableExpirationMs), config),
    },
    {
      id: "partition-expiry",
      description:
        "defaultPartitionExpirationMs, when set (it replaces the table default for partitioned tables), is at most maxRetentionDays",
      remediation:
        "Set defaultPartitionExpirationMs to at most maxRetentionDays in milliseconds, or remove it.",
      outOfScope: (props: Dataset, { config }) =>
        "defaultPartitionExpirationMs" in props
          ? outsidePersonalData(props.labels, config)
          : "defaultPartitionExpirationMs is not set: partitioned tables take the table default",
      check: (props: Dataset, { config }) =>
        retentionFindings("defaultPartitionExpirationMs", days(props.defaultPartitionExpirationMs), config),
    },
  ],
});
