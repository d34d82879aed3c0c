/** AWS Secrets Manager rules (aws v7). */
import type * as secretsmanager from "@pulumi/aws/secretsmanager";
import { resourceRule, stackRule, type Props } from "../../rule";
import { allowedRegionsSetting, residencyFindings } from "../residency";
import { namesCustomerKey } from "./kms";

type Secret = Props<secretsmanager.SecretArgs>;
const SECRET = "aws:secretsmanager/secret:Secret";

export const secretsmanagerSecretEncrypted = resourceRule({
  id: "aws-secretsmanager-secret-encrypted",
  description: "Secrets are encrypted with a customer-managed KMS key",
  target: "aws",
  types: [SECRET],
  requirements: [
    {
      id: "customer-key",
      description:
        "The secret is encrypted with a customer-managed key (unset, the AWS-managed aws/secretsmanager key)",
      remediation: "Set kmsKeyId to a customer-managed KMS key (not alias/aws/secretsmanager).",
      check: (props: Secret) =>
        namesCustomerKey(props, "kmsKeyId") ? [] : ["kmsKeyId names no customer-managed key"],
    },
  ],
});

export const secretsmanagerSecretRotated = stackRule({
  id: "aws-secretsmanager-secret-rotated",
  description: "Secrets rotate automatically",
  target: "aws",
  types: [SECRET],
  requirements: [
    {
      id: "rotation",
      description: "A SecretRotation rotates the secret",
      remediation:
        "Add an aws.secretsmanager.SecretRotation whose secretId is the secret, with a rotation schedule.",
      // Joined through the rotation's secretId input (the engine's property dependency), which holds at preview.
      check: (_secret, context) =>
        context.stack.dependents("aws:secretsmanager/secretRotation:SecretRotation", "secretId").length > 0
          ? []
          : ["no SecretRotation (secretId) rotates this secret"],
    },
  ],
});

export const secretsmanagerSecretReplicaRegion = resourceRule({
  id: "aws-secretsmanager-secret-replica-region",
  description: "Secrets are replicated only to allowed regions",
  target: "aws",
  types: [SECRET],
  config: { allowedRegions: allowedRegionsSetting("aws") },
  requirements: [
    {
      id: "replica-region-allowed",
      description: "Every replicas[*].region is one of allowedRegions",
      remediation: "Keep only replicas whose region is one of allowedRegions.",
      check: (props: Secret, { config }) =>
        ((props.replicas as any[] | undefined) ?? []).flatMap((replica, i) =>
          residencyFindings("aws", `replicas[${i}].region`, replica?.region, config),
        ),
    },
  ],
});
