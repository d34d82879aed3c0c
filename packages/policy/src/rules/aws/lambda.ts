/** AWS Lambda rules (aws v7). */
import type * as lambda from "@pulumi/aws/lambda";
import { resourceRule, type Props } from "../../rule";

type LambdaFunction = Props<lambda.FunctionArgs>;

export const lambdaFunctionHardened = resourceRule({
  id: "aws-lambda-function-hardened",
  description:
    "Lambda functions run in a VPC, encrypt their environment with a customer key, keep failed events and cap their concurrency",
  target: "aws",
  types: ["aws:lambda/function:Function"],
  requirements: [
    {
      id: "in-vpc",
      description: "The function's network interfaces are in VPC subnets",
      remediation: "Set vpcConfig { subnetIds, securityGroupIds }.",
      check: (props: LambdaFunction) =>
        "subnetIds" in (props.vpcConfig ?? {}) ? [] : ["vpcConfig names no subnetIds"],
    },
    {
      id: "environment-customer-key",
      description: "Environment variables, when there are any, are encrypted with a customer-managed key",
      remediation: "Set kmsKeyArn to a customer-managed KMS key (unset, Lambda uses its AWS-managed key).",
      check: (props: LambdaFunction) =>
        "environment" in props && !("kmsKeyArn" in props)
          ? ["environment is set and kmsKeyArn names no customer-managed key"]
          : [],
    },
    {
      id: "dead-letter",
      description: "Events that fail asynchronous processing are kept in a dead-letter queue or topic",
      remediation: "Set deadLetterConfig { targetArn: <SQS queue or SNS topic> }.",
      check: (props: LambdaFunction) =>
        "targetArn" in (props.deadLetterConfig ?? {}) ? [] : ["deadLetterConfig names no targetArn"],
    },
    {
      id: "concurrency-limit",
      description: "The function reserves (and so caps) its concurrency",
      remediation:
        "Set reservedConcurrentExecutions to a positive limit (the default -1 leaves it uncapped).",
      check: (props: LambdaFunction) =>
        Number(props.reservedConcurrentExecutions ?? -1) < 1
          ? ["reservedConcurrentExecutions sets no limit"]
          : [],
    },
  ],
});
