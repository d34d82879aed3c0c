/** AWS CloudTrail rules (aws v7). */
import type { PolicyResource } from "@pulumi/policy";
import type * as cloudtrail from "@pulumi/aws/cloudtrail";
import { matchesType, resourceRule, stackRule, type Props, type StackContext } from "../../rule";
import { known } from "../../unknowns";
import { RECORD_RETENTION_SETTINGS } from "../scope";
import { BUCKETS, stackBucket, wormFindings } from "./s3";

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

/**
 * The buckets of the stack a trail delivers its logs to: those its s3BucketName depends on (directly, or
 * through a bucket's config such as the BucketPolicy a trail waits for), or (known) the one of that name. Throws when the name is unknown and depends on no bucket, or when a bucket's
 * own name is unknown and may be it.
 */
function logBuckets(context: StackContext): PolicyResource[] | undefined {
  const dependencies = context.stack.dependencies("s3BucketName");
  const direct = dependencies.filter((r) => matchesType(BUCKETS, r.type));
  if (direct.length > 0) return direct;
  const viaConfig = dependencies
    .flatMap((r) => r.propertyDependencies.bucket ?? [])
    .filter((r) => matchesType(BUCKETS, r.type));
  if (viaConfig.length > 0) return viaConfig;
  const name = context.stack.subject.props.s3BucketName;
  const buckets = context.stack.resources.filter((r) => matchesType(BUCKETS, r.type));
  const names = buckets.map((b) => ({ bucket: b, name: known(() => b.props.bucket) }));
  const match = names.filter((n) => n.name.known && n.name.value === name).map((n) => n.bucket);
  if (match.length > 0) return match;
  for (const n of names) if (!n.name.known) throw n.name.error;
  return undefined;
}

export const cloudTrailLogWorm = stackRule({
  id: "aws-cloudtrail-trail-log-worm",
  description:
    "CloudTrail writes its logs (the audit trail of records) to a WORM bucket: COMPLIANCE-mode Object Lock for at least recordRetentionDays, versioned",
  target: "aws",
  types: ["aws:cloudtrail/trail:Trail"],
  config: { recordRetentionDays: RECORD_RETENTION_SETTINGS.recordRetentionDays! },
  requirements: [
    {
      id: "log-bucket-worm",
      description:
        "The bucket named by s3BucketName is in this stack and is WORM: Object Lock in COMPLIANCE mode with a default retention of at least recordRetentionDays, and versioning Enabled",
      remediation:
        "Deliver the trail to a Bucket declared in this stack with objectLockEnabled: true, a BucketObjectLockConfiguration in COMPLIANCE mode for at least recordRetentionDays and a BucketVersioning Enabled; for a log archive bucket managed elsewhere, exempt the finding and name where its lock is attested.",
      check: (_trail, context) => {
        const buckets = logBuckets(context);
        if (!buckets)
          return ["s3BucketName names no bucket in this stack, so its WORM protection cannot be shown"];
        const required = {
          days: Number(context.config.recordRetentionDays),
          source: `recordRetentionDays (${Number(context.config.recordRetentionDays)} days)`,
        };
        return buckets.flatMap((b) =>
          wormFindings(stackBucket(b, context, "s3BucketName's Bucket: "), required),
        );
      },
    },
  ],
});
