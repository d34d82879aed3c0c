/**
 * Confidential analytics on Azure, for regulated (HIPAA) data: a segmented VNet whose services are
 * reached only through private endpoints, an Intel TDX confidential VM whose OS disk key is released only
 * to an attested confidential VM, a private Entra-only AKS cluster whose nodes are TDX confidential VMs
 * running the Kubernetes zero-trust baseline and the analytics service, customer-key storage for patient
 * records, a Premium Key Vault, and the subscription's activity log. Previewed offline with the HIPAA pack
 * in `test/hipaa-azure-example.test.ts`, and as the `gdpr` stack with the HIPAA and GDPR packs in
 * `test/gdpr-azure-example.test.ts`; deploy with `pulumi up --stack dev` or `--stack gdpr` (see README.md
 * first: one tenant-wide step is needed).
 */
import * as pulumi from "@pulumi/pulumi";
import { getClientConfigOutput } from "@pulumi/azure-native/authorization";
import { ResourceGroup } from "@pulumi/azure-native/resources";
import { Pricing, SecurityContact } from "@pulumi/azure-native/security";
import { baselines, mergeBaselines, type ComplianceMetadata, type FrameworkId } from "@palisade/core";
import {
  ActivityLog,
  ConfidentialVm,
  EncryptedStorageAccount,
  KeyVault,
  SegmentedVnet,
  ZeroTrustAksCluster,
} from "@palisade/azure";
import { ClusterBaseline, IsolatedService } from "@palisade/kubernetes";

const config = new pulumi.Config();
// The frameworks the stack answers to (HIPAA by default; the gdpr stack adds GDPR): every component
// takes the strictest of their baselines, e.g. EU regions and an expiry on every store under GDPR.
const frameworks = config.getObject<FrameworkId[]>("frameworks") ?? ["hipaa"];
const baseline = mergeBaselines(...frameworks.map((f) => baselines[f]));
const phi: ComplianceMetadata = { frameworks, dataClassification: "phi", owner: "analytics" };

// Deleting a resource group deletes everything in it, retained or not: the group outlives the stack.
const group = new ResourceGroup("analytics", {}, { retainOnDelete: true });
const common = { baseline, compliance: phi, resourceGroupName: group.name };

// The subscription's activity log, and the Log Analytics workspace every audit log below goes to.
const audit = new ActivityLog("audit", common);
const auditTo = [{ workspaceResourceId: audit.workspaceResourceId }];

// The VNet records its flows to a customer-key account that is reached through the VNet itself, so its
// id is given once that account exists (a deferred output: no cycle between the resources).
const [flowLogStorageId, setFlowLogStorageId] = pulumi.deferredOutput<string>();

// The network: private endpoints, the analytics VM, AKS nodes (egress through NAT) and the AKS API
// server in their own tiers, each behind a deny-all NSG with named allows.
const network = new SegmentedVnet("analytics", {
  ...common,
  cidr: "10.50.0.0/16",
  tiers: [
    { name: "endpoints", prefixLength: 26 },
    { name: "vm", prefixLength: 24 },
    { name: "aks", prefixLength: 22, nat: true },
    { name: "aksapi", prefixLength: 28, delegation: "Microsoft.ContainerService/managedClusters" },
  ],
  allows: [
    {
      name: "aks-to-vm",
      direction: "Inbound",
      protocol: "Tcp",
      ports: ["8443"],
      sourceTiers: ["aks"],
      destinationTiers: ["vm"],
    },
    {
      name: "to-endpoints",
      direction: "Inbound",
      protocol: "Tcp",
      ports: ["443"],
      sourceTiers: ["vm", "aks", "aksapi"],
      destinationTiers: ["endpoints"],
    },
    {
      name: "from-workloads",
      direction: "Outbound",
      protocol: "Tcp",
      ports: ["443"],
      sourceTiers: ["vm", "aks", "aksapi"],
      destinationTiers: ["endpoints"],
    },
    {
      name: "vm-from-aks",
      direction: "Outbound",
      protocol: "Tcp",
      ports: ["8443"],
      sourceTiers: ["aks"],
      destinationTiers: ["vm"],
    },
    // AKS nodes and the API server talk both ways (kubelet 10250, API server 443).
    {
      name: "aks-to-api",
      direction: "Outbound",
      protocol: "Tcp",
      ports: ["443", "10250"],
      sourceTiers: ["aks", "aksapi"],
      destinationTiers: ["aks", "aksapi"],
    },
    {
      name: "api-to-aks",
      direction: "Inbound",
      protocol: "Tcp",
      ports: ["443", "10250"],
      sourceTiers: ["aks", "aksapi"],
      destinationTiers: ["aks", "aksapi"],
    },
    // AKS's required egress: Azure's control plane and Microsoft's container registry, nothing else.
    {
      name: "aks-egress",
      direction: "Outbound",
      protocol: "Tcp",
      ports: ["443"],
      sourceTiers: ["aks"],
      destinationAddressPrefixes: ["AzureCloud"],
    },
    {
      name: "aks-images",
      direction: "Outbound",
      protocol: "Tcp",
      ports: ["443"],
      sourceTiers: ["aks"],
      destinationAddressPrefixes: ["MicrosoftContainerRegistry"],
    },
  ],
  flowLogs: {
    storageAccountResourceId: flowLogStorageId,
    workspaceResourceId: audit.workspaceResourceId,
    workspaceCustomerId: audit.workspaceCustomerId,
  },
});
const endpointsSubnet = network.subnetIds["endpoints"]!;

// Keys: a Premium vault (HSM-backed keys), reached only through its private endpoint, audited.
const keys = new KeyVault("keys", {
  ...common,
  diagnosticSettings: auditTo,
  privateEndpoints: [
    {
      subnetResourceId: endpointsSubnet,
      privateDnsZoneResourceIds: [network.privateDnsZoneIds.vault!],
    },
  ],
});
const blobEndpoint = [
  { subnetResourceId: endpointsSubnet, privateDnsZoneResourceIds: [network.privateDnsZoneIds.blob!] },
];

// Data: patient records, and the VNet's flow logs, each under its own customer key.
const records = new EncryptedStorageAccount("records", {
  ...common,
  keyVault: keys,
  containers: ["cohorts", "results"],
  // Cohorts and results are deleted after six years: GDPR's storage limitation, and HIPAA sets no minimum.
  lifecycle: { coolAfterDays: 90, deleteAfterDays: 2192 },
  privateEndpoints: blobEndpoint,
  diagnosticSettings: auditTo,
});
const flowLogStore = new EncryptedStorageAccount("flowlogs", {
  ...common,
  compliance: { ...phi, dataClassification: "confidential" },
  keyVault: keys,
  lifecycle: { deleteAfterDays: 2192 },
  privateEndpoints: blobEndpoint,
  diagnosticSettings: auditTo,
});
setFlowLogStorageId(flowLogStore.accountId);

// A TDX confidential VM for batch analytics: its OS disk key is released only to an attested TDX VM.
const analyticsVm = new ConfidentialVm("analytics", {
  ...common,
  keyVault: keys,
  confidentialVmOrchestratorObjectId: config.require("confidentialVmOrchestratorObjectId"),
  subnetId: network.subnetIds["vm"]!,
  sshPublicKeys: [config.require("sshPublicKey")],
  entraIdLogin: true,
  dataDisks: [{ name: "scratch", sizeGb: 256 }],
});

// The serving cluster: private AKS, Entra ID only, KMS v2 secrets, Intel TDX confidential nodes.
const serving = new ZeroTrustAksCluster("serving", {
  ...common,
  keyVault: keys,
  apiServerSubnetId: network.subnetIds["aksapi"]!,
  nodeSubnetId: network.subnetIds["aks"]!,
  adminGroupObjectIds: [config.require("aksAdminGroupObjectId")],
  workspaceResourceId: audit.workspaceResourceId,
});

// Inside the cluster: the zero-trust floor and the analytics API, callable only from the gateway.
const onServingCluster = { provider: serving.provider };
new ClusterBaseline(
  "serving-baseline",
  { namespaces: [{ namespace: "gateway" }], compliance: phi },
  onServingCluster,
);
const analyticsApi = new IsolatedService(
  "analytics-api",
  {
    image: config.require("analyticsImage"),
    port: 8443,
    workload: "service",
    callers: [{ namespace: "gateway" }],
    compliance: phi,
  },
  onServingCluster,
);

// Breach detection under GDPR (Art. 33/34): Defender for Cloud plans for the kinds of resource above and
// a security contact for high-severity alerts, on the subscription, kept if the stack is destroyed. An
// organisation that runs Defender from its landing zone drops these and sets detectionManagedCentrally
// on the GDPR policy instead (README.md).
if (frameworks.includes("gdpr")) {
  const subscription = pulumi.interpolate`/subscriptions/${getClientConfigOutput().subscriptionId}`;
  for (const plan of ["VirtualMachines", "StorageAccounts", "KeyVaults", "Containers"])
    new Pricing(
      `defender-${plan.toLowerCase()}`,
      { pricingName: plan, pricingTier: "Standard", scopeId: subscription },
      { retainOnDelete: true },
    );
  new SecurityContact(
    "security-contact",
    {
      securityContactName: "default",
      emails: config.require("securityContactEmail"),
      isEnabled: true,
      notificationsSources: [{ sourceType: "Alert", minimalSeverity: "High" }],
    },
    { retainOnDelete: true },
  );
}

export const resourceGroupName = group.name;
export const vnetId = network.vnetId;
export const vaultUri = keys.vaultUri;
export const recordsAccount = records.accountName;
export const analyticsVmName = analyticsVm.vmName;
export const clusterName = serving.clusterName;
export const analyticsApiHost = analyticsApi.host;
export const auditWorkspace = audit.workspaceName;
