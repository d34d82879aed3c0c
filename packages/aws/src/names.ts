/**
 * The names AWS gives resources that Palisade components create, and the rules AWS holds them to. A
 * child's physical name is either an input the component sets (an alias, a cluster name) or Pulumi's
 * autoname: the logical name plus `-` and seven random hex characters. Components check every such name
 * before registering anything; tests check every registered one against the same rules.
 */
import { providerNames, type NamedChild as CoreNamedChild, type ProviderNameRule } from "@palisade/core";

export type AwsNameRule = ProviderNameRule;

const IAM_NAME = /^[\w+=,.@-]+$/;
const IAM_NAME_RULE = "letters, digits and +=,.@_- only";

export const AWS_NAME_RULES: Readonly<Record<string, AwsNameRule>> = {
  "aws:s3/bucket:Bucket": {
    input: "bucket",
    autonamed: true,
    transform: (name) => name.toLowerCase(),
    pattern: /^(?!xn--|sthree-)(?!.*(-s3alias|--ol-s3|\.mrap|--x-s3)$)(?!.*\.\.)[a-z0-9][a-z0-9.-]*[a-z0-9]$/,
    maxLength: 63,
    what: "S3 bucket name",
    describe: "3-63 lowercase letters, digits, '.' or '-', starting and ending with a letter or digit",
  },
  "aws:backup/vault:Vault": {
    input: "name",
    autonamed: true,
    pattern: /^[a-zA-Z0-9_-]{2,}$/,
    maxLength: 50,
    what: "AWS Backup vault name",
    describe: "2-50 letters, digits, '-' or '_'",
  },
  "aws:backup/plan:Plan": {
    input: "name",
    autonamed: true,
    pattern: /^[a-zA-Z0-9_.-]+$/,
    maxLength: 50,
    what: "AWS Backup plan name",
    describe: "1-50 letters, digits, '-', '_' or '.'",
  },
  "aws:backup/selection:Selection": {
    input: "name",
    autonamed: false,
    pattern: /^[a-zA-Z0-9_.-]+$/,
    maxLength: 50,
    what: "AWS Backup selection name",
    describe: "1-50 letters, digits, '-', '_' or '.'",
  },
  "aws:iam/role:Role": {
    input: "name",
    autonamed: true,
    pattern: IAM_NAME,
    maxLength: 64,
    what: "IAM role name",
    describe: `at most 64 characters, ${IAM_NAME_RULE}`,
  },
  "aws:iam/rolePolicy:RolePolicy": {
    input: "name",
    autonamed: true,
    pattern: IAM_NAME,
    maxLength: 128,
    what: "IAM role policy name",
    describe: `at most 128 characters, ${IAM_NAME_RULE}`,
  },
  "aws:iam/instanceProfile:InstanceProfile": {
    input: "name",
    autonamed: true,
    pattern: IAM_NAME,
    maxLength: 128,
    what: "IAM instance profile name",
    describe: `at most 128 characters, ${IAM_NAME_RULE}`,
  },
  "aws:ec2/securityGroup:SecurityGroup": {
    input: "name",
    autonamed: true,
    pattern: /^(?!sg-)[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/,
    maxLength: 255,
    what: "security group name",
    describe: "at most 255 of a-z A-Z 0-9 space ._-:/()#,@[]+=&;{}!$*, not starting with sg-",
  },
  "aws:ec2/launchTemplate:LaunchTemplate": {
    input: "name",
    autonamed: true,
    pattern: /^[a-zA-Z0-9().\-/_]{3,}$/,
    maxLength: 128,
    what: "launch template name",
    describe: "3-128 letters, digits or ().-/_",
  },
  "aws:eks/nodeGroup:NodeGroup": {
    input: "nodeGroupName",
    autonamed: true,
    pattern: /^[0-9A-Za-z][A-Za-z0-9\-_]*$/,
    maxLength: 63,
    what: "EKS node group name",
    describe: "1-63 letters, digits, '-' or '_', starting with a letter or digit",
  },
  "aws:eks/cluster:Cluster": {
    input: "name",
    autonamed: true,
    pattern: /^[0-9A-Za-z][A-Za-z0-9\-_]*$/,
    maxLength: 100,
    what: "EKS cluster name",
    describe: "1-100 letters, digits, '-' or '_', starting with a letter or digit",
  },
  "aws:kms/alias:Alias": {
    input: "name",
    autonamed: false,
    pattern: /^alias\/(?!aws\/)[a-zA-Z0-9/_-]+$/,
    maxLength: 256,
    what: "KMS alias",
    describe: '"alias/" and 1-250 letters, digits, "/", "_" or "-", not under the reserved "alias/aws/"',
  },
  "aws:cloudwatch/logGroup:LogGroup": {
    input: "name",
    autonamed: false,
    pattern: /^[.\-_/#A-Za-z0-9]+$/,
    maxLength: 512,
    what: "CloudWatch log group name",
    describe: "1-512 letters, digits or ._-/#",
  },
  "aws:cloudtrail/trail:Trail": {
    input: "name",
    autonamed: true,
    pattern: /^[A-Za-z0-9](?!.*[._-]{2})[A-Za-z0-9._-]{1,126}[A-Za-z0-9]$/,
    maxLength: 128,
    what: "CloudTrail trail name",
    describe:
      "3-128 letters, digits, '.', '_' or '-', starting and ending alphanumeric, no adjacent punctuation",
  },
};

/** Physical names and their checks for the AWS types above (`@palisade/core`'s `providerNames`). */
export const { physicalName, isValidPhysicalName, checkChildNames } = providerNames(AWS_NAME_RULES);
export type NamedChild = CoreNamedChild<keyof typeof AWS_NAME_RULES>;
