/** AWS CloudWatch Logs rules (aws v7). */
import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import { baselineSetting, resourceRule, type Props } from "../../rule";

type LogGroup = Props<cloudwatch.LogGroupArgs>;

export const logGroupProtected = resourceRule({
  id: "aws-cloudwatch-log-group-protected",
  description: "CloudWatch log groups are encrypted with a customer key and kept for the required period",
  target: "aws",
  types: ["aws:cloudwatch/logGroup:LogGroup"],
  config: { minRetentionDays: baselineSetting("auditLogRetentionDays", { type: "integer", minimum: 1 }) },
  requirements: [
    {
      id: "customer-key",
      description: "The log group is encrypted with a customer-managed KMS key",
      remediation: "Set kmsKeyId to a customer-managed KMS key whose policy lets CloudWatch Logs use it.",
      check: (props: LogGroup) => ("kmsKeyId" in props ? [] : ["kmsKeyId names no customer-managed key"]),
    },
    {
      id: "retention",
      description: "Logs are kept at least minRetentionDays (unset or 0 keeps them forever)",
      remediation:
        "Set retentionInDays to at least minRetentionDays, or leave it unset to keep logs forever.",
      check: (props: LogGroup, { config }) => {
        const days = Number(props.retentionInDays ?? 0);
        const min = Number(config.minRetentionDays);
        return days !== 0 && days < min ? [`retentionInDays is below minRetentionDays ${min}`] : [];
      },
    },
  ],
});
