/**
 * A HIPAA-regulated model-inference platform: patient data (PHI) and model artifacts in encrypted buckets,
 * an AMD SEV-SNP confidential host that runs inference over PHI, an EKS cluster for model serving, and an
 * audit trail over all of it. Every component takes the stack's baseline (HIPAA; HIPAA and GDPR in the
 * `gdpr` stack, in eu-west-1) and picks the settings it demands.
 */
import * as pulumi from "@pulumi/pulumi";
import { Detector } from "@pulumi/aws/guardduty";
import { Account } from "@pulumi/aws/securityhub";
import { getParameterOutput } from "@pulumi/aws/ssm";
import {
  AuditTrail,
  ConfidentialInstance,
  EncryptedBucket,
  SegmentedVpc,
  ZeroTrustEksCluster,
} from "@palisade/aws";
import { baselines, mergeBaselines, type ComplianceMetadata, type FrameworkId } from "@palisade/core";
import { ClusterBaseline, IsolatedService } from "@palisade/kubernetes";

const config = new pulumi.Config();
// The frameworks the stack answers to (HIPAA by default; the gdpr stack adds GDPR): every component
// takes the strictest of their baselines, e.g. EU regions and an expiry on every store under GDPR.
const frameworks = config.getObject<FrameworkId[]>("frameworks") ?? ["hipaa"];
const baseline = mergeBaselines(...frameworks.map((f) => baselines[f]));
const phi: ComplianceMetadata = {
  frameworks,
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
  baseline,
  compliance: phi,
});

// Storage: each bucket gets its own customer-managed key; PHI expires after six years (GDPR's storage
// limitation; HIPAA sets no minimum) and its old versions after 90 days. Artifacts are rebuilt from the
// registry, so they expire too (GDPR's baseline asks it of every store).
const expireAfterSixYears = { id: "expire-after-six-years", expirationDays: 2192 };
const phiData = new EncryptedBucket("phi-data", {
  baseline,
  compliance: phi,
  lifecycleRules: [expireAfterSixYears, { id: "expire-old-versions", noncurrentVersionExpirationDays: 90 }],
});
const modelArtifacts = new EncryptedBucket("model-artifacts", {
  baseline,
  compliance: { ...phi, dataClassification: "confidential" },
  lifecycleRules: [expireAfterSixYears],
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
  baseline,
  compliance: phi,
});

// Model serving on EKS: private API endpoint, secrets under a customer key, admin granted explicitly.
const serving = new ZeroTrustEksCluster("serving", {
  subnetIds: network.tierSubnetIds("private"),
  access: [{ principalArn: config.require("clusterAdminRoleArn"), policy: "cluster-admin" }],
  baseline,
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

// Breach detection under GDPR (Art. 33/34): GuardDuty and Security Hub in the stack's region, kept if the
// stack is destroyed. An organisation that runs them from a delegated administrator drops these and sets
// detectionManagedCentrally on the two GDPR policies instead (README.md).
if (frameworks.includes("gdpr")) {
  new Detector("threat-detection", { enable: true }, { retainOnDelete: true });
  new Account("security-hub", {}, { retainOnDelete: true });
}

// Audit: every API call in every region, plus object-level reads and writes of PHI and models.
const audit = new AuditTrail("audit", {
  dataEventBucketArns: [phiData.arn, modelArtifacts.arn],
  baseline,
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
