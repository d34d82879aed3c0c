import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { bigqueryDatasetCmek } from "./bigquery";

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
