/** AWS Kinesis rules (aws v7): data streams and Firehose delivery streams. */
import type * as kinesis from "@pulumi/aws/kinesis";
import { resourceRule, type Props } from "../../rule";
import { namesCustomerKey } from "./kms";

type Stream = Props<kinesis.StreamArgs>;
type DeliveryStream = Props<kinesis.FirehoseDeliveryStreamArgs>;

export const kinesisStreamEncrypted = resourceRule({
  id: "aws-kinesis-stream-encrypted",
  description: "Kinesis data streams encrypt records with a customer-managed KMS key",
  target: "aws",
  types: ["aws:kinesis/stream:Stream"],
  requirements: [
    {
      id: "encrypted",
      description: "Server-side encryption is on",
      remediation: 'Set encryptionType "KMS" (the provider\'s default is "NONE").',
      check: (props: Stream) => (props.encryptionType === "KMS" ? [] : ['encryptionType is not "KMS"']),
    },
    {
      id: "customer-key",
      description: "Records are encrypted with a customer-managed key, not the AWS-managed aws/kinesis key",
      remediation: "Set kmsKeyId to a customer-managed KMS key (not alias/aws/kinesis).",
      check: (props: Stream) =>
        namesCustomerKey(props, "kmsKeyId") ? [] : ["kmsKeyId names no customer-managed key"],
    },
  ],
});

export const kinesisFirehoseDeliveryStreamEncrypted = resourceRule({
  id: "aws-kinesis-firehose-delivery-stream-encrypted",
  description: "Firehose delivery streams fed directly encrypt their buffer with a customer-managed KMS key",
  target: "aws",
  types: ["aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream"],
  requirements: [
    {
      id: "customer-key",
      description:
        "A Direct PUT stream encrypts at rest with CUSTOMER_MANAGED_CMK and a key (a Kinesis-fed stream relies on its source stream's encryption)",
      remediation:
        'Set serverSideEncryption { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: <customer key> }.',
      check: (props: DeliveryStream) => {
        // Firehose cannot encrypt a stream read from Kinesis: its source stream's rule judges that.
        if ("kinesisSourceConfiguration" in props) return [];
        // Provider defaults: enabled false, keyType AWS_OWNED_CMK.
        const sse = props.serverSideEncryption ?? {};
        return sse.enabled === true && sse.keyType === "CUSTOMER_MANAGED_CMK" && "keyArn" in sse
          ? []
          : ["serverSideEncryption is not enabled with a customer-managed keyType and a keyArn"];
      },
    },
  ],
});
