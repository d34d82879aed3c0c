import { gdpr, hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import {
  secretsmanagerSecretEncrypted,
  secretsmanagerSecretReplicaRegion,
  secretsmanagerSecretRotated,
} from "./secretsmanager";

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

describeRule(secretsmanagerSecretReplicaRegion, {
  baseline: gdpr,
  compliant: [
    secret({}),
    secret({ replicas: [{ region: "eu-central-1", kmsKeyId: UNKNOWN }, { region: "eu-south-2" }] }),
  ],
  requirements: {
    "replica-region-allowed": {
      violating: [
        secret({ replicas: [{ region: "eu-central-1" }, { region: "us-east-1" }] }),
        secret({ replicas: [{ region: "eu-central-2" }] }),
        secret({ replicas: [{}] }),
      ],
      compliant: [
        { resources: [secret({ replicas: [{ region: "us-east-1" }] })], config: { allowedRegions: "any" } },
      ],
      unknown: [secret({ replicas: [{ region: UNKNOWN }] }), secret({ replicas: UNKNOWN })],
    },
  },
});
