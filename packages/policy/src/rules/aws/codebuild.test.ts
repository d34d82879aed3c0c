import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { codebuildProjectEncrypted } from "./codebuild";

const project = (props: Record<string, unknown>): KitResource => ({
  type: "aws:codebuild/project:Project",
  name: "build",
  props: {
    serviceRole: "arn:aws:iam::123456789012:role/cb",
    encryptionKey: "arn:aws:kms:us-east-1:123456789012:key/k",
    ...props,
  },
});

describeRule(codebuildProjectEncrypted, {
  baseline: hipaa,
  compliant: [project({}), project({ encryptionKey: UNKNOWN })],
  requirements: {
    "customer-key": {
      violating: [project({ encryptionKey: undefined })],
      unknown: [],
      decidedWhenUnknown: [project({ encryptionKey: UNKNOWN })],
    },
  },
});
