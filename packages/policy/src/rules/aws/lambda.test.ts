import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { lambdaFunctionHardened } from "./lambda";

const fn = (props: Record<string, unknown>): KitResource => ({
  type: "aws:lambda/function:Function",
  name: "ingest",
  props: {
    role: "arn:aws:iam::123456789012:role/fn",
    runtime: "nodejs20.x",
    handler: "index.handler",
    vpcConfig: { subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"] },
    environment: { variables: { TABLE: "records" } },
    kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k",
    deadLetterConfig: { targetArn: "arn:aws:sqs:us-east-1:123456789012:dlq" },
    reservedConcurrentExecutions: 10,
    ...props,
  },
});

describeRule(lambdaFunctionHardened, {
  baseline: hipaa,
  compliant: [
    fn({}),
    // No environment: nothing to encrypt.
    fn({ environment: undefined, kmsKeyArn: undefined }),
    fn({ reservedConcurrentExecutions: 1 }),
  ],
  requirements: {
    "in-vpc": {
      violating: [fn({ vpcConfig: undefined }), fn({ vpcConfig: { securityGroupIds: ["sg-1"] } })],
      unknown: [fn({ vpcConfig: UNKNOWN })],
      decidedWhenUnknown: [fn({ vpcConfig: { subnetIds: UNKNOWN, securityGroupIds: UNKNOWN } })],
    },
    "environment-customer-key": {
      violating: [fn({ kmsKeyArn: undefined })],
      unknown: [],
      decidedWhenUnknown: [fn({ environment: UNKNOWN, kmsKeyArn: UNKNOWN })],
    },
    "dead-letter": {
      violating: [fn({ deadLetterConfig: undefined }), fn({ deadLetterConfig: {} })],
      unknown: [fn({ deadLetterConfig: UNKNOWN })],
      decidedWhenUnknown: [fn({ deadLetterConfig: { targetArn: UNKNOWN } })],
    },
    "concurrency-limit": {
      violating: [
        fn({ reservedConcurrentExecutions: undefined }),
        fn({ reservedConcurrentExecutions: -1 }),
        fn({ reservedConcurrentExecutions: 0 }),
      ],
      unknown: [fn({ reservedConcurrentExecutions: UNKNOWN })],
    },
  },
});
