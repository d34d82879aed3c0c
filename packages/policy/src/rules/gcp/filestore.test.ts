import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { filestoreInstanceCmek } from "./filestore";

const KEY = "projects/p/locations/us/keyRings/r/cryptoKeys/k";
const resource = (props: Record<string, unknown>): KitResource => ({
  type: "gcp:filestore/instance:Instance",
  name: "r",
  props: { ...{ tier: "ENTERPRISE", location: "us-central1" }, ...props },
});

describeRule(filestoreInstanceCmek, {
  baseline: hipaa,
  compliant: [resource({ kmsKeyName: KEY }), resource({ kmsKeyName: UNKNOWN })],
  requirements: {
    "customer-key": {
      violating: [{}].map(resource),
      unknown: [],
      decidedWhenUnknown: [resource({ kmsKeyName: UNKNOWN })],
    },
  },
});
