import { gdpr } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { secretmanagerSecretReplicaLocations } from "./secretmanager";

const secret = (replication: unknown): KitResource => ({
  type: "gcp:secretmanager/secret:Secret",
  name: "s",
  props: { secretId: "api-key", replication },
});
const replicas = (...locations: unknown[]) =>
  secret({ userManaged: { replicas: locations.map((location) => ({ location })) } });

describeRule(secretmanagerSecretReplicaLocations, {
  baseline: gdpr,
  compliant: [replicas("europe-west1", "europe-west4"), replicas("europe-north2")],
  requirements: {
    "user-managed-replicas": {
      violating: [
        secret({ auto: {} }),
        secret(undefined),
        secret({ userManaged: { replicas: [] } }),
        replicas("europe-west1", "us-central1"),
        replicas("europe-west6"),
        secret({ userManaged: { replicas: [null, { location: "europe-west1" }] } }),
      ],
      compliant: [{ resources: [secret({ auto: {} })], config: { allowedRegions: "any" } }],
      unknown: [secret(UNKNOWN), replicas("europe-west1", UNKNOWN)],
    },
  },
});
