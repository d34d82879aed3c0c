import * as pulumi from "@pulumi/pulumi";
import { Alias, Key } from "@pulumi/aws/kms";
import { childName, dataResourceOptions, validate, type DataProtectionArgs } from "@palisade/core";
import { accountContext, type AccountContext } from "./account";
import { policyDocument, type PolicyStatement } from "./policy-document";
import {
  resolveRegion,
  keyRotationDays,
  SECURE_DEFAULTS,
  checkDataProtection,
  type BaselineArgs,
} from "./settings";
import { resolveTags, type TaggingArgs } from "./tags";

export interface EncryptionKeyArgs extends BaselineArgs, TaggingArgs {
  /** What the key protects; shown in the KMS console. @default "Palisade customer-managed key <name>" */
  description?: string;
  /** Alias name, `alias/...`. @default `alias/<component name>` */
  alias?: string;
  /** IAM principals (role ARNs) allowed to encrypt, decrypt and create grants for AWS resources. @default none */
  usagePrincipals?: pulumi.Input<string>[];
  /**
   * AWS service principals allowed to use the key directly, limited to this account
   * (e.g. `cloudtrail.amazonaws.com`, `logs.<region>.amazonaws.com`). @default none
   */
  servicePrincipals?: string[];
  /**
   * Services through which any principal of this account may use the key (`kms:ViaService`), e.g. `s3`,
   * `ec2`. IAM must still allow the caller. @default none
   */
  viaServices?: string[];
  /** Principals that administer (but cannot use) the key. @default the account root */
  administrators?: pulumi.Input<string>[];
  /** Days between automatic rotations, 90-2560. @default 365, or less when the baseline requires it */
  rotationPeriodInDays?: number;
  /** Waiting period before a scheduled deletion, 7-30 days. @default 30, the KMS maximum */
  deletionWindowInDays?: number;
  /** Create a multi-Region primary key. Forces replacement when changed. @default false */
  multiRegion?: boolean;
  /** Region for `viaServices` conditions. @default the stack's `aws:region` */
  region?: string;
  dataProtection?: DataProtectionArgs;
}

const TYPE = "palisade:aws:EncryptionKey";
const USE_ACTIONS = [
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:ReEncrypt*",
  "kms:GenerateDataKey*",
  "kms:DescribeKey",
];
const ADMIN_ACTIONS = [
  "kms:Create*",
  "kms:Describe*",
  "kms:Enable*",
  "kms:List*",
  "kms:Put*",
  "kms:Update*",
  "kms:Revoke*",
  "kms:Disable*",
  "kms:Get*",
  "kms:Delete*",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
  "kms:RotateKeyOnDemand",
];

/**
 * A KMS customer-managed key: rotation on, the longest deletion window, an alias, and a key policy that
 * separates administration from use and grants use only to the principals and services named.
 */
export class EncryptionKey extends pulumi.ComponentResource {
  readonly key: Key;
  readonly arn: pulumi.Output<string>;
  readonly keyId: pulumi.Output<string>;
  readonly aliasName: string;

  constructor(name: string, args: EncryptionKeyArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    const settings = validateEncryptionKeyArgs(name, args);
    super(TYPE, name, {}, opts);

    const account = accountContext(this);
    const statements: PolicyStatement[] = [
      {
        Sid: "AccountAdministration",
        Effect: "Allow",
        Principal: { AWS: args.administrators ?? [account.rootArn] },
        Action: ADMIN_ACTIONS,
        Resource: "*",
      },
    ];
    if (args.usagePrincipals?.length) {
      statements.push(
        {
          Sid: "PrincipalUse",
          Effect: "Allow",
          Principal: { AWS: args.usagePrincipals },
          Action: USE_ACTIONS,
          Resource: "*",
        },
        {
          Sid: "PrincipalGrantsForAwsResources",
          Effect: "Allow",
          Principal: { AWS: args.usagePrincipals },
          Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
          Resource: "*",
          Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
        },
      );
    }
    for (const service of args.servicePrincipals ?? []) {
      statements.push({
        Sid: `UseBy${service.split(".")[0]?.replace(/[^a-zA-Z0-9]/g, "") ?? ""}Service`,
        Effect: "Allow",
        Principal: { Service: service },
        Action: USE_ACTIONS,
        Resource: "*",
        Condition: serviceCondition(service, account),
      });
    }
    if (args.viaServices?.length) {
      statements.push({
        Sid: "UseThroughAwsServices",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: [...USE_ACTIONS, "kms:CreateGrant"],
        Resource: "*",
        Condition: {
          StringEquals: {
            "kms:CallerAccount": account.accountId,
            "kms:ViaService": args.viaServices.map((s) => `${s}.${String(settings.region)}.amazonaws.com`),
          },
        },
      });
    }

    this.key = new Key(
      childName(name, "key"),
      {
        description: args.description ?? `Palisade customer-managed key ${name}`,
        enableKeyRotation: true,
        rotationPeriodInDays: settings.rotationPeriodInDays,
        deletionWindowInDays: settings.deletionWindowInDays,
        multiRegion: args.multiRegion ?? false,
        policy: policyDocument(statements),
        tags: settings.tags,
      },
      dataResourceOptions(this, settings.protection),
    );
    this.aliasName = settings.alias;
    new Alias(
      childName(name, "alias"),
      { name: settings.alias, targetKeyId: this.key.keyId },
      { parent: this },
    );
    this.arn = this.key.arn;
    this.keyId = this.key.keyId;
    this.registerOutputs({ arn: this.arn, keyId: this.keyId, aliasName: this.aliasName });
  }
}

/**
 * Pins a service's use of the key to this account. CloudWatch Logs and CloudTrail state the resource in
 * the encryption context; other services set aws:SourceAccount.
 */
function serviceCondition(
  service: string,
  account: AccountContext,
): NonNullable<PolicyStatement["Condition"]> {
  if (service.startsWith("logs.")) {
    return {
      ArnLike: {
        "kms:EncryptionContext:aws:logs:arn": pulumi.interpolate`arn:${account.partition}:logs:${service.split(".")[1] ?? "*"}:${account.accountId}:log-group:*`,
      },
    };
  }
  if (service === "cloudtrail.amazonaws.com") {
    return {
      StringLike: {
        "kms:EncryptionContext:aws:cloudtrail:arn": pulumi.interpolate`arn:${account.partition}:cloudtrail:*:${account.accountId}:trail/*`,
      },
    };
  }
  return { StringEquals: { "aws:SourceAccount": account.accountId } };
}

/**
 * A key owned by another component: it inherits that component's baseline, compliance tags and data
 * protection, so a bucket's or a cluster's key is never weaker than the thing it protects.
 */
export function ownedKey(
  parent: pulumi.Resource,
  name: string,
  owner: BaselineArgs & TaggingArgs & { dataProtection?: DataProtectionArgs },
  key: EncryptionKeyArgs,
): EncryptionKey {
  const inherited: EncryptionKeyArgs = {
    baseline: owner.baseline,
    compliance: owner.compliance,
    tags: owner.tags,
    dataProtection: owner.dataProtection,
  };
  return new EncryptionKey(name, { ...inherited, ...key }, { parent });
}

function validateEncryptionKeyArgs(name: string, args: EncryptionKeyArgs) {
  return validate(`${TYPE} "${name}"`, (problems) => {
    const baseline = args.baseline;
    const maxRotation = baseline?.maxKeyRotationDays.value ?? 2560;
    const rotationPeriodInDays = args.rotationPeriodInDays ?? keyRotationDays(baseline);
    problems.require(
      Number.isInteger(rotationPeriodInDays) &&
        rotationPeriodInDays >= 90 &&
        rotationPeriodInDays <= Math.min(2560, maxRotation),
      "rotationPeriodInDays",
      args.rotationPeriodInDays,
      `must be a whole number of days from 90 to ${Math.min(2560, maxRotation)}${baseline ? ` (${baseline.maxKeyRotationDays.citation})` : ""}`,
    );
    const minWindow = Math.max(7, baseline?.minKeyDeletionWindowDays.value ?? 7);
    const deletionWindowInDays = args.deletionWindowInDays ?? SECURE_DEFAULTS.keyDeletionWindowDays;
    problems.require(
      Number.isInteger(deletionWindowInDays) &&
        deletionWindowInDays >= minWindow &&
        deletionWindowInDays <= 30,
      "deletionWindowInDays",
      args.deletionWindowInDays,
      `must be a whole number of days from ${minWindow} to 30${baseline && minWindow > 7 ? ` (${baseline.minKeyDeletionWindowDays.citation})` : ""}`,
    );
    const alias = args.alias ?? `alias/${name}`;
    problems.require(
      /^alias\/[a-zA-Z0-9/_-]{1,250}$/.test(alias) && !alias.startsWith("alias/aws/"),
      "alias",
      alias,
      'must be "alias/" followed by 1-250 letters, digits, "/", "_" or "-", and not start with the reserved "alias/aws/"',
    );
    (args.servicePrincipals ?? []).forEach((service, i) =>
      problems.require(
        /^[a-z0-9.-]+\.amazonaws\.com$/.test(service),
        `servicePrincipals[${i}]`,
        service,
        "must be an AWS service principal such as cloudtrail.amazonaws.com",
      ),
    );
    (args.viaServices ?? []).forEach((service, i) =>
      problems.require(
        /^[a-z0-9-]+$/.test(service),
        `viaServices[${i}]`,
        service,
        'must be a service prefix such as "s3" or "ec2"',
      ),
    );
    const region = resolveRegion(
      problems,
      args,
      args.viaServices?.length
        ? "must be set (or aws:region configured) when viaServices is used"
        : undefined,
    );
    problems.require(
      args.usagePrincipals === undefined || args.usagePrincipals.length > 0,
      "usagePrincipals",
      args.usagePrincipals,
      "must name at least one principal when given (omit it to grant no principal use)",
    );
    const protection = checkDataProtection(problems, args);
    const tags = resolveTags(problems, args);
    return { rotationPeriodInDays, deletionWindowInDays, alias, region, protection, tags };
  });
}
