/** AWS CloudWatch Logs rules (aws v7). */
import type * as cloudwatch from "@pulumi/aws/cloudwatch";
import { baselineSetting, resourceRule, type Props } from "../../rule";
import { DATA_SCOPE_SETTINGS, MAX_RETENTION_SETTING, outsidePersonalData, retentionFindings } from "../scope";

type LogGroup = Props<cloudwatch.LogGroupArgs>;

/** A DELIVERY-class log group's fixed retention (the provider ignores retentionInDays for it). */
const DELIVERY_RETENTION_DAYS = 2;

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

export const logGroupRetentionLimited = resourceRule({
  id: "aws-cloudwatch-log-group-retention-limited",
  description:
    "Personal-data CloudWatch log groups expire their events within maxRetentionDays (storage limitation)",
  target: "aws",
  types: ["aws:cloudwatch/logGroup:LogGroup"],
  config: { ...DATA_SCOPE_SETTINGS, maxRetentionDays: MAX_RETENTION_SETTING },
  requirements: [
    {
      id: "retention-limited",
      description:
        "retentionInDays is set, not 0 (unset or 0 keeps events forever) and at most maxRetentionDays",
      remediation: "Set retentionInDays to a value from 1 up to maxRetentionDays.",
      outOfScope: (props: LogGroup, { config }) => outsidePersonalData(props.tags, config),
      check: (props: LogGroup, { config }) => {
        const findings = retentionFindings("retentionInDays", props.retentionInDays, config, 0);
        // A DELIVERY-class group ignores retentionInDays and keeps events two days; read only when needed.
        const delivery = findings.length > 0 && props.logGroupClass === "DELIVERY";
        return delivery && DELIVERY_RETENTION_DAYS <= Number(config.maxRetentionDays) ? [] : findings;
      },
    },
  ],
});
