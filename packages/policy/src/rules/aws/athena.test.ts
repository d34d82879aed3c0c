import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { athenaWorkgroupEncrypted } from "./athena";

const key = "arn:aws:kms:us-east-1:123456789012:key/k";
const workgroup = (configuration: Record<string, unknown> | undefined): KitResource => ({
  type: "aws:athena/workgroup:Workgroup",
  name: "analytics",
  props: { name: "analytics", ...(configuration ? { configuration } : {}) },
});
const encrypted = (encryptionConfiguration: Record<string, unknown>, rest: Record<string, unknown> = {}) =>
  workgroup({ resultConfiguration: { outputLocation: "s3://results/", encryptionConfiguration }, ...rest });

describeRule(athenaWorkgroupEncrypted, {
  baseline: hipaa,
  compliant: [
    encrypted({ encryptionOption: "SSE_KMS", kmsKeyArn: key }),
    encrypted({ encryptionOption: "CSE_KMS", kmsKeyArn: UNKNOWN }, { enforceWorkgroupConfiguration: true }),
  ],
  requirements: {
    "results-customer-key": {
      violating: [
        workgroup(undefined),
        encrypted({ encryptionOption: "SSE_S3" }),
        encrypted({ encryptionOption: "SSE_S3", kmsKeyArn: key }),
        encrypted({ encryptionOption: "SSE_KMS" }),
      ],
      unknown: [encrypted({ encryptionOption: UNKNOWN, kmsKeyArn: key })],
      decidedWhenUnknown: [encrypted({ encryptionOption: "SSE_KMS", kmsKeyArn: UNKNOWN })],
    },
    enforced: {
      violating: [
        encrypted({ encryptionOption: "SSE_KMS", kmsKeyArn: key }, { enforceWorkgroupConfiguration: false }),
      ],
      unknown: [
        encrypted(
          { encryptionOption: "SSE_KMS", kmsKeyArn: key },
          { enforceWorkgroupConfiguration: UNKNOWN },
        ),
      ],
    },
  },
});
