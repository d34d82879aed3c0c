/**
 * Confidential AI inference on Google Cloud, for regulated (HIPAA) data in the EU: a segmented VPC that
 * reaches Google APIs privately, an Intel TDX inference VM, a private GKE cluster whose nodes are TDX
 * confidential VMs running the Kubernetes zero-trust baseline and the model server, CMEK buckets for
 * model weights and patient data, and project audit logging. Previewed offline with the HIPAA pack in
 * `test/hipaa-gcp-example.test.ts`, and as the `gdpr` stack with the HIPAA and GDPR packs in
 * `test/gdpr-gcp-example.test.ts`; deploy with `pulumi up --stack dev` (or `--stack gdpr`).
 */
import * as pulumi from "@pulumi/pulumi";
import { baselines, mergeBaselines, type ComplianceMetadata, type FrameworkId } from "@palisade/core";
import {
  AuditLogging,
  ConfidentialVm,
  EncryptedBucket,
  SegmentedNetwork,
  ZeroTrustGkeCluster,
} from "@palisade/gcp";
import { ClusterBaseline, IsolatedService } from "@palisade/kubernetes";

const config = new pulumi.Config();
const projectNumber = config.require("projectNumber");
// The frameworks the stack answers to (HIPAA by default; the gdpr stack adds GDPR): every component
// takes the strictest of their baselines, e.g. EU regions and an expiry on every store under GDPR.
const frameworks = config.getObject<FrameworkId[]>("frameworks") ?? ["hipaa"];
const baseline = mergeBaselines(...frameworks.map((f) => baselines[f]));
const phi: ComplianceMetadata = { frameworks, dataClassification: "phi", owner: "ml-platform" };
const common = { baseline, compliance: phi, projectNumber };

// The network: GKE nodes (with pod and service ranges) and inference VMs in their own tiers; nothing
// reaches the internet; Google APIs through Private Service Connect.
const network = new SegmentedNetwork("inference", {
  cidr: "10.40.0.0/16",
  secondaryCidr: "100.64.0.0/14",
  tiers: [
    {
      name: "gke",
      prefixLength: 22,
      secondaryRanges: [
        { name: "pods", prefixLength: 18 },
        { name: "services", prefixLength: 22 },
      ],
    },
    { name: "vm", prefixLength: 24 },
  ],
  allows: [
    {
      name: "gke-to-vm",
      direction: "INGRESS",
      protocol: "tcp",
      ports: ["8443"],
      sourceTiers: ["gke"],
      targetTags: ["inference-vm"],
    },
  ],
  baseline,
  compliance: phi,
});

// Data: patient records and model weights, each under its own customer key.
const phiData = new EncryptedBucket("phi-data", { ...common, lifecycleRules: [{ deleteAfterDays: 2192 }] });
// Weights are rebuilt from the model registry, so they expire too (GDPR's baseline asks it of every store).
const modelWeights = new EncryptedBucket("model-weights", {
  ...common,
  compliance: { ...phi, dataClassification: "confidential" },
  lifecycleRules: [{ deleteAfterDays: 2192 }],
});

// A TDX inference VM for batch scoring, with its scratch space on a customer-key disk.
const inferenceVm = new ConfidentialVm("phi-infer", {
  ...common,
  image: config.require("inferenceImage"),
  subnetwork: network.subnets["vm"]!.id,
  networkTags: ["inference-vm"],
  dataDisks: [{ name: "scratch", sizeGb: 200 }],
});

// The serving cluster: private GKE with Intel TDX confidential nodes.
const serving = new ZeroTrustGkeCluster("serving", {
  ...common,
  network: network.networkId,
  subnetwork: network.subnets["gke"]!.id,
  masterCidr: "172.16.0.0/28",
  authorizedNetworks: [{ name: "gke-tier", cidr: "10.40.0.0/22" }],
});

// Inside the cluster: the zero-trust floor and the model server, callable only from the gateway.
const onServingCluster = { provider: serving.provider };
new ClusterBaseline(
  "serving-baseline",
  { namespaces: [{ namespace: "gateway" }], compliance: phi },
  onServingCluster,
);
const modelServer = new IsolatedService(
  "model-server",
  {
    image: config.require("modelServerImage"),
    port: 8443,
    workload: "model-serving",
    callers: [{ namespace: "gateway" }],
    compliance: phi,
  },
  onServingCluster,
);

// Audit: admin and data access logs of every service, kept in a CMEK log bucket.
const audit = new AuditLogging("audit", common);

export const networkId = network.networkId;
export const phiBucket = phiData.bucketName;
export const weightsBucket = modelWeights.bucketName;
export const inferenceVmName = inferenceVm.instanceName;
export const clusterName = serving.clusterName;
export const modelServerHost = modelServer.host;
export const auditLogBucket = audit.logBucketName;
