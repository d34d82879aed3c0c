/** AWS EC2 rules (aws v7): instances, VPC flow logs, security groups (the VPC's default one too) and subnets. */
import type { PolicyResource } from "@pulumi/policy";
import type * as ec2 from "@pulumi/aws/ec2";
import type * as inputs from "@pulumi/aws/types/input";
import type * as vpc from "@pulumi/aws/vpc";
import { resourceRule, stackRule, type Props, type StackContext } from "../../rule";
import { known } from "../../unknowns";
import {
  ALL_PORTS,
  SENSITIVE_PORTS_SETTING,
  exposureMessage,
  openToInternet,
  sensitivePorts,
  type Ingress,
  type PortRange,
} from "../exposure";

type Instance = Props<ec2.InstanceArgs>;

export const ec2InstanceHardened = resourceRule({
  id: "aws-ec2-instance-hardened",
  description: "EC2 instances require IMDSv2, have no public IP and encrypt every volume",
  target: "aws",
  types: ["aws:ec2/instance:Instance"],
  requirements: [
    {
      id: "imdsv2",
      description: "The instance metadata service requires session tokens (IMDSv2)",
      remediation: 'Set metadataOptions.httpTokens "required".',
      check: (props: Instance) =>
        props.metadataOptions?.httpTokens === "required"
          ? []
          : ["metadataOptions.httpTokens is not required"],
    },
    {
      id: "no-public-ip",
      description: "The instance is given no public IP address",
      remediation: "Remove associatePublicIpAddress: true; reach the instance through SSM Session Manager.",
      check: (props: Instance) =>
        props.associatePublicIpAddress === true ? ["associatePublicIpAddress is true"] : [],
    },
    {
      id: "root-volume-encrypted",
      description: "The root volume is encrypted",
      remediation: "Set rootBlockDevice.encrypted: true (with a customer kmsKeyId).",
      check: (props: Instance) =>
        props.rootBlockDevice?.encrypted === true ? [] : ["rootBlockDevice.encrypted is not true"],
    },
    {
      id: "ebs-volumes-encrypted",
      description: "Every attached EBS volume is encrypted",
      remediation: "Set encrypted: true on every ebsBlockDevices entry.",
      check: (props: Instance) =>
        ((props.ebsBlockDevices as any[] | undefined) ?? []).flatMap((d, i) =>
          d?.encrypted === true ? [] : [`ebsBlockDevices[${i}].encrypted is not true`],
        ),
    },
  ],
});

const flowLogs = (context: StackContext) => context.stack.dependents("aws:ec2/flowLog:FlowLog", "vpcId");

export const vpcFlowLogs = stackRule({
  id: "aws-ec2-vpc-flow-logs",
  description: "Every VPC records all of its network flows",
  target: "aws",
  types: ["aws:ec2/vpc:Vpc"],
  requirements: [
    {
      id: "flow-log",
      description: "A FlowLog records the VPC's traffic",
      remediation: "Add a FlowLog whose vpcId is the VPC (Palisade's SegmentedVpc does).",
      check: (_vpc, context) => (flowLogs(context).length > 0 ? [] : ["no FlowLog (vpcId) records this VPC"]),
    },
    {
      id: "all-traffic",
      description: "Its flow log records accepted and rejected traffic alike",
      remediation: 'Set trafficType "ALL" on the VPC\'s FlowLog.',
      check: (_vpc, context) => {
        const logs = flowLogs(context);
        // No flow log at all is the flow-log requirement's finding.
        return logs.length === 0 || logs.some((l) => l.props.trafficType === "ALL")
          ? []
          : ['no FlowLog (vpcId) of this VPC has trafficType "ALL"'];
      },
    },
  ],
});

const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const GROUP_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";

/** The ports a protocol opens between fromPort and toPort: all of them for -1, none for ICMP and the like. */
function portsOf(protocol: unknown, from: unknown, to: unknown): PortRange[] {
  const p = String(protocol).toLowerCase();
  if (p === "-1" || p === "all") return [ALL_PORTS];
  if (!["tcp", "6", "udp", "17", "sctp", "132"].includes(p)) return [];
  return [{ from: Number(from), to: Number(to) }];
}

const list = (value: unknown): unknown[] => (value as unknown[] | undefined) ?? [];

/** An inline ingress block or an ec2.SecurityGroupRule (both take cidrBlocks and ipv6CidrBlocks). */
const blockIngress = (
  r: Props<inputs.ec2.SecurityGroupIngress> | Props<ec2.SecurityGroupRuleArgs>,
): Ingress => ({
  ports: () => portsOf(r.protocol, r.fromPort, r.toPort),
  sources: () => [...list(r.cidrBlocks), ...list(r.ipv6CidrBlocks)],
});

const vpcIngress = (r: Props<vpc.SecurityGroupIngressRuleArgs>): Ingress => ({
  ports: () => portsOf(r.ipProtocol, r.fromPort, r.toPort),
  sources: () => [r.cidrIpv4, r.cidrIpv6].filter((s) => s !== undefined),
});

function standaloneIngress(rule: PolicyResource): Ingress[] {
  if (rule.type === INGRESS_RULE) return [vpcIngress(rule.props)];
  // An ec2.SecurityGroupRule is ingress or egress; an unknown type is read as ingress when judged.
  return [
    {
      ports: () => (rule.props.type === "ingress" ? blockIngress(rule.props).ports() : []),
      sources: () => blockIngress(rule.props).sources(),
    },
  ];
}

/** Standalone rules attached to a group in the stack are judged with it, as one rule set. */
const inStackGroup = (rule: PolicyResource) =>
  (rule.propertyDependencies.securityGroupId ?? []).some((d) => d.type === SECURITY_GROUP);

const literalGroup = (rule: PolicyResource) => {
  const id = known(() => rule.props.securityGroupId as unknown);
  return id.known && typeof id.value === "string" ? id.value : undefined;
};

/**
 * The rule set a standalone rule belongs to when its group is not in the stack: every standalone rule
 * naming the same group id, judged once, on the first of them.
 */
function standaloneSet(self: PolicyResource, context: StackContext): PolicyResource[] {
  const group = literalGroup(self);
  if (group === undefined) return [self];
  return context.stack.resources.filter(
    (r) => [INGRESS_RULE, GROUP_RULE].includes(r.type) && !inStackGroup(r) && literalGroup(r) === group,
  );
}

export const securityGroupSensitivePorts = stackRule({
  id: "aws-ec2-security-group-admin-ports-closed",
  description:
    "No security group admits the whole internet to an administrative or data port (sensitivePorts), judged on the union of its rules' sources",
  target: "aws",
  types: [SECURITY_GROUP, INGRESS_RULE, GROUP_RULE],
  config: { sensitivePorts: SENSITIVE_PORTS_SETTING },
  requirements: [
    {
      id: "sensitive-ports-closed",
      description:
        "No sensitive port admits the whole internet: 0.0.0.0/0, ::/0 in any notation, or ranges whose union covers either",
      remediation:
        "Remove the ingress rules whose sources together cover the internet on these ports; reach hosts through SSM Session Manager and databases through private subnets.",
      afterDeployment:
        "Sources taken from other resources (a VPC's CIDR, a prefix list) are unknown in a first preview; a port is still reported when known sources alone open it.",
      check: (props, context) => {
        const ports = sensitivePorts(context.config);
        if (context.type === SECURITY_GROUP) {
          const inline = list(props.ingress).map((r) =>
            blockIngress(r as Props<inputs.ec2.SecurityGroupIngress>),
          );
          const attached = context.stack
            .dependents([INGRESS_RULE, GROUP_RULE], "securityGroupId")
            .flatMap(standaloneIngress);
          const open = openToInternet([...inline, ...attached], ports);
          return open.length > 0 ? [`ingress leaves ${exposureMessage(open)}`] : [];
        }
        const self = context.stack.subject;
        if (inStackGroup(self)) return [];
        const set = standaloneSet(self, context);
        if (set[0] !== self) return [];
        const open = openToInternet(set.flatMap(standaloneIngress), ports);
        return open.length > 0 ? [`ingress leaves ${exposureMessage(open)}`] : [];
      },
    },
  ],
});

type Subnet = Props<ec2.SubnetArgs>;

export const ec2SubnetNoPublicIp = resourceRule({
  id: "aws-ec2-subnet-no-public-ip",
  description: "Subnets do not give instances public IP addresses on launch",
  target: "aws",
  types: ["aws:ec2/subnet:Subnet"],
  requirements: [
    {
      id: "no-auto-public-ip",
      description: "Instances launched in the subnet get no public IPv4 address unless asked",
      remediation: "Remove mapPublicIpOnLaunch: true (the provider's default is false).",
      check: (props: Subnet) => (props.mapPublicIpOnLaunch === true ? ["mapPublicIpOnLaunch is true"] : []),
    },
  ],
});

type DefaultSecurityGroup = Props<ec2.DefaultSecurityGroupArgs>;

/**
 * A VPC's default security group, adopted by the stack, keeps no rule: what joins it by default (an
 * instance or endpoint given no group) then gets no traffic at all (cdk-nag VPCDefaultSecurityGroupClosed).
 */
export const ec2DefaultSecurityGroupClosed = resourceRule({
  id: "aws-ec2-default-security-group-closed",
  description: "VPC default security groups admit and send no traffic",
  target: "aws",
  types: ["aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"],
  requirements: [
    {
      id: "no-ingress",
      description: "The default security group has no ingress rule",
      remediation:
        "Remove every ingress entry of the DefaultSecurityGroup (adopting it with none strips AWS's self-referencing rule); give resources their own security groups.",
      check: (props: DefaultSecurityGroup) =>
        list(props.ingress).length > 0 ? ["ingress is not empty"] : [],
    },
    {
      id: "no-egress",
      description: "The default security group has no egress rule",
      remediation:
        "Remove every egress entry of the DefaultSecurityGroup (adopting it with none strips AWS's allow-all egress rule).",
      check: (props: DefaultSecurityGroup) => (list(props.egress).length > 0 ? ["egress is not empty"] : []),
    },
  ],
});
