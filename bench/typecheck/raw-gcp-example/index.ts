/**
 * examples/gcp-confidential-inference written with raw @pulumi/gcp and @pulumi/kubernetes resources
 * (submodule imports, as a careful user would), the same kinds of resources with the same secure settings:
 * the baseline for bench/typecheck. Never built, tested or deployed.
 */
import * as pulumi from "@pulumi/pulumi";
import * as compute from "@pulumi/gcp/compute";
import * as container from "@pulumi/gcp/container";
import { ManagedZone, RecordSet } from "@pulumi/gcp/dns";
import { CryptoKey, CryptoKeyIAMMember, KeyRing } from "@pulumi/gcp/kms";
import { ProjectBucketConfig, ProjectSink } from "@pulumi/gcp/logging";
import { IAMAuditConfig, IAMMember } from "@pulumi/gcp/projects";
import { Account } from "@pulumi/gcp/serviceaccount";
import { Bucket, BucketIAMMember } from "@pulumi/gcp/storage";
import { Deployment } from "@pulumi/kubernetes/apps/v1";
import { Namespace, Service, ServiceAccount } from "@pulumi/kubernetes/core/v1";
import { Release } from "@pulumi/kubernetes/helm/v3";
import { NetworkPolicy } from "@pulumi/kubernetes/networking/v1";
import { Provider } from "@pulumi/kubernetes/provider";
import { Role } from "@pulumi/kubernetes/rbac/v1";

const config = new pulumi.Config();
const gcpConfig = new pulumi.Config("gcp");
const project = gcpConfig.require("project");
const region = gcpConfig.require("region");
const projectNumber = config.require("projectNumber");
const labels = { "data-classification": "phi", "compliance-frameworks": "hipaa", owner: "ml-platform" };
const agent = (domain: string) => `serviceAccount:service-${projectNumber}@${domain}`;
const retain = { retainOnDelete: true };

function key(name: string, agents: string[]) {
  const ring = new KeyRing(`${name}-ring`, { project, location: region }, retain);
  const cryptoKey = new CryptoKey(
    `${name}-key`,
    {
      keyRing: ring.id,
      rotationPeriod: `${365 * 86400}s`,
      purpose: "ENCRYPT_DECRYPT",
      versionTemplate: { algorithm: "GOOGLE_SYMMETRIC_ENCRYPTION", protectionLevel: "HSM" },
      destroyScheduledDuration: `${120 * 86400}s`,
      labels,
    },
    retain,
  );
  const grants = agents.map(
    (member, i) =>
      new CryptoKeyIAMMember(
        `${name}-grant-${i}`,
        { cryptoKeyId: cryptoKey.id, role: "roles/cloudkms.cryptoKeyEncrypterDecrypter", member },
        retain,
      ),
  );
  return { id: cryptoKey.id, grants };
}

const network = new compute.Network("inference-vpc", {
  project,
  autoCreateSubnetworks: false,
  routingMode: "REGIONAL",
});
const flowLogs = { aggregationInterval: "INTERVAL_5_SEC", flowSampling: 1, metadata: "INCLUDE_ALL_METADATA" };
const gkeSubnet = new compute.Subnetwork("inference-gke", {
  project,
  region,
  network: network.id,
  ipCidrRange: "10.40.0.0/22",
  privateIpGoogleAccess: true,
  logConfig: flowLogs,
  secondaryIpRanges: [
    { rangeName: "pods", ipCidrRange: "100.64.0.0/18" },
    { rangeName: "services", ipCidrRange: "100.65.0.0/22" },
  ],
});
const vmSubnet = new compute.Subnetwork("inference-vm", {
  project,
  region,
  network: network.id,
  ipCidrRange: "10.40.64.0/24",
  privateIpGoogleAccess: true,
  logConfig: flowLogs,
});
const logged = { metadata: "INCLUDE_ALL_METADATA" };
new compute.Firewall("inference-deny-all-ingress", {
  project,
  network: network.id,
  direction: "INGRESS",
  priority: 65534,
  denies: [{ protocol: "all" }],
  sourceRanges: ["0.0.0.0/0"],
  logConfig: logged,
});
new compute.Firewall("inference-deny-all-egress", {
  project,
  network: network.id,
  direction: "EGRESS",
  priority: 65534,
  denies: [{ protocol: "all" }],
  destinationRanges: ["0.0.0.0/0"],
  logConfig: logged,
});
const pscIp = "10.40.255.240";
new compute.Firewall("inference-allow-google-apis", {
  project,
  network: network.id,
  direction: "EGRESS",
  priority: 1000,
  allows: [{ protocol: "tcp", ports: ["443"] }],
  destinationRanges: [`${pscIp}/32`],
  logConfig: logged,
});
new compute.Firewall("inference-allow-gke-to-vm", {
  project,
  network: network.id,
  direction: "INGRESS",
  priority: 1000,
  allows: [{ protocol: "tcp", ports: ["8443"] }],
  sourceRanges: ["10.40.0.0/18"],
  targetTags: ["inference-vm"],
  logConfig: logged,
});
const pscAddress = new compute.GlobalAddress("inference-psc-address", {
  project,
  addressType: "INTERNAL",
  purpose: "PRIVATE_SERVICE_CONNECT",
  network: network.id,
  address: pscIp,
  labels,
});
new compute.GlobalForwardingRule("inference-psc", {
  project,
  name: "palisadeapis",
  target: "all-apis",
  network: network.id,
  ipAddress: pscAddress.id,
  loadBalancingScheme: "",
  labels,
});
const zone = new ManagedZone("inference-googleapis", {
  project,
  dnsName: "googleapis.com.",
  visibility: "private",
  privateVisibilityConfig: { networks: [{ networkUrl: network.id }] },
  labels,
});
new RecordSet("inference-googleapis-a", {
  project,
  managedZone: zone.name,
  name: "googleapis.com.",
  type: "A",
  ttl: 300,
  rrdatas: [pscIp],
});
new RecordSet("inference-googleapis-cname", {
  project,
  managedZone: zone.name,
  name: "*.googleapis.com.",
  type: "CNAME",
  ttl: 300,
  rrdatas: ["googleapis.com."],
});

function bucket(name: string) {
  const k = key(`${name}-kms`, [agent("gs-project-accounts.iam.gserviceaccount.com")]);
  const secure = {
    project,
    location: region,
    labels,
    forceDestroy: false,
    uniformBucketLevelAccess: true,
    publicAccessPrevention: "enforced",
    encryption: { defaultKmsKeyName: k.id },
    softDeletePolicy: { retentionDurationSeconds: 90 * 86400 },
  };
  const logs = new Bucket(
    `${name}-access-logs`,
    { ...secure, versioning: { enabled: true } },
    { ...retain, dependsOn: k.grants },
  );
  new BucketIAMMember(`${name}-access-logs-writer`, {
    bucket: logs.name,
    role: "roles/storage.objectCreator",
    member: "group:cloud-storage-analytics@google.com",
  });
  return new Bucket(
    `${name}-bucket`,
    { ...secure, versioning: { enabled: true }, logging: { logBucket: logs.name } },
    { ...retain, dependsOn: k.grants },
  );
}
const phiData = bucket("phi-data");
const modelWeights = bucket("model-weights");

const vmKey = key("phi-infer-kms", [agent("compute-system.iam.gserviceaccount.com")]);
const vmAccount = new Account("phi-infer-sa", {
  project,
  accountId: "phi-infer-vm",
  displayName: "phi-infer",
});
const scratch = new compute.Disk(
  "phi-infer-disk-scratch",
  {
    project,
    zone: `${region}-a`,
    size: 200,
    type: "pd-balanced",
    labels,
    diskEncryptionKey: { kmsKeySelfLink: vmKey.id },
  },
  { ...retain, dependsOn: vmKey.grants },
);
const vm = new compute.Instance(
  "phi-infer-vm",
  {
    project,
    zone: `${region}-a`,
    labels,
    machineType: "c3-standard-4",
    confidentialInstanceConfig: { confidentialInstanceType: "TDX" },
    scheduling: { onHostMaintenance: "TERMINATE", provisioningModel: "STANDARD", automaticRestart: true },
    shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
    keyRevocationActionType: "STOP",
    bootDisk: {
      interface: "NVME",
      kmsKeySelfLink: vmKey.id,
      initializeParams: { image: config.require("inferenceImage"), size: 50 },
    },
    attachedDisks: [{ source: scratch.selfLink, deviceName: "scratch", kmsKeySelfLink: vmKey.id }],
    networkInterfaces: [{ subnetwork: vmSubnet.id, nicType: "GVNIC" }],
    tags: ["inference-vm"],
    metadata: { "enable-oslogin": "TRUE", "block-project-ssh-keys": "TRUE", "serial-port-enable": "FALSE" },
    serviceAccount: { email: vmAccount.email, scopes: ["cloud-platform"] },
  },
  { dependsOn: vmKey.grants },
);

const gkeKey = key("serving-kms", [
  agent("container-engine-robot.iam.gserviceaccount.com"),
  agent("compute-system.iam.gserviceaccount.com"),
]);
const nodes = new Account("serving-nodes", {
  project,
  accountId: "serving-nodes",
  displayName: "serving nodes",
});
const nodeRole = new IAMMember("serving-nodes-role", {
  project,
  role: "roles/container.defaultNodeServiceAccount",
  member: pulumi.interpolate`serviceAccount:${nodes.email}`,
});
const nodeConfig = {
  serviceAccount: nodes.email,
  oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
  shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
};
const cluster = new container.Cluster(
  "serving-gke",
  {
    project,
    location: region,
    resourceLabels: labels,
    network: network.id,
    subnetwork: gkeSubnet.id,
    networkingMode: "VPC_NATIVE",
    ipAllocationPolicy: { clusterSecondaryRangeName: "pods", servicesSecondaryRangeName: "services" },
    privateClusterConfig: {
      enablePrivateNodes: true,
      enablePrivateEndpoint: true,
      masterIpv4CidrBlock: "172.16.0.0/28",
    },
    masterAuthorizedNetworksConfig: {
      cidrBlocks: [{ displayName: "gke-tier", cidrBlock: "10.40.0.0/22" }],
      gcpPublicCidrsAccessEnabled: false,
    },
    datapathProvider: "ADVANCED_DATAPATH",
    workloadIdentityConfig: { workloadPool: `${project}.svc.id.goog` },
    enableShieldedNodes: true,
    databaseEncryption: { state: "ENCRYPTED", keyName: gkeKey.id },
    binaryAuthorization: { evaluationMode: "PROJECT_SINGLETON_POLICY_ENFORCE" },
    releaseChannel: { channel: "REGULAR" },
    enableLegacyAbac: false,
    masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
    securityPostureConfig: { mode: "BASIC", vulnerabilityMode: "VULNERABILITY_BASIC" },
    removeDefaultNodePool: true,
    initialNodeCount: 1,
    nodeConfig,
    deletionProtection: true,
  },
  { dependsOn: [...gkeKey.grants, nodeRole] },
);
new container.NodePool(
  "serving-tdx",
  {
    project,
    location: region,
    cluster: cluster.name,
    autoscaling: { minNodeCount: 1, maxNodeCount: 3 },
    management: { autoRepair: true, autoUpgrade: true },
    nodeConfig: {
      ...nodeConfig,
      machineType: "c3-standard-4",
      workloadMetadataConfig: { mode: "GKE_METADATA" },
      bootDiskKmsKey: gkeKey.id,
      diskSizeGb: 100,
      diskType: "pd-balanced",
      confidentialNodes: { enabled: true, confidentialInstanceType: "TDX" },
      resourceLabels: labels,
    },
  },
  { dependsOn: gkeKey.grants },
);

// Inside the cluster: restricted namespaces with default-deny policies, the runtime sensor (Helm) and
// the model server as an isolated service, through the cluster's provider.
const provider = new Provider("k8s", {
  kubeconfig: pulumi.interpolate`${cluster.endpoint}`,
  enableServerSideApply: true,
});
const onCluster = { provider };
const restricted = {
  "pod-security.kubernetes.io/enforce": "restricted",
  "pod-security.kubernetes.io/audit": "restricted",
  "pod-security.kubernetes.io/warn": "restricted",
};
for (const ns of ["gateway", "model-serving"]) {
  new Namespace(ns, { metadata: { name: ns, labels: restricted } }, onCluster);
  new NetworkPolicy(
    `${ns}-default-deny`,
    {
      metadata: { namespace: ns, name: "default-deny" },
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    },
    onCluster,
  );
}
new Namespace("runtime", { metadata: { name: "runtime" } }, onCluster);
new Release(
  "tetragon",
  {
    chart: "tetragon",
    namespace: "runtime",
    repositoryOpts: { repo: "https://helm.cilium.io" },
    version: "1.4.0",
  },
  onCluster,
);
new Role(
  "model-server",
  {
    metadata: { namespace: "model-serving", name: "model-server" },
    rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }],
  },
  onCluster,
);
new ServiceAccount(
  "model-server",
  { metadata: { namespace: "model-serving", name: "model-server" }, automountServiceAccountToken: false },
  onCluster,
);
const labelsOf = { app: "model-server" };
new Deployment(
  "model-server",
  {
    metadata: { namespace: "model-serving", name: "model-server" },
    spec: {
      selector: { matchLabels: labelsOf },
      template: {
        metadata: { labels: labelsOf },
        spec: {
          serviceAccountName: "model-server",
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
          containers: [
            {
              name: "server",
              image: config.require("modelServerImage"),
              ports: [{ containerPort: 8443 }],
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ["ALL"] },
              },
            },
          ],
        },
      },
    },
  },
  onCluster,
);
new Service(
  "model-server",
  {
    metadata: { namespace: "model-serving", name: "model-server" },
    spec: { selector: labelsOf, ports: [{ port: 8443 }] },
  },
  onCluster,
);
new NetworkPolicy(
  "model-server-callers",
  {
    metadata: { namespace: "model-serving", name: "callers" },
    spec: {
      podSelector: { matchLabels: labelsOf },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "gateway" } } }],
          ports: [{ port: 8443 }],
        },
      ],
    },
  },
  onCluster,
);

const auditKey = key("audit-kms", [agent("gcp-sa-logging.iam.gserviceaccount.com")]);
new IAMAuditConfig(
  "audit-all-services",
  {
    project,
    service: "allServices",
    auditLogConfigs: [{ logType: "ADMIN_READ" }, { logType: "DATA_READ" }, { logType: "DATA_WRITE" }],
  },
  retain,
);
const logBucket = new ProjectBucketConfig(
  "audit-log-bucket",
  {
    project,
    location: region,
    bucketId: "audit-audit-logs",
    retentionDays: 2192,
    cmekSettings: { kmsKeyName: auditKey.id },
  },
  { ...retain, dependsOn: auditKey.grants },
);
const sink = new ProjectSink(
  "audit-sink",
  {
    project,
    destination: pulumi.interpolate`logging.googleapis.com/${logBucket.id}`,
    filter: 'logName:"cloudaudit.googleapis.com"',
    uniqueWriterIdentity: true,
  },
  retain,
);
new IAMMember(
  "audit-sink-writer",
  { project, role: "roles/logging.bucketWriter", member: sink.writerIdentity },
  retain,
);

export const networkId = network.id;
export const phiBucket = phiData.name;
export const weightsBucket = modelWeights.name;
export const inferenceVmName = vm.name;
export const clusterName = cluster.name;
export const auditLogBucket = logBucket.name;
