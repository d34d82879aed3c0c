import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { ssmParameterEncrypted } from "./ssm";

const parameter = (props: Record<string, unknown>): KitResource => ({
  type: "aws:ssm/parameter:Parameter",
  name: "db-password",
  props: {
    type: "SecureString",
    value: "hunter2-secret",
    keyId: "arn:aws:kms:us-east-1:123456789012:key/k",
    ...props,
  },
});

describeRule(ssmParameterEncrypted, {
  baseline: hipaa,
  compliant: [
    parameter({}),
    parameter({ keyId: "alias/phi-params" }),
    // Not a SecureString: not judged.
    parameter({ type: "String", keyId: undefined }),
    parameter({ type: "StringList", keyId: undefined }),
  ],
  requirements: {
    "customer-key": {
      violating: [parameter({ keyId: undefined }), parameter({ keyId: "alias/aws/ssm" })],
      unknown: [parameter({ type: UNKNOWN, keyId: undefined })],
      decidedWhenUnknown: [parameter({ keyId: UNKNOWN })],
    },
  },
});
