/** AWS SNS rules (aws v7). */
import type * as sns from "@pulumi/aws/sns";
import { resourceRule, type Props } from "../../rule";
import { namesCustomerKey } from "./kms";

type Topic = Props<sns.TopicArgs>;

export const snsTopicEncrypted = resourceRule({
  id: "aws-sns-topic-encrypted",
  description: "SNS topics encrypt messages with a customer-managed KMS key",
  target: "aws",
  types: ["aws:sns/topic:Topic"],
  requirements: [
    {
      id: "customer-key",
      description:
        "Messages are encrypted at rest with a customer-managed key (unset, a topic is unencrypted)",
      remediation: "Set kmsMasterKeyId to a customer-managed KMS key (not alias/aws/sns).",
      check: (props: Topic) =>
        namesCustomerKey(props, "kmsMasterKeyId") ? [] : ["kmsMasterKeyId names no customer-managed key"],
    },
  ],
});
