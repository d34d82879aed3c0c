import { gdpr, hipaa } from "@palisade/core";
import { expectRejected } from "@palisade/core/test-support";
import { describe, expect, it } from "vitest";
import { tierAcls } from "./network-acl-rules";
import { SegmentedVpc, type SegmentedVpcArgs } from "./segmented-vpc";
import { awsStack } from "./test-support";

const zones = ["us-east-2a", "us-east-2b", "us-east-2c"];
const base: SegmentedVpcArgs = { cidr: "10.0.0.0/16", availabilityZones: zones };

describe("SegmentedVpc", () => {
  it("plans tiers across zones with no public IPs on launch", async () => {
    const stack = await awsStack();
    const vpc = new SegmentedVpc("net", base);
    await stack.settle();
    expect(stack.one("aws:ec2/vpc:Vpc").inputs).toMatchObject({
      cidrBlock: "10.0.0.0/16",
      enableDnsHostnames: true,
      enableDnsSupport: true,
    });
    const subnets = stack.ofType("aws:ec2/subnet:Subnet");
    expect(subnets.map((s) => [s.inputs.tags.tier, s.inputs.availabilityZone, s.inputs.cidrBlock])).toEqual(
      vpc.plan.subnets.map((p) => [p.tier, p.zone, p.cidr]),
    );
    expect(subnets).toHaveLength(9);
    expect(subnets.every((s) => s.inputs.mapPublicIpOnLaunch === false)).toBe(true);
  });

  it("plans the same subnets and keeps flow logs joined to the VPC in a first preview", async () => {
    const stack = await awsStack({ preview: true });
    const vpc = new SegmentedVpc("net", { ...base, baseline: hipaa });
    await stack.settle();
    const subnets = stack.ofType("aws:ec2/subnet:Subnet");
    expect(subnets.map((s) => s.inputs.cidrBlock)).toEqual(vpc.plan.subnets.map((p) => p.cidr));
    expect(subnets.every((s) => s.propertyDependencies.vpcId?.[0] === stack.one("aws:ec2/vpc:Vpc").urn)).toBe(
      true,
    );
    const flowLog = stack.one("aws:ec2/flowLog:FlowLog");
    expect(flowLog.inputs.trafficType).toBe("ALL");
    expect(flowLog.propertyDependencies.vpcId).toEqual([stack.one("aws:ec2/vpc:Vpc").urn]);
    expect(stack.one("aws:cloudwatch/logGroup:LogGroup").propertyDependencies.kmsKeyId).toEqual([
      stack.one("aws:kms/key:Key").urn,
    ]);
  });

  it("routes only the public tier to the internet and gives isolated tiers no route out", async () => {
    const stack = await awsStack();
    new SegmentedVpc("net", base);
    await stack.settle();
    const routes = stack.ofType("aws:ec2/route:Route");
    expect(routes.map((r) => r.name)).toEqual(["net-public-internet"]);
    expect(routes[0]?.inputs).toMatchObject({ destinationCidrBlock: "0.0.0.0/0" });
    expect(stack.ofType("aws:ec2/natGateway:NatGateway")).toEqual([]);
    expect(stack.ofType("aws:ec2/internetGateway:InternetGateway")).toHaveLength(1);
    expect(stack.ofType("aws:ec2/routeTableAssociation:RouteTableAssociation")).toHaveLength(9);
  });

  it("adds one NAT gateway per zone, each private zone routing to its own", async () => {
    const stack = await awsStack();
    new SegmentedVpc("net", { ...base, natGateways: "perZone" });
    await stack.settle();
    expect(stack.ofType("aws:ec2/natGateway:NatGateway")).toHaveLength(3);
    expect(stack.ofType("aws:ec2/eip:Eip").every((e) => e.inputs.domain === "vpc")).toBe(true);
    const natRoutes = stack.ofType("aws:ec2/route:Route").filter((r) => r.name.endsWith("-nat"));
    expect(natRoutes.map((r) => r.name)).toEqual([
      "net-private-us-east-2a-nat",
      "net-private-us-east-2b-nat",
      "net-private-us-east-2c-nat",
    ]);
    const data = stack.ofType("aws:ec2/routeTable:RouteTable").filter((t) => t.inputs.tags.tier === "data");
    expect(data).toHaveLength(1);
    expect(stack.ofType("aws:ec2/route:Route").some((r) => r.name.startsWith("net-data"))).toBe(false);
  });

  it("strips the default security group and network ACL", async () => {
    const stack = await awsStack();
    new SegmentedVpc("net", base);
    await stack.settle();
    const sg = stack.one("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
    expect(sg.inputs.ingress).toBeUndefined();
    expect(sg.inputs.egress).toBeUndefined();
    const acl = stack.one("aws:ec2/defaultNetworkAcl:DefaultNetworkAcl");
    expect(acl.inputs.ingress).toBeUndefined();
    expect(acl.inputs.egress).toBeUndefined();
  });

  it("gives each tier an ACL allowing only its own block, declared flows, endpoint HTTPS and outbound HTTPS", async () => {
    const stack = await awsStack();
    const vpc = new SegmentedVpc("net", base);
    await stack.settle();
    const acls = Object.fromEntries(
      stack.ofType("aws:ec2/networkAcl:NetworkAcl").map((a) => [a.inputs.tags.tier, a.inputs]),
    );
    const blocks = vpc.plan.tierBlocks;
    const data = acls.data;
    expect(
      data.ingress.map((e: { cidrBlock: string; fromPort: number; protocol: string }) => [
        e.protocol,
        e.cidrBlock,
        e.fromPort,
      ]),
    ).toEqual([
      ["-1", blocks.data, 0],
      ["-1", blocks.private, 0],
      ["tcp", blocks.private, 1024],
      ["tcp", "0.0.0.0/0", 1024],
    ]);
    // The data tier never accepts anything from the public tier.
    expect(JSON.stringify(data)).not.toContain(blocks.public);
    const publicIngress = acls.public.ingress.map((e: { cidrBlock: string; fromPort: number }) => [
      e.cidrBlock,
      e.fromPort,
    ]);
    expect(publicIngress).toContainEqual(["0.0.0.0/0", 443]);
  });

  it("keeps AWS traffic inside: S3 gateway on non-public route tables, interface endpoints with private DNS", async () => {
    const stack = await awsStack();
    new SegmentedVpc("net", base);
    await stack.settle();
    const endpoints = stack.ofType("aws:ec2/vpcEndpoint:VpcEndpoint");
    expect(endpoints.map((e) => e.inputs.serviceName)).toEqual([
      "com.amazonaws.us-east-2.s3",
      "com.amazonaws.us-east-2.kms",
      "com.amazonaws.us-east-2.sts",
      "com.amazonaws.us-east-2.logs",
      "com.amazonaws.us-east-2.ecr.api",
      "com.amazonaws.us-east-2.ecr.dkr",
      "com.amazonaws.us-east-2.ec2",
      "com.amazonaws.us-east-2.eks-auth",
      "com.amazonaws.us-east-2.ssm",
      "com.amazonaws.us-east-2.ssmmessages",
      "com.amazonaws.us-east-2.ec2messages",
    ]);
    expect(endpoints[0]?.inputs).toMatchObject({ vpcEndpointType: "Gateway" });
    expect(endpoints[0]?.inputs.routeTableIds).toHaveLength(2);
    expect(
      endpoints.slice(1).every((e) => e.inputs.privateDnsEnabled === true && e.inputs.subnetIds.length === 3),
    ).toBe(true);
    expect(stack.one("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").inputs).toEqual(
      expect.objectContaining({ ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/16" }),
    );
  });

  it("logs ALL traffic to a KMS-encrypted, retained log group kept for the baseline's retention", async () => {
    const stack = await awsStack();
    new SegmentedVpc("net", { ...base, baseline: hipaa });
    await stack.settle();
    const flowLog = stack.one("aws:ec2/flowLog:FlowLog");
    expect(flowLog.inputs).toMatchObject({
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      maxAggregationInterval: 60,
    });
    expect(flowLog.propertyDependencies.vpcId).toEqual([stack.one("aws:ec2/vpc:Vpc").urn]);
    const logGroup = stack.one("aws:cloudwatch/logGroup:LogGroup");
    expect(logGroup.inputs.retentionInDays).toBe(2192);
    expect(logGroup.propertyDependencies.kmsKeyId).toEqual([stack.one("aws:kms/key:Key").urn]);
    expect(logGroup.retainOnDelete).toBe(true);
    // A per-stack prefix: the delivery role's policy names the group without waiting for its ARN.
    expect(logGroup.inputs.namePrefix).toMatch(/^\/aws\/vpc-flow-logs\/[^/]+\/[^/]+\/net-$/);
    const write = JSON.parse(stack.one("aws:iam/rolePolicy:RolePolicy").inputs.policy);
    expect(write.Statement[0].Resource).toMatch(
      /^arn:aws:logs:us-east-2:\d{12}:log-group:\/aws\/vpc-flow-logs\/.+\/net-\*$/,
    );
    expect(JSON.parse(stack.one("aws:iam/role:Role").inputs.assumeRolePolicy).Statement[0].Principal).toEqual(
      {
        Service: "vpc-flow-logs.amazonaws.com",
      },
    );
  });

  it("looks up a tier's subnets and names the tiers when asked for an unknown one", async () => {
    const stack = await awsStack();
    const vpc = new SegmentedVpc("net", base);
    await stack.settle();
    expect(vpc.tierSubnetIds("data")).toHaveLength(3);
    expect(() => vpc.tierSubnetIds("db")).toThrow(
      'SegmentedVpc has no tier "db"; its tiers are public, private, data',
    );
  });

  it("appending a zone keeps every existing subnet's CIDR", async () => {
    const stack = await awsStack();
    const before = new SegmentedVpc("a", { ...base, availabilityZones: zones.slice(0, 2) });
    const after = new SegmentedVpc("b", base);
    await stack.settle();
    for (const subnet of before.plan.subnets)
      expect(after.plan.byTier[subnet.tier]?.[subnet.zone]).toBe(subnet.cidr);
  });

  const bad: [string, Partial<SegmentedVpcArgs>, unknown][] = [
    ["cidr", { cidr: "8.8.0.0/16" }, "8.8.0.0/16"],
    ["cidr", { cidr: "10.0.0.5/16" }, "10.0.0.5/16"],
    ["availabilityZones[1]", { availabilityZones: ["us-east-2a", "us-east-2a"] }, "us-east-2a"],
    ["availabilityZones[0]", { availabilityZones: ["eu-west-1a"] }, "eu-west-1a"],
    ["tiers[0].kind", { tiers: [{ name: "web", prefixLength: 24, kind: "dmz" as never }] }, "dmz"],
    [
      "tiers[1].prefixLength",
      {
        tiers: [
          { name: "a", prefixLength: 24, kind: "private" },
          { name: "b", prefixLength: 8, kind: "isolated" },
        ],
      },
      8,
    ],
    ["allowedFlows[0].to", { allowedFlows: [{ from: "public", to: "db", ports: "all" }] }, "db"],
    [
      "allowedFlows[0].ports",
      { allowedFlows: [{ from: "public", to: "private", ports: [443, 80] }] },
      [443, 80],
    ],
    ["natGateways", { natGateways: "many" as never }, "many"],
    [
      "natGateways",
      { natGateways: "single", tiers: [{ name: "app", prefixLength: 20, kind: "private" }] },
      "single",
    ],
    ["endpointTier", { endpointTier: "public" }, "public"],
    ["interfaceEndpoints[0]", { interfaceEndpoints: ["s3"] }, "s3"],
    ["flowLogRetentionDays", { flowLogRetentionDays: 100 }, 100],
    ["flowLogRetentionDays", { baseline: hipaa, flowLogRetentionDays: 365 }, 365],
    ["region", { baseline: gdpr }, "us-east-2"],
  ];
  it("rejects a component name that cannot name its flow-log group", async () => {
    const stack = await awsStack();
    expectRejected(() => new SegmentedVpc("core net", base), "name", "core net");
    await stack.settle();
    expect(stack.registrations).toEqual([]);
  });

  it.each(bad)("rejects %s (%j) before registering anything", async (path, override, value) => {
    const stack = await awsStack();
    expectRejected(() => new SegmentedVpc("net", { ...base, ...override }), path, value);
    await stack.settle();
    expect(stack.registrations).toEqual([]);
  });
});

describe("tierAcls", () => {
  it("mirrors a port-scoped flow with ephemeral return traffic on both sides", () => {
    const acls = tierAcls({
      tierBlocks: { web: "10.0.0.0/22", app: "10.0.4.0/22" },
      tierKinds: { web: "private", app: "isolated" },
      flows: [{ from: "web", to: "app", ports: [8443, 8443] }],
      endpointTier: "web",
    });
    expect(acls.web?.egress).toContainEqual({
      ruleNo: 20,
      action: "allow",
      protocol: "tcp",
      fromPort: 8443,
      toPort: 8443,
      cidrBlock: "10.0.4.0/22",
    });
    expect(acls.app?.ingress).toContainEqual(
      expect.objectContaining({ protocol: "tcp", fromPort: 8443, cidrBlock: "10.0.0.0/22" }),
    );
    expect(acls.app?.egress).toContainEqual(
      expect.objectContaining({ protocol: "tcp", fromPort: 1024, toPort: 65535, cidrBlock: "10.0.0.0/22" }),
    );
    expect(acls.web?.ingress).toContainEqual(
      expect.objectContaining({ protocol: "tcp", fromPort: 1024, cidrBlock: "10.0.4.0/22" }),
    );
    // app reaches the endpoint tier on 443 only.
    expect(acls.app?.egress).toContainEqual(
      expect.objectContaining({ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "10.0.0.0/22" }),
    );
    const numbers = acls.app?.ingress.map((e) => e.ruleNo) ?? [];
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});
