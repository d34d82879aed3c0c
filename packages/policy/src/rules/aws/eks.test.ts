import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { eksClusterHardened, eksNodeGroupNoOpenSsh } from "./eks";

const encryption = { resources: ["secrets"], provider: { keyArn: "arn:aws:kms:us-east-1:1:key/k" } };
const cluster = (props: Record<string, unknown>): KitResource => ({
  type: "aws:eks/cluster:Cluster",
  name: "eks",
  props: {
    roleArn: "arn:aws:iam::1:role/eks",
    encryptionConfig: encryption,
    vpcConfig: { endpointPublicAccess: false, endpointPrivateAccess: true, subnetIds: ["s-1"] },
    ...props,
  },
});
const endpoint = (vpcConfig: Record<string, unknown>) =>
  cluster({ vpcConfig: { subnetIds: ["s-1"], ...vpcConfig } });

describeRule(eksClusterHardened, {
  baseline: hipaa,
  compliant: [
    cluster({}),
    // The key and subnets are created in the same preview: present is enough.
    cluster({
      encryptionConfig: { resources: ["secrets"], provider: { keyArn: UNKNOWN } },
      vpcConfig: { endpointPublicAccess: false, subnetIds: [UNKNOWN] },
    }),
  ],
  requirements: {
    "secrets-encryption": {
      violating: [
        cluster({ encryptionConfig: undefined }),
        cluster({ encryptionConfig: { resources: ["configmaps"], provider: encryption.provider } }),
        cluster({ encryptionConfig: { resources: ["secrets"], provider: {} } }),
        cluster({ encryptionConfig: { resources: ["secrets"] } }),
      ],
      unknown: [cluster({ encryptionConfig: { resources: UNKNOWN, provider: encryption.provider } })],
      decidedWhenUnknown: [
        cluster({ encryptionConfig: { resources: ["secrets"], provider: { keyArn: UNKNOWN } } }),
      ],
    },
    "private-endpoint": {
      violating: [
        // EKS opens a public endpoint to everyone unless told otherwise.
        endpoint({}),
        endpoint({ endpointPublicAccess: true }),
        endpoint({ publicAccessCidrs: ["0.0.0.0/0"] }),
        endpoint({ publicAccessCidrs: ["203.0.113.0/24", "0::/0"] }),
        endpoint({ publicAccessCidrs: ["0.0.0.0/1", "128.0.0.0/1"] }),
      ],
      compliant: [
        endpoint({ endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] }),
        endpoint({ publicAccessCidrs: ["0.0.0.0/1"] }),
        endpoint({ endpointPublicAccess: false, publicAccessCidrs: ["0.0.0.0/0"] }),
      ],
      unknown: [endpoint({ publicAccessCidrs: [UNKNOWN] }), endpoint({ endpointPublicAccess: UNKNOWN })],
      decidedWhenUnknown: [endpoint({ endpointPublicAccess: false, publicAccessCidrs: [UNKNOWN] })],
    },
  },
});

const nodeGroup = (props: Record<string, unknown>): KitResource => ({
  type: "aws:eks/nodeGroup:NodeGroup",
  name: "workers",
  props: {
    clusterName: "serving",
    nodeRoleArn: "arn:aws:iam::123456789012:role/n",
    subnetIds: ["subnet-1"],
    ...props,
  },
});

describeRule(eksNodeGroupNoOpenSsh, {
  baseline: hipaa,
  compliant: [
    nodeGroup({}),
    nodeGroup({ remoteAccess: { ec2SshKey: "ops", sourceSecurityGroupIds: ["sg-1"] } }),
    nodeGroup({ remoteAccess: { ec2SshKey: UNKNOWN, sourceSecurityGroupIds: UNKNOWN } }),
  ],
  requirements: {
    "no-open-ssh": {
      violating: [nodeGroup({ remoteAccess: { ec2SshKey: "ops" } })],
      unknown: [nodeGroup({ remoteAccess: UNKNOWN })],
      decidedWhenUnknown: [
        nodeGroup({ remoteAccess: { ec2SshKey: UNKNOWN, sourceSecurityGroupIds: ["sg-1"] } }),
      ],
    },
  },
});
