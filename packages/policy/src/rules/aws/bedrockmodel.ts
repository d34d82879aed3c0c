/** AWS Bedrock model invocation logging rules (aws v7, the bedrockmodel module). */
import type * as bedrockmodel from "@pulumi/aws/bedrockmodel";
import { resourceRule, type Props } from "../../rule";

type LoggingConfiguration = Props<bedrockmodel.InvocationLoggingConfigurationArgs>;

export const bedrockmodelInvocationLoggingDelivered = resourceRule({
  id: "aws-bedrockmodel-invocation-logging-delivered",
  description: "Bedrock model invocation logging delivers records to a destination",
  target: "aws",
  types: ["aws:bedrockmodel/invocationLoggingConfiguration:InvocationLoggingConfiguration"],
  requirements: [
    {
      id: "destination",
      description: "Invocation records go to a CloudWatch log group or an S3 bucket",
      remediation:
        "Set loggingConfig.cloudwatchConfig { logGroupName, roleArn } or loggingConfig.s3Config { bucketName } (both encrypted with customer keys).",
      check: (props: LoggingConfiguration) => {
        const config = props.loggingConfig ?? {};
        return "logGroupName" in (config.cloudwatchConfig ?? {}) || "bucketName" in (config.s3Config ?? {})
          ? []
          : ["loggingConfig names neither a cloudwatchConfig.logGroupName nor an s3Config.bucketName"];
      },
    },
  ],
});
