import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { memorystoreRedisAuth, memorystoreRedisCmek, memorystoreRedisTls } from "./redis";

const instance = (props: Record<string, unknown>): KitResource => ({
  type: "gcp:redis/instance:Instance",
  name: "cache",
  props: {
    memorySizeGb: 1,
    transitEncryptionMode: "SERVER_AUTHENTICATION",
    authEnabled: true,
    customerManagedKey: "projects/p/locations/l/keyRings/r/cryptoKeys/k",
    ...props,
  },
});

describeRule(memorystoreRedisTls, {
  baseline: hipaa,
  compliant: [instance({})],
  requirements: {
    "transit-encryption": {
      violating: [
        instance({ transitEncryptionMode: "DISABLED" }),
        instance({ transitEncryptionMode: undefined }),
      ],
      unknown: [instance({ transitEncryptionMode: UNKNOWN })],
    },
  },
});

describeRule(memorystoreRedisCmek, {
  baseline: hipaa,
  compliant: [instance({}), instance({ customerManagedKey: UNKNOWN })],
  requirements: {
    "customer-key": {
      violating: [instance({ customerManagedKey: undefined })],
      unknown: [],
      decidedWhenUnknown: [instance({ customerManagedKey: UNKNOWN })],
    },
  },
});

describeRule(memorystoreRedisAuth, {
  baseline: hipaa,
  compliant: [instance({})],
  requirements: {
    auth: {
      violating: [instance({ authEnabled: false }), instance({ authEnabled: undefined })],
      unknown: [instance({ authEnabled: UNKNOWN })],
    },
  },
});
