import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { bedrockmodelInvocationLoggingDelivered } from "./bedrockmodel";

const logging = (loggingConfig: Record<string, unknown>): KitResource => ({
  type: "aws:bedrockmodel/invocationLoggingConfiguration:InvocationLoggingConfiguration",
  name: "invocations",
  props: { loggingConfig: { textDataDeliveryEnabled: true, ...loggingConfig } },
});

describeRule(bedrockmodelInvocationLoggingDelivered, {
  baseline: hipaa,
  compliant: [
    logging({ cloudwatchConfig: { logGroupName: "bedrock", roleArn: "arn:aws:iam::123456789012:role/b" } }),
    logging({ s3Config: { bucketName: "bedrock-logs" } }),
    logging({ cloudwatchConfig: { logGroupName: UNKNOWN } }),
  ],
  requirements: {
    destination: {
      violating: [
        logging({}),
        logging({ cloudwatchConfig: { roleArn: "r-1" }, s3Config: { keyPrefix: "p-1" } }),
      ],
      unknown: [logging({ cloudwatchConfig: UNKNOWN })],
      decidedWhenUnknown: [logging({ s3Config: { bucketName: UNKNOWN } })],
    },
  },
});
