/** Mock-runtime fixtures for AWS component tests: the invokes components make, answered realistically. */
import { MockStack, type MockStackOptions } from "@palisade/core/test-support";

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
