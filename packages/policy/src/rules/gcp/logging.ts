/** Cloud Logging rules (gcp v9 logging): log bucket retention (at least the minimum, at most the maximum) and encryption. */
import type * as logging from "@pulumi/gcp/logging";
import { baselineSetting, resourceRule, type Props } from "../../rule";
import { MAX_RETENTION_SETTING, retentionFindings } from "../scope";

/** Log bucket configs at each level of the resource hierarchy share `retentionDays` and `cmekSettings`. */
export const LOG_BUCKETS = [
  "gcp:logging/projectBucketConfig:ProjectBucketConfig",
  "gcp:logging/folderBucketConfig:FolderBucketConfig",
  "gcp:logging/organizationBucketConfig:OrganizationBucketConfig",
  "gcp:logging/billingAccountBucketConfig:BillingAccountBucketConfig",
];

/** Unset or 0 at creation means the service default. */
export const DEFAULT_RETENTION_DAYS = 30;

type LogBucket = Props<logging.ProjectBucketConfigArgs>;

export const logBucketProtected = resourceRule({
  id: "gcp-logging-bucket-protected",
  description: "Cloud Logging buckets are encrypted with a customer key and kept for the required period",
  target: "gcp",
  types: LOG_BUCKETS,
  config: { minRetentionDays: baselineSetting("auditLogRetentionDays", { type: "integer", minimum: 1 }) },
  requirements: [
    {
      id: "customer-key",
      description: "The log bucket is encrypted with a Cloud KMS key",
      remediation: "Set cmekSettings.kmsKeyName to a Cloud KMS key the Logging service account may use.",
      check: (props: LogBucket) =>
        "kmsKeyName" in (props.cmekSettings ?? {}) ? [] : ["cmekSettings.kmsKeyName is not set"],
    },
    {
      id: "retention",
      description: "Logs are kept at least minRetentionDays (unset or 0 means the service's 30 days)",
      remediation: "Set retentionDays to at least minRetentionDays.",
      check: (props: LogBucket, { config }) => {
        const days = Number(props.retentionDays ?? 0) || DEFAULT_RETENTION_DAYS;
        const min = Number(config.minRetentionDays);
        return days < min ? [`retentionDays is below minRetentionDays ${min}`] : [];
      },
    },
  ],
});

/**
 * GDPR Art. 5(1)(e) storage limitation on log buckets: logs name people (principals, IP addresses), so
 * every bucket is judged (log bucket configs take no labels to scope them by). Unset or 0 means the
 * service's 30 days, which is finite, so it is judged as 30 days rather than as forever.
 */
export const logBucketMaxRetention = resourceRule({
  id: "gcp-logging-bucket-max-retention",
  description: "Cloud Logging buckets delete logs within maxRetentionDays",
  target: "gcp",
  types: LOG_BUCKETS,
  config: { maxRetentionDays: MAX_RETENTION_SETTING },
  requirements: [
    {
      id: "max-retention",
      description: "Logs are kept at most maxRetentionDays (unset or 0 means the service's 30 days)",
      remediation: "Set retentionDays to at most maxRetentionDays.",
      check: (props: LogBucket, { config }) => {
        const days = Number(props.retentionDays ?? 0);
        return days > 0
          ? retentionFindings("retentionDays", days, config)
          : retentionFindings(
              "retentionDays (unset or 0: the service's 30 days)",
              DEFAULT_RETENTION_DAYS,
              config,
            );
      },
    },
  ],
});
