import * as pulumi from "@pulumi/pulumi";
import { LaunchTemplate } from "@pulumi/aws/ec2";
import { AccessEntry, AccessPolicyAssociation, Addon, Cluster, NodeGroup } from "@pulumi/aws/eks";
import { Role, RolePolicyAttachment } from "@pulumi/aws/iam";
import { Provider } from "@pulumi/kubernetes/provider";
import { Address4 } from "ip-address";
import { childName, isDnsLabel, validate, type DataProtectionArgs } from "@palisade/core";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { encryptedLogGroup } from "./encrypted-log-group";
import { ownedKey } from "./encryption-key";
import { assumeRolePolicy } from "./policy-document";
import {
  REGION_REQUIRED,
  resolveRegion,
  checkLogRetention,
  checkDataProtection,
  type BaselineArgs,
} from "./settings";
import { resolveTags, type TaggingArgs } from "./tags";

/** EKS access policies a principal can be given, from least to most powerful. */
export const EKS_ACCESS_POLICIES = {
  view: "AmazonEKSViewPolicy",
  edit: "AmazonEKSEditPolicy",
  admin: "AmazonEKSAdminPolicy",
  "cluster-admin": "AmazonEKSClusterAdminPolicy",
} as const;

export interface ClusterAccess {
  /** IAM role or user ARN. */
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
  /** @default 4 */
  maxSize?: number;
  /** @default minSize */
  desiredSize?: number;
  /** Root volume size in GiB. @default 50 */
  diskSizeGiB?: number;
}

export interface ZeroTrustEksClusterArgs extends BaselineArgs, TaggingArgs {
  /** EKS cluster name. Forces replacement. @default the component name */
  clusterName?: string;
  /** Kubernetes version, e.g. "1.33". @default the EKS default */
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
  /** Region, checked against the baseline. @default the stack's `aws:region` */
  region?: string;
  /** Applies to the secrets key and the control-plane log group. */
  dataProtection?: DataProtectionArgs;
}

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
    const child = { parent: this };
    const partition = getPartitionOutput({}, child).partition;
    const managedPolicy = (policy: string) => pulumi.interpolate`arn:${partition}:iam::aws:policy/${policy}`;

    const clusterRole = new Role(
      childName(name, "cluster-role"),
      {
        assumeRolePolicy: assumeRolePolicy("eks.amazonaws.com", ["sts:AssumeRole", "sts:TagSession"]),
        tags: s.tags,
      },
      child,
    );
    new RolePolicyAttachment(
      childName(name, "cluster-policy"),
      { role: clusterRole.name, policyArn: managedPolicy("AmazonEKSClusterPolicy") },
      child,
    );
    const nodeRole = new Role(
      childName(name, "node-role"),
      { assumeRolePolicy: assumeRolePolicy("ec2.amazonaws.com"), tags: s.tags },
      child,
    );
    for (const policy of [
      "AmazonEKSWorkerNodePolicy",
      "AmazonEC2ContainerRegistryReadOnly",
      "AmazonEKS_CNI_Policy",
    ]) {
      new RolePolicyAttachment(
        childName(name, "node", policy),
        { role: nodeRole.name, policyArn: managedPolicy(policy) },
        child,
      );
    }

    const keyArn =
      args.kmsKeyArn ??
      ownedKey(this, childName(name, "kms"), args, {
        description: `Encrypts Kubernetes secrets and node volumes of ${s.clusterName}`,
        usagePrincipals: [clusterRole.arn],
        viaServices: ["ec2"],
        region: s.region,
      }).arn;

    // EKS writes to this fixed name; creating it first gives it a customer key and a retention.
    const { logGroup } = encryptedLogGroup({
      parent: this,
      name: childName(name, "control-plane"),
      region: s.region,
      logGroupName: `/aws/eks/${s.clusterName}/cluster`,
      retentionInDays: s.logRetentionDays,
      protection: s.protection,
      tags: s.tags,
    });

    this.cluster = new Cluster(
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
        tags: s.tags,
      },
      { parent: this, dependsOn: [logGroup] },
    );
    const clusterName = this.cluster.name;

    args.access.forEach((grant, i) => {
      const entry = new AccessEntry(
        childName(name, "access", String(i)),
        { clusterName, principalArn: grant.principalArn, type: "STANDARD", tags: s.tags },
        child,
      );
      new AccessPolicyAssociation(
        childName(name, "access", String(i), grant.policy),
        {
          clusterName,
          principalArn: grant.principalArn,
          policyArn: pulumi.interpolate`arn:${partition}:eks::aws:cluster-access-policy/${EKS_ACCESS_POLICIES[grant.policy]}`,
          accessScope: grant.namespaces?.length
            ? { type: "namespace", namespaces: grant.namespaces }
            : { type: "cluster" },
        },
        { parent: this, dependsOn: [entry] },
      );
    });

    const launchTemplate = new LaunchTemplate(
      childName(name, "nodes-lt"),
      {
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
          { resourceType: "instance", tags: s.tags },
          { resourceType: "volume", tags: s.tags },
        ],
        tags: s.tags,
      },
      child,
    );
    const cni = new Addon(
      childName(name, "vpc-cni"),
      {
        clusterName,
        addonName: "vpc-cni",
        // Without this the CNI accepts NetworkPolicy objects but does not enforce them.
        configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }),
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "OVERWRITE",
        tags: s.tags,
      },
      child,
    );
    new Addon(
      childName(name, "pod-identity-agent"),
      { clusterName, addonName: "eks-pod-identity-agent", tags: s.tags },
      child,
    );
    new NodeGroup(
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
        tags: s.tags,
      },
      { parent: this, dependsOn: [cni] },
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
          kubeconfigFor(cluster, endpoint, (ca as typeof ca | undefined)?.data ?? "", s.region),
        ),
    );
    this.provider = new Provider(
      childName(name, "k8s"),
      { kubeconfig: this.kubeconfig, enableServerSideApply: true },
      child,
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

function validateEksArgs(name: string, args: ZeroTrustEksClusterArgs) {
  return validate(`${TYPE} "${name}"`, (problems) => {
    const clusterName = args.clusterName ?? name;
    problems.require(
      /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/.test(clusterName),
      "clusterName",
      clusterName,
      "must be 1-100 letters, digits, '-' or '_', starting with a letter or digit",
    );
    if (args.version !== undefined) {
      problems.require(
        /^1\.\d{2}$/.test(args.version),
        "version",
        args.version,
        'must be a Kubernetes minor version such as "1.33"',
      );
    }
    problems.require(
      Array.isArray(args.subnetIds) && args.subnetIds.length >= 2,
      "subnetIds",
      args.subnetIds,
      "must list at least two private subnets in different zones",
    );
    if (
      problems.require(
        Array.isArray(args.access) && args.access.length > 0,
        "access",
        args.access,
        "must grant at least one principal access (no one is admin implicitly)",
      )
    ) {
      args.access.forEach((grant, i) => {
        problems.require(
          grant.policy in EKS_ACCESS_POLICIES,
          `access[${i}].policy`,
          grant.policy,
          `must be one of ${Object.keys(EKS_ACCESS_POLICIES).join(", ")}`,
        );
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
    }
    const publicAccessCidrs = args.publicAccessCidrs ?? [];
    publicAccessCidrs.forEach((cidr, i) => {
      const valid = /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(cidr) && Address4.isValid(cidr);
      if (!problems.require(valid, `publicAccessCidrs[${i}]`, cidr, "must be an IPv4 CIDR")) return;
      problems.require(
        new Address4(cidr).subnetMask >= 8,
        `publicAccessCidrs[${i}]`,
        cidr,
        "must be /8 or narrower: the API endpoint never opens to the whole internet",
      );
    });
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
      Number.isInteger(nodes.maxSize) && nodes.maxSize >= Math.max(1, nodes.minSize),
      "nodes.maxSize",
      nodes.maxSize,
      `must be a whole number of at least max(1, minSize)`,
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
    const region = resolveRegion(problems, args, REGION_REQUIRED);
    const retention = checkLogRetention(problems, args.baseline, args.logRetentionDays, "logRetentionDays");
    const protection = checkDataProtection(problems, args);
    const tags = resolveTags(problems, args);
    return {
      clusterName,
      publicAccessCidrs,
      nodes,
      region: region as string,
      logRetentionDays: retention,
      protection,
      tags,
    };
  });
}
