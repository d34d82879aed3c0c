import { hipaa } from "@palisade/core";
import { expectRejected } from "@palisade/core/test-support";
import { describe, expect, it } from "vitest";
import { ZeroTrustEksCluster, kubeconfigFor, type ZeroTrustEksClusterArgs } from "./eks-cluster";
import { awsStack } from "./test-support";

const base: ZeroTrustEksClusterArgs = {
  subnetIds: ["subnet-a", "subnet-b"],
  access: [{ principalArn: "arn:aws:iam::123456789012:role/platform-admins", policy: "cluster-admin" }],
};

describe("ZeroTrustEksCluster", () => {
  it("keeps the API private, encrypts secrets with a customer key and logs every control-plane type", async () => {
    const stack = await awsStack();
    new ZeroTrustEksCluster("serving", { ...base, baseline: hipaa });
    await stack.settle();
    const cluster = stack.one("aws:eks/cluster:Cluster");
    expect(cluster.inputs).toMatchObject({
      name: "serving",
      vpcConfig: {
        endpointPrivateAccess: true,
        endpointPublicAccess: false,
        subnetIds: ["subnet-a", "subnet-b"],
      },
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
      encryptionConfig: { resources: ["secrets"] },
      enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
    });
    expect(cluster.inputs.vpcConfig.publicAccessCidrs).toBeUndefined();
    expect(cluster.propertyDependencies.encryptionConfig).toEqual([
      stack.one("aws:kms/key:Key", "serving-kms-key").urn,
    ]);
    const logGroup = stack.one("aws:cloudwatch/logGroup:LogGroup");
    expect(logGroup.inputs).toMatchObject({ name: "/aws/eks/serving/cluster", retentionInDays: 2192 });
    expect(cluster.dependsOn).toContain(logGroup.urn);
  });

  it("registers the same graph in a first preview, its Kubernetes provider waiting on the cluster", async () => {
    const normal = await awsStack();
    new ZeroTrustEksCluster("serving", { ...base, baseline: hipaa });
    await normal.settle();
    const types = normal.registrations.map((r) => r.type).sort();

    const stack = await awsStack({ preview: true });
    const eks = new ZeroTrustEksCluster("serving", { ...base, baseline: hipaa });
    await stack.settle();
    expect(stack.registrations.map((r) => r.type).sort()).toEqual(types);
    expect(eks.provider).toBeDefined();
    const cluster = stack.one("aws:eks/cluster:Cluster");
    expect(cluster.inputs.vpcConfig).toMatchObject({
      endpointPrivateAccess: true,
      endpointPublicAccess: false,
    });
    expect(cluster.propertyDependencies.encryptionConfig).toEqual([
      stack.one("aws:kms/key:Key", "serving-kms-key").urn,
    ]);
    expect(stack.one("pulumi:providers:kubernetes").propertyDependencies.kubeconfig).toContain(cluster.urn);
  });

  it("grants access only through access entries", async () => {
    const stack = await awsStack();
    new ZeroTrustEksCluster("serving", {
      ...base,
      access: [
        ...base.access,
        { principalArn: "arn:aws:iam::123456789012:role/ml", policy: "edit", namespaces: ["inference"] },
      ],
    });
    await stack.settle();
    expect(stack.ofType("aws:eks/accessEntry:AccessEntry").map((e) => e.inputs.type)).toEqual([
      "STANDARD",
      "STANDARD",
    ]);
    const [admin, ml] = stack.ofType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation");
    expect(admin?.inputs).toMatchObject({
      policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
      accessScope: { type: "cluster" },
    });
    expect(ml?.inputs).toMatchObject({
      policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy",
      accessScope: { type: "namespace", namespaces: ["inference"] },
    });
  });

  it("runs nodes from a launch template with IMDSv2 (hop limit 1) and encrypted volumes, with enforcing CNI and Pod Identity", async () => {
    const stack = await awsStack();
    new ZeroTrustEksCluster("serving", base);
    await stack.settle();
    const lt = stack.one("aws:ec2/launchTemplate:LaunchTemplate");
    expect(lt.inputs.metadataOptions).toEqual({
      httpTokens: "required",
      httpPutResponseHopLimit: 1,
      httpEndpoint: "enabled",
    });
    expect(lt.inputs.blockDeviceMappings[0].ebs).toMatchObject({ encrypted: "true", volumeType: "gp3" });
    const nodes = stack.one("aws:eks/nodeGroup:NodeGroup");
    expect(nodes.inputs).toMatchObject({
      subnetIds: ["subnet-a", "subnet-b"],
      scalingConfig: { minSize: 2, maxSize: 4, desiredSize: 2 },
    });
    expect(nodes.propertyDependencies.launchTemplate).toContain(lt.urn);
    const addons = Object.fromEntries(
      stack.ofType("aws:eks/addon:Addon").map((a) => [a.inputs.addonName, a.inputs]),
    );
    expect(JSON.parse(addons["vpc-cni"].configurationValues)).toEqual({ enableNetworkPolicy: "true" });
    expect(addons).toHaveProperty("eks-pod-identity-agent");
  });

  it("exposes a Kubernetes provider authenticated by aws eks get-token", async () => {
    const stack = await awsStack();
    const eks = new ZeroTrustEksCluster("serving", { ...base, publicAccessCidrs: ["203.0.113.0/24"] });
    await stack.settle();
    // Provider inputs travel as strings, as the engine sends them.
    expect(stack.one("pulumi:providers:kubernetes").inputs.enableServerSideApply).toBe("true");
    expect(eks.provider).toBeDefined();
    expect(stack.one("aws:eks/cluster:Cluster").inputs.vpcConfig).toMatchObject({
      endpointPublicAccess: true,
      publicAccessCidrs: ["203.0.113.0/24"],
    });
    const config = JSON.parse(kubeconfigFor("c", "https://x", "Q0E=", "us-east-2"));
    expect(config.users[0].user.exec.args).toEqual([
      "eks",
      "get-token",
      "--cluster-name",
      "c",
      "--region",
      "us-east-2",
      "--output",
      "json",
    ]);
  });

  const bad: [string, Partial<ZeroTrustEksClusterArgs>, unknown][] = [
    ["clusterName", { clusterName: "-bad" }, "-bad"],
    ["version", { version: "latest" }, "latest"],
    ["subnetIds", { subnetIds: ["subnet-a"] }, ["subnet-a"]],
    ["access", { access: [] }, []],
    ["access[0].policy", { access: [{ principalArn: "arn:x", policy: "root" as never }] }, "root"],
    [
      "access[0].namespaces[0]",
      { access: [{ principalArn: "arn:x", policy: "edit", namespaces: ["Inference"] }] },
      "Inference",
    ],
    [
      "access[0].namespaces",
      { access: [{ principalArn: "arn:x", policy: "cluster-admin", namespaces: ["a"] }] },
      ["a"],
    ],
    ["publicAccessCidrs[0]", { publicAccessCidrs: ["0.0.0.0/0"] }, "0.0.0.0/0"],
    ["publicAccessCidrs[0]", { publicAccessCidrs: ["example.com"] }, "example.com"],
    ["nodes.maxSize", { nodes: { minSize: 3, maxSize: 2 } }, 2],
    ["nodes.desiredSize", { nodes: { minSize: 1, maxSize: 2, desiredSize: 5 } }, 5],
    ["nodes.instanceTypes", { nodes: { instanceTypes: [] } }, []],
    ["logRetentionDays", { logRetentionDays: 30 }, 30],
  ];
  it.each(bad)("rejects %s (%j) before registering anything", async (path, override, value) => {
    const stack = await awsStack();
    expectRejected(() => new ZeroTrustEksCluster("serving", { ...base, ...override }), path, value);
    await stack.settle();
    expect(stack.registrations).toEqual([]);
  });
});
