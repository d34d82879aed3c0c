import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { secretsmanagerSecretEncrypted, secretsmanagerSecretRotated } from "./secretsmanager";

const secret = (props: Record<string, unknown>): KitResource => ({
  type: "aws:secretsmanager/secret:Secret",
  name: "db-credentials",
  props: { kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k", ...props },
});

describeRule(secretsmanagerSecretEncrypted, {
  baseline: hipaa,
  compliant: [secret({}), secret({ kmsKeyId: "alias/phi-secrets" })],
  requirements: {
    "customer-key": {
      violating: [secret({ kmsKeyId: undefined }), secret({ kmsKeyId: "alias/aws/secretsmanager" })],
      unknown: [],
      decidedWhenUnknown: [secret({ kmsKeyId: UNKNOWN })],
    },
  },
});

const rotation = (
  dependsOn: string,
  type = "aws:secretsmanager/secretRotation:SecretRotation",
): KitResource => ({
  type,
  name: `rotation-${dependsOn}`,
  props: { secretId: UNKNOWN, rotationRules: { automaticallyAfterDays: 30 } },
  propertyDependencies: { secretId: [dependsOn] },
});

describeRule(secretsmanagerSecretRotated, {
  baseline: hipaa,
  compliant: [[secret({}), rotation("db-credentials")]],
  requirements: {
    rotation: {
      violating: [
        [secret({})],
        // A rotation of another secret.
        [secret({}), { ...secret({}), name: "other" }, rotation("other")],
        // Depending through another input, or another type, is not rotation.
        [
          secret({}),
          { ...rotation("db-credentials"), propertyDependencies: { rotationLambdaArn: ["db-credentials"] } },
        ],
        [secret({}), rotation("db-credentials", "aws:secretsmanager/secretVersion:SecretVersion")],
      ],
      unknown: [],
      decidedWhenUnknown: [[secret({ kmsKeyId: UNKNOWN }), rotation("db-credentials")]],
    },
  },
});
