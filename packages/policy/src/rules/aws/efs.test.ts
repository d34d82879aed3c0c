import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { efsFileSystemEncrypted } from "./efs";

const fs = (props: Record<string, unknown>): KitResource => ({
  type: "aws:efs/fileSystem:FileSystem",
  name: "shared",
  props: { encrypted: true, kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k", ...props },
});

describeRule(efsFileSystemEncrypted, {
  baseline: hipaa,
  compliant: [fs({}), fs({ kmsKeyId: UNKNOWN })],
  requirements: {
    encrypted: {
      violating: [fs({ encrypted: false }), fs({ encrypted: undefined })],
      unknown: [fs({ encrypted: UNKNOWN })],
    },
    "customer-key": {
      violating: [fs({ kmsKeyId: undefined })],
      unknown: [],
      decidedWhenUnknown: [fs({ kmsKeyId: UNKNOWN })],
    },
  },
});
