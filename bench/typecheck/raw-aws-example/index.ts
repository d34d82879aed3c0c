/**
 * The aws-hipaa-inference example written with raw provider resources, for the type-check benchmark only
 * (it is not built, tested or deployed). It declares the same kinds of resources with the same secure
 * settings, the Kubernetes workload included, without Palisade's components.
 */
import * as pulumi from "@pulumi/pulumi";
import { Trail } from "@pulumi/aws/cloudtrail";
import { LogGroup } from "@pulumi/aws/cloudwatch";
import * as ec2 from "@pulumi/aws/ec2";
import * as eks from "@pulumi/aws/eks";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import * as iam from "@pulumi/aws/iam";
import { Alias, Key } from "@pulumi/aws/kms";
import * as s3 from "@pulumi/aws/s3";
import { getParameterOutput } from "@pulumi/aws/ssm";
import { SecurityGroupEgressRule, SecurityGroupIngressRule } from "@pulumi/aws/vpc";
import { Deployment } from "@pulumi/kubernetes/apps/v1";
import { Namespace, Service, ServiceAccount } from "@pulumi/kubernetes/core/v1";
import { Release } from "@pulumi/kubernetes/helm/v3";
import { NetworkPolicy } from "@pulumi/kubernetes/networking/v1";
import { Provider } from "@pulumi/kubernetes/provider";
import { Role } from "@pulumi/kubernetes/rbac/v1";

const config = new pulumi.Config();
const zones = config.requireObject<string[]>("availabilityZones");
const region = "us-east-2";
const account = getCallerIdentityOutput({}).accountId;
const tags = { "data-classification": "phi", "compliance-frameworks": "hipaa", owner: "ml-platform" };

function key(name: string, services: string[]): Key {
  const k = new Key(
    name,
    {
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      deletionWindowInDays: 30,
      policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "Admin",
            Effect: "Allow",
            Principal: { AWS: pulumi.interpolate`arn:aws:iam::${account}:root` },
            Action: ["kms:Create*", "kms:Describe*", "kms:Put*"],
            Resource: "*",
          },
          ...services.map((service) => ({
            Sid: service,
            Effect: "Allow",
            Principal: { Service: service },
            Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: "*",
          })),
        ],
      }),
      tags,
    },
    { retainOnDelete: true },
  );
  new Alias(`${name}-alias`, { name: `alias/${name}`, targetKeyId: k.keyId });
  return k;
}

function bucket(name: string, kmsKeyArn: pulumi.Input<string>): s3.Bucket {
  const b = new s3.Bucket(name, { forceDestroy: false, tags }, { retainOnDelete: true });
  new s3.BucketOwnershipControls(`${name}-own`, {
    bucket: b.id,
    rule: { objectOwnership: "BucketOwnerEnforced" },
  });
  const pab = new s3.BucketPublicAccessBlock(`${name}-pab`, {
    bucket: b.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  new s3.BucketServerSideEncryptionConfiguration(`${name}-sse`, {
    bucket: b.id,
    rules: [
      {
        applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: kmsKeyArn },
        bucketKeyEnabled: true,
      },
    ],
  });
  new s3.BucketVersioning(`${name}-ver`, { bucket: b.id, versioningConfiguration: { status: "Enabled" } });
  new s3.BucketPolicy(
    `${name}-policy`,
    {
      bucket: b.id,
      policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "TLS",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [b.arn, pulumi.interpolate`${b.arn}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      }),
    },
    { dependsOn: [pab] },
  );
  return b;
}

function logGroup(name: string): LogGroup {
  const k = key(`${name}-kms`, [`logs.${region}.amazonaws.com`]);
  return new LogGroup(name, { kmsKeyId: k.arn, retentionInDays: 2192, tags }, { retainOnDelete: true });
}

function role(name: string, service: string, policies: string[]): iam.Role {
  const r = new iam.Role(name, {
    assumeRolePolicy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
    }),
  });
  policies.forEach(
    (p) =>
      new iam.RolePolicyAttachment(`${name}-${p}`, {
        role: r.name,
        policyArn: `arn:aws:iam::aws:policy/${p}`,
      }),
  );
  return r;
}

const vpc = new ec2.Vpc("vpc", {
  cidrBlock: "10.40.0.0/16",
  enableDnsHostnames: true,
  enableDnsSupport: true,
  tags,
});
new ec2.DefaultSecurityGroup("default-sg", { vpcId: vpc.id });
new ec2.DefaultNetworkAcl("default-acl", { defaultNetworkAclId: vpc.defaultNetworkAclId });
const tiers = {
  public: ["10.40.0.0/24", "10.40.1.0/24", "10.40.2.0/24"],
  private: ["10.40.64.0/20", "10.40.80.0/20", "10.40.96.0/20"],
  data: ["10.40.4.0/24", "10.40.5.0/24", "10.40.6.0/24"],
};
const igw = new ec2.InternetGateway("igw", { vpcId: vpc.id });
const subnets: Record<string, ec2.Subnet[]> = {};
const tables: ec2.RouteTable[] = [];
for (const [tier, cidrs] of Object.entries(tiers)) {
  subnets[tier] = cidrs.map(
    (cidr, i) =>
      new ec2.Subnet(`${tier}-${i}`, {
        vpcId: vpc.id,
        cidrBlock: cidr,
        availabilityZone: zones[i],
        mapPublicIpOnLaunch: false,
        tags,
      }),
  );
  const table = new ec2.RouteTable(`${tier}-rt`, { vpcId: vpc.id });
  tables.push(table);
  if (tier === "public")
    new ec2.Route("internet", {
      routeTableId: table.id,
      destinationCidrBlock: "0.0.0.0/0",
      gatewayId: igw.id,
    });
  subnets[tier]?.forEach(
    (s, i) => new ec2.RouteTableAssociation(`${tier}-${i}-rta`, { subnetId: s.id, routeTableId: table.id }),
  );
  new ec2.NetworkAcl(`${tier}-acl`, {
    vpcId: vpc.id,
    subnetIds: (subnets[tier] ?? []).map((s) => s.id),
    ingress: [
      { ruleNo: 10, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "10.40.0.0/16" },
    ],
    egress: [
      { ruleNo: 10, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "0.0.0.0/0" },
    ],
  });
}
const endpointSg = new ec2.SecurityGroup("endpoints", { vpcId: vpc.id, description: "HTTPS from the VPC" });
new SecurityGroupIngressRule("endpoints-https", {
  securityGroupId: endpointSg.id,
  ipProtocol: "tcp",
  fromPort: 443,
  toPort: 443,
  cidrIpv4: "10.40.0.0/16",
});
new ec2.VpcEndpoint("s3", {
  vpcId: vpc.id,
  serviceName: `com.amazonaws.${region}.s3`,
  vpcEndpointType: "Gateway",
  routeTableIds: tables.slice(1).map((t) => t.id),
});
for (const service of ["kms", "sts", "logs", "ecr.api", "ecr.dkr"]) {
  new ec2.VpcEndpoint(service, {
    vpcId: vpc.id,
    serviceName: `com.amazonaws.${region}.${service}`,
    vpcEndpointType: "Interface",
    privateDnsEnabled: true,
    subnetIds: (subnets.private ?? []).map((s) => s.id),
    securityGroupIds: [endpointSg.id],
  });
}
const flowGroup = logGroup("flow-logs");
const flowRole = role("flow-logs-role", "vpc-flow-logs.amazonaws.com", []);
new iam.RolePolicy("flow-logs-write", {
  role: flowRole.id,
  policy: pulumi.jsonStringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: pulumi.interpolate`${flowGroup.arn}:*`,
      },
    ],
  }),
});
new ec2.FlowLog("flow-log", {
  vpcId: vpc.id,
  trafficType: "ALL",
  logDestinationType: "cloud-watch-logs",
  logDestination: flowGroup.arn,
  iamRoleArn: flowRole.arn,
  maxAggregationInterval: 60,
});

const phi = bucket("phi-data", key("phi-kms", []).arn);
new s3.BucketLifecycleConfiguration("phi-lifecycle", {
  bucket: phi.id,
  rules: [
    {
      id: "expire-old-versions",
      status: "Enabled",
      filter: { prefix: "" },
      noncurrentVersionExpiration: { noncurrentDays: 90 },
    },
  ],
});
const models = bucket("model-artifacts", key("models-kms", []).arn);

const hostRole = role("host-role", "ec2.amazonaws.com", ["AmazonSSMManagedInstanceCore"]);
const profile = new iam.InstanceProfile("host-profile", { role: hostRole.name });
const hostSg = new ec2.SecurityGroup("host-sg", { vpcId: vpc.id, description: "inference host" });
new SecurityGroupIngressRule("host-in", {
  securityGroupId: hostSg.id,
  ipProtocol: "tcp",
  fromPort: 8443,
  toPort: 8443,
  cidrIpv4: "10.40.64.0/18",
});
new SecurityGroupEgressRule("host-out", {
  securityGroupId: hostSg.id,
  ipProtocol: "tcp",
  fromPort: 443,
  toPort: 443,
  cidrIpv4: "0.0.0.0/0",
});
new ec2.Instance("phi-inference", {
  ami: getParameterOutput({ name: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64" })
    .value,
  instanceType: "m6a.2xlarge",
  subnetId: subnets.private?.[0]?.id,
  vpcSecurityGroupIds: [hostSg.id],
  iamInstanceProfile: profile.name,
  associatePublicIpAddress: false,
  cpuOptions: { amdSevSnp: "enabled" },
  metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
  rootBlockDevice: { encrypted: true, kmsKeyId: key("ebs-kms", []).arn, volumeType: "gp3", volumeSize: 50 },
});

const clusterRole = role("cluster-role", "eks.amazonaws.com", ["AmazonEKSClusterPolicy"]);
const nodeRole = role("node-role", "ec2.amazonaws.com", [
  "AmazonEKSWorkerNodePolicy",
  "AmazonEC2ContainerRegistryReadOnly",
  "AmazonEKS_CNI_Policy",
]);
const eksKey = key("eks-kms", []);
const controlPlaneLogs = logGroup("/aws/eks/serving/cluster");
const cluster = new eks.Cluster(
  "serving",
  {
    name: "serving",
    roleArn: clusterRole.arn,
    vpcConfig: {
      subnetIds: (subnets.private ?? []).map((s) => s.id),
      endpointPrivateAccess: true,
      endpointPublicAccess: false,
    },
    accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
    encryptionConfig: { resources: ["secrets"], provider: { keyArn: eksKey.arn } },
    enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
  },
  { dependsOn: [controlPlaneLogs] },
);
new eks.AccessEntry("admin", {
  clusterName: cluster.name,
  principalArn: config.require("clusterAdminRoleArn"),
});
new eks.AccessPolicyAssociation("admin-policy", {
  clusterName: cluster.name,
  principalArn: config.require("clusterAdminRoleArn"),
  policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
  accessScope: { type: "cluster" },
});
const lt = new ec2.LaunchTemplate("nodes-lt", {
  metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
  blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: eksKey.arn } }],
});
new eks.Addon("vpc-cni", {
  clusterName: cluster.name,
  addonName: "vpc-cni",
  configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }),
});
new eks.Addon("pod-identity", { clusterName: cluster.name, addonName: "eks-pod-identity-agent" });
new eks.NodeGroup("nodes", {
  clusterName: cluster.name,
  nodeRoleArn: nodeRole.arn,
  subnetIds: (subnets.private ?? []).map((s) => s.id),
  scalingConfig: { minSize: 2, maxSize: 4, desiredSize: 2 },
  launchTemplate: { id: lt.id, version: pulumi.interpolate`${lt.latestVersion}` },
});

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
              image: config.require("inferenceApiImage"),
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

const trailKey = key("trail-kms", ["cloudtrail.amazonaws.com"]);
const trailBucket = bucket("audit-logs", trailKey.arn);
const trailGroup = logGroup("audit-events");
const trailRole = role("trail-role", "cloudtrail.amazonaws.com", []);
new Trail("audit", {
  s3BucketName: trailBucket.bucket,
  kmsKeyId: trailKey.arn,
  isMultiRegionTrail: true,
  includeGlobalServiceEvents: true,
  enableLogFileValidation: true,
  cloudWatchLogsGroupArn: pulumi.interpolate`${trailGroup.arn}:*`,
  cloudWatchLogsRoleArn: trailRole.arn,
  eventSelectors: [
    {
      readWriteType: "All",
      includeManagementEvents: true,
      dataResources: [
        {
          type: "AWS::S3::Object",
          values: [pulumi.interpolate`${phi.arn}/`, pulumi.interpolate`${models.arn}/`],
        },
      ],
    },
  ],
});
