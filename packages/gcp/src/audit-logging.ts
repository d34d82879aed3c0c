import * as pulumi from "@pulumi/pulumi";
import { ProjectBucketConfig, ProjectSink } from "@pulumi/gcp/logging";
import { IAMAuditConfig, IAMMember } from "@pulumi/gcp/projects";
import type { CryptoKeyIAMMember } from "@pulumi/gcp/kms";
import {
  childName,
  resolveIrreversibleLock,
  shape,
  validateArgs,
  warnUnlocked,
  type ArgsSchema,
  type ProblemCollector,
} from "@palisade/core";
import { GcpChildren } from "./children";
import {
  checkKeyId,
  checkMember,
  encryptionKeyNames,
  serviceKey,
  type EncryptionKey,
} from "./encryption-key";
import { checkChildNames, GCP_NAME_RULES, type NamedChild } from "./names";
import { checkProjectNumber, serviceAgentMember } from "./service-agents";
import {
  GCP_COMPONENT_SCHEMA,
  LOG_BUCKET_RETENTION_DAYS,
  resolveGcpSettings,
  type GcpComponentArgs,
} from "./settings";

export interface AuditLoggingArgs extends GcpComponentArgs {
  /**
   * The project's number, for the Cloud Logging service agent's email
   * (`service-<number>@gcp-sa-logging.iam.gserviceaccount.com`), granted the key before the log bucket
   * uses it.
   * @default none: required unless `loggingServiceAgent` is given
   */
  projectNumber?: string;
  /**
   * The Cloud Logging service agent as an IAM member (`serviceAccount:<email>`), e.g. from
   * `logging.getProjectCmekSettingsOutput()`'s `serviceAccountId`.
   * @default built from `projectNumber`
   */
  loggingServiceAgent?: pulumi.Input<string>;
  /** Id of an existing Cloud KMS key in the component's region. @default a new EncryptionKey owned by this component */
  kmsKeyId?: pulumi.Input<string>;
  /** Log bucket id, unique in the project and region. Forces replacement when changed. @default `<name>-audit-logs` */
  logBucketId?: string;
  /** Days the log bucket keeps entries (1-3650). @default 365, or the baseline's audit-log retention */
  retentionDays?: number;
  /**
   * Lock the log bucket: its retention can then never be changed and it can only be deleted empty.
   * Needs `acknowledgeIrreversibleLock: true`.
   * @default false; when the baseline requires compliance-mode WORM (FINRA), locked by
   * `acknowledgeIrreversibleLock: true` alone, and otherwise built unlocked with a warning
   */
  lock?: boolean;
  /**
   * Confirms that `lock` is irreversible. Under a baseline that requires compliance-mode WORM (FINRA) it
   * alone locks the log bucket unless `lock` is false.
   * @default false
   */
  acknowledgeIrreversibleLock?: boolean;
  /** Which entries the sink routes to the bucket. @default every Cloud Audit Logs entry of the project */
  filter?: string;
}

const TYPE = "palisade:gcp:AuditLogging";
/** Every Cloud Audit Logs stream: admin activity, data access, system event and policy denied. */
export const AUDIT_LOG_FILTER = 'logName:"/logs/cloudaudit.googleapis.com%2F"';
export const AUDIT_LOG_TYPES = ["ADMIN_READ", "DATA_READ", "DATA_WRITE"] as const;

/**
 * Data Access audit logs on for every service (ADMIN_READ, DATA_READ, DATA_WRITE), and every audit log
 * routed by a project sink, under its own writer identity, to a CMEK log bucket in the component's region
 * that keeps entries as long as the baseline requires. The log bucket is retained on delete; the audit
 * configuration, sink and grants are its guards, retained with it.
 */
export class AuditLogging extends pulumi.ComponentResource {
  readonly auditConfig: IAMAuditConfig;
  readonly logBucket: ProjectBucketConfig;
  readonly sink: ProjectSink;
  readonly logBucketName: pulumi.Output<string>;
  readonly writerIdentity: pulumi.Output<string>;
  readonly kmsKeyId: pulumi.Output<string>;
  /** The key this component created, when no `kmsKeyId` was given. */
  readonly encryptionKey?: EncryptionKey;
  readonly keyGrant: CryptoKeyIAMMember;

  constructor(name: string, args: AuditLoggingArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    const s = validateAuditLoggingArgs(name, args);
    super(TYPE, name, {}, opts);
    warnUnlocked(this, s.lock);
    const children = new GcpChildren(this, s.settings);
    const { project, region } = s.settings;

    this.auditConfig = children.create(
      IAMAuditConfig,
      childName(name, "all-services"),
      { project: true },
      { service: "allServices", auditLogConfigs: AUDIT_LOG_TYPES.map((logType) => ({ logType })) },
      { role: "guard" },
    );

    const agent = args.loggingServiceAgent ?? serviceAgentMember("logging", args.projectNumber ?? "");
    ({
      keyId: this.kmsKeyId,
      encryptionKey: this.encryptionKey,
      keyGrant: this.keyGrant,
    } = serviceKey(children, name, "logging-agent", agent, args.kmsKeyId));

    this.logBucket = children.create(
      ProjectBucketConfig,
      childName(name, "log-bucket"),
      { project: true, location: true },
      {
        bucketId: s.logBucketId,
        description: `Audit logs routed by Palisade AuditLogging ${name}`,
        retentionDays: s.retentionDays,
        locked: s.lock.locked,
        cmekSettings: { kmsKeyName: this.kmsKeyId },
        deletionPolicy: s.settings.protection.retainOnDelete ? "PREVENT" : "DELETE",
      },
      // Cloud Logging checks the agent's access to the key when the bucket is created.
      { role: "data", dependsOn: [this.keyGrant] },
    );

    const bucketPath = `locations/${region}/buckets/${s.logBucketId}`;
    this.sink = children.create(
      ProjectSink,
      childName(name, "sink"),
      { project: true },
      {
        destination: `logging.googleapis.com/projects/${project}/${bucketPath}`,
        filter: s.filter,
        uniqueWriterIdentity: true,
        description: `Routes audit logs to ${s.logBucketId}`,
      },
      { role: "guard", dependsOn: [this.logBucket] },
    );
    // The sink's own identity may write to this log bucket only.
    children.create(
      IAMMember,
      childName(name, "sink-writer"),
      { project: true },
      {
        role: "roles/logging.bucketWriter",
        member: this.sink.writerIdentity,
        condition: {
          title: `write-${s.logBucketId}`.slice(0, 100),
          description: "Palisade: the audit sink writes to its log bucket only",
          expression: `resource.name.endsWith("${bucketPath}")`,
        },
      },
      { role: "guard" },
    );

    this.logBucketName = this.logBucket.name;
    this.writerIdentity = this.sink.writerIdentity;
    this.registerOutputs({
      logBucketName: this.logBucketName,
      writerIdentity: this.writerIdentity,
      kmsKeyId: this.kmsKeyId,
    });
  }
}

export const AUDIT_LOGGING_SCHEMA: ArgsSchema = shape.object({
  ...GCP_COMPONENT_SCHEMA,
  projectNumber: shape.string('must be the project\'s number, e.g. "123456789012"'),
  loggingServiceAgent: shape.input(
    shape.string("must be an IAM member such as serviceAccount:<email>"),
    "must be the Cloud Logging service agent as an IAM member, or an Output of one",
  ),
  kmsKeyId: shape.input(
    shape.string("must be a Cloud KMS key id"),
    "must be a Cloud KMS key id or an Output of one",
  ),
  logBucketId: shape.string("must be a Cloud Logging bucket id"),
  retentionDays: shape.integer("must be a whole number of days"),
  lock: shape.boolean(),
  acknowledgeIrreversibleLock: shape.boolean(),
  filter: shape.string("must be a Cloud Logging filter"),
});

/** The names an AuditLogging derives from its component name, checked before anything is registered. */
export function auditLoggingNames(name: string, args: AuditLoggingArgs): NamedChild[] {
  const names: NamedChild[] = [
    { type: "gcp:logging/projectSink:ProjectSink", name: childName(name, "sink") },
  ];
  if (args.logBucketId === undefined)
    names.push({
      type: "gcp:logging/projectBucketConfig:ProjectBucketConfig",
      name: childName(name, "log-bucket"),
      inputs: { bucketId: childName(name, "audit-logs") },
    });
  if (args.kmsKeyId === undefined) names.push(...encryptionKeyNames(childName(name, "kms")));
  return names;
}

function checkAuditLoggingArgs(problems: ProblemCollector, name: string, args: AuditLoggingArgs) {
  const settings = resolveGcpSettings(problems, name, args);
  const baseline = args.baseline;
  if (args.loggingServiceAgent === undefined)
    checkProjectNumber(problems, "projectNumber", args.projectNumber);
  else checkMember(problems, "loggingServiceAgent", args.loggingServiceAgent);
  checkKeyId(problems, "kmsKeyId", args.kmsKeyId, settings.region);

  const logBucketId = args.logBucketId ?? childName(name, "audit-logs");
  if (args.logBucketId !== undefined) {
    const rule = GCP_NAME_RULES["gcp:logging/projectBucketConfig:ProjectBucketConfig"]!;
    problems.require(
      args.logBucketId.length <= rule.maxLength && rule.pattern.test(args.logBucketId),
      "logBucketId",
      args.logBucketId,
      `must be a Cloud Logging bucket id: ${rule.describe}`,
    );
  }
  checkChildNames(problems, "name", name, auditLoggingNames(name, args));

  const minimum = settings.logRetentionDays;
  const retentionDays = args.retentionDays ?? Math.min(minimum, LOG_BUCKET_RETENTION_DAYS.max);
  problems.require(
    Number.isInteger(retentionDays) &&
      retentionDays >= minimum &&
      retentionDays <= LOG_BUCKET_RETENTION_DAYS.max,
    "retentionDays",
    args.retentionDays,
    `must be a whole number of days from ${minimum} to ${LOG_BUCKET_RETENTION_DAYS.max}${baseline ? ` (${baseline.auditLogRetentionDays.citation})` : ""}`,
  );

  const lock = resolveIrreversibleLock(problems, {
    path: "lock",
    lock: args.lock,
    acknowledged: args.acknowledgeIrreversibleLock,
    consequence:
      "a locked log bucket's retention can never be changed and the bucket can only be deleted empty",
    worm: baseline?.recordWorm,
  });
  const filter = args.filter ?? AUDIT_LOG_FILTER;
  problems.require(
    filter.trim().length > 0 && filter.length <= 20_000,
    "filter",
    args.filter,
    "must be a non-empty Cloud Logging filter of at most 20,000 characters (an empty filter routes every log)",
  );
  return { settings, logBucketId, retentionDays, lock, filter };
}

function validateAuditLoggingArgs(name: string, args: AuditLoggingArgs) {
  return validateArgs(`${TYPE} "${name}"`, AUDIT_LOGGING_SCHEMA, args, (problems, a: AuditLoggingArgs) =>
    checkAuditLoggingArgs(problems, name, a),
  );
}
