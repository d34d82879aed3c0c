import * as pulumi from "@pulumi/pulumi";
import { LaunchTemplate } from "@pulumi/aws/ec2";
import { AccessEntry, AccessPolicyAssociation, Addon, Cluster, NodeGroup } from "@pulumi/aws/eks";
import { Role, RolePolicyAttachment } from "@pulumi/aws/iam";
import { Provider } from "@pulumi/kubernetes/provider";
import {
  admitsWholeInternet,
  childName,
  isDnsLabel,
  parseAddressRange,
  shape,
  validateArgs,
  WHOLE_INTERNET_RULE,
  type ArgsSchema,
} from "@palisade/core";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { AwsChildren } from "./children";
import { encryptedLogGroup, encryptedLogGroupNames } from "./encrypted-log-group";
import { ownedKey, ownedKeyNames } from "./encryption-key";
import { checkChildNames } from "./names";
import { assumeRolePolicy } from "./policy-document";
import { checkPrincipal } from "./principals";
import {
  AWS_COMPONENT_SCHEMA,
  checkLogRetention,
  resolveAwsSettings,
  type AwsComponentArgs,
} from "./settings";

/** EKS access policies a principal can be given, from least to most powerful. */
export const EKS_ACCESS_POLICIES = {
  view: "AmazonEKSViewPolicy",
  edit: "AmazonEKSEditPolicy",
  admin: "AmazonEKSAdminPolicy",
  "cluster-admin": "AmazonEKSClusterAdminPolicy",
} as const;

export interface ClusterAccess {
  /** IAM role or user ARN (never `*`). */
  principalArn: pulumi.Input<string>;
  policy: keyof typeof EKS_ACCESS_POLICIES;
  /** Limit the policy to these namespaces. @default the whole cluster (not allowed for "cluster-admin" scoping) */
  namespaces?: string[];
}

export interface NodeGroupSpec {
  /** @default ["m6a.large"] */
  instanceTypes?: string[];
  /** @default 2 */
  minSize?: number;
  /** At most 450 (the EKS quota per managed node group). @default 4 */
  maxSize?: number;
  /** @default minSize */
  desiredSize?: number;
  /** Root volume size in GiB. @default 50 */
  diskSizeGiB?: number;
}

export interface ZeroTrustEksClusterArgs extends AwsComponentArgs {
  /** EKS cluster name. Forces replacement. @default the component name */
  clusterName?: string;
  /** Kubernetes version, one of {@link EKS_VERSIONS}. @default the EKS default */
  version?: string;
  /** Private subnets (two or more zones) for the control-plane ENIs and the nodes. */
  subnetIds: pulumi.Input<string>[];
  /** Who may use the cluster and how. No one is admin implicitly, not even the creator. */
  access: ClusterAccess[];
  /** Open the API endpoint publicly to these CIDRs only. @default private endpoint only */
  publicAccessCidrs?: string[];
  /** The managed node group. */
  nodes?: NodeGroupSpec;
  /** Key for secrets envelope encryption and node volumes. @default a new EncryptionKey */
  kmsKeyArn?: pulumi.Input<string>;
  /** Control-plane log retention (a CloudWatch value). @default 365, or the baseline's audit-log retention */
  logRetentionDays?: number;
}

/**
 * Kubernetes versions EKS offers (standard or extended support) as of November 2026; a version outside
 * this list is a typo or retired. Add new ones as EKS releases them.
 */
export const EKS_VERSIONS = ["1.29", "1.30", "1.31", "1.32", "1.33", "1.34", "1.35"] as const;

/** The EKS service quota on nodes per managed node group. */
export const MAX_NODES_PER_GROUP = 450;

const TYPE = "palisade:aws:ZeroTrustEksCluster";
const CONTROL_PLANE_LOGS = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

/**
 * An EKS cluster with a private API endpoint, secrets envelope-encrypted with a customer key, every
 * control-plane log type, API-mode access entries (no implicit creator admin), managed nodes in private
 * subnets with IMDSv2 and encrypted volumes, and the VPC CNI enforcing NetworkPolicy. `provider` applies
 * Kubernetes resources (such as Palisade's cluster baseline) to it.
 */
export class ZeroTrustEksCluster extends pulumi.ComponentResource {
  readonly cluster: Cluster;
  readonly clusterName: pulumi.Output<string>;
  readonly endpoint: pulumi.Output<string>;
  readonly kubeconfig: pulumi.Output<string>;
  /** A Kubernetes provider for this cluster; it authenticates with `aws eks get-token`. */
  readonly provider: Provider;
  readonly nodeRoleArn: pulumi.Output<string>;
  readonly oidcIssuer: pulumi.Output<string | undefined>;

  constructor(name: string, args: ZeroTrustEksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    const s = validateEksArgs(name, args);
    super(TYPE, name, {}, opts);
    const children = new AwsChildren(this, s.settings);
    const partition = getPartitionOutput({}, { parent: this }).partition;
    const managedPolicy = (policy: string) => pulumi.interpolate`arn:${partition}:iam::aws:policy/${policy}`;

    const clusterRole = children.globalTagged(Role, childName(name, "cluster-role"), {
      assumeRolePolicy: assumeRolePolicy("eks.amazonaws.com", ["sts:AssumeRole", "sts:TagSession"]),
    });
    children.global(RolePolicyAttachment, childName(name, "cluster-policy"), {
      role: clusterRole.name,
      policyArn: managedPolicy("AmazonEKSClusterPolicy"),
    });
    const nodeRole = children.globalTagged(Role, childName(name, "node-role"), {
      assumeRolePolicy: assumeRolePolicy("ec2.amazonaws.com"),
    });
    for (const policy of NODE_POLICIES) {
      children.global(RolePolicyAttachment, childName(name, "node", policy), {
        role: nodeRole.name,
        policyArn: managedPolicy(policy),
      });
    }

    const keyArn =
      args.kmsKeyArn ??
      ownedKey(children, childName(name, "kms"), {
        description: `Encrypts Kubernetes secrets and node volumes of ${s.clusterName}`,
        usagePrincipals: [clusterRole.arn],
        viaServices: ["ec2"],
      }).arn;

    // EKS writes to this fixed name; creating it first gives it a customer key and a retention.
    const { logGroup } = encryptedLogGroup({
      children,
      name: childName(name, "control-plane"),
      logGroupName: s.logGroupName,
      retentionInDays: s.logRetentionDays,
    });

    this.cluster = children.tagged(
      Cluster,
      childName(name, "cluster"),
      {
        name: s.clusterName,
        version: args.version,
        roleArn: clusterRole.arn,
        vpcConfig: {
          subnetIds: args.subnetIds,
          endpointPrivateAccess: true,
          endpointPublicAccess: s.publicAccessCidrs.length > 0,
          publicAccessCidrs: s.publicAccessCidrs.length > 0 ? s.publicAccessCidrs : undefined,
        },
        accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
        encryptionConfig: { resources: ["secrets"], provider: { keyArn } },
        enabledClusterLogTypes: CONTROL_PLANE_LOGS,
      },
      { dependsOn: [logGroup] },
    );
    const clusterName = this.cluster.name;

    args.access.forEach((grant, i) => {
      const entry = children.tagged(AccessEntry, childName(name, "access", String(i)), {
        clusterName,
        principalArn: grant.principalArn,
        type: "STANDARD",
      });
      children.untagged(
        AccessPolicyAssociation,
        childName(name, "access", String(i), grant.policy),
        {
          clusterName,
          principalArn: grant.principalArn,
          policyArn: pulumi.interpolate`arn:${partition}:eks::aws:cluster-access-policy/${EKS_ACCESS_POLICIES[grant.policy]}`,
          accessScope: grant.namespaces?.length
            ? { type: "namespace", namespaces: grant.namespaces }
            : { type: "cluster" },
        },
        { dependsOn: [entry] },
      );
    });

    const launchTemplate = children.tagged(LaunchTemplate, childName(name, "nodes-lt"), {
      // Hop limit 1 keeps pods off the node's instance metadata; workloads use Pod Identity instead.
      metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1, httpEndpoint: "enabled" },
      blockDeviceMappings: [
        {
          deviceName: "/dev/xvda",
          ebs: {
            encrypted: "true",
            kmsKeyId: keyArn,
            volumeSize: s.nodes.diskSizeGiB,
            volumeType: "gp3",
            deleteOnTermination: "true",
          },
        },
      ],
      tagSpecifications: [
        { resourceType: "instance", tags: { ...s.settings.tags } },
        { resourceType: "volume", tags: { ...s.settings.tags } },
      ],
    });
    const cni = children.tagged(Addon, childName(name, "vpc-cni"), {
      clusterName,
      addonName: "vpc-cni",
      // Without this the CNI accepts NetworkPolicy objects but does not enforce them.
      configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }),
      resolveConflictsOnCreate: "OVERWRITE",
      resolveConflictsOnUpdate: "OVERWRITE",
    });
    children.tagged(Addon, childName(name, "pod-identity-agent"), {
      clusterName,
      addonName: "eks-pod-identity-agent",
    });
    children.tagged(
      NodeGroup,
      childName(name, "nodes"),
      {
        clusterName,
        nodeRoleArn: nodeRole.arn,
        subnetIds: args.subnetIds,
        instanceTypes: s.nodes.instanceTypes,
        scalingConfig: {
          minSize: s.nodes.minSize,
          maxSize: s.nodes.maxSize,
          desiredSize: s.nodes.desiredSize,
        },
        launchTemplate: {
          id: launchTemplate.id,
          version: pulumi.interpolate`${launchTemplate.latestVersion}`,
        },
      },
      { dependsOn: [cni] },
    );

    this.clusterName = clusterName;
    this.endpoint = this.cluster.endpoint;
    this.nodeRoleArn = nodeRole.arn;
    this.oidcIssuer = this.cluster.identities.apply(
      (ids) => (ids as typeof ids | undefined)?.[0]?.oidcs?.[0]?.issuer,
    );
    this.kubeconfig = pulumi.secret(
      pulumi
        .all([this.cluster.name, this.cluster.endpoint, this.cluster.certificateAuthority])
        .apply(([cluster, endpoint, ca]) =>
          kubeconfigFor(cluster, endpoint, (ca as typeof ca | undefined)?.data ?? "", s.settings.region),
        ),
    );
    this.provider = new Provider(
      childName(name, "k8s"),
      { kubeconfig: this.kubeconfig, enableServerSideApply: true },
      { parent: this },
    );
    this.registerOutputs({
      clusterName: this.clusterName,
      endpoint: this.endpoint,
      kubeconfig: this.kubeconfig,
      nodeRoleArn: this.nodeRoleArn,
      oidcIssuer: this.oidcIssuer,
    });
  }
}

/** A kubeconfig that authenticates through `aws eks get-token`, so it holds no long-lived credential. */
export function kubeconfigFor(cluster: string, endpoint: string, caData: string, region: string): string {
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: cluster, cluster: { server: endpoint, "certificate-authority-data": caData } }],
    contexts: [{ name: cluster, context: { cluster, user: cluster } }],
    "current-context": cluster,
    users: [
      {
        name: cluster,
        user: {
          exec: {
            apiVersion: "client.authentication.k8s.io/v1beta1",
            command: "aws",
            args: ["eks", "get-token", "--cluster-name", cluster, "--region", region, "--output", "json"],
          },
        },
      },
    ],
  });
}

const NODE_POLICIES = [
  "AmazonEKSWorkerNodePolicy",
  "AmazonEC2ContainerRegistryReadOnly",
  "AmazonEKS_CNI_Policy",
] as const;

const COUNT = (description: string) => shape.integer(description);

export const EKS_CLUSTER_SCHEMA: ArgsSchema = shape.object(
  {
    ...AWS_COMPONENT_SCHEMA,
    clusterName: shape.string("must be an EKS cluster name"),
    version: shape.string('must be a Kubernetes minor version such as "1.33"'),
    subnetIds: shape.array(
      shape.input(shape.nonEmptyString("must be a subnet id"), "must be a subnet id or an Output of one"),
      "must list private subnet ids",
    ),
    access: shape.array(
      shape.object(
        {
          principalArn: shape.input(
            shape.string("must be an IAM principal ARN"),
            "must be an IAM principal ARN or an Output of one",
          ),
          policy: shape.oneOf(Object.keys(EKS_ACCESS_POLICIES)),
          namespaces: shape.array(shape.string("must be a namespace name"), "must list namespace names"),
        },
        {
          required: ["principalArn", "policy"],
          description: "must be an access grant { principalArn, policy, namespaces? }",
        },
      ),
      "must list access grants",
    ),
    publicAccessCidrs: shape.array(shape.string("must be an IPv4 CIDR"), "must list IPv4 CIDRs"),
    nodes: shape.object({
      instanceTypes: shape.array(
        shape.string("must be an EC2 instance type"),
        "must list EC2 instance types",
      ),
      minSize: COUNT("must be a whole number of nodes"),
      maxSize: COUNT("must be a whole number of nodes"),
      desiredSize: COUNT("must be a whole number of nodes"),
      diskSizeGiB: COUNT("must be a whole number of GiB"),
    }),
    kmsKeyArn: shape.input(
      shape.string("must be a KMS key ARN"),
      "must be a KMS key ARN or an Output of one",
    ),
    logRetentionDays: shape.integer("must be a whole number of days"),
  },
  { required: ["subnetIds", "access"] },
);

function validateEksArgs(name: string, args: ZeroTrustEksClusterArgs) {
  return validateArgs(
    `${TYPE} "${name}"`,
    EKS_CLUSTER_SCHEMA,
    args,
    (problems, args: ZeroTrustEksClusterArgs) => {
      const settings = resolveAwsSettings(problems, name, args);
      const clusterName = args.clusterName ?? name;
      const logGroupName = `/aws/eks/${clusterName}/cluster`;
      checkChildNames(problems, args.clusterName === undefined ? "name" : "clusterName", clusterName, [
        { type: "aws:eks/cluster:Cluster", name: childName(name, "cluster"), inputs: { name: clusterName } },
      ]);
      checkChildNames(problems, "name", name, [
        { type: "aws:iam/role:Role", name: childName(name, "cluster-role") },
        { type: "aws:iam/role:Role", name: childName(name, "node-role") },
        { type: "aws:ec2/launchTemplate:LaunchTemplate", name: childName(name, "nodes-lt") },
        { type: "aws:eks/nodeGroup:NodeGroup", name: childName(name, "nodes") },
        ...(args.kmsKeyArn === undefined ? ownedKeyNames(childName(name, "kms")) : []),
        ...encryptedLogGroupNames(childName(name, "control-plane"), logGroupName),
      ]);
      if (args.version !== undefined) {
        problems.require(
          (EKS_VERSIONS as readonly string[]).includes(args.version),
          "version",
          args.version,
          `must be a Kubernetes version EKS offers: ${EKS_VERSIONS.join(", ")}`,
        );
      }
      problems.require(
        args.subnetIds.length >= 2,
        "subnetIds",
        args.subnetIds,
        "must list at least two private subnets in different zones",
      );
      problems.require(
        args.access.length > 0,
        "access",
        args.access,
        "must grant at least one principal access (no one is admin implicitly)",
      );
      args.access.forEach((grant, i) => {
        checkPrincipal(problems, `access[${i}].principalArn`, grant.principalArn);
        (grant.namespaces ?? []).forEach((ns, j) =>
          problems.require(
            isDnsLabel(ns),
            `access[${i}].namespaces[${j}]`,
            ns,
            "must be a Kubernetes namespace name",
          ),
        );
        if (grant.policy === "cluster-admin") {
          problems.require(
            !grant.namespaces?.length,
            `access[${i}].namespaces`,
            grant.namespaces,
            "cannot scope cluster-admin; use admin or edit for a namespace",
          );
        }
      });
      const publicAccessCidrs = args.publicAccessCidrs ?? [];
      publicAccessCidrs.forEach((cidr, i) => {
        const range = cidr.includes("/") ? parseAddressRange(cidr) : undefined;
        if (
          !problems.require(range?.family === "ipv4", `publicAccessCidrs[${i}]`, cidr, "must be an IPv4 CIDR")
        )
          return;
        problems.require(
          Number(cidr.split("/")[1]) >= 8,
          `publicAccessCidrs[${i}]`,
          cidr,
          "must be /8 or narrower: the API endpoint never opens to the whole internet",
        );
      });
      problems.require(
        !admitsWholeInternet(publicAccessCidrs),
        "publicAccessCidrs",
        publicAccessCidrs,
        WHOLE_INTERNET_RULE,
      );
      const nodes = {
        instanceTypes: args.nodes?.instanceTypes ?? ["m6a.large"],
        minSize: args.nodes?.minSize ?? 2,
        maxSize: args.nodes?.maxSize ?? 4,
        desiredSize: args.nodes?.desiredSize ?? args.nodes?.minSize ?? 2,
        diskSizeGiB: args.nodes?.diskSizeGiB ?? 50,
      };
      problems.require(
        nodes.instanceTypes.length > 0 &&
          nodes.instanceTypes.every((t) => /^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(t)),
        "nodes.instanceTypes",
        nodes.instanceTypes,
        "must list EC2 instance types such as m6a.large",
      );
      problems.require(
        Number.isInteger(nodes.minSize) && nodes.minSize >= 0,
        "nodes.minSize",
        nodes.minSize,
        "must be a whole number, 0 or more",
      );
      problems.require(
        Number.isInteger(nodes.maxSize) &&
          nodes.maxSize >= Math.max(1, nodes.minSize) &&
          nodes.maxSize <= MAX_NODES_PER_GROUP,
        "nodes.maxSize",
        nodes.maxSize,
        `must be a whole number from max(1, minSize) to ${MAX_NODES_PER_GROUP} (the EKS quota per managed node group)`,
      );
      problems.require(
        Number.isInteger(nodes.desiredSize) &&
          nodes.desiredSize >= nodes.minSize &&
          nodes.desiredSize <= nodes.maxSize,
        "nodes.desiredSize",
        nodes.desiredSize,
        "must lie between minSize and maxSize",
      );
      problems.require(
        Number.isInteger(nodes.diskSizeGiB) && nodes.diskSizeGiB >= 20 && nodes.diskSizeGiB <= 16384,
        "nodes.diskSizeGiB",
        nodes.diskSizeGiB,
        "must be a whole number of GiB from 20 to 16384",
      );
      const retention = checkLogRetention(problems, args.baseline, args.logRetentionDays, "logRetentionDays");
      return { settings, clusterName, logGroupName, publicAccessCidrs, nodes, logRetentionDays: retention };
    },
  );
}
