import * as pulumi from "@pulumi/pulumi";
import { Instance, SecurityGroup } from "@pulumi/aws/ec2";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { InstanceProfile, Role, RolePolicyAttachment } from "@pulumi/aws/iam";
import { SecurityGroupEgressRule, SecurityGroupIngressRule } from "@pulumi/aws/vpc";
import {
  admitsWholeInternet,
  childName,
  parseAddressRange,
  shape,
  validateArgs,
  WHOLE_INTERNET_RULE,
  type ArgsSchema,
  type ProblemCollector,
} from "@palisade/core";
import { AwsChildren } from "./children";
import { ownedKey, ownedKeyNames } from "./encryption-key";
import { checkChildNames } from "./names";
import { assumeRolePolicy } from "./policy-document";
import { AWS_COMPONENT_SCHEMA, resolveAwsSettings, type AwsComponentArgs } from "./settings";

/**
 * Confidential-computing technology. EC2 offers no Intel TDX: `"tdx"` is rejected with the alternatives.
 * `"sev-snp"` encrypts guest memory with AMD SEV-SNP; `"nitro-enclaves"` isolates workloads in enclaves.
 */
export type ConfidentialTechnology = "sev-snp" | "nitro-enclaves" | "tdx";

/** Where AMD SEV-SNP is offered (AWS EC2 User Guide, "AMD SEV-SNP requirements"). */
export const SEV_SNP_SUPPORT = {
  families: ["m6a", "c6a", "r6a"],
  sizes: ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"],
  regions: ["us-east-2", "eu-west-1"],
} as const;

export interface InstanceRule {
  /** Why this traffic is allowed; becomes the rule description (EC2's description characters, 3-255). */
  description: string;
  /** A TCP port or inclusive range. */
  ports: number | [number, number];
  /** Source (ingress) or destination (egress) IPv4 CIDR. One of `cidr` or `securityGroupId`. */
  cidr?: string;
  securityGroupId?: pulumi.Input<string>;
}

export interface ConfidentialInstanceArgs extends AwsComponentArgs {
  /** @default "sev-snp" */
  technology?: ConfidentialTechnology;
  /** Instance type, e.g. `m6a.2xlarge`. SEV-SNP needs m6a, c6a or r6a, large to 16xlarge. Forces replacement. */
  instanceType: string;
  /** AMI id. SEV-SNP needs an AMI with UEFI boot mode. Forces replacement. */
  ami: pulumi.Input<string>;
  /** Private subnet for the instance. */
  subnetId: pulumi.Input<string>;
  vpcId: pulumi.Input<string>;
  /** Inbound traffic allowed. @default none: the instance is reached through SSM Session Manager */
  ingress?: InstanceRule[];
  /** Outbound traffic allowed. @default HTTPS anywhere (SSM, KMS and other AWS APIs via endpoints or NAT) */
  egress?: InstanceRule[];
  /** KMS key for the root volume. @default a new EncryptionKey usable through EC2 */
  kmsKeyArn?: pulumi.Input<string>;
  /** Root volume size in GiB, 8-16384. @default 50 */
  rootVolumeSizeGiB?: number;
  /** An EC2 key pair for SSH. @default none: use SSM */
  keyName?: string;
}

const TYPE = "palisade:aws:ConfidentialInstance";
const SSM_CORE_POLICY = "AmazonSSMManagedInstanceCore";

/**
 * An EC2 instance for sensitive workloads: AMD SEV-SNP memory encryption (or Nitro Enclaves), IMDSv2 only
 * with a hop limit of 1, a customer-key-encrypted root volume, no public IP, no SSH key, and a security
 * group that allows nothing inbound unless a source is named. Operators connect through SSM.
 */
export class ConfidentialInstance extends pulumi.ComponentResource {
  readonly instance: Instance;
  readonly instanceId: pulumi.Output<string>;
  readonly privateIp: pulumi.Output<string>;
  readonly securityGroupId: pulumi.Output<string>;
  readonly roleArn: pulumi.Output<string>;

  constructor(name: string, args: ConfidentialInstanceArgs, opts?: pulumi.ComponentResourceOptions) {
    const s = validateConfidentialInstanceArgs(name, args);
    super(TYPE, name, {}, opts);
    const children = new AwsChildren(this, s.settings);

    const keyArn =
      args.kmsKeyArn ??
      ownedKey(children, childName(name, "ebs-kms"), {
        description: `Encrypts the root volume of ${name}`,
        viaServices: ["ec2"],
      }).arn;

    const role = children.globalTagged(Role, childName(name, "role"), {
      assumeRolePolicy: assumeRolePolicy("ec2.amazonaws.com"),
    });
    children.global(RolePolicyAttachment, childName(name, "ssm-core"), {
      role: role.name,
      policyArn: pulumi.interpolate`arn:${getPartitionOutput({}, { parent: this }).partition}:iam::aws:policy/${SSM_CORE_POLICY}`,
    });
    const profile = children.globalTagged(InstanceProfile, childName(name, "profile"), { role: role.name });

    const sg = children.tagged(SecurityGroup, childName(name, "sg"), {
      vpcId: args.vpcId,
      description: s.securityGroupDescription,
    });
    s.ingress.forEach((rule, i) =>
      children.tagged(SecurityGroupIngressRule, childName(name, "in", String(i)), ruleArgs(sg.id, rule)),
    );
    s.egress.forEach((rule, i) =>
      children.tagged(SecurityGroupEgressRule, childName(name, "out", String(i)), ruleArgs(sg.id, rule)),
    );

    this.instance = children.tagged(
      Instance,
      childName(name, "instance"),
      {
        ami: args.ami,
        instanceType: args.instanceType,
        subnetId: args.subnetId,
        vpcSecurityGroupIds: [sg.id],
        iamInstanceProfile: profile.name,
        associatePublicIpAddress: false,
        keyName: args.keyName,
        monitoring: true,
        ebsOptimized: true,
        cpuOptions: s.technology === "sev-snp" ? { amdSevSnp: "enabled" } : undefined,
        enclaveOptions: s.technology === "nitro-enclaves" ? { enabled: true } : undefined,
        metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1, httpEndpoint: "enabled" },
        rootBlockDevice: {
          encrypted: true,
          kmsKeyId: keyArn,
          volumeType: "gp3",
          volumeSize: s.rootVolumeSizeGiB,
          deleteOnTermination: true,
        },
        volumeTags: { ...s.settings.tags },
      },
      { extraTags: { Name: name } },
    );
    this.instanceId = this.instance.id;
    this.privateIp = this.instance.privateIp;
    this.securityGroupId = sg.id;
    this.roleArn = role.arn;
    this.registerOutputs({
      instanceId: this.instanceId,
      privateIp: this.privateIp,
      securityGroupId: this.securityGroupId,
      roleArn: this.roleArn,
    });
  }
}

function ruleArgs(securityGroupId: pulumi.Input<string>, rule: InstanceRule) {
  const [fromPort, toPort] = typeof rule.ports === "number" ? [rule.ports, rule.ports] : rule.ports;
  return {
    securityGroupId,
    description: rule.description,
    ipProtocol: "tcp",
    fromPort,
    toPort,
    cidrIpv4: rule.cidr,
    referencedSecurityGroupId: rule.securityGroupId,
  };
}

/** The characters EC2 accepts in security group and rule descriptions. */
const EC2_DESCRIPTION = /^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]*$/;
const EC2_DESCRIPTION_RULE =
  "must use only EC2's description characters: a-z A-Z 0-9 space ._-:/()#,@[]+=&;{}!$*";
const PORT = { type: "integer", minimum: 1, maximum: 65535, description: "must be a port from 1 to 65535" };

const RULE_SCHEMA = shape.object(
  {
    description: shape.string("must say why the traffic is allowed"),
    ports: {
      anyOf: [PORT, { type: "array", items: PORT, minItems: 2, maxItems: 2 }],
      description: "must be a port or [from, to] with 1 <= from <= to <= 65535",
    },
    cidr: shape.string("must be an IPv4 CIDR such as 10.0.0.0/16"),
    securityGroupId: shape.input(
      shape.string("must be a security group id"),
      "must be a security group id or an Output of one",
    ),
  },
  {
    required: ["description", "ports"],
    description: "must be a rule { description, ports, cidr | securityGroupId }",
  },
);
const PLAIN_OR_OUTPUT_ID = (what: string) =>
  shape.input(
    shape.nonEmptyString(`must be a non-empty ${what}`),
    `must be a non-empty ${what} or an Output of one`,
  );

export const CONFIDENTIAL_INSTANCE_SCHEMA: ArgsSchema = shape.object(
  {
    ...AWS_COMPONENT_SCHEMA,
    technology: shape.oneOf(["sev-snp", "nitro-enclaves", "tdx"]),
    instanceType: shape.string("must be an EC2 instance type such as m6a.2xlarge"),
    ami: PLAIN_OR_OUTPUT_ID("AMI id"),
    subnetId: PLAIN_OR_OUTPUT_ID("subnet id"),
    vpcId: PLAIN_OR_OUTPUT_ID("VPC id"),
    ingress: shape.array(RULE_SCHEMA, "must list ingress rules"),
    egress: shape.array(RULE_SCHEMA, "must list egress rules"),
    kmsKeyArn: shape.input(
      shape.string("must be a KMS key ARN"),
      "must be a KMS key ARN or an Output of one",
    ),
    rootVolumeSizeGiB: shape.integer("must be a whole number of GiB"),
    keyName: shape.string("must be an EC2 key pair name"),
  },
  { required: ["instanceType", "ami", "subnetId", "vpcId"] },
);

function validateRules(problems: ProblemCollector, path: string, rules: InstanceRule[]): void {
  rules.forEach((rule, i) => {
    const at = `${path}[${i}]`;
    problems.require(
      rule.description.trim().length >= 3 &&
        rule.description.length <= 255 &&
        EC2_DESCRIPTION.test(rule.description),
      `${at}.description`,
      rule.description,
      `must say why the traffic is allowed (3-255 characters); it ${EC2_DESCRIPTION_RULE}`,
    );
    const [from, to] =
      typeof rule.ports === "number"
        ? [rule.ports, rule.ports]
        : Array.isArray(rule.ports)
          ? rule.ports
          : [NaN, NaN];
    problems.require(
      Number.isInteger(from) && Number.isInteger(to) && from >= 1 && from <= to && to <= 65535,
      `${at}.ports`,
      rule.ports,
      "must be a port or [from, to] with 1 <= from <= to <= 65535",
    );
    problems.require(
      (rule.cidr === undefined) !== (rule.securityGroupId === undefined),
      at,
      rule,
      "must name exactly one of cidr or securityGroupId",
    );
    if (rule.cidr !== undefined) {
      problems.require(
        rule.cidr.includes("/") && parseAddressRange(rule.cidr)?.family === "ipv4",
        `${at}.cidr`,
        rule.cidr,
        "must be an IPv4 CIDR such as 10.0.0.0/16",
      );
    }
  });
  // A confidential instance takes no traffic from the whole internet, however the sources are split.
  if (path === "ingress") {
    const cidrs = rules.map((r) => r.cidr).filter((c) => c !== undefined);
    problems.require(!admitsWholeInternet(cidrs), path, cidrs, WHOLE_INTERNET_RULE);
  }
}

function validateConfidentialInstanceArgs(name: string, args: ConfidentialInstanceArgs) {
  return validateArgs(
    `${TYPE} "${name}"`,
    CONFIDENTIAL_INSTANCE_SCHEMA,
    args,
    (problems, args: ConfidentialInstanceArgs) => {
      const settings = resolveAwsSettings(problems, name, args);
      const region = settings.region;
      checkChildNames(problems, "name", name, [
        { type: "aws:iam/role:Role", name: childName(name, "role") },
        { type: "aws:iam/instanceProfile:InstanceProfile", name: childName(name, "profile") },
        { type: "aws:ec2/securityGroup:SecurityGroup", name: childName(name, "sg") },
        ...(args.kmsKeyArn === undefined ? ownedKeyNames(childName(name, "ebs-kms")) : []),
      ]);
      const securityGroupDescription = `Confidential instance ${name}: only the declared flows`;
      problems.require(
        securityGroupDescription.length <= 255 && EC2_DESCRIPTION.test(securityGroupDescription),
        "name",
        name,
        `must fit the security group description ${JSON.stringify(securityGroupDescription)}: it ${EC2_DESCRIPTION_RULE}, at most 255 characters`,
      );
      const technology = args.technology ?? "sev-snp";
      if (technology === "tdx") {
        problems.add(
          "technology",
          technology,
          'EC2 has no Intel TDX: use "sev-snp" (AMD SEV-SNP on m6a/c6a/r6a) or "nitro-enclaves" here, or run TDX on GCP C3 or Azure DCesv6/ECesv6',
        );
      } else {
        problems.require(
          technology === "sev-snp" || technology === "nitro-enclaves",
          "technology",
          technology,
          'must be "sev-snp" or "nitro-enclaves"',
        );
      }
      const [family, size] = String(args.instanceType).split(".");
      problems.require(
        /^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(String(args.instanceType)),
        "instanceType",
        args.instanceType,
        "must be an EC2 instance type such as m6a.2xlarge",
      );
      if (technology === "sev-snp") {
        problems.require(
          (SEV_SNP_SUPPORT.families as readonly string[]).includes(family ?? "") &&
            (SEV_SNP_SUPPORT.sizes as readonly string[]).includes(size ?? ""),
          "instanceType",
          args.instanceType,
          `must support AMD SEV-SNP: ${SEV_SNP_SUPPORT.families.join(", ")} in sizes ${SEV_SNP_SUPPORT.sizes.join(", ")}`,
        );
        problems.require(
          region === "" || (SEV_SNP_SUPPORT.regions as readonly string[]).includes(region),
          "region",
          region,
          `must be a region offering AMD SEV-SNP: ${SEV_SNP_SUPPORT.regions.join(", ")}`,
        );
      }
      if (args.kmsKeyArn !== undefined && args.dataProtection !== undefined) {
        problems.add(
          "dataProtection",
          args.dataProtection,
          "only applies to the root-volume key created here; omit it when kmsKeyArn is given",
        );
      }
      validateRules(problems, "ingress", args.ingress ?? []);
      const egress = args.egress ?? [
        {
          description: "HTTPS to AWS APIs (SSM, KMS) through endpoints or NAT",
          ports: 443,
          cidr: "0.0.0.0/0",
        },
      ];
      validateRules(problems, "egress", egress);
      const rootVolumeSizeGiB = args.rootVolumeSizeGiB ?? 50;
      problems.require(
        Number.isInteger(rootVolumeSizeGiB) && rootVolumeSizeGiB >= 8 && rootVolumeSizeGiB <= 16384,
        "rootVolumeSizeGiB",
        rootVolumeSizeGiB,
        "must be a whole number of GiB from 8 to 16384",
      );
      if (args.keyName !== undefined) {
        problems.require(
          /^[\x20-\x7e]{1,255}$/.test(args.keyName),
          "keyName",
          args.keyName,
          "must be 1-255 printable ASCII characters",
        );
      }
      return {
        settings,
        technology,
        securityGroupDescription,
        ingress: args.ingress ?? [],
        egress,
        rootVolumeSizeGiB,
      };
    },
  );
}
