import { hipaa } from "@palisade/core";
import { describe, expect, it } from "vitest";
import { UNKNOWN, analyzeRule, describeRule, requirementsOf, type KitResource } from "../../test-support";
import {
  ec2DefaultSecurityGroupClosed,
  ec2InstanceHardened,
  ec2SubnetNoPublicIp,
  securityGroupSensitivePorts,
  vpcFlowLogs,
} from "./ec2";

const instance = (props: Record<string, unknown>): KitResource => ({
  type: "aws:ec2/instance:Instance",
  name: "host",
  props: {
    ami: "ami-1",
    instanceType: "m6a.large",
    metadataOptions: { httpTokens: "required" },
    associatePublicIpAddress: false,
    rootBlockDevice: { encrypted: true },
    ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true }],
    ...props,
  },
});

describeRule(ec2InstanceHardened, {
  baseline: hipaa,
  compliant: [
    instance({}),
    instance({ associatePublicIpAddress: undefined, ebsBlockDevices: undefined }),
    // The subnet and key are created in the same preview.
    instance({ subnetId: UNKNOWN, rootBlockDevice: { encrypted: true, kmsKeyId: UNKNOWN } }),
  ],
  requirements: {
    imdsv2: {
      violating: [
        instance({ metadataOptions: { httpTokens: "optional" } }),
        instance({ metadataOptions: undefined }),
      ],
      unknown: [instance({ metadataOptions: { httpTokens: UNKNOWN } })],
    },
    "no-public-ip": {
      violating: [instance({ associatePublicIpAddress: true })],
      unknown: [instance({ associatePublicIpAddress: UNKNOWN })],
    },
    "root-volume-encrypted": {
      violating: [
        instance({ rootBlockDevice: { encrypted: false } }),
        instance({ rootBlockDevice: undefined }),
      ],
      unknown: [instance({ rootBlockDevice: { encrypted: UNKNOWN } })],
    },
    "ebs-volumes-encrypted": {
      violating: [
        instance({
          ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true }, { deviceName: "/dev/sdg" }],
        }),
        instance({ ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: false }] }),
      ],
      unknown: [instance({ ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: UNKNOWN }] })],
    },
  },
});

describe("aws-ec2-instance-hardened", () => {
  it("names each unencrypted EBS volume by its index", async () => {
    const result = await analyzeRule(
      ec2InstanceHardened,
      instance({ ebsBlockDevices: [{ encrypted: false }, { encrypted: true }, {}] }),
      { baseline: hipaa },
    );
    expect(result.violations).toEqual([
      "[aws-ec2-instance-hardened/ebs-volumes-encrypted] ebsBlockDevices[0].encrypted is not true",
      "[aws-ec2-instance-hardened/ebs-volumes-encrypted] ebsBlockDevices[2].encrypted is not true",
    ]);
  });
});

const vpc: KitResource = {
  type: "aws:ec2/vpc:Vpc",
  name: "vpc",
  props: { cidrBlock: "10.0.0.0/16", id: UNKNOWN },
};
const flowLog = (props: Record<string, unknown>, target = "vpc"): KitResource => ({
  type: "aws:ec2/flowLog:FlowLog",
  name: `fl-${target}-${String(props.trafficType)}`,
  props: { vpcId: UNKNOWN, logDestination: UNKNOWN, ...props },
  propertyDependencies: { vpcId: [target] },
});

describeRule(vpcFlowLogs, {
  baseline: hipaa,
  compliant: [
    [vpc, flowLog({ trafficType: "ALL" })],
    [vpc, flowLog({ trafficType: "REJECT" }), flowLog({ trafficType: "ALL" })],
  ],
  requirements: {
    "flow-log": {
      violating: [[vpc], [vpc, flowLog({ trafficType: "ALL" }, "other-vpc")]],
      unknown: [],
      // Joined through property dependencies, so the unknown ids do not matter.
      decidedWhenUnknown: [[vpc, flowLog({ trafficType: "ALL", vpcId: UNKNOWN })]],
    },
    "all-traffic": {
      violating: [
        [vpc, flowLog({ trafficType: "REJECT" })],
        [vpc, flowLog({})],
      ],
      unknown: [[vpc, flowLog({ trafficType: UNKNOWN })]],
    },
  },
});

const SG = "aws:ec2/securityGroup:SecurityGroup";
const group = (ingress: unknown[], name = "sg"): KitResource => ({
  type: SG,
  name,
  props: { vpcId: UNKNOWN, ingress },
});
const block = (
  fromPort: number,
  toPort: number,
  cidrBlocks: unknown[],
  extra: Record<string, unknown> = {},
) => ({
  protocol: "tcp",
  fromPort,
  toPort,
  cidrBlocks,
  ...extra,
});
const ingressRule = (props: Record<string, unknown>, name: string, attachedTo?: string): KitResource => ({
  type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  name,
  props: { securityGroupId: attachedTo ? UNKNOWN : "sg-0123456789", ipProtocol: "tcp", ...props },
  ...(attachedTo ? { propertyDependencies: { securityGroupId: [attachedTo] } } : {}),
});
const groupRule = (props: Record<string, unknown>, name: string, attachedTo?: string): KitResource => ({
  type: "aws:ec2/securityGroupRule:SecurityGroupRule",
  name,
  props: {
    type: "ingress",
    protocol: "tcp",
    securityGroupId: attachedTo ? UNKNOWN : "sg-0123456789",
    ...props,
  },
  ...(attachedTo ? { propertyDependencies: { securityGroupId: [attachedTo] } } : {}),
});

describeRule(securityGroupSensitivePorts, {
  baseline: hipaa,
  compliant: [
    [group([block(443, 443, ["0.0.0.0/0"]), block(22, 22, ["10.0.0.0/8"])])],
    [group([{ protocol: "icmp", fromPort: -1, toPort: -1, cidrBlocks: ["0.0.0.0/0"] }])],
    [group([block(0, 65535, ["0.0.0.0/1"])])],
    [group([]), ingressRule({ fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }, "https", "sg")],
    [groupRule({ type: "egress", fromPort: 0, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] }, "out")],
    // Other groups as sources are not the internet; the group id is unknown in a first preview.
    [group([{ protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: [UNKNOWN] }])],
  ],
  requirements: {
    "sensitive-ports-closed": {
      violating: [
        [group([block(22, 22, ["0.0.0.0/0"])])],
        // MySQL, not only SSH and RDP.
        [group([block(3306, 3306, ["0.0.0.0/0"])])],
        [group([block(6379, 6379, [], { ipv6CidrBlocks: ["0::/0"] })])],
        [group([block(5432, 5432, [], { ipv6CidrBlocks: ["0:0:0:0:0:0:0:0/0"] })])],
        [group([block(22, 22, ["0.0.0.0/1", "128.0.0.0/1"])])],
        // The union of two entries of one group.
        [group([block(22, 22, ["0.0.0.0/1"]), block(20, 25, ["128.0.0.0/1"])])],
        [group([{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }])],
        [group([block(9200, 9200, ["0.0.0.0/0"], { protocol: "6" })])],
        [group([block(3389, 3389, ["0.0.0.0/0"], { protocol: "udp" })])],
        // Standalone rules attached to the group through its id, while the id is unknown.
        [
          group([]),
          ingressRule({ fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/1" }, "half-1", "sg"),
          ingressRule({ fromPort: 22, toPort: 22, cidrIpv4: "128.0.0.0/1" }, "half-2", "sg"),
        ],
        [
          group([block(5432, 5432, ["0.0.0.0/1"])]),
          groupRule({ fromPort: 5432, toPort: 5432, cidrBlocks: ["128.0.0.0/1"] }, "r", "sg"),
        ],
        [ingressRule({ ipProtocol: "-1", cidrIpv6: "::/0" }, "all")],
        // Standalone rules naming the same existing group by id form one rule set.
        [
          ingressRule({ fromPort: 27017, toPort: 27017, cidrIpv4: "0.0.0.0/1" }, "a"),
          groupRule({ fromPort: 27017, toPort: 27017, cidrBlocks: ["128.0.0.0/1"] }, "b"),
        ],
        { resources: [group([block(8080, 8080, ["0.0.0.0/0"])])], config: { sensitivePorts: [8080] } },
      ],
      compliant: [
        [group([block(22, 22, ["0.0.0.0/1"])]), group([block(22, 22, ["128.0.0.0/1"])], "other")],
        [
          ingressRule({ fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/1" }, "a"),
          ingressRule(
            { fromPort: 22, toPort: 22, cidrIpv4: "128.0.0.0/1", securityGroupId: "sg-other" },
            "b",
          ),
        ],
        { resources: [group([block(22, 22, ["0.0.0.0/0"])])], config: { sensitivePorts: [3306] } },
        [group([block(3307, 3388, ["0.0.0.0/0"]), block(8000, 8999, ["0.0.0.0/0"])])],
      ],
      unknown: [
        [group([block(22, 22, [UNKNOWN])])],
        [group([block(22, 22, ["0.0.0.0/1"]), block(22, 22, [UNKNOWN])])],
        [group([]), ingressRule({ fromPort: 22, toPort: 22, cidrIpv4: UNKNOWN }, "r", "sg")],
        [group([{ protocol: UNKNOWN, fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }])],
      ],
      decidedWhenUnknown: [
        [group([block(443, 443, [UNKNOWN])])],
        [
          group([block(22, 22, ["10.0.0.0/8"], { ipv6CidrBlocks: [] })]),
          ingressRule({ fromPort: 443, toPort: 443, cidrIpv4: UNKNOWN }, "r", "sg"),
        ],
      ],
    },
  },
});

describe("aws-ec2-security-group-admin-ports-closed", () => {
  const run = (resources: KitResource[]) =>
    analyzeRule(securityGroupSensitivePorts, resources, { baseline: hipaa });

  it("reports a port open through known sources even while another source is unknown, naming the services", async () => {
    const result = await run([group([block(3306, 3306, ["0.0.0.0/0"]), block(22, 22, [UNKNOWN])])]);
    expect(result.undetermined).toEqual([]);
    expect(result.violations).toEqual([
      "[aws-ec2-security-group-admin-ports-closed/sensitive-ports-closed] ingress leaves MySQL/MariaDB (3306) open to the whole internet",
    ]);
  });

  it("reports a rule set once, on its group, and standalone rules of an outside group once", async () => {
    const attached = await run([
      group([]),
      ingressRule({ fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" }, "a", "sg"),
      ingressRule({ fromPort: 22, toPort: 22, cidrIpv4: "::/0" }, "b", "sg"),
    ]);
    expect(attached.violations).toHaveLength(1);
    const outside = await run([
      ingressRule({ fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" }, "a"),
      ingressRule({ fromPort: 22, toPort: 22, cidrIpv4: "::/0" }, "b"),
    ]);
    expect(requirementsOf(outside)).toEqual([
      "aws-ec2-security-group-admin-ports-closed/sensitive-ports-closed",
    ]);
    expect(outside.violations).toHaveLength(1);
  });
});

const subnet = (props: Record<string, unknown>): KitResource => ({
  type: "aws:ec2/subnet:Subnet",
  name: "private-a",
  props: { vpcId: "vpc-1", cidrBlock: "10.0.1.0/24", ...props },
});

describeRule(ec2SubnetNoPublicIp, {
  baseline: hipaa,
  // Omitted is private: the provider's default is false.
  compliant: [subnet({}), subnet({ mapPublicIpOnLaunch: false })],
  requirements: {
    "no-auto-public-ip": {
      violating: [subnet({ mapPublicIpOnLaunch: true })],
      unknown: [subnet({ mapPublicIpOnLaunch: UNKNOWN })],
    },
  },
});

const defaultGroup = (props: Record<string, unknown>): KitResource => ({
  type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  name: "default-sg",
  props: { vpcId: "vpc-1", ...props },
});
const selfReference = { protocol: "-1", fromPort: 0, toPort: 0, self: true };
const allOut = { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] };

describeRule(ec2DefaultSecurityGroupClosed, {
  baseline: hipaa,
  // SegmentedVpc's adoption: no rules at all; the VPC is created in the same update.
  compliant: [defaultGroup({}), defaultGroup({ vpcId: UNKNOWN, ingress: [], egress: [] })],
  requirements: {
    "no-ingress": {
      violating: [
        defaultGroup({ ingress: [selfReference] }),
        defaultGroup({ ingress: [UNKNOWN], egress: [] }),
      ],
      unknown: [defaultGroup({ ingress: UNKNOWN })],
    },
    "no-egress": {
      violating: [defaultGroup({ egress: [allOut] }), defaultGroup({ ingress: [], egress: [UNKNOWN] })],
      unknown: [defaultGroup({ egress: UNKNOWN })],
    },
  },
});
