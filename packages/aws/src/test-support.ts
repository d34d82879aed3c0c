/** Mock-runtime fixtures for AWS component tests: the invokes components make, answered realistically. */
import { MockStack, type MockStackOptions } from "@palisade/core/test-support";
import { AuditTrail, type AuditTrailArgs } from "./audit-trail";
import { ConfidentialInstance, type ConfidentialInstanceArgs } from "./confidential-instance";
import { ZeroTrustEksCluster, type ZeroTrustEksClusterArgs } from "./eks-cluster";
import { EncryptedBucket, type EncryptedBucketArgs } from "./encrypted-bucket";
import { EncryptionKey, type EncryptionKeyArgs } from "./encryption-key";
import { SegmentedVpc, type SegmentedVpcArgs } from "./segmented-vpc";

export const ACCOUNT_ID = "123456789012";

export const AWS_INVOKES: NonNullable<MockStackOptions["invokes"]> = {
  "aws:index/getCallerIdentity:getCallerIdentity": () => ({
    accountId: ACCOUNT_ID,
    arn: `arn:aws:iam::${ACCOUNT_ID}:user/ci`,
    userId: "AIDAEXAMPLE",
    id: ACCOUNT_ID,
  }),
  "aws:index/getPartition:getPartition": () => ({
    partition: "aws",
    dnsSuffix: "amazonaws.com",
    reverseDnsPrefix: "com.amazonaws",
    id: "aws",
  }),
};

/** A mock stack in us-east-2 (an SEV-SNP region) with the AWS invokes answered. */
export function awsStack(options: MockStackOptions = {}): Promise<MockStack> {
  return MockStack.start({
    ...options,
    invokes: { ...AWS_INVOKES, ...options.invokes },
    config: { "aws:region": "us-east-2", ...options.config },
  });
}

/** Parses a JSON policy input and returns its statements by Sid. */
export function statementsBySid(policy: unknown): Record<string, Record<string, unknown>> {
  const doc = JSON.parse(String(policy)) as { Statement: Record<string, unknown>[] };
  return Object.fromEntries(doc.Statement.map((s) => [String(s.Sid), s]));
}

/** Args every AWS component case starts from: valid, so a test can vary one thing at a time. */
export const COMPONENT_CASES = {
  EncryptionKey: {
    type: "palisade:aws:EncryptionKey",
    args: { usagePrincipals: [`arn:aws:iam::${ACCOUNT_ID}:role/app`], viaServices: ["s3"] },
    build: (name: string, args: unknown) => new EncryptionKey(name, args as EncryptionKeyArgs),
  },
  EncryptedBucket: {
    type: "palisade:aws:EncryptedBucket",
    args: {
      lifecycleRules: [{ id: "expire", expirationDays: 3650 }],
      accessLogging: { targetBucket: "logs" },
    },
    build: (name: string, args: unknown) => new EncryptedBucket(name, args as EncryptedBucketArgs),
  },
  SegmentedVpc: {
    type: "palisade:aws:SegmentedVpc",
    args: {
      cidr: "10.0.0.0/16",
      availabilityZones: ["us-east-2a", "us-east-2b"],
      natGateways: "single",
      interfaceEndpoints: ["kms", "sts"],
    },
    build: (name: string, args: unknown) => new SegmentedVpc(name, args as SegmentedVpcArgs),
  },
  ConfidentialInstance: {
    type: "palisade:aws:ConfidentialInstance",
    args: {
      instanceType: "m6a.2xlarge",
      ami: "ami-0abcdef1234567890",
      subnetId: "subnet-a",
      vpcId: "vpc-a",
      ingress: [{ description: "gateway", ports: 8443, cidr: "10.0.0.0/16" }],
    },
    build: (name: string, args: unknown) => new ConfidentialInstance(name, args as ConfidentialInstanceArgs),
  },
  ZeroTrustEksCluster: {
    type: "palisade:aws:ZeroTrustEksCluster",
    args: {
      subnetIds: ["subnet-a", "subnet-b"],
      access: [
        { principalArn: `arn:aws:iam::${ACCOUNT_ID}:role/admins`, policy: "cluster-admin" },
        { principalArn: `arn:aws:iam::${ACCOUNT_ID}:role/team`, policy: "edit", namespaces: ["team"] },
      ],
    },
    build: (name: string, args: unknown) => new ZeroTrustEksCluster(name, args as ZeroTrustEksClusterArgs),
  },
  AuditTrail: {
    type: "palisade:aws:AuditTrail",
    args: { dataEventBucketArns: ["arn:aws:s3:::phi-data"] },
    build: (name: string, args: unknown) => new AuditTrail(name, args as AuditTrailArgs),
  },
} as const;

export type ComponentCase = (typeof COMPONENT_CASES)[keyof typeof COMPONENT_CASES];

/** A resource type that takes a per-resource region (every AWS type Palisade creates but IAM's). */
export function isRegional(type: string): boolean {
  return type.startsWith("aws:") && !type.startsWith("aws:iam/");
}
