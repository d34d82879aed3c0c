/** AWS EKS rules (aws v7). */
import type * as eks from "@pulumi/aws/eks";
import { admitsWholeInternet } from "@palisade/core";
import { resourceRule, type Props } from "../../rule";

type Cluster = Props<eks.ClusterArgs>;

export const eksClusterHardened = resourceRule({
  id: "aws-eks-cluster-hardened",
  description: "EKS clusters encrypt secrets with a customer key and keep the API endpoint off the internet",
  target: "aws",
  types: ["aws:eks/cluster:Cluster"],
  requirements: [
    {
      id: "secrets-encryption",
      description: "Kubernetes secrets are envelope-encrypted with a KMS key",
      remediation:
        'Set encryptionConfig with resources ["secrets"] and provider.keyArn a customer-managed KMS key (Palisade\'s ZeroTrustEksCluster does).',
      check: (props: Cluster) => {
        const encryption = props.encryptionConfig;
        const secrets = ((encryption?.resources as unknown[] | undefined) ?? []).includes("secrets");
        return secrets && "keyArn" in (encryption?.provider ?? {})
          ? []
          : ['encryptionConfig does not encrypt "secrets" with a provider.keyArn'];
      },
    },
    {
      id: "private-endpoint",
      description: "The API endpoint does not admit the whole internet",
      remediation:
        "Set vpcConfig.endpointPublicAccess false (with endpointPrivateAccess true), or publicAccessCidrs that together do not cover the internet.",
      check: (props: Cluster) => {
        const vpc = props.vpcConfig ?? {};
        if (vpc.endpointPublicAccess === false) return [];
        // EKS opens a public endpoint to 0.0.0.0/0 unless told otherwise.
        const cidrs = (vpc.publicAccessCidrs as unknown[] | undefined) ?? ["0.0.0.0/0"];
        return admitsWholeInternet(cidrs)
          ? [
              "the public API endpoint admits the whole internet (vpcConfig.endpointPublicAccess, publicAccessCidrs)",
            ]
          : [];
      },
    },
  ],
});

type NodeGroup = Props<eks.NodeGroupArgs>;

export const eksNodeGroupNoOpenSsh = resourceRule({
  id: "aws-eks-node-group-no-open-ssh",
  description: "EKS managed node groups do not open SSH to the internet",
  target: "aws",
  types: ["aws:eks/nodeGroup:NodeGroup"],
  requirements: [
    {
      id: "no-open-ssh",
      description: "A node group with an SSH key names the security groups SSH may come from",
      remediation:
        "Remove remoteAccess (reach nodes with SSM), or set remoteAccess.sourceSecurityGroupIds to the groups allowed to SSH.",
      // With ec2SshKey and no sourceSecurityGroupIds, EKS opens port 22 to 0.0.0.0/0 (provider docs).
      check: (props: NodeGroup) => {
        const access = props.remoteAccess ?? {};
        return "ec2SshKey" in access && !("sourceSecurityGroupIds" in access)
          ? ["remoteAccess.ec2SshKey is set without sourceSecurityGroupIds, which opens SSH to the internet"]
          : [];
      },
    },
  ],
});
