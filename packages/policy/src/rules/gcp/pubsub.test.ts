import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { pubsubTopicCmek } from "./pubsub";

const KEY = "projects/p/locations/us/keyRings/r/cryptoKeys/k";
const resource = (props: Record<string, unknown>): KitResource => ({
  type: "gcp:pubsub/topic:Topic",
  name: "r",
  props: { ...{ name: "events" }, ...props },
});

describeRule(pubsubTopicCmek, {
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
