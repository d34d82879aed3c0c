/**
 * The HIPAA inference example, run under the mock runtime: its whole graph (every resource type and how
 * many) and the inputs that make it compliant.
 */
import { MockStack } from "@palisade/core/test-support";
import { beforeAll, describe, expect, it } from "vitest";
import { AWS_INVOKES } from "../packages/aws/src/test-support.js";
import { validateKubernetesObjects } from "../packages/kubernetes/src/test-support.js";

let stack: MockStack;

beforeAll(async () => {
  stack = await MockStack.start({
    project: "aws-hipaa-inference",
    stack: "dev",
    config: {
      "aws:region": "us-east-2",
      availabilityZones: JSON.stringify(["us-east-2a", "us-east-2b", "us-east-2c"]),
      clusterAdminRoleArn: "arn:aws:iam::123456789012:role/platform-admin",
      inferenceApiImage: `ghcr.io/example/model-server@sha256:${"0".repeat(64)}`,
    },
    invokes: {
      ...AWS_INVOKES,
      "aws:ssm/getParameter:getParameter": ({ name }: Record<string, unknown>) => ({
        name,
        value: "ami-0abcdef1234567890",
        type: "String",
      }),
    },
  });
  // The program registers its resources as it loads, exactly as `pulumi up` runs it.
  await import("../examples/aws-hipaa-inference/index.js");
  await stack.settle();
});

function countsByType(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of stack.registrations) counts[r.type] = (counts[r.type] ?? 0) + 1;
  return counts;
}

describe("examples/aws-hipaa-inference", () => {
  it("registers exactly this graph", () => {
    expect(countsByType()).toEqual({
      "palisade:aws:SegmentedVpc": 1,
      "palisade:aws:EncryptedBucket": 3,
      "palisade:aws:EncryptionKey": 8,
      "palisade:aws:ConfidentialInstance": 1,
      "palisade:aws:ZeroTrustEksCluster": 1,
      "palisade:aws:AuditTrail": 1,
      "aws:kms/key:Key": 8,
      "aws:kms/alias:Alias": 8,
      "aws:ec2/vpc:Vpc": 1,
      "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": 1,
      "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": 1,
      "aws:ec2/subnet:Subnet": 9,
      "aws:ec2/internetGateway:InternetGateway": 1,
      "aws:ec2/routeTable:RouteTable": 3,
      "aws:ec2/route:Route": 2,
      "aws:ec2/eip:Eip": 1,
      "aws:ec2/natGateway:NatGateway": 1,
      "aws:ec2/routeTableAssociation:RouteTableAssociation": 9,
      "aws:ec2/networkAcl:NetworkAcl": 3,
      "aws:ec2/securityGroup:SecurityGroup": 2,
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": 2,
      "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": 1,
      "aws:ec2/vpcEndpoint:VpcEndpoint": 11,
      "aws:cloudwatch/logGroup:LogGroup": 3,
      "aws:iam/role:Role": 5,
      "aws:iam/rolePolicy:RolePolicy": 2,
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 5,
      "aws:iam/instanceProfile:InstanceProfile": 1,
      "aws:ec2/flowLog:FlowLog": 1,
      "aws:s3/bucket:Bucket": 3,
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls": 3,
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": 3,
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": 3,
      "aws:s3/bucketVersioning:BucketVersioning": 3,
      "aws:s3/bucketPolicy:BucketPolicy": 3,
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": 2,
      "aws:ec2/instance:Instance": 1,
      "aws:eks/cluster:Cluster": 1,
      "aws:eks/accessEntry:AccessEntry": 1,
      "aws:eks/accessPolicyAssociation:AccessPolicyAssociation": 1,
      "aws:ec2/launchTemplate:LaunchTemplate": 1,
      "aws:eks/addon:Addon": 2,
      "aws:eks/nodeGroup:NodeGroup": 1,
      "pulumi:providers:kubernetes": 1,
      "aws:cloudtrail/trail:Trail": 1,
      "palisade:kubernetes:ClusterBaseline": 1,
      "palisade:kubernetes:ZeroTrustNamespace": 2,
      "palisade:kubernetes:RuntimeSecurity": 1,
      "palisade:kubernetes:IsolatedService": 1,
      "kubernetes:core/v1:Namespace": 3,
      "kubernetes:core/v1:NamespacePatch": 1,
      "kubernetes:core/v1:ServiceAccountPatch": 2,
      "kubernetes:core/v1:ServiceAccount": 1,
      "kubernetes:core/v1:ResourceQuota": 2,
      "kubernetes:core/v1:LimitRange": 2,
      "kubernetes:core/v1:Service": 1,
      "kubernetes:networking.k8s.io/v1:NetworkPolicy": 5,
      "kubernetes:apps/v1:Deployment": 1,
      "kubernetes:helm.sh/v3:Release": 1,
      "kubernetes:cilium.io/v1alpha1:TracingPolicy": 4,
    });
  });

  it("encrypts every key-capable store with a customer key that rotates and is retained", () => {
    for (const key of stack.ofType("aws:kms/key:Key")) {
      expect(key.inputs).toMatchObject({
        enableKeyRotation: true,
        rotationPeriodInDays: 365,
        deletionWindowInDays: 30,
      });
      expect(key.retainOnDelete).toBe(true);
    }
    for (const sse of stack.ofType(
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    )) {
      expect(sse.inputs.rules[0].applyServerSideEncryptionByDefault.sseAlgorithm).toBe("aws:kms");
      expect(sse.propertyDependencies.rules).toHaveLength(1);
    }
    for (const group of stack.ofType("aws:cloudwatch/logGroup:LogGroup")) {
      expect(group.inputs.retentionInDays).toBe(2192);
      expect(group.propertyDependencies.kmsKeyId).toHaveLength(1);
    }
  });

  it("blocks public access, versions and retains every bucket, and tags PHI", () => {
    for (const pab of stack.ofType("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")) {
      expect(Object.values(pab.inputs).filter((v) => v === true)).toHaveLength(4);
    }
    for (const v of stack.ofType("aws:s3/bucketVersioning:BucketVersioning"))
      expect(v.inputs.versioningConfiguration.status).toBe("Enabled");
    const buckets = stack.ofType("aws:s3/bucket:Bucket");
    expect(buckets.every((b) => b.retainOnDelete && b.inputs.forceDestroy === false)).toBe(true);
    expect(buckets.find((b) => b.name === "phi-data-bucket")?.inputs.tags).toMatchObject({
      "data-classification": "phi",
      "compliance-frameworks": "hipaa",
      environment: "dev",
    });
  });

  it("routes only the public tier to the internet and the private tier out through one NAT; data has no route", () => {
    const tableOf = (urn: string | undefined) =>
      stack.ofType("aws:ec2/routeTable:RouteTable").find((t) => t.urn === urn)?.name;
    const routes = stack.ofType("aws:ec2/route:Route").map((r) => ({
      table: tableOf(r.propertyDependencies.routeTableId?.[0]),
      destination: r.inputs.destinationCidrBlock,
      via: r.propertyDependencies.natGatewayId ? "nat" : r.propertyDependencies.gatewayId ? "igw" : "?",
    }));
    expect(routes).toEqual([
      { table: "inference-public-rt", destination: "0.0.0.0/0", via: "igw" },
      { table: "inference-private-rt", destination: "0.0.0.0/0", via: "nat" },
    ]);
  });

  it("runs inference on SEV-SNP with IMDSv2, an encrypted root volume and no public IP", () => {
    const host = stack.one("aws:ec2/instance:Instance");
    expect(host.inputs).toMatchObject({
      instanceType: "m6a.2xlarge",
      ami: "ami-0abcdef1234567890",
      cpuOptions: { amdSevSnp: "enabled" },
      associatePublicIpAddress: false,
      metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
      rootBlockDevice: { encrypted: true },
    });
    const ingress = stack
      .ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
      .map((r) => r.inputs);
    expect(ingress).toContainEqual(expect.objectContaining({ fromPort: 8443, cidrIpv4: "10.40.64.0/18" }));
  });

  it("serves from a private EKS cluster with encrypted secrets and explicit admin access", () => {
    const cluster = stack.one("aws:eks/cluster:Cluster");
    expect(cluster.inputs.vpcConfig).toMatchObject({
      endpointPrivateAccess: true,
      endpointPublicAccess: false,
    });
    expect(cluster.inputs.accessConfig).toEqual({
      authenticationMode: "API",
      bootstrapClusterCreatorAdminPermissions: false,
    });
    expect(cluster.inputs.encryptionConfig.resources).toEqual(["secrets"]);
    expect(stack.one("aws:eks/accessEntry:AccessEntry").inputs.principalArn).toBe(
      "arn:aws:iam::123456789012:role/platform-admin",
    );
  });

  it("applies the cluster baseline and the isolated inference API through the EKS cluster's provider", () => {
    const provider = stack.one("pulumi:providers:kubernetes");
    const k8s = stack.registrations.filter((r) => r.type.startsWith("kubernetes:"));
    expect(k8s.every((r) => r.provider.startsWith(`${provider.urn}::`))).toBe(true);
    // Every object but the patches, the Helm release and the TracingPolicy CRs.
    expect(validateKubernetesObjects(stack.registrations)).toBe(15);
    const pod = stack.one("kubernetes:apps/v1:Deployment").inputs.spec.template.spec;
    expect(pod.containers[0].securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    });
    expect(stack.registrations.some((r) => r.type.includes("ClusterRoleBinding"))).toBe(false);
  });

  it("audits every region, with data events on the PHI and model buckets", () => {
    const trail = stack.one("aws:cloudtrail/trail:Trail");
    expect(trail.inputs).toMatchObject({ isMultiRegionTrail: true, enableLogFileValidation: true });
    expect(trail.inputs.eventSelectors[0].dataResources[0].values).toHaveLength(2);
    expect(stack.one("aws:ec2/flowLog:FlowLog").inputs.trafficType).toBe("ALL");
  });
});
