import { gdpr, hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { pubsubTopicCmek, pubsubTopicMessageStorage } from "./pubsub";

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

const stored = (allowedPersistenceRegions: unknown, enforceInTransit: unknown = true) =>
  resource({ messageStoragePolicy: { allowedPersistenceRegions, enforceInTransit } });

describeRule(pubsubTopicMessageStorage, {
  baseline: gdpr,
  compliant: [stored(["europe-west1", "europe-west4"]), stored(["europe-north2"])],
  requirements: {
    "persistence-regions": {
      violating: [
        stored(["europe-west1", "us-central1"]),
        stored(["europe-west2"]),
        stored([]),
        resource({ messageStoragePolicy: { enforceInTransit: true } }),
      ],
      compliant: [{ resources: [stored(["us-central1"])], config: { allowedRegions: ["us-central1"] } }],
      unknown: [stored(UNKNOWN), stored(["europe-west1", UNKNOWN])],
    },
    "enforce-in-transit": {
      violating: [
        stored(["europe-west1"], false),
        resource({ messageStoragePolicy: { allowedPersistenceRegions: ["europe-west1"] } }),
      ],
      // Every region allowed: nothing to keep messages out of.
      compliant: [{ resources: [resource({})], config: { allowedRegions: "any" } }],
      unknown: [stored(["europe-west1"], UNKNOWN)],
    },
  },
});
