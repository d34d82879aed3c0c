/** AWS rules (aws v7 type tokens; props typed from the SDK with `import type`). */
import type { PolicyResource } from "@pulumi/policy";
import type * as ec2 from "@pulumi/aws/ec2";
import type * as eks from "@pulumi/aws/eks";
import type * as kms from "@pulumi/aws/kms";
import type * as cloudtrail from "@pulumi/aws/cloudtrail";
import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as rds from "@pulumi/aws/rds";
import { dependents, resourceRule, stackRule, type StackFinding, type Props } from "../../rule";
import { ADMIN_PORTS_LABEL, isInternetCidr, rangeCoversAdminPort } from "../exposure";

const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const buckets = (resources: readonly PolicyResource[]) =>
  resources.filter((r) => r.type === BUCKET || r.type === BUCKET_V2);

export const kmsKeyRotation = (maxRotationDays: number) =>
  resourceRule({
    id: "aws-kms-key-rotation",
    description: "KMS customer keys rotate automatically, at least as often as the baseline requires",
    target: "aws",
    types: ["aws:kms/key:Key"],
    config: { maxKeyRotationDays: { type: "integer", minimum: 90, maximum: 2560, default: maxRotationDays } },
    check: (props: Props<kms.KeyArgs>, _args, config) => {
      if (props.enableKeyRotation !== true) return ["enableKeyRotation must be true"];
      const period =
        "rotationPeriodInDays" in props && props.rotationPeriodInDays !== undefined
          ? Number(props.rotationPeriodInDays)
          : 365;
      const max = Number(config.maxKeyRotationDays);
      return period > max ? [`rotationPeriodInDays ${period} exceeds ${max}`] : [];
    },
  });

/** S3 settings live in separate resources joined to the bucket through `bucket`, or in deprecated inline blocks. */
function bucketCheck(
  id: string,
  description: string,
  configTypes: string[],
  satisfied: (config: PolicyResource) => boolean,
  inline: (bucket: PolicyResource) => boolean,
  missing: string,
) {
  return stackRule({
    id,
    description,
    target: "aws",
    check: (resources) =>
      buckets(resources).flatMap((bucket): StackFinding[] => {
        if (inline(bucket)) return [];
        const configs = dependents(resources, configTypes, "bucket", bucket);
        return configs.some(satisfied)
          ? []
          : [{ urn: bucket.urn, message: `bucket ${bucket.name}: ${missing}` }];
      }),
  });
}

export const s3BucketSseKms = bucketCheck(
  "aws-s3-bucket-sse-kms",
  "S3 buckets default to SSE-KMS with a customer-managed key",
  [
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
  ],
  (c) =>
    ((c.props.rules as any[] | undefined) ?? []).some((r) => {
      const d = r?.applyServerSideEncryptionByDefault;
      return d && ["aws:kms", "aws:kms:dsse"].includes(d.sseAlgorithm) && "kmsMasterKeyId" in d;
    }),
  (b) => {
    if (!("serverSideEncryptionConfiguration" in b.props)) return false;
    const d = b.props.serverSideEncryptionConfiguration?.rule?.applyServerSideEncryptionByDefault;
    return Boolean(d && ["aws:kms", "aws:kms:dsse"].includes(d.sseAlgorithm) && "kmsMasterKeyId" in d);
  },
  "no SSE-KMS default encryption naming a customer key (BucketServerSideEncryptionConfiguration)",
);

export const s3BucketPublicAccessBlock = bucketCheck(
  "aws-s3-bucket-public-access-block",
  "S3 buckets block all four kinds of public access",
  ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
  (c) =>
    ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"].every(
      (k) => c.props[k] === true,
    ),
  () => false,
  "no BucketPublicAccessBlock with all four settings true",
);

export const s3BucketVersioning = bucketCheck(
  "aws-s3-bucket-versioning",
  "S3 buckets keep object versions so improper changes can be detected and undone",
  ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"],
  (c) => c.props.versioningConfiguration?.status === "Enabled",
  (b) => "versioning" in b.props && b.props.versioning?.enabled === true,
  "versioning is not Enabled (BucketVersioning)",
);

export const vpcFlowLogs = stackRule({
  id: "aws-ec2-vpc-flow-logs",
  description: "Every VPC records its network flows",
  target: "aws",
  check: (resources) =>
    resources
      .filter((r) => r.type === "aws:ec2/vpc:Vpc")
      .filter((vpc) => dependents(resources, "aws:ec2/flowLog:FlowLog", "vpcId", vpc).length === 0)
      .map((vpc) => ({ urn: vpc.urn, message: `VPC ${vpc.name} has no flow log` })),
});

export const cloudTrailSecure = resourceRule({
  id: "aws-cloudtrail-trail-secure",
  description: "CloudTrail records every region, validates log files and encrypts with a customer key",
  target: "aws",
  types: ["aws:cloudtrail/trail:Trail"],
  check: (props: Props<cloudtrail.TrailArgs>) => [
    ...(props.isMultiRegionTrail === true ? [] : ["isMultiRegionTrail must be true"]),
    ...(props.enableLogFileValidation === true ? [] : ["enableLogFileValidation must be true"]),
    ...(props.includeGlobalServiceEvents === false ? ["includeGlobalServiceEvents must not be false"] : []),
    ...(props.enableLogging === false ? ["enableLogging must not be false"] : []),
    ...("kmsKeyId" in props ? [] : ["kmsKeyId must name a customer-managed key"]),
  ],
});

export const logGroupProtected = (minRetentionDays: number) =>
  resourceRule({
    id: "aws-cloudwatch-log-group-protected",
    description: "CloudWatch log groups are encrypted with a customer key and kept for the required period",
    target: "aws",
    types: ["aws:cloudwatch/logGroup:LogGroup"],
    config: { minRetentionDays: { type: "integer", minimum: 1, default: minRetentionDays } },
    check: (props: Props<cloudwatch.LogGroupArgs>, _args, config) => {
      const findings = "kmsKeyId" in props ? [] : ["kmsKeyId must name a customer-managed key"];
      const days = props.retentionInDays;
      if (days === undefined || days === 0) return findings; // never expires
      if (Number(days) < Number(config.minRetentionDays))
        findings.push(`retentionInDays ${days} is below ${config.minRetentionDays}`);
      return findings;
    },
  });

export const ec2InstanceHardened = resourceRule({
  id: "aws-ec2-instance-hardened",
  description: "EC2 instances require IMDSv2, have no public IP and encrypt every volume",
  target: "aws",
  types: ["aws:ec2/instance:Instance"],
  check: (props: Props<ec2.InstanceArgs>) => [
    ...(props.metadataOptions?.httpTokens === "required"
      ? []
      : ["metadataOptions.httpTokens must be required (IMDSv2)"]),
    ...(props.associatePublicIpAddress === true ? ["associatePublicIpAddress must not be true"] : []),
    ...(props.rootBlockDevice?.encrypted === true ? [] : ["rootBlockDevice.encrypted must be true"]),
    ...((props.ebsBlockDevices as any[] | undefined) ?? [])
      .filter((d) => d?.encrypted !== true)
      .map((d) => `ebsBlockDevices ${d?.deviceName} must be encrypted`),
  ],
});

export const eksClusterHardened = resourceRule({
  id: "aws-eks-cluster-hardened",
  description: "EKS clusters encrypt secrets with a customer key and keep the API endpoint off the internet",
  target: "aws",
  types: ["aws:eks/cluster:Cluster"],
  check: (props: Props<eks.ClusterArgs>) => {
    const findings: string[] = [];
    const encryption = props.encryptionConfig;
    if (!(
      encryption &&
      (encryption.resources as string[] | undefined)?.includes("secrets") &&
      "keyArn" in (encryption.provider ?? {})
    )) {
      findings.push("encryptionConfig must envelope-encrypt secrets with a KMS key");
    }
    const vpc = props.vpcConfig ?? {};
    const open =
      vpc.endpointPublicAccess !== false &&
      ((vpc.publicAccessCidrs as string[] | undefined) ?? ["0.0.0.0/0"]).some(isInternetCidr);
    if (open)
      findings.push(
        "the API endpoint is open to the internet: set endpointPublicAccess false or restrict publicAccessCidrs",
      );
    return findings;
  },
});

const covers = (from: unknown, to: unknown, protocol: unknown) =>
  protocol === "-1" || protocol === "all" || rangeCoversAdminPort(from, to);

export const securityGroupAdminPorts = resourceRule({
  id: "aws-ec2-security-group-admin-ports-closed",
  description: "No security group admits SSH or RDP from the internet",
  target: "aws",
  types: ["aws:ec2/securityGroup:SecurityGroup", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"],
  check: (props: Props<ec2.SecurityGroupArgs> & Record<string, any>, args) => {
    if (args.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule") {
      const open = isInternetCidr(props.cidrIpv4) || isInternetCidr(props.cidrIpv6);
      return open && covers(props.fromPort, props.toPort, props.ipProtocol)
        ? [`ingress from the internet covers ${ADMIN_PORTS_LABEL}`]
        : [];
    }
    return ((props.ingress as any[] | undefined) ?? [])
      .filter(
        (r) =>
          [
            ...((r?.cidrBlocks as string[] | undefined) ?? []),
            ...((r?.ipv6CidrBlocks as string[] | undefined) ?? []),
          ].some(isInternetCidr) && covers(r.fromPort, r.toPort, r.protocol),
      )
      .map(() => `ingress from the internet covers ${ADMIN_PORTS_LABEL}`);
  },
});

/** RDS instances: encrypted with a customer key, backed up for the baseline's period, undeletable by IaC. */
export const rdsInstanceProtected = (minBackupRetentionDays: number) =>
  resourceRule({
    id: "aws-rds-instance-protected",
    description:
      "RDS instances encrypt storage with a customer key, keep automated backups and have deletion protection",
    target: "aws",
    types: ["aws:rds/instance:Instance"],
    config: {
      minBackupRetentionDays: { type: "integer", minimum: 1, maximum: 35, default: minBackupRetentionDays },
    },
    check: (props: Props<rds.InstanceArgs>, _args, config) => {
      const problems: string[] = [];
      if (props.storageEncrypted !== true) problems.push("storageEncrypted must be true");
      if (!("kmsKeyId" in props) || props.kmsKeyId === undefined)
        problems.push("kmsKeyId must name a customer-managed key");
      const min = Number(config.minBackupRetentionDays);
      const retention = props.backupRetentionPeriod === undefined ? 0 : Number(props.backupRetentionPeriod);
      if (retention < min) problems.push(`backupRetentionPeriod ${retention} is below ${min} days`);
      if (props.deletionProtection !== true) problems.push("deletionProtection must be true");
      return problems;
    },
  });

export { iamLeastPrivilege } from "./iam";
export { lbListenerTls } from "./transit";
