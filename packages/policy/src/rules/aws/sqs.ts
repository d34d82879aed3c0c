/** AWS SQS rules (aws v7). */
import type * as sqs from "@pulumi/aws/sqs";
import { resourceRule, type Props } from "../../rule";
import { namesCustomerKey } from "./kms";

type Queue = Props<sqs.QueueArgs>;

export const sqsQueueEncrypted = resourceRule({
  id: "aws-sqs-queue-encrypted",
  description: "SQS queues encrypt messages with a customer-managed KMS key",
  target: "aws",
  types: ["aws:sqs/queue:Queue"],
  requirements: [
    {
      id: "customer-key",
      description:
        "Messages are encrypted with a customer-managed key (SQS-managed SSE, the default, uses a key AWS controls)",
      remediation: "Set kmsMasterKeyId to a customer-managed KMS key (not alias/aws/sqs).",
      check: (props: Queue) =>
        namesCustomerKey(props, "kmsMasterKeyId") ? [] : ["kmsMasterKeyId names no customer-managed key"],
    },
  ],
});
