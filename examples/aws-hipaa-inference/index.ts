/**
 * A HIPAA-regulated model-inference platform: patient data (PHI) and model artifacts in encrypted buckets,
 * an AMD SEV-SNP confidential host that runs inference over PHI, an EKS cluster for model serving, and an
 * audit trail over all of it. Every component takes the HIPAA baseline and picks the settings it demands.
 */
import * as pulumi from "@pulumi/pulumi";
import { getParameterOutput } from "@pulumi/aws/ssm";
import {
  AuditTrail,
  ConfidentialInstance,
  EncryptedBucket,
  SegmentedVpc,
  ZeroTrustEksCluster,
} from "@palisade/aws";
import { hipaa, type ComplianceMetadata } from "@palisade/core";
import { ClusterBaseline, IsolatedService } from "@palisade/kubernetes";

const config = new pulumi.Config();
const phi: ComplianceMetadata = {
  frameworks: ["hipaa"],
  dataClassification: "phi",
  owner: "ml-platform",
  environment: pulumi.getStack(),
};

// Network: public (load balancers), private (serving, inference), data (isolated, no route out).
const network = new SegmentedVpc("inference", {
  cidr: "10.40.0.0/16",
  availabilityZones: config.requireObject<string[]>("availabilityZones"),
  tiers: [
    { name: "public", prefixLength: 24, kind: "public" },
    {
      name: "private",
      prefixLength: 20,
      kind: "private",
      subnetTags: { "kubernetes.io/role/internal-elb": "1" },
    },
    { name: "data", prefixLength: 24, kind: "isolated" },
  ],
  // One NAT gateway, so nodes can pull the public images (Tetragon from quay.io, the model server);
  // mirror them into ECR and use "none" for a network whose private tier has no route out.
  natGateways: "single",
  baseline: hipaa,
  compliance: phi,
});

// Storage: each bucket gets its own customer-managed key; old PHI versions expire after 90 days.
const phiData = new EncryptedBucket("phi-data", {
  baseline: hipaa,
  compliance: phi,
  lifecycleRules: [{ id: "expire-old-versions", noncurrentVersionExpirationDays: 90 }],
});
const modelArtifacts = new EncryptedBucket("model-artifacts", {
  baseline: hipaa,
  compliance: { ...phi, dataClassification: "confidential" },
});

// Inference over PHI runs with guest memory encrypted by AMD SEV-SNP (EC2 has no Intel TDX).
// Amazon Linux 2023 boots with UEFI, which SEV-SNP requires.
const al2023 = getParameterOutput({
  name: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
});
const inferenceHost = new ConfidentialInstance("phi-inference", {
  technology: "sev-snp",
  instanceType: "m6a.2xlarge",
  ami: al2023.value,
  vpcId: network.vpcId,
  subnetId: network.tierSubnetIds("private")[0] as pulumi.Output<string>,
  ingress: [
    {
      description: "Inference API from the serving tier",
      ports: 8443,
      cidr: network.plan.tierBlocks.private,
    },
  ],
  baseline: hipaa,
  compliance: phi,
});

// Model serving on EKS: private API endpoint, secrets under a customer key, admin granted explicitly.
const serving = new ZeroTrustEksCluster("serving", {
  subnetIds: network.tierSubnetIds("private"),
  access: [{ principalArn: config.require("clusterAdminRoleArn"), policy: "cluster-admin" }],
  baseline: hipaa,
  compliance: phi,
});

// Inside the cluster: the zero-trust floor (restricted namespaces, Tetragon runtime monitoring) and the
// inference API as an isolated service that only the gateway namespace may call.
const onServingCluster = { provider: serving.provider };
new ClusterBaseline(
  "serving-baseline",
  { namespaces: [{ namespace: "gateway" }], compliance: phi },
  onServingCluster,
);
const inferenceApi = new IsolatedService(
  "inference-api",
  {
    image: config.require("inferenceApiImage"),
    port: 8443,
    workload: "model-serving",
    callers: [{ namespace: "gateway" }],
    compliance: phi,
  },
  onServingCluster,
);

// Audit: every API call in every region, plus object-level reads and writes of PHI and models.
const audit = new AuditTrail("audit", {
  dataEventBucketArns: [phiData.arn, modelArtifacts.arn],
  baseline: hipaa,
  compliance: { ...phi, dataClassification: "confidential" },
});

export const vpcId = network.vpcId;
export const phiBucket = phiData.bucketName;
export const modelBucket = modelArtifacts.bucketName;
export const inferenceInstanceId = inferenceHost.instanceId;
export const clusterName = serving.clusterName;
export const kubeconfig = serving.kubeconfig;
export const inferenceApiHost = inferenceApi.host;
export const auditTrailArn = audit.trailArn;
