import * as pulumi from "@pulumi/pulumi";
import {
  DefaultNetworkAcl,
  DefaultSecurityGroup,
  Eip,
  FlowLog,
  InternetGateway,
  NatGateway,
  NetworkAcl,
  Route,
  RouteTable,
  RouteTableAssociation,
  SecurityGroup,
  Subnet,
  Vpc,
  VpcEndpoint,
} from "@pulumi/aws/ec2";
import { SecurityGroupIngressRule } from "@pulumi/aws/vpc";
import {
  awsTagRules,
  childName,
  planSubnets,
  shape,
  validateArgs,
  type ArgsSchema,
  type SubnetPlan,
} from "@palisade/core";
import { AwsChildren } from "./children";
import { encryptedLogWriter, encryptedLogWriterNames } from "./encrypted-log-group";
import { checkChildNames } from "./names";
import { tierAcls, type TierFlow, type TierKind } from "./network-acl-rules";
import {
  AWS_COMPONENT_SCHEMA,
  checkLogRetention,
  resolveAwsSettings,
  type AwsComponentArgs,
} from "./settings";

export interface VpcTier {
  /** Tier name (a DNS label), e.g. `public`, `private`, `data`. */
  name: string;
  /** Prefix length of each zone's subnet in this tier. Changing it replaces the tier's subnets. */
  prefixLength: number;
  /** `public` routes to an internet gateway, `private` may use NAT, `isolated` has no route out. */
  kind: TierKind;
  /** Extra tags on this tier's subnets (e.g. `kubernetes.io/role/internal-elb: "1"`). @default none */
  subnetTags?: Record<string, string>;
}

export type NatMode = "none" | "single" | "perZone";

export interface SegmentedVpcArgs extends AwsComponentArgs {
  /** The VPC's IPv4 CIDR (private ranges only). Changing it replaces the VPC. */
  cidr: string;
  /** Availability zones, in order; append new ones at the end (existing subnets never move). */
  availabilityZones: string[];
  /**
   * Tiers, in order; append new ones at the end.
   * @default public /24, private /20, isolated `data` /24
   */
  tiers?: VpcTier[];
  /** Connections allowed between tiers (both directions' packets are permitted for each). @default public→private 443, private→data all */
  allowedFlows?: TierFlow[];
  /** NAT for private tiers: none, one shared gateway, or one per zone. @default "none" (AWS services via endpoints) */
  natGateways?: NatMode;
  /**
   * Interface endpoints (service suffixes) with private DNS: what Palisade's components need with no NAT.
   * Each costs an hourly fee per zone; drop the ones you do not use.
   * @default kms, sts, logs, ecr.api, ecr.dkr (images), ec2 (VPC CNI), eks-auth (Pod Identity), ssm, ssmmessages, ec2messages (Session Manager)
   */
  interfaceEndpoints?: string[];
  /** Tier that holds the interface endpoints. @default the first private tier, else the first isolated one */
  endpointTier?: string;
  /** Flow log retention in days (a CloudWatch value). @default 365, or the baseline's audit-log retention */
  flowLogRetentionDays?: number;
  /** Zone slots reserved per tier so zones can be added without renumbering. @default 4 */
  zoneSlots?: number;
}

const TYPE = "palisade:aws:SegmentedVpc";
const DEFAULT_TIERS: VpcTier[] = [
  { name: "public", prefixLength: 24, kind: "public" },
  { name: "private", prefixLength: 20, kind: "private" },
  { name: "data", prefixLength: 24, kind: "isolated" },
];
const DEFAULT_ENDPOINTS = [
  "kms",
  "sts",
  "logs",
  "ecr.api",
  "ecr.dkr",
  "ec2",
  "eks-auth",
  "ssm",
  "ssmmessages",
  "ec2messages",
];

/**
 * A VPC cut into tiers across zones: per-tier route tables (only public tiers reach the internet gateway,
 * isolated tiers have no route out), per-tier network ACLs allowing only the declared flows, a default
 * security group with no rules, flow logs for all traffic to an encrypted log group, and VPC endpoints so
 * AWS API traffic stays inside the VPC.
 */
export class SegmentedVpc extends pulumi.ComponentResource {
  readonly vpc: Vpc;
  readonly vpcId: pulumi.Output<string>;
  readonly plan: SubnetPlan;
  /** Subnet ids by tier, in zone order. */
  readonly subnetIds: Record<string, pulumi.Output<string>[]>;
  readonly routeTableIds: Record<string, pulumi.Output<string>[]>;
  readonly flowLogGroupArn: pulumi.Output<string>;
  readonly endpointSecurityGroupId: pulumi.Output<string>;

  constructor(name: string, args: SegmentedVpcArgs, opts?: pulumi.ComponentResourceOptions) {
    const s = validateSegmentedVpcArgs(name, args);
    super(TYPE, name, {}, opts);
    const children = new AwsChildren(this, s.settings);
    this.plan = s.plan;
    const zones = args.availabilityZones;

    this.vpc = children.tagged(
      Vpc,
      childName(name, "vpc"),
      { cidrBlock: args.cidr, enableDnsHostnames: true, enableDnsSupport: true },
      { extraTags: { Name: name } },
    );
    const vpcId = this.vpc.id;
    // Adopting the defaults with no rules strips them: nothing may use the default group or ACL.
    children.tagged(DefaultSecurityGroup, childName(name, "default-sg"), { vpcId });
    children.tagged(DefaultNetworkAcl, childName(name, "default-acl"), {
      defaultNetworkAclId: this.vpc.defaultNetworkAclId,
    });

    this.subnetIds = {};
    const subnetsByTier: Record<string, Subnet[]> = {};
    for (const tier of s.tiers) {
      subnetsByTier[tier.name] = zones.map((zone) =>
        children.tagged(
          Subnet,
          childName(name, tier.name, zone),
          {
            vpcId,
            cidrBlock: s.plan.byTier[tier.name]?.[zone] as string,
            availabilityZone: zone,
            mapPublicIpOnLaunch: false,
          },
          { extraTags: { ...tier.subnetTags, Name: `${name}-${tier.name}-${zone}`, tier: tier.name } },
        ),
      );
      this.subnetIds[tier.name] = (subnetsByTier[tier.name] ?? []).map((subnet) => subnet.id);
    }

    const publicTiers = s.tiers.filter((t) => t.kind === "public");
    const igw = publicTiers.length
      ? children.tagged(InternetGateway, childName(name, "igw"), { vpcId })
      : undefined;
    const nats = natGateways(children, name, s.nat, subnetsByTier[publicTiers[0]?.name ?? ""] ?? [], zones);

    this.routeTableIds = {};
    const privateRouteTables: RouteTable[] = [];
    for (const tier of s.tiers) {
      const subnets = subnetsByTier[tier.name] ?? [];
      // One table per zone only where each zone routes to its own NAT gateway.
      const perZone = tier.kind === "private" && s.nat === "perZone";
      const tables = (perZone ? zones : ["all"]).map((zone) =>
        children.tagged(
          RouteTable,
          childName(name, tier.name, perZone ? `${zone}-rt` : "rt"),
          { vpcId },
          { extraTags: { tier: tier.name } },
        ),
      );
      tables.forEach((table, i) => {
        const label = perZone ? `${tier.name}-${String(zones[i])}` : tier.name;
        if (tier.kind === "public" && igw) {
          children.untagged(Route, childName(name, label, "internet"), {
            routeTableId: table.id,
            destinationCidrBlock: "0.0.0.0/0",
            gatewayId: igw.id,
          });
        }
        const nat = tier.kind === "private" ? nats[perZone ? i : 0] : undefined;
        if (nat) {
          children.untagged(Route, childName(name, label, "nat"), {
            routeTableId: table.id,
            destinationCidrBlock: "0.0.0.0/0",
            natGatewayId: nat.id,
          });
        }
      });
      subnets.forEach((subnet, i) =>
        children.untagged(RouteTableAssociation, childName(name, tier.name, zones[i] as string, "rta"), {
          subnetId: subnet.id,
          routeTableId: (tables[perZone ? i : 0] as RouteTable).id,
        }),
      );
      if (tier.kind !== "public") privateRouteTables.push(...tables);
      this.routeTableIds[tier.name] = tables.map((t) => t.id);
    }

    const acls = tierAcls({
      tierBlocks: s.plan.tierBlocks,
      tierKinds: Object.fromEntries(s.tiers.map((t) => [t.name, t.kind])),
      flows: s.flows,
      endpointTier: s.endpointTier,
    });
    for (const tier of s.tiers) {
      const acl = acls[tier.name] ?? { ingress: [], egress: [] };
      children.tagged(
        NetworkAcl,
        childName(name, tier.name, "acl"),
        { vpcId, subnetIds: this.subnetIds[tier.name] ?? [], ingress: acl.ingress, egress: acl.egress },
        { extraTags: { tier: tier.name } },
      );
    }

    const endpointSg = children.tagged(SecurityGroup, childName(name, "endpoints-sg"), {
      vpcId,
      description: `HTTPS from ${args.cidr} to the VPC interface endpoints`,
    });
    children.tagged(SecurityGroupIngressRule, childName(name, "endpoints-https"), {
      securityGroupId: endpointSg.id,
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: args.cidr,
    });
    this.endpointSecurityGroupId = endpointSg.id;
    children.tagged(VpcEndpoint, childName(name, "s3-endpoint"), {
      vpcId,
      serviceName: `com.amazonaws.${s.settings.region}.s3`,
      vpcEndpointType: "Gateway",
      routeTableIds: privateRouteTables.map((t) => t.id),
    });
    for (const service of s.endpoints) {
      children.tagged(VpcEndpoint, childName(name, service.replace(/\./g, "-"), "endpoint"), {
        vpcId,
        serviceName: `com.amazonaws.${s.settings.region}.${service}`,
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: this.subnetIds[s.endpointTier] ?? [],
        securityGroupIds: [endpointSg.id],
      });
    }

    const { logGroup, role } = encryptedLogWriter({
      children,
      name: childName(name, "flow-logs"),
      retentionInDays: s.flowLogRetentionDays,
      logGroupNamePrefix: s.flowLogGroupNamePrefix,
      service: "vpc-flow-logs.amazonaws.com",
      sid: "WriteFlowLogs",
      actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
    });
    children.tagged(FlowLog, childName(name, "flow-log"), {
      vpcId,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
    });
    this.flowLogGroupArn = logGroup.arn;
    this.vpcId = vpcId;
    this.registerOutputs({
      vpcId,
      subnetIds: this.subnetIds,
      routeTableIds: this.routeTableIds,
      flowLogGroupArn: this.flowLogGroupArn,
      endpointSecurityGroupId: this.endpointSecurityGroupId,
    });
  }

  /** The subnet ids of one tier, in zone order; throws naming the tiers when `tier` is not one of them. */
  tierSubnetIds(tier: string): pulumi.Output<string>[] {
    const ids = this.subnetIds[tier];
    if (!ids)
      throw new Error(
        `SegmentedVpc has no tier "${tier}"; its tiers are ${Object.keys(this.subnetIds).join(", ")}`,
      );
    return ids;
  }
}

function natGateways(
  children: AwsChildren,
  name: string,
  mode: NatMode,
  publicSubnets: Subnet[],
  zones: readonly string[],
): NatGateway[] {
  const count = mode === "none" ? 0 : mode === "single" ? 1 : zones.length;
  return publicSubnets.slice(0, count).map((subnet, i) => {
    const zone = zones[i] as string;
    const eip = children.tagged(Eip, childName(name, zone, "nat-eip"), { domain: "vpc" });
    return children.tagged(NatGateway, childName(name, zone, "nat"), {
      subnetId: subnet.id,
      allocationId: eip.id,
      connectivityType: "public",
    });
  });
}

const PORT = { type: "integer", description: "must be a port" };

export const SEGMENTED_VPC_SCHEMA: ArgsSchema = shape.object(
  {
    ...AWS_COMPONENT_SCHEMA,
    cidr: shape.string("must be a private IPv4 CIDR such as 10.40.0.0/16"),
    availabilityZones: shape.array(
      shape.string("must be an availability zone name such as us-east-2a"),
      "must list availability zone names such as us-east-2a",
    ),
    tiers: shape.array(
      shape.object(
        {
          name: shape.string("must be a tier name"),
          prefixLength: shape.integer("must be a prefix length"),
          kind: shape.oneOf(["public", "private", "isolated"]),
          subnetTags: shape.stringMap("must be an object of string tag values"),
        },
        {
          required: ["name", "prefixLength", "kind"],
          description: "must be a tier { name, prefixLength, kind, subnetTags? }",
        },
      ),
      "must list tiers",
    ),
    allowedFlows: shape.array(
      shape.object(
        {
          from: shape.string("must name a tier"),
          to: shape.string("must name a tier"),
          ports: {
            anyOf: [{ const: "all" }, { type: "array", items: PORT, minItems: 2, maxItems: 2 }],
            description: 'must be "all" or [from, to]',
          },
        },
        { required: ["from", "to", "ports"], description: "must be a flow { from, to, ports }" },
      ),
      "must list flows between tiers",
    ),
    natGateways: shape.oneOf(["none", "single", "perZone"]),
    interfaceEndpoints: shape.array(
      shape.string("must be a service suffix such as kms"),
      "must list service suffixes",
    ),
    endpointTier: shape.string("must name a tier"),
    flowLogRetentionDays: shape.integer("must be a whole number of days"),
    zoneSlots: shape.integer("must be a whole number of zone slots"),
  },
  { required: ["cidr", "availabilityZones"] },
);

function validateSegmentedVpcArgs(name: string, args: SegmentedVpcArgs) {
  return validateArgs(`${TYPE} "${name}"`, SEGMENTED_VPC_SCHEMA, args, (problems, args: SegmentedVpcArgs) => {
    const settings = resolveAwsSettings(problems, name, args);
    const region = settings.region;
    const flowLogGroupNamePrefix = `/aws/vpc-flow-logs/${pulumi.getProject()}/${pulumi.getStack()}/${name}-`;
    checkChildNames(problems, "name", name, [
      { type: "aws:ec2/securityGroup:SecurityGroup", name: childName(name, "endpoints-sg") },
      ...encryptedLogWriterNames(childName(name, "flow-logs"), flowLogGroupNamePrefix),
    ]);
    const tiers = args.tiers ?? DEFAULT_TIERS;
    const plan = problems.attempt(
      () => planSubnets({ cidr: args.cidr, zones: args.availabilityZones, tiers, zoneSlots: args.zoneSlots }),
      (path) => path.replace(/^zones/, "availabilityZones"),
    );
    const names = tiers.map((t) => t.name);
    tiers.forEach((tier, i) => problems.addAll(awsTagRules(tier.subnetTags ?? {}, `tiers[${i}].subnetTags`)));
    const kindOf = (tier: string) => tiers.find((t) => t.name === tier)?.kind;
    const flows = args.allowedFlows ?? defaultFlows(tiers);
    flows.forEach((flow, i) => {
      problems.require(
        names.includes(flow.from),
        `allowedFlows[${i}].from`,
        flow.from,
        `must be one of the tiers ${names.join(", ")}`,
      );
      problems.require(
        names.includes(flow.to),
        `allowedFlows[${i}].to`,
        flow.to,
        `must be one of the tiers ${names.join(", ")}`,
      );
      problems.require(
        flow.from !== flow.to,
        `allowedFlows[${i}].to`,
        flow.to,
        "must differ from `from` (a tier always reaches itself)",
      );
      if (flow.ports !== "all") {
        const [from, to] = Array.isArray(flow.ports) ? flow.ports : [NaN, NaN];
        problems.require(
          Number.isInteger(from) && Number.isInteger(to) && from >= 1 && from <= to && to <= 65535,
          `allowedFlows[${i}].ports`,
          flow.ports,
          'must be "all" or [from, to] with 1 <= from <= to <= 65535',
        );
      }
    });
    const nat = args.natGateways ?? "none";
    if (nat !== "none") {
      problems.require(
        tiers.some((t) => t.kind === "public"),
        "natGateways",
        nat,
        "needs a public tier to place NAT gateways in",
      );
    }
    const endpointTier =
      args.endpointTier ??
      tiers.find((t) => t.kind === "private")?.name ??
      tiers.find((t) => t.kind === "isolated")?.name ??
      "";
    problems.require(
      kindOf(endpointTier) === "private" || kindOf(endpointTier) === "isolated",
      "endpointTier",
      args.endpointTier ?? endpointTier,
      "must name a private or isolated tier",
    );
    const endpoints = args.interfaceEndpoints ?? DEFAULT_ENDPOINTS;
    endpoints.forEach((service, i) =>
      problems.require(
        /^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(service) && service !== "s3",
        `interfaceEndpoints[${i}]`,
        service,
        'must be a service suffix such as "kms" or "ecr.api" (S3 always gets a gateway endpoint)',
      ),
    );
    if (region !== "") {
      // Compared as text: a region is never turned into a pattern.
      args.availabilityZones.forEach((zone, i) =>
        problems.require(
          zone.startsWith(region) && /^[a-z]$/.test(zone.slice(region.length)),
          `availabilityZones[${i}]`,
          zone,
          `must be a zone of ${region}, such as ${region}a`,
        ),
      );
    }
    const flowLogRetentionDays = checkLogRetention(
      problems,
      args.baseline,
      args.flowLogRetentionDays,
      "flowLogRetentionDays",
    );
    return {
      settings,
      plan: plan as SubnetPlan,
      tiers,
      flows,
      nat,
      endpointTier,
      endpoints,
      flowLogRetentionDays,
      flowLogGroupNamePrefix,
    };
  });
}

/** HTTPS from public to private, and anything from private to data, when those default tiers exist. */
function defaultFlows(tiers: VpcTier[]): TierFlow[] {
  const has = (name: string) => tiers.some((t) => t.name === name);
  const flows: TierFlow[] = [];
  if (has("public") && has("private")) flows.push({ from: "public", to: "private", ports: [443, 443] });
  if (has("private") && has("data")) flows.push({ from: "private", to: "data", ports: "all" });
  return flows;
}
