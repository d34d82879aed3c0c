/** AWS MSK (Managed Streaming for Apache Kafka) rules (aws v7). */
import type * as msk from "@pulumi/aws/msk";
import { resourceRule, type Props } from "../../rule";

type Cluster = Props<msk.ClusterArgs>;
const CLUSTER = "aws:msk/cluster:Cluster";

export const mskClusterEncrypted = resourceRule({
  id: "aws-msk-cluster-encrypted",
  description: "MSK clusters encrypt broker storage with a customer-managed KMS key",
  target: "aws",
  types: [CLUSTER],
  requirements: [
    {
      id: "customer-key",
      description:
        "Data at rest is encrypted with a customer-managed key (unset, the AWS-managed aws/msk key)",
      remediation: "Set encryptionInfo.encryptionAtRestKmsKeyArn to a customer-managed KMS key.",
      check: (props: Cluster) =>
        "encryptionAtRestKmsKeyArn" in (props.encryptionInfo ?? {})
          ? []
          : ["encryptionInfo.encryptionAtRestKmsKeyArn names no customer-managed key"],
    },
  ],
});

export const mskClusterTls = resourceRule({
  id: "aws-msk-cluster-tls",
  description: "MSK clusters encrypt traffic between clients and brokers and among brokers",
  target: "aws",
  types: [CLUSTER],
  requirements: [
    {
      id: "client-broker-tls",
      description: "Clients reach brokers over TLS only",
      remediation: 'Leave encryptionInfo.encryptionInTransit.clientBroker unset or "TLS" (the default).',
      // Provider default: TLS. TLS_PLAINTEXT and PLAINTEXT both accept plaintext clients.
      check: (props: Cluster) =>
        String(props.encryptionInfo?.encryptionInTransit?.clientBroker ?? "TLS") === "TLS"
          ? []
          : ["encryptionInfo.encryptionInTransit.clientBroker accepts plaintext"],
    },
    {
      id: "in-cluster-tls",
      description: "Brokers talk to each other over TLS",
      remediation: "Remove encryptionInfo.encryptionInTransit.inCluster: false (the default is true).",
      check: (props: Cluster) =>
        props.encryptionInfo?.encryptionInTransit?.inCluster === false
          ? ["encryptionInfo.encryptionInTransit.inCluster is false"]
          : [],
    },
  ],
});
