/** Pub/Sub rules (gcp v9 pubsub): customer-managed encryption keys (the default is a Google-managed key). */
import type * as pubsub from "@pulumi/gcp/pubsub";
import { resourceRule, type Props } from "../../rule";

export const pubsubTopicCmek = resourceRule({
  id: "gcp-pubsub-topic-cmek",
  description: "Pub/Sub topics encrypt messages with a Cloud KMS key",
  target: "gcp",
  types: ["gcp:pubsub/topic:Topic"],
  requirements: [
    {
      id: "customer-key",
      description: "kmsKeyName names a Cloud KMS key",
      remediation:
        "Set kmsKeyName to a Cloud KMS key, and grant the Pub/Sub service agent encrypt/decrypt on it.",
      check: (props: Props<pubsub.TopicArgs>) =>
        "kmsKeyName" in props ? [] : ["kmsKeyName names no Cloud KMS key"],
    },
  ],
});
