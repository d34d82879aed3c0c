/** Cloud Logging rules: log bucket retention and encryption, Data Access audit logs. */
import type * as logging from "@pulumi/gcp/logging";
import { resourceRule } from "../../rule";
import type { Props } from "./props";

/** Log bucket configs at each level of the resource hierarchy share `retentionDays` and `cmekSettings`. */
const LOG_BUCKETS = [
  "gcp:logging/projectBucketConfig:ProjectBucketConfig",
  "gcp:logging/folderBucketConfig:FolderBucketConfig",
  "gcp:logging/organizationBucketConfig:OrganizationBucketConfig",
  "gcp:logging/billingAccountBucketConfig:BillingAccountBucketConfig",
];

export const logBucketProtected = (minRetentionDays: number) =>
  resourceRule({
    id: "gcp-logging-bucket-protected",
    description: "Cloud Logging buckets are encrypted with a customer key and kept for the required period",
    target: "gcp",
    types: LOG_BUCKETS,
    config: { minRetentionDays: { type: "integer", minimum: 1, default: minRetentionDays } },
    check: (props: Props<logging.ProjectBucketConfigArgs>, _args, config) => {
      const problems =
        "kmsKeyName" in (props.cmekSettings ?? {})
          ? []
          : ["cmekSettings.kmsKeyName must name a Cloud KMS key"];
      // Unset or 0 at creation means the service default of 30 days.
      const days =
        props.retentionDays === undefined || Number(props.retentionDays) === 0
          ? 30
          : Number(props.retentionDays);
      if (days < Number(config.minRetentionDays))
        problems.push(`retentionDays ${days} is below ${config.minRetentionDays}`);
      return problems;
    },
  });
