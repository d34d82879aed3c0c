import { gdpr } from "@palisade/core";
import { expectRejected } from "@palisade/core/test-support";
import { describe, expect, it } from "vitest";
import { ConfidentialInstance, type ConfidentialInstanceArgs } from "./confidential-instance";
import { awsStack } from "./test-support";

const base: ConfidentialInstanceArgs = {
  instanceType: "m6a.2xlarge",
  ami: "ami-0123456789abcdef0",
  subnetId: "subnet-1",
  vpcId: "vpc-1",
};

describe("ConfidentialInstance", () => {
  it("launches an SEV-SNP instance with IMDSv2, an encrypted root volume, no public IP and no SSH key", async () => {
    const stack = await awsStack();
    new ConfidentialInstance("inference", base);
    await stack.settle();
    const instance = stack.one("aws:ec2/instance:Instance");
    expect(instance.inputs).toMatchObject({
      instanceType: "m6a.2xlarge",
      associatePublicIpAddress: false,
      cpuOptions: { amdSevSnp: "enabled" },
      metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1, httpEndpoint: "enabled" },
      rootBlockDevice: { encrypted: true, volumeType: "gp3", volumeSize: 50 },
    });
    expect(instance.inputs.keyName).toBeUndefined();
    expect(instance.inputs.enclaveOptions).toBeUndefined();
    expect(instance.propertyDependencies.rootBlockDevice).toEqual([stack.one("aws:kms/key:Key").urn]);
  });

  it("keeps SEV-SNP, IMDSv2 and the root volume's key in a first preview, where the key ARN is unknown", async () => {
    const stack = await awsStack({ preview: true });
    new ConfidentialInstance("inference", base);
    await stack.settle();
    const instance = stack.one("aws:ec2/instance:Instance");
    expect(instance.inputs).toMatchObject({
      cpuOptions: { amdSevSnp: "enabled" },
      metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
      rootBlockDevice: { encrypted: true },
    });
    expect(instance.propertyDependencies.rootBlockDevice).toEqual([stack.one("aws:kms/key:Key").urn]);
    expect(instance.propertyDependencies.iamInstanceProfile).toEqual([
      stack.one("aws:iam/instanceProfile:InstanceProfile").urn,
    ]);
  });

  it("allows no inbound traffic by default and reaches AWS APIs over HTTPS only", async () => {
    const stack = await awsStack();
    new ConfidentialInstance("inference", base);
    await stack.settle();
    expect(stack.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")).toEqual([]);
    expect(stack.one("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").inputs).toMatchObject({
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: "0.0.0.0/0",
    });
    const sg = stack.one("aws:ec2/securityGroup:SecurityGroup");
    expect(sg.inputs.ingress).toBeUndefined();
    expect(sg.inputs.egress).toBeUndefined();
  });

  it("is reached through SSM: an instance profile with only the SSM core managed policy", async () => {
    const stack = await awsStack();
    new ConfidentialInstance("inference", base);
    await stack.settle();
    expect(JSON.parse(stack.one("aws:iam/role:Role").inputs.assumeRolePolicy).Statement[0].Principal).toEqual(
      { Service: "ec2.amazonaws.com" },
    );
    expect(stack.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment").inputs.policyArn).toBe(
      "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    );
    expect(stack.ofType("aws:iam/rolePolicy:RolePolicy")).toEqual([]);
    expect(stack.one("aws:ec2/instance:Instance").propertyDependencies.iamInstanceProfile).toEqual([
      stack.one("aws:iam/instanceProfile:InstanceProfile").urn,
    ]);
  });

  it("admits only the sources the caller names, and offers Nitro Enclaves", async () => {
    const stack = await awsStack();
    new ConfidentialInstance("enclave", {
      ...base,
      technology: "nitro-enclaves",
      instanceType: "m5.xlarge",
      region: "us-east-1",
      kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k",
      ingress: [{ description: "Inference API from the serving tier", ports: 8443, cidr: "10.0.64.0/18" }],
    });
    await stack.settle();
    expect(stack.one("aws:ec2/instance:Instance").inputs).toMatchObject({
      enclaveOptions: { enabled: true },
    });
    expect(stack.one("aws:ec2/instance:Instance").inputs.cpuOptions).toBeUndefined();
    expect(stack.one("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").inputs).toMatchObject({
      fromPort: 8443,
      toPort: 8443,
      cidrIpv4: "10.0.64.0/18",
      description: "Inference API from the serving tier",
    });
    expect(stack.ofType("aws:kms/key:Key")).toEqual([]);
  });

  it("explains that EC2 has no TDX and what to use instead", async () => {
    const stack = await awsStack();
    const error = expectRejected(
      () => new ConfidentialInstance("x", { ...base, technology: "tdx" }),
      "technology",
      "tdx",
    );
    expect(error.message).toContain("EC2 has no Intel TDX");
    expect(error.message).toContain("sev-snp");
    expect(error.message).toContain("GCP C3");
    await stack.settle();
  });

  const bad: [string, Partial<ConfidentialInstanceArgs>, unknown][] = [
    ["technology", { technology: "sgx" as never }, "sgx"],
    ["instanceType", { instanceType: "m5.2xlarge" }, "m5.2xlarge"],
    ["instanceType", { instanceType: "m6a.metal" }, "m6a.metal"],
    ["instanceType", { instanceType: "big" }, "big"],
    ["region", { region: "us-east-1" }, "us-east-1"],
    ["region", { region: "us-east-2", baseline: gdpr }, "us-east-2"],
    ["ingress", { ingress: [{ description: "everyone", ports: 22, cidr: "0.0.0.0/0" }] }, ["0.0.0.0/0"]],
    [
      "ingress[0].ports",
      { ingress: [{ description: "web", ports: [443, 80], cidr: "10.0.0.0/8" }] },
      [443, 80],
    ],
    ["ingress[0].description", { ingress: [{ description: "", ports: 443, cidr: "10.0.0.0/8" }] }, ""],
    [
      "ingress[0]",
      { ingress: [{ description: "both", ports: 443, cidr: "10.0.0.0/8", securityGroupId: "sg-1" }] },
      { description: "both", ports: 443, cidr: "10.0.0.0/8", securityGroupId: "sg-1" },
    ],
    ["egress[0].cidr", { egress: [{ description: "out", ports: 443, cidr: "10.0.0.0/33" }] }, "10.0.0.0/33"],
    ["rootVolumeSizeGiB", { rootVolumeSizeGiB: 4 }, 4],
    ["keyName", { keyName: "" }, ""],
    [
      "dataProtection",
      { kmsKeyArn: "arn:aws:kms:us-east-2:123456789012:key/k", dataProtection: { retainOnDelete: false } },
      { retainOnDelete: false },
    ],
  ];
  it.each(bad)("rejects %s (%j) before registering anything", async (path, override, value) => {
    const stack = await awsStack();
    expectRejected(() => new ConfidentialInstance("x", { ...base, ...override }), path, value);
    await stack.settle();
    expect(stack.registrations).toEqual([]);
  });

  it("rejects a missing region before registering anything (its key and SEV-SNP support depend on it)", async () => {
    const stack = await awsStack({ config: { "aws:region": undefined } });
    expectRejected(() => new ConfidentialInstance("x", base), "region", undefined);
    await stack.settle();
    expect(stack.registrations).toEqual([]);
  });
});
