import * as pulumi from "@pulumi/pulumi";
import { Cluster, NodePool } from "@pulumi/gcp/container";
import { IAMMember } from "@pulumi/gcp/projects";
import { Account } from "@pulumi/gcp/serviceaccount";
import { Provider } from "@pulumi/kubernetes/provider";
import { Address4 } from "ip-address";
import {
  admitsWholeInternet,
  childName,
  isDnsLabel,
  DNS_LABEL_RULE,
  shape,
  validateArgs,
  WHOLE_INTERNET_RULE,
  type ArgsSchema,
  type ProblemCollector,
} from "@palisade/core";
import { GcpChildren } from "./children";
import {
  checkConfidentialShape,
  confidentialInstanceConfig,
  shapeFor,
  type ConfidentialTechnology,
} from "./confidential-shapes";
import { checkMember, encryptionKeyNames, grantEncrypterDecrypter, serviceKey } from "./encryption-key";
import { checkChildNames, type NamedChild } from "./names";
import { checkProjectNumber, serviceAgentMember } from "./service-agents";
import { GCP_COMPONENT_SCHEMA, resolveGcpSettings, type GcpComponentArgs } from "./settings";

export interface AuthorizedNetwork {
  /** A label for the range, shown in the console. */
  name: string;
  /** A range allowed to reach the control plane's private endpoint (never the whole internet). */
  cidr: string;
}

export interface GkeNodePool {
  /** Pool name (a DNS label): the child is `<cluster>-<name>`. Forces replacement when changed. */
  name: string;
  /**
   * Machine type. With `confidential` (the default) it must offer that technology: TDX on
   * `c3-standard-*`. Forces replacement when changed.
   * @default "c3-standard-4"
   */
  machineType?: string;
  /** Confidential nodes: `TDX` (Intel), `SEV` or `SEV_SNP` (AMD), or `false` for none. @default "TDX" */
  confidential?: ConfidentialTechnology | false;
  /** Autoscaling bounds per zone. @default 1 to 3 */
  minNodes?: number;
  maxNodes?: number;
  /** Boot disk size in GB. @default 100 */
  diskSizeGb?: number;
}

export interface ZeroTrustGkeClusterArgs extends GcpComponentArgs {
  /** Id or self link of the VPC (e.g. a SegmentedNetwork's `networkId`). */
  network: pulumi.Input<string>;
  /** Id or self link of the subnetwork the nodes live in. */
  subnetwork: pulumi.Input<string>;
  /** The subnetwork's secondary range for pods. @default "pods" */
  podsRangeName?: string;
  /** The subnetwork's secondary range for services. @default "services" */
  servicesRangeName?: string;
  /** The control plane's private /28 (outside every subnet). Forces replacement when changed. */
  masterCidr: string;
  /**
   * Ranges allowed to reach the private control plane endpoint, besides the nodes' subnet. Google's
   * public ranges are never allowed.
   * @default none
   */
  authorizedNetworks?: AuthorizedNetwork[];
  /** GKE release channel. @default "REGULAR" */
  releaseChannel?: "RAPID" | "REGULAR" | "STABLE";
  /** Node pools; append new ones at the end. @default one `tdx` pool of c3-standard-4 with TDX */
  nodePools?: GkeNodePool[];
  /**
   * The project's number, for the GKE and Compute Engine service agents' emails, granted the key before
   * the cluster exists. Required unless both agents are given.
   */
  projectNumber?: string;
  /** The GKE service agent as an IAM member. @default built from `projectNumber` */
  gkeServiceAgent?: pulumi.Input<string>;
  /** The Compute Engine service agent as an IAM member. @default built from `projectNumber` */
  computeServiceAgent?: pulumi.Input<string>;
  /** Id of an existing Cloud KMS key in the region, for secrets and node boot disks. @default a new EncryptionKey */
  kmsKeyId?: pulumi.Input<string>;
}

const TYPE = "palisade:gcp:ZeroTrustGkeCluster";

/** The only role GKE nodes need (logging, monitoring, image pulls from the project), per Google's guide. */
export const NODE_SERVICE_ACCOUNT_ROLE = "roles/container.defaultNodeServiceAccount";

const DEFAULT_POOLS: GkeNodePool[] = [{ name: "tdx" }];

/**
 * A regional GKE Standard cluster with private nodes and a private control plane endpoint reached only
 * from the nodes' subnet and the authorized networks, Dataplane V2, Workload Identity, Shielded nodes with
 * secure boot, secrets encrypted with a customer key, Binary Authorization, a release channel, no legacy
 * ABAC and no client certificate; its default node pool removed, and node pools of confidential (Intel
 * TDX) nodes on a dedicated service account with CMEK boot disks. It exposes a Kubernetes provider for
 * `@palisade/kubernetes`' ClusterBaseline.
 */
export class ZeroTrustGkeCluster extends pulumi.ComponentResource {
  readonly cluster: Cluster;
  readonly clusterName: pulumi.Output<string>;
  readonly endpoint: pulumi.Output<string>;
  readonly nodePools: NodePool[];
  /** The nodes' own service account, holding only the default node role. */
  readonly nodeServiceAccount: Account;
  readonly kmsKeyId: pulumi.Output<string>;
  /** A Kubernetes provider for the cluster, through its private endpoint (run from inside the VPC). */
  readonly provider: Provider;

  constructor(name: string, args: ZeroTrustGkeClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    const s = validateGkeClusterArgs(name, args);
    super(TYPE, name, {}, opts);
    const children = new GcpChildren(this, s.settings);
    const project = s.settings.project;

    // GKE encrypts secrets and Compute Engine the node disks: both agents hold the key first.
    const gkeAgent = args.gkeServiceAgent ?? serviceAgentMember("container", args.projectNumber ?? "");
    const computeAgent = args.computeServiceAgent ?? serviceAgentMember("compute", args.projectNumber ?? "");
    const key = serviceKey(children, name, "gke-agent", gkeAgent, args.kmsKeyId);
    const diskGrant = grantEncrypterDecrypter(
      children,
      childName(name, "compute-agent"),
      key.keyId,
      computeAgent,
    );
    this.kmsKeyId = key.keyId;

    this.nodeServiceAccount = children.create(
      Account,
      childName(name, "nodes"),
      { project: true },
      {
        accountId: nodeAccountId(name),
        displayName: `${name} GKE nodes`,
        description:
          "GKE nodes' own identity, holding only the default node role (Palisade ZeroTrustGkeCluster)",
      },
    );
    const nodeRole = children.create(
      IAMMember,
      childName(name, "nodes-role"),
      { project: true },
      {
        role: NODE_SERVICE_ACCOUNT_ROLE,
        member: pulumi.interpolate`serviceAccount:${this.nodeServiceAccount.email}`,
      },
    );

    this.cluster = children.create(
      Cluster,
      childName(name, "gke"),
      { project: true, location: true, resourceLabels: true },
      {
        network: args.network,
        subnetwork: args.subnetwork,
        networkingMode: "VPC_NATIVE",
        ipAllocationPolicy: {
          clusterSecondaryRangeName: s.podsRangeName,
          servicesSecondaryRangeName: s.servicesRangeName,
        },
        privateClusterConfig: {
          enablePrivateNodes: true,
          enablePrivateEndpoint: true,
          masterIpv4CidrBlock: args.masterCidr,
        },
        masterAuthorizedNetworksConfig: {
          cidrBlocks: (args.authorizedNetworks ?? []).map((n) => ({
            displayName: n.name,
            cidrBlock: n.cidr,
          })),
          gcpPublicCidrsAccessEnabled: false,
        },
        datapathProvider: "ADVANCED_DATAPATH",
        workloadIdentityConfig: { workloadPool: `${project}.svc.id.goog` },
        enableShieldedNodes: true,
        databaseEncryption: { state: "ENCRYPTED", keyName: key.keyId },
        binaryAuthorization: { evaluationMode: "PROJECT_SINGLETON_POLICY_ENFORCE" },
        releaseChannel: { channel: s.releaseChannel },
        enableLegacyAbac: false,
        masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
        securityPostureConfig: { mode: "BASIC", vulnerabilityMode: "VULNERABILITY_BASIC" },
        // The default pool cannot be made confidential or CMEK after creation: remove it.
        removeDefaultNodePool: true,
        initialNodeCount: 1,
        nodeConfig: {
          serviceAccount: this.nodeServiceAccount.email,
          oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
          shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
        },
        deletionProtection: true,
      },
      { dependsOn: [key.keyGrant, diskGrant, nodeRole] },
    );

    this.nodePools = s.pools.map((pool) =>
      children.create(
        NodePool,
        childName(name, pool.name),
        { project: true, location: true },
        {
          cluster: this.cluster.name,
          autoscaling: { minNodeCount: pool.minNodes ?? 1, maxNodeCount: pool.maxNodes ?? 3 },
          management: { autoRepair: true, autoUpgrade: true },
          nodeConfig: {
            machineType: pool.machineType,
            serviceAccount: this.nodeServiceAccount.email,
            oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
            shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
            workloadMetadataConfig: { mode: "GKE_METADATA" },
            bootDiskKmsKey: key.keyId,
            diskSizeGb: pool.diskSizeGb ?? 100,
            diskType: pool.machineType.startsWith("c4-") ? "hyperdisk-balanced" : "pd-balanced",
            ...(pool.confidential === false
              ? {}
              : { confidentialNodes: { enabled: true, ...confidentialInstanceConfig(pool.confidential) } }),
            minCpuPlatform:
              pool.confidential === false
                ? undefined
                : shapeFor(pool.confidential, pool.machineType)?.minCpuPlatform,
            resourceLabels: { ...s.settings.labels },
          },
        },
        { dependsOn: [diskGrant] },
      ),
    );

    this.clusterName = this.cluster.name;
    this.endpoint = this.cluster.endpoint;
    this.provider = new Provider(
      childName(name, "k8s"),
      { kubeconfig: kubeconfig(this.cluster), enableServerSideApply: true },
      { parent: this },
    );
    this.registerOutputs({ clusterName: this.clusterName, endpoint: this.endpoint, kmsKeyId: this.kmsKeyId });
  }
}

/** A kubeconfig that authenticates with the gke-gcloud-auth-plugin, as `gcloud container clusters get-credentials` writes. */
function kubeconfig(cluster: Cluster): pulumi.Output<string> {
  return pulumi.interpolate`apiVersion: v1
kind: Config
clusters:
- name: ${cluster.name}
  cluster:
    server: https://${cluster.endpoint}
    certificate-authority-data: ${cluster.masterAuth.clusterCaCertificate}
contexts:
- name: ${cluster.name}
  context: { cluster: ${cluster.name}, user: ${cluster.name} }
current-context: ${cluster.name}
users:
- name: ${cluster.name}
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: gke-gcloud-auth-plugin
      provideClusterInfo: true
`;
}

/** The nodes' service account id: `<name>-nodes` (6-30 characters, checked with the name rule). */
function nodeAccountId(name: string): string {
  return childName(name, "nodes");
}

export const GKE_CLUSTER_SCHEMA: ArgsSchema = shape.object(
  {
    ...GCP_COMPONENT_SCHEMA,
    network: shape.input(shape.string("must be a network id"), "must be a network id or an Output of one"),
    subnetwork: shape.input(
      shape.string("must be a subnetwork id"),
      "must be a subnetwork id or an Output of one",
    ),
    podsRangeName: shape.string("must be a secondary range name"),
    servicesRangeName: shape.string("must be a secondary range name"),
    masterCidr: shape.string("must be a private /28 such as 172.16.0.0/28"),
    authorizedNetworks: shape.array(
      shape.object(
        { name: shape.string("must be a label"), cidr: shape.string("must be an IPv4 CIDR") },
        { required: ["name", "cidr"], description: "must be { name, cidr }" },
      ),
      "must list authorized networks",
    ),
    releaseChannel: shape.oneOf(["RAPID", "REGULAR", "STABLE"]),
    nodePools: shape.array(
      shape.object(
        {
          name: shape.string("must be a pool name"),
          machineType: shape.string("must be a machine type"),
          confidential: {
            enum: ["TDX", "SEV", "SEV_SNP", false],
            description: 'must be "TDX", "SEV", "SEV_SNP" or false',
          },
          minNodes: shape.integer("must be a whole number"),
          maxNodes: shape.integer("must be a whole number"),
          diskSizeGb: shape.integer("must be a whole number of GB"),
        },
        { required: ["name"], description: "must be a node pool { name, machineType?, confidential?, ... }" },
      ),
      "must list node pools",
    ),
    projectNumber: shape.string('must be the project\'s number, e.g. "123456789012"'),
    gkeServiceAgent: shape.input(
      shape.string("must be an IAM member"),
      "must be an IAM member or an Output of one",
    ),
    computeServiceAgent: shape.input(
      shape.string("must be an IAM member"),
      "must be an IAM member or an Output of one",
    ),
    kmsKeyId: shape.input(
      shape.string("must be a Cloud KMS key id"),
      "must be a Cloud KMS key id or an Output of one",
    ),
  },
  { required: ["network", "subnetwork", "masterCidr"] },
);

/** The names a ZeroTrustGkeCluster derives from its component name. */
export function gkeClusterNames(name: string, args: ZeroTrustGkeClusterArgs): NamedChild[] {
  const names: NamedChild[] = [
    {
      type: "gcp:serviceaccount/account:Account",
      name: childName(name, "nodes"),
      inputs: { accountId: nodeAccountId(name) },
    },
    { type: "gcp:container/cluster:Cluster", name: childName(name, "gke") },
    ...(args.nodePools ?? DEFAULT_POOLS).map((pool): NamedChild => ({
      type: "gcp:container/nodePool:NodePool",
      name: childName(name, pool.name),
    })),
  ];
  if (args.kmsKeyId === undefined) names.push(...encryptionKeyNames(childName(name, "kms")));
  return names;
}

/** Every rule a ZeroTrustGkeCluster's args must meet, with the values they resolve to. */
export function checkGkeClusterArgs(problems: ProblemCollector, name: string, args: ZeroTrustGkeClusterArgs) {
  const settings = resolveGcpSettings(problems, name, args);
  const master =
    typeof args.masterCidr === "string" && Address4.isValid(args.masterCidr)
      ? new Address4(args.masterCidr)
      : undefined;
  problems.require(
    master !== undefined &&
      master.subnetMask === 28 &&
      master.startAddress().correctForm() === master.correctForm() &&
      ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].some((r) => master.isInSubnet(new Address4(r))),
    "masterCidr",
    args.masterCidr,
    "must be a private /28 network address, such as 172.16.0.0/28 (GKE's control plane range)",
  );
  const authorized = args.authorizedNetworks ?? [];
  authorized.forEach((n, i) =>
    problems.require(
      Address4.isValid(n.cidr),
      `authorizedNetworks[${i}].cidr`,
      n.cidr,
      "must be an IPv4 CIDR",
    ),
  );
  problems.require(
    !admitsWholeInternet(authorized.map((n) => n.cidr)),
    "authorizedNetworks",
    authorized.map((n) => n.cidr),
    WHOLE_INTERNET_RULE,
  );
  const pools = (args.nodePools ?? DEFAULT_POOLS).map((pool) => ({
    ...pool,
    machineType: pool.machineType ?? "c3-standard-4",
    confidential: pool.confidential ?? ("TDX" as const),
  }));
  const seen = new Set<string>();
  pools.forEach((pool, i) => {
    const at = `nodePools[${i}]`;
    problems.require(isDnsLabel(pool.name), `${at}.name`, pool.name, DNS_LABEL_RULE);
    problems.require(!seen.has(pool.name), `${at}.name`, pool.name, "must be unique among the node pools");
    seen.add(pool.name);
    if (pool.confidential !== false)
      checkConfidentialShape(problems, { technology: pool.confidential, machineType: pool.machineType }, at);
    const min = pool.minNodes ?? 1;
    const max = pool.maxNodes ?? 3;
    problems.require(
      Number.isInteger(min) && min >= 0,
      `${at}.minNodes`,
      min,
      "must be a whole number, 0 or more",
    );
    problems.require(
      Number.isInteger(max) && max >= Math.max(1, min),
      `${at}.maxNodes`,
      max,
      "must be a whole number, at least 1 and minNodes",
    );
  });
  if (args.gkeServiceAgent === undefined || args.computeServiceAgent === undefined)
    checkProjectNumber(problems, "projectNumber", args.projectNumber);
  if (args.gkeServiceAgent !== undefined) checkMember(problems, "gkeServiceAgent", args.gkeServiceAgent);
  if (args.computeServiceAgent !== undefined)
    checkMember(problems, "computeServiceAgent", args.computeServiceAgent);
  for (const key of ["podsRangeName", "servicesRangeName"] as const)
    if (args[key] !== undefined) problems.require(isDnsLabel(args[key]), key, args[key], DNS_LABEL_RULE);
  checkChildNames(problems, "name", name, gkeClusterNames(name, args));
  return {
    settings,
    pools,
    podsRangeName: args.podsRangeName ?? "pods",
    servicesRangeName: args.servicesRangeName ?? "services",
    releaseChannel: args.releaseChannel ?? "REGULAR",
  };
}

function validateGkeClusterArgs(name: string, args: ZeroTrustGkeClusterArgs) {
  return validateArgs(`${TYPE} "${name}"`, GKE_CLUSTER_SCHEMA, args, (problems, a: ZeroTrustGkeClusterArgs) =>
    checkGkeClusterArgs(problems, name, a),
  );
}
