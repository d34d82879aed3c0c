import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { sqsQueueEncrypted } from "./sqs";

const queue = (props: Record<string, unknown>): KitResource => ({
  type: "aws:sqs/queue:Queue",
  name: "jobs",
  props: { kmsMasterKeyId: "arn:aws:kms:us-east-1:123456789012:key/k", ...props },
});

describeRule(sqsQueueEncrypted, {
  baseline: hipaa,
  compliant: [queue({}), queue({ kmsMasterKeyId: "alias/phi-jobs" })],
  requirements: {
    "customer-key": {
      violating: [
        queue({ kmsMasterKeyId: undefined }),
        queue({ kmsMasterKeyId: undefined, sqsManagedSseEnabled: true }),
        queue({ kmsMasterKeyId: "alias/aws/sqs" }),
      ],
      unknown: [],
      decidedWhenUnknown: [queue({ kmsMasterKeyId: UNKNOWN })],
    },
  },
});
