import { gdpr, hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { bigqueryDatasetCmek, bigqueryDatasetExpiry, bigqueryTableCmek } from "./bigquery";

const KEY = "projects/p/locations/us/keyRings/r/cryptoKeys/k";
const resource = (props: Record<string, unknown>): KitResource => ({
  type: "gcp:bigquery/dataset:Dataset",
  name: "r",
  props: { ...{ datasetId: "phi", location: "US" }, ...props },
});

describeRule(bigqueryDatasetCmek, {
  baseline: hipaa,
  compliant: [
    resource({ defaultEncryptionConfiguration: { kmsKeyName: KEY } }),
    resource({ defaultEncryptionConfiguration: { kmsKeyName: UNKNOWN } }),
  ],
  requirements: {
    "customer-key": {
      violating: [{}, { defaultEncryptionConfiguration: {} }].map(resource),
      unknown: [resource({ defaultEncryptionConfiguration: UNKNOWN })],
      decidedWhenUnknown: [resource({ defaultEncryptionConfiguration: { kmsKeyName: UNKNOWN } })],
    },
  },
});

const dataset = (defaultEncryptionConfiguration?: unknown, name = "ds"): KitResource => ({
  type: "gcp:bigquery/dataset:Dataset",
  name,
  props: { datasetId: "phi", location: "US", defaultEncryptionConfiguration },
});
// Joined through property dependencies while the dataset's id is unknown (a fresh stack); with a null
// dataset, datasetId is a literal naming a dataset the stack does not declare.
const table = (encryptionConfiguration?: unknown, datasetName: string | null = "ds"): KitResource => ({
  type: "gcp:bigquery/table:Table",
  name: "encounters",
  props: { datasetId: datasetName ? UNKNOWN : "phi", tableId: "encounters", encryptionConfiguration },
  propertyDependencies: datasetName ? { datasetId: [datasetName] } : {},
});

describeRule(bigqueryTableCmek, {
  baseline: hipaa,
  compliant: [
    // Its own key, in a dataset outside the stack or one without a default key.
    [table({ kmsKeyName: KEY }, null)],
    [dataset(), table({ kmsKeyName: KEY })],
    [dataset({}), table({ kmsKeyName: UNKNOWN })],
    // The dataset's default key, seen through the join.
    [dataset({ kmsKeyName: KEY }), table()],
    [dataset({ kmsKeyName: UNKNOWN }), table({})],
  ],
  requirements: {
    "customer-key": {
      violating: [
        [table(undefined, null)],
        [table({}, null)],
        [dataset(), table()],
        [dataset({}), table({})],
        // A dataset with a default key that the table does not name through datasetId: nothing seen joins them.
        [dataset({ kmsKeyName: KEY }), table(undefined, null)],
        [dataset({ kmsKeyName: KEY }, "other"), dataset(undefined), table()],
      ],
      unknown: [[table(UNKNOWN, null)], [dataset(), table(UNKNOWN)], [dataset(UNKNOWN), table()]],
      decidedWhenUnknown: [
        [dataset({ kmsKeyName: KEY }), table(UNKNOWN)],
        [dataset(UNKNOWN), table({ kmsKeyName: UNKNOWN })],
      ],
    },
  },
});

const DAY = 86_400_000;
const expiring = (props: Record<string, unknown>) =>
  resource({
    labels: { "data-classification": "pd" },
    defaultTableExpirationMs: 365 * DAY,
    defaultPartitionExpirationMs: 90 * DAY,
    ...props,
  });

describeRule(bigqueryDatasetExpiry, {
  baseline: gdpr,
  compliant: [
    expiring({}),
    expiring({ defaultTableExpirationMs: 2192 * DAY, defaultPartitionExpirationMs: undefined }),
    expiring({ labels: undefined }),
  ],
  requirements: {
    "table-expiry": {
      violating: [
        expiring({ defaultTableExpirationMs: undefined }),
        expiring({ defaultTableExpirationMs: 2193 * DAY }),
        expiring({ defaultTableExpirationMs: "31536000000" }),
      ],
      unknown: [expiring({ defaultTableExpirationMs: UNKNOWN })],
      outOfScope: [
        expiring({ labels: { "data-classification": "finra-records" }, defaultTableExpirationMs: undefined }),
      ],
    },
    "partition-expiry": {
      violating: [expiring({ defaultPartitionExpirationMs: 3650 * DAY })],
      compliant: [
        {
          resources: [expiring({ defaultPartitionExpirationMs: 14 * DAY })],
          config: { maxRetentionDays: 400 },
        },
      ],
      unknown: [expiring({ defaultPartitionExpirationMs: UNKNOWN })],
      outOfScope: [
        expiring({
          labels: { "data-classification": "finra-records" },
          defaultPartitionExpirationMs: 3650 * DAY,
        }),
      ],
    },
  },
});
