/**
 * The README's main job, end to end: `palisade preview` runs the AWS HIPAA example with the HIPAA pack
 * (the real pack process, the real Analyzer protocol). The compliant example has no mandatory violation
 * and nothing undetermined; a mutated copy, with one insecure variant per AWS requirement, is caught with
 * exactly that requirement's id, and nothing else, on that variant's resources: delete any one check and
 * its mutant goes unreported. Needs `pnpm build` (done by `pnpm test`).
 */
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  expectCompliantExample,
  expectEachMutantCaught,
  mutantsOf,
  previewWithHipaa,
  writeMutatedExample,
} from "./preview-example";

const root = path.resolve(__dirname, "..");
const example = path.join(root, "examples", "aws-hipaa-inference");
const mutant = path.join(example, ".mutants", "insecure");

const preview = (dir: string, extra: string[] = []) =>
  previewWithHipaa(dir, path.join(example, "policy-config.json"), extra);

const KEY = `"arn:aws:kms:us-east-1:123456789012:key/mutant"`;
const doc = (statement: string) => `JSON.stringify({ Version: "2012-10-17", Statement: [${statement}] })`;
const forward = `[{ type: "forward", targetGroupArn: "arn:aws:elasticloadbalancing:tg" }]`;

/** Bucket settings, each its own resource joined to the bucket; a mutant leaves one out. */
const BUCKET_SETTINGS: Record<string, (n: string) => string> = {
  sse: (n) =>
    `new BucketServerSideEncryptionConfiguration("${n}-sse", { bucket: b.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: ${KEY} } }] });`,
  pab: (n) =>
    `new BucketPublicAccessBlock("${n}-pab", { bucket: b.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });`,
  versioning: (n) =>
    `new BucketVersioning("${n}-versioning", { bucket: b.id, versioningConfiguration: { status: "Enabled" } });`,
  logging: (n) =>
    `new BucketLogging("${n}-logging", { bucket: b.id, targetBucket: "access-logs", targetPrefix: "${n}/" });`,
  replication: (n) =>
    `new BucketReplicationConfig("${n}-replication", { bucket: b.id, role: "arn:aws:iam::123456789012:role/replication", rules: [{ id: "all", status: "Enabled", destination: { bucket: "arn:aws:s3:::replica" } }] });`,
};
const bucketWithout = (n: string, missing: string) =>
  [
    `const b = new Bucket("${n}", {});`,
    ...Object.entries(BUCKET_SETTINGS)
      .filter(([setting]) => setting !== missing)
      .map(([, statement]) => statement(n)),
  ].join(" ");

const trail = (n: string, override: string) =>
  `new Trail("${n}", { s3BucketName: "audit-logs", isMultiRegionTrail: true, enableLogFileValidation: true, kmsKeyId: ${KEY}, ${override} });`;
const instance = (n: string, override: string) =>
  `new Instance("${n}", { ami: "ami-1", instanceType: "t3.micro", metadataOptions: { httpTokens: "required" }, rootBlockDevice: { encrypted: true }, ${override} });`;
const cluster = (n: string, override: string) =>
  `new Cluster("${n}", { roleArn: "arn:aws:iam::123456789012:role/eks", vpcConfig: { subnetIds: ["subnet-1"], endpointPublicAccess: false }, encryptionConfig: { resources: ["secrets"], provider: { keyArn: ${KEY} } }, ${override} });`;
const database = (n: string, override: string) =>
  `new DbInstance("${n}", { engine: "postgres", instanceClass: "db.t4g.micro", allocatedStorage: 20, storageEncrypted: true, kmsKeyId: ${KEY}, backupRetentionPeriod: 7, deletionProtection: true, enabledCloudwatchLogsExports: ["postgresql"], multiAz: true, ${override} });`;

/** One insecure variant per AWS requirement of the pack, as program text given its resource names' prefix. */
const MUTANTS: Record<string, (n: string) => string> = {
  "aws-kms-key-rotation/automatic-rotation": (n) => `new Key("${n}", { enableKeyRotation: false });`,
  // A secret period: no message may quote it.
  "aws-kms-key-rotation/rotation-period": (n) =>
    `new Key("${n}", { enableKeyRotation: true, rotationPeriodInDays: pulumi.secret(730) });`,
  "aws-s3-bucket-sse-kms/customer-key": (n) => bucketWithout(n, "sse"),
  "aws-s3-bucket-public-access-block/all-public-access-blocked": (n) => bucketWithout(n, "pab"),
  "aws-s3-bucket-versioning/versioning-enabled": (n) => bucketWithout(n, "versioning"),
  "aws-s3-bucket-access-logged/access-logging": (n) => bucketWithout(n, "logging"),
  "aws-s3-bucket-replicated/replication": (n) => bucketWithout(n, "replication"),
  "aws-ec2-vpc-flow-logs/flow-log": (n) => `new Vpc("${n}", { cidrBlock: "10.99.0.0/16" });`,
  "aws-ec2-vpc-flow-logs/all-traffic": (n) =>
    `const v = new Vpc("${n}", { cidrBlock: "10.98.0.0/16" }); new FlowLog("${n}-flow", { vpcId: v.id, trafficType: "REJECT", logDestinationType: "s3", logDestination: "arn:aws:s3:::flow-logs" });`,
  "aws-ec2-subnet-no-public-ip/no-auto-public-ip": (n) =>
    `new Subnet("${n}", { vpcId: "vpc-1", cidrBlock: "10.97.1.0/24", mapPublicIpOnLaunch: true });`,
  "aws-cloudtrail-trail-secure/multi-region": (n) => trail(n, "isMultiRegionTrail: false"),
  "aws-cloudtrail-trail-secure/log-file-validation": (n) => trail(n, "enableLogFileValidation: false"),
  "aws-cloudtrail-trail-secure/global-service-events": (n) => trail(n, "includeGlobalServiceEvents: false"),
  "aws-cloudtrail-trail-secure/logging-enabled": (n) => trail(n, "enableLogging: false"),
  "aws-cloudtrail-trail-secure/customer-key": (n) => trail(n, "kmsKeyId: undefined"),
  "aws-cloudwatch-log-group-protected/customer-key": (n) =>
    `new LogGroup("${n}", { retentionInDays: 2192 });`,
  "aws-cloudwatch-log-group-protected/retention": (n) =>
    `new LogGroup("${n}", { kmsKeyId: ${KEY}, retentionInDays: 7 });`,
  "aws-ec2-instance-hardened/imdsv2": (n) => instance(n, `metadataOptions: { httpTokens: "optional" }`),
  "aws-ec2-instance-hardened/no-public-ip": (n) => instance(n, "associatePublicIpAddress: true"),
  "aws-ec2-instance-hardened/root-volume-encrypted": (n) =>
    instance(n, "rootBlockDevice: { encrypted: false }"),
  "aws-ec2-instance-hardened/ebs-volumes-encrypted": (n) =>
    instance(n, `ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: false }]`),
  "aws-eks-cluster-hardened/secrets-encryption": (n) => cluster(n, "encryptionConfig: undefined"),
  "aws-eks-cluster-hardened/private-endpoint": (n) =>
    cluster(n, `vpcConfig: { subnetIds: ["subnet-1"], endpointPublicAccess: true }`),
  // An SSH key with no source security groups: EKS opens port 22 to 0.0.0.0/0.
  "aws-eks-node-group-no-open-ssh/no-open-ssh": (n) =>
    `new NodeGroup("${n}", { clusterName: "phi", nodeRoleArn: "arn:aws:iam::123456789012:role/nodes", subnetIds: ["subnet-1"], scalingConfig: { desiredSize: 1, maxSize: 1, minSize: 1 }, remoteAccess: { ec2SshKey: "ops" } });`,
  // MySQL (not only SSH or RDP) open to two halves of the internet, in two standalone rules of one group.
  "aws-ec2-security-group-admin-ports-closed/sensitive-ports-closed": (n) =>
    `const sg = new SecurityGroup("${n}", { vpcId: "vpc-1" }); ` +
    ["0.0.0.0/1", "128.0.0.0/1"]
      .map(
        (cidr, i) =>
          `new SecurityGroupIngressRule("${n}-in-${i}", { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: 3306, toPort: 3306, cidrIpv4: "${cidr}" });`,
      )
      .join(" "),
  "aws-rds-instance-protected/storage-encrypted": (n) => database(n, "storageEncrypted: false"),
  "aws-rds-instance-protected/customer-key": (n) => database(n, "kmsKeyId: undefined"),
  "aws-rds-instance-protected/backup-retention": (n) => database(n, "backupRetentionPeriod: 1"),
  "aws-rds-instance-protected/deletion-protection": (n) => database(n, "deletionProtection: false"),
  "aws-rds-instance-multi-az/multi-az": (n) => database(n, "multiAz: false"),
  // SegmentedVpc adopts its VPC's default group with no rules; these put AWS's defaults back.
  "aws-ec2-default-security-group-closed/no-ingress": (n) =>
    `new DefaultSecurityGroup("${n}", { vpcId: "vpc-1", ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }] });`,
  "aws-ec2-default-security-group-closed/no-egress": (n) =>
    `new DefaultSecurityGroup("${n}", { vpcId: "vpc-1", egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] });`,
  "aws-iam-least-privilege/no-admin-access": (n) =>
    `new RolePolicy("${n}", { role: "r", policy: ${doc(`{ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::phi/*" }`)} });`,
  // The managed-policy twin of an inline s3:* on every resource.
  "aws-iam-least-privilege/no-service-wide-grant": (n) =>
    `new RolePolicyAttachment("${n}", { role: "r", policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" });`,
  "aws-iam-least-privilege/no-user-grants": (n) =>
    `new UserPolicyAttachment("${n}", { user: "alice", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });`,
  "aws-iam-least-privilege/no-open-trust": (n) =>
    `new Role("${n}", { assumeRolePolicy: ${doc(`{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }`)} });`,
  "aws-iam-least-privilege/readable-document": (n) =>
    `new RolePolicy("${n}", { role: "r", policy: "{not json" });`,
  // Protocol left out on an ALB listener: plain HTTP.
  "aws-lb-listener-tls/http-redirects-only": (n) =>
    `new Listener("${n}", { loadBalancerArn: "arn:aws:elasticloadbalancing:lb", port: 80, defaultActions: ${forward} });`,
  "aws-lb-listener-tls/modern-tls-policy": (n) =>
    `new Listener("${n}", { loadBalancerArn: "arn:aws:elasticloadbalancing:lb", port: 443, protocol: "HTTPS", certificateArn: "arn:aws:acm:cert", sslPolicy: "ELBSecurityPolicy-2016-08", defaultActions: ${forward} });`,
};
const mutants = mutantsOf(MUTANTS);

// Two previews of 150-200 resources each; on a shared 2-core machine one can take a minute.
const PREVIEW_TIMEOUT = 240_000;

describe.concurrent("palisade preview examples/aws-hipaa-inference --policy-pack policy-packs/hipaa", () => {
  beforeAll(() => {
    const imports = [
      `import { Key } from "@pulumi/aws/kms";`,
      `import { Bucket, BucketLogging, BucketPublicAccessBlock, BucketReplicationConfig, BucketServerSideEncryptionConfiguration, BucketVersioning } from "@pulumi/aws/s3";`,
      `import { DefaultSecurityGroup, FlowLog, Instance, SecurityGroup, Subnet, Vpc } from "@pulumi/aws/ec2";`,
      `import { SecurityGroupIngressRule } from "@pulumi/aws/vpc";`,
      `import { Trail } from "@pulumi/aws/cloudtrail";`,
      `import { LogGroup } from "@pulumi/aws/cloudwatch";`,
      `import { Cluster, NodeGroup } from "@pulumi/aws/eks";`,
      `import { Instance as DbInstance } from "@pulumi/aws/rds";`,
      `import { Role, RolePolicy, RolePolicyAttachment, UserPolicyAttachment } from "@pulumi/aws/iam";`,
      `import { Listener } from "@pulumi/aws/lb";`,
    ];
    writeMutatedExample(example, mutant, imports, mutants, (source) =>
      // The copy sits two directories deeper than the example.
      source.replace(/from "\.\//g, 'from "../../'),
    );
  });

  it(
    "reports no mandatory violation and nothing undetermined; the exempted findings (sensor namespace, bucket replication, the trail bucket's own access logs) show as exempted",
    async () => {
      const run = await preview(example);
      expectCompliantExample(run, { resources: 154, exempted: 6 });
      expect(run.report.diagnostics.every((d) => d.message.startsWith("[exempted]"))).toBe(true);
    },
    PREVIEW_TIMEOUT,
  );

  // The mutants' preview, shared by the tests that read it.
  let mutantRun: ReturnType<typeof preview> | undefined;
  const previewMutant = () => (mutantRun ??= preview(mutant));

  it(
    "catches each AWS requirement's mutant with exactly that requirement's id",
    async () => {
      const run = await previewMutant();
      expectEachMutantCaught(run, mutants);
      const violations = run.report.diagnostics.filter((d) => d.status === "violation");
      for (const d of violations) expect(d.enforcementLevel, d.message).toBe("mandatory");
      // The secret rotation period is never quoted.
      for (const d of violations) expect(d.message).not.toContain("730");
    },
    PREVIEW_TIMEOUT,
  );

  it(
    "reports the same findings in the same order whether resources are analyzed together or one at a time",
    async () => {
      const [together, oneByOne] = await Promise.all([
        previewMutant(),
        preview(mutant, ["--analyze-concurrency", "1"]),
      ]);
      expect(together.report.diagnostics.length).toBeGreaterThan(mutants.length);
      expect(together.report.diagnostics).toEqual(oneByOne.report.diagnostics);
    },
    PREVIEW_TIMEOUT,
  );
});
