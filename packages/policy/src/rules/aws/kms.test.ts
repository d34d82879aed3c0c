import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { kmsKeyRotation } from "./kms";

const key = (props: Record<string, unknown>): KitResource => ({
  type: "aws:kms/key:Key",
  name: "key",
  props: { enableKeyRotation: true, description: "phi key", ...props },
});

describeRule(kmsKeyRotation, {
  baseline: hipaa,
  compliant: [
    key({}),
    key({ rotationPeriodInDays: 365 }),
    key({ rotationPeriodInDays: 90, policy: UNKNOWN }),
  ],
  requirements: {
    "automatic-rotation": {
      violating: [key({ enableKeyRotation: false }), key({ enableKeyRotation: undefined })],
      unknown: [key({ enableKeyRotation: UNKNOWN })],
    },
    "rotation-period": {
      violating: [
        key({ rotationPeriodInDays: 366 }),
        key({ rotationPeriodInDays: 730 }),
        { resources: [key({ rotationPeriodInDays: 200 })], config: { maxKeyRotationDays: 180 } },
        // Unset means yearly, longer than a 180-day maximum.
        { resources: [key({})], config: { maxKeyRotationDays: 180 } },
      ],
      compliant: [{ resources: [key({ rotationPeriodInDays: 180 })], config: { maxKeyRotationDays: 180 } }],
      unknown: [key({ rotationPeriodInDays: UNKNOWN })],
    },
  },
});
