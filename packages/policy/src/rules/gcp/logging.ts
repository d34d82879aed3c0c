/** Cloud Logging rules: log bucket retention and encryption, Data Access audit logs. */
import type * as logging from "@pulumi/gcp/logging";
import type * as projects from "@pulumi/gcp/projects";
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

const LOG_TYPES = ["ADMIN_READ", "DATA_READ", "DATA_WRITE"];

/**
 * IAM audit configs at project, folder or organization level. The allServices config must turn on every
 * log type; exempted members are unioned across a service's configs, so no config may exempt anyone.
 */
export const auditConfigComplete = resourceRule({
  id: "gcp-iam-audit-config-complete",
  description: "Cloud Audit Logs record admin reads and data access for all services, exempting no one",
  target: "gcp",
  types: [
    "gcp:projects/iAMAuditConfig:IAMAuditConfig",
    "gcp:folder/iamAuditConfig:IamAuditConfig",
    "gcp:organizations/iamAuditConfig:IamAuditConfig",
  ],
  check: (props: Props<projects.IAMAuditConfigArgs>) => {
    const configs =
      (props.auditLogConfigs as { logType?: unknown; exemptedMembers?: unknown[] }[] | undefined) ?? [];
    const problems = configs
      .filter((c) => (c?.exemptedMembers ?? []).length > 0)
      .map((c) => `auditLogConfigs ${String(c.logType)} must have no exemptedMembers`);
    if (props.service === "allServices") {
      const types = new Set(configs.map((c) => String(c?.logType)));
      const missing = LOG_TYPES.filter((t) => !types.has(t));
      if (missing.length > 0)
        problems.push(`auditLogConfigs for allServices must include ${missing.join(", ")}`);
    }
    return problems;
  },
});
