/** AWS CloudTrail rules (aws v7). */
import type * as cloudtrail from "@pulumi/aws/cloudtrail";
import { resourceRule, type Props } from "../../rule";

type Trail = Props<cloudtrail.TrailArgs>;

export const cloudTrailSecure = resourceRule({
  id: "aws-cloudtrail-trail-secure",
  description: "CloudTrail records every region, validates log files and encrypts with a customer key",
  target: "aws",
  types: ["aws:cloudtrail/trail:Trail"],
  requirements: [
    {
      id: "multi-region",
      description: "The trail records every region",
      remediation: "Set isMultiRegionTrail: true (Palisade's AuditTrail does).",
      check: (props: Trail) => (props.isMultiRegionTrail === true ? [] : ["isMultiRegionTrail is not true"]),
    },
    {
      id: "log-file-validation",
      description: "Log files carry integrity digests",
      remediation: "Set enableLogFileValidation: true.",
      check: (props: Trail) =>
        props.enableLogFileValidation === true ? [] : ["enableLogFileValidation is not true"],
    },
    {
      id: "global-service-events",
      description: "Events of global services (IAM, STS, CloudFront) are recorded",
      remediation: "Leave includeGlobalServiceEvents unset or true.",
      check: (props: Trail) =>
        props.includeGlobalServiceEvents === false ? ["includeGlobalServiceEvents is false"] : [],
    },
    {
      id: "logging-enabled",
      description: "The trail is logging",
      remediation: "Leave enableLogging unset or true.",
      check: (props: Trail) => (props.enableLogging === false ? ["enableLogging is false"] : []),
    },
    {
      id: "customer-key",
      description: "Log files are encrypted with a customer-managed KMS key",
      remediation: "Set kmsKeyId to a customer-managed KMS key.",
      // Present is enough: a key created in the same update is unknown at preview, and `in` does not read it.
      check: (props: Trail) => ("kmsKeyId" in props ? [] : ["kmsKeyId names no customer-managed key"]),
    },
  ],
});
