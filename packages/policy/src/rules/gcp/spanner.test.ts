import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { spannerDatabaseCmek } from "./spanner";

const KEY = "projects/p/locations/us/keyRings/r/cryptoKeys/k";
const resource = (props: Record<string, unknown>): KitResource => ({
  type: "gcp:spanner/database:Database",
  name: "r",
  props: { ...{ instance: UNKNOWN, name: "db" }, ...props },
});

describeRule(spannerDatabaseCmek, {
  baseline: hipaa,
  compliant: [
    resource({ encryptionConfig: { kmsKeyName: KEY } }),
    resource({ encryptionConfig: { kmsKeyNames: [UNKNOWN] } }),
  ],
  requirements: {
    "customer-key": {
      violating: [{}, { encryptionConfig: {} }].map(resource),
      unknown: [resource({ encryptionConfig: UNKNOWN })],
      decidedWhenUnknown: [resource({ encryptionConfig: { kmsKeyNames: [UNKNOWN] } })],
    },
  },
});
