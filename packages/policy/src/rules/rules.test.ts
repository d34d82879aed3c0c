/**
 * Every rule through the kit, as the policy server runs it: a compliant case, a violating case and a case
 * unknown at preview. Stack rules join through property dependencies, so their unknown case has unknown
 * ids everywhere and must still decide.
 */
import { describe, expect, it } from "vitest";
import { analyzeResource, analyzeStack, UNKNOWN, type KitResource } from "../kit";
import { describeResourceCases, policy, type ResourceCase } from "./rule-cases.test-support";

const restrictedPod = {
  securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
  containers: [
    {
      name: "c",
      image: "i",
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
    },
  ],
};

const resourceCases: ResourceCase[] = [
  {
    rule: "aws-rds-instance-protected",
    type: "aws:rds/instance:Instance",
    compliant: {
      storageEncrypted: true,
      kmsKeyId: "arn:aws:kms:k",
      backupRetentionPeriod: 7,
      deletionProtection: true,
    },
    violating: { storageEncrypted: true, kmsKeyId: "arn:aws:kms:k", backupRetentionPeriod: 1 },
    // A key created in the same preview: present but unknown is enough; the retention must be read.
    unknown: {
      storageEncrypted: true,
      kmsKeyId: UNKNOWN,
      backupRetentionPeriod: UNKNOWN,
      deletionProtection: true,
    },
    unknownVerdict: "undetermined",
  },
  {
    rule: "aws-kms-key-rotation",
    type: "aws:kms/key:Key",
    compliant: { enableKeyRotation: true, rotationPeriodInDays: 365 },
    violating: { enableKeyRotation: true, rotationPeriodInDays: 730 },
    unknown: { enableKeyRotation: true, rotationPeriodInDays: 365, policy: UNKNOWN },
    unknownVerdict: "compliant",
  },
  {
    rule: "aws-cloudtrail-trail-secure",
    type: "aws:cloudtrail/trail:Trail",
    compliant: { isMultiRegionTrail: true, enableLogFileValidation: true, kmsKeyId: "arn:aws:kms:k" },
    violating: { isMultiRegionTrail: false, enableLogFileValidation: true },
    // The key is created in the same preview: present but unknown, which is enough.
    unknown: {
      isMultiRegionTrail: true,
      enableLogFileValidation: true,
      kmsKeyId: UNKNOWN,
      s3BucketName: UNKNOWN,
    },
    unknownVerdict: "compliant",
  },
  {
    rule: "aws-cloudwatch-log-group-protected",
    type: "aws:cloudwatch/logGroup:LogGroup",
    compliant: { kmsKeyId: "arn:k", retentionInDays: 2192 },
    violating: { retentionInDays: 30 },
    unknown: { kmsKeyId: UNKNOWN, retentionInDays: 2192 },
    unknownVerdict: "compliant",
  },
  {
    rule: "aws-ec2-instance-hardened",
    type: "aws:ec2/instance:Instance",
    compliant: {
      metadataOptions: { httpTokens: "required" },
      associatePublicIpAddress: false,
      rootBlockDevice: { encrypted: true },
    },
    violating: { metadataOptions: { httpTokens: "optional" }, rootBlockDevice: { encrypted: true } },
    unknown: { metadataOptions: { httpTokens: UNKNOWN }, rootBlockDevice: { encrypted: true } },
    unknownVerdict: "undetermined",
  },
  {
    rule: "aws-eks-cluster-hardened",
    type: "aws:eks/cluster:Cluster",
    compliant: {
      encryptionConfig: { resources: ["secrets"], provider: { keyArn: "arn:k" } },
      vpcConfig: { endpointPublicAccess: false },
    },
    violating: { vpcConfig: { endpointPublicAccess: true } },
    unknown: {
      encryptionConfig: { resources: ["secrets"], provider: { keyArn: UNKNOWN } },
      vpcConfig: { endpointPublicAccess: false, subnetIds: [UNKNOWN] },
    },
    unknownVerdict: "compliant",
  },
  {
    rule: "aws-ec2-security-group-admin-ports-closed",
    type: "aws:ec2/securityGroup:SecurityGroup",
    compliant: { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }] },
    violating: { ingress: [{ protocol: "tcp", fromPort: 0, toPort: 1024, cidrBlocks: ["0.0.0.0/0"] }] },
    unknown: { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [UNKNOWN] }] },
    unknownVerdict: "undetermined",
  },
  {
    rule: "kubernetes-pod-security-restricted",
    type: "kubernetes:apps/v1:Deployment",
    compliant: { spec: { template: { spec: restrictedPod } } },
    violating: { spec: { template: { spec: { ...restrictedPod, hostNetwork: true } } } },
    unknown: { spec: { template: { spec: { ...restrictedPod, hostNetwork: UNKNOWN } } } },
    unknownVerdict: "undetermined",
  },
  {
    rule: "kubernetes-namespace-pod-security-restricted",
    type: "kubernetes:core/v1:Namespace",
    compliant: { metadata: { name: "a", labels: { "pod-security.kubernetes.io/enforce": "restricted" } } },
    violating: { metadata: { name: "a", labels: { "pod-security.kubernetes.io/enforce": "privileged" } } },
    unknown: { metadata: { name: UNKNOWN, labels: { "pod-security.kubernetes.io/enforce": "restricted" } } },
    unknownVerdict: "compliant",
  },
];

describeResourceCases(resourceCases);

const bucket: KitResource = {
  type: "aws:s3/bucket:Bucket",
  name: "b",
  props: { bucket: UNKNOWN, forceDestroy: false },
};
const sse = (props: Record<string, unknown>): KitResource => ({
  type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  name: "sse",
  props: { bucket: UNKNOWN, ...props },
  propertyDependencies: { bucket: ["b"] },
});

describe("stack rules join through property dependencies, even when every id is unknown", () => {
  it("aws-s3-bucket-sse-kms", async () => {
    const ok = sse({
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: UNKNOWN } }],
    });
    expect(await analyzeStack(policy("aws-s3-bucket-sse-kms"), [bucket, ok])).toEqual({
      violations: [],
      undetermined: [],
      exempted: [],
    });
    const aes = sse({ rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] });
    expect((await analyzeStack(policy("aws-s3-bucket-sse-kms"), [bucket, aes])).violations[0]).toContain(
      "bucket b",
    );
    // Joined to another bucket: this one has none.
    const elsewhere = { ...ok, propertyDependencies: { bucket: ["other"] } };
    expect(
      (await analyzeStack(policy("aws-s3-bucket-sse-kms"), [bucket, elsewhere])).violations,
    ).toHaveLength(1);
    // The deprecated inline form counts too.
    const inline: KitResource = {
      ...bucket,
      props: {
        serverSideEncryptionConfiguration: {
          rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "k" } },
        },
      },
    };
    expect((await analyzeStack(policy("aws-s3-bucket-sse-kms"), [inline])).violations).toEqual([]);
  });

  it("aws-s3-bucket-public-access-block", async () => {
    const pab = (value: unknown): KitResource => ({
      type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      name: "pab",
      props: {
        bucket: UNKNOWN,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: value,
      },
      propertyDependencies: { bucket: ["b"] },
    });
    expect(
      (await analyzeStack(policy("aws-s3-bucket-public-access-block"), [bucket, pab(true)])).violations,
    ).toEqual([]);
    expect(
      (await analyzeStack(policy("aws-s3-bucket-public-access-block"), [bucket, pab(false)])).violations,
    ).toHaveLength(1);
    expect(
      (await analyzeStack(policy("aws-s3-bucket-public-access-block"), [bucket])).violations,
    ).toHaveLength(1);
  });

  it("aws-s3-bucket-versioning", async () => {
    const versioning = (status: string): KitResource => ({
      type: "aws:s3/bucketVersioning:BucketVersioning",
      name: "v",
      props: { bucket: UNKNOWN, versioningConfiguration: { status } },
      propertyDependencies: { bucket: ["b"] },
    });
    expect(
      (await analyzeStack(policy("aws-s3-bucket-versioning"), [bucket, versioning("Enabled")])).violations,
    ).toEqual([]);
    expect(
      (await analyzeStack(policy("aws-s3-bucket-versioning"), [bucket, versioning("Suspended")])).violations,
    ).toHaveLength(1);
  });

  it("aws-ec2-vpc-flow-logs", async () => {
    const vpc: KitResource = { type: "aws:ec2/vpc:Vpc", name: "vpc", props: { cidrBlock: "10.0.0.0/16" } };
    const flow: KitResource = {
      type: "aws:ec2/flowLog:FlowLog",
      name: "fl",
      props: { vpcId: UNKNOWN, trafficType: "ALL" },
      propertyDependencies: { vpcId: ["vpc"] },
    };
    expect((await analyzeStack(policy("aws-ec2-vpc-flow-logs"), [vpc, flow])).violations).toEqual([]);
    expect((await analyzeStack(policy("aws-ec2-vpc-flow-logs"), [vpc])).violations[0]).toContain(
      "VPC vpc has no flow log",
    );
  });

  it("kubernetes-namespace-default-deny", async () => {
    const ns: KitResource = {
      type: "kubernetes:core/v1:Namespace",
      name: "ns",
      props: { metadata: { name: "apps" } },
    };
    const deny: KitResource = {
      type: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
      name: "deny",
      props: {
        metadata: { name: "default-deny-all", namespace: "apps" },
        spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
      },
    };
    expect((await analyzeStack(policy("kubernetes-namespace-default-deny"), [ns, deny])).violations).toEqual(
      [],
    );
    expect((await analyzeStack(policy("kubernetes-namespace-default-deny"), [ns])).violations[0]).toContain(
      "namespace apps",
    );
    // A selector with expressions picks some pods only: no default deny for the rest.
    const partial: KitResource = {
      ...deny,
      props: {
        metadata: { name: "deny-some", namespace: "apps" },
        spec: {
          podSelector: { matchExpressions: [{ key: "app", operator: "In", values: ["web"] }] },
          policyTypes: ["Ingress", "Egress"],
        },
      },
    };
    expect(
      (await analyzeStack(policy("kubernetes-namespace-default-deny"), [ns, partial])).violations,
    ).toHaveLength(1);
  });
});

describe("exemptions", () => {
  const violating = { type: "aws:kms/key:Key", name: "legacy-key", props: { enableKeyRotation: false } };
  const exemption = {
    resource: "legacy-*",
    reason: "HSM-backed key rotated manually by the vendor",
    expires: "2099-12-31",
  };

  it("report an exempted finding as exempted, not as a violation", async () => {
    const result = await analyzeResource(policy("aws-kms-key-rotation"), violating, {
      exemptions: [exemption],
    });
    expect(result.violations).toEqual([]);
    expect(result.exempted[0]).toBe(
      "[exempted] HSM-backed key rotated manually by the vendor (until 2099-12-31): enableKeyRotation must be true",
    );
  });

  it("stop applying once expired, or when they name another resource or policy", async () => {
    for (const e of [
      { ...exemption, expires: "2020-01-01" },
      { ...exemption, resource: "other-*" },
      { ...exemption, policy: "aws-cloudtrail-trail-secure" },
    ]) {
      const result = await analyzeResource(policy("aws-kms-key-rotation"), violating, { exemptions: [e] });
      expect(result.violations).toHaveLength(1);
      expect(result.exempted).toEqual([]);
    }
  });

  it("match a URN exactly", async () => {
    const result = await analyzeResource(policy("aws-kms-key-rotation"), violating, {
      exemptions: [{ ...exemption, resource: "urn:pulumi:test::test::aws:kms/key:Key::legacy-key" }],
    });
    expect(result.exempted).toHaveLength(1);
  });

  it("reject a malformed exemption as a config error naming the problem", async () => {
    for (const [bad, problem] of [
      [{ ...exemption, reason: "because" }, "/0/reason must NOT have fewer than 10 characters"],
      [{ resource: "legacy-*", reason: exemption.reason }, "/0 must have required property 'expires'"],
      [{ ...exemption, expires: "next year" }, '/0/expires must match format "date"'],
      [{ ...exemption, expires: "2026-02-30" }, '/0/expires must match format "date"'],
      [{ ...exemption, expires: "2026-99-99" }, '/0/expires must match format "date"'],
      [{ ...exemption, resources: "x" }, "/0 must NOT have additional properties"],
    ] as const) {
      await expect(
        analyzeResource(policy("aws-kms-key-rotation"), violating, { exemptions: [bad] }),
      ).rejects.toThrow(`invalid policy config for aws-kms-key-rotation: exemptions${problem}`);
    }
  });

  it("are ignored by non-exemptible controls", async () => {
    const result = await analyzeStack(policy("aws-s3-bucket-public-access-block"), [bucket], {
      exemptions: [{ ...exemption, resource: "b" }],
    });
    expect(result.violations).toHaveLength(1);
    expect(result.exempted).toEqual([]);
  });

  it("cover stack findings per resource", async () => {
    const result = await analyzeStack(policy("aws-s3-bucket-versioning"), [bucket], {
      exemptions: [{ ...exemption, resource: "b" }],
    });
    expect(result.violations).toEqual([]);
    expect(result.exempted[0]).toContain("[exempted] HSM-backed key rotated manually by the vendor");
  });
});
