import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { snsTopicEncrypted } from "./sns";

const topic = (props: Record<string, unknown>): KitResource => ({
  type: "aws:sns/topic:Topic",
  name: "alerts",
  props: { kmsMasterKeyId: "arn:aws:kms:us-east-1:123456789012:key/k", ...props },
});

describeRule(snsTopicEncrypted, {
  baseline: hipaa,
  compliant: [topic({}), topic({ kmsMasterKeyId: "alias/phi-alerts" })],
  requirements: {
    "customer-key": {
      violating: [topic({ kmsMasterKeyId: undefined }), topic({ kmsMasterKeyId: "alias/aws/sns" })],
      unknown: [],
      decidedWhenUnknown: [topic({ kmsMasterKeyId: UNKNOWN })],
    },
  },
});
