import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { cryptoKeyRotation } from "./kms";

const key = (props: Record<string, unknown>): KitResource => ({
  type: "gcp:kms/cryptoKey:CryptoKey",
  name: "key",
  props: { keyRing: "projects/p/locations/l/keyRings/r", rotationPeriod: "7776000s", ...props },
});

describeRule(cryptoKeyRotation, {
  baseline: hipaa,
  compliant: [
    key({}),
    key({ rotationPeriod: "31536000s", keyRing: UNKNOWN }),
    key({ rotationPeriod: "86400" }),
  ],
  requirements: {
    "automatic-rotation": {
      violating: [key({ rotationPeriod: undefined })],
      unknown: [],
      // Only whether a period is set matters here; its length is the next requirement's question.
      decidedWhenUnknown: [key({ rotationPeriod: UNKNOWN })],
    },
    "rotation-period": {
      violating: [
        key({ rotationPeriod: "31536001s" }),
        key({ rotationPeriod: "63072000s" }),
        key({ rotationPeriod: "ninety days" }),
        { resources: [key({ rotationPeriod: "7776001s" })], config: { maxKeyRotationDays: 90 } },
      ],
      compliant: [{ resources: [key({ rotationPeriod: "7776000s" })], config: { maxKeyRotationDays: 90 } }],
      unknown: [key({ rotationPeriod: UNKNOWN })],
    },
  },
});
