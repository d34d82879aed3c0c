/** AWS Systems Manager rules (aws v7): Parameter Store. */
import type * as ssm from "@pulumi/aws/ssm";
import { resourceRule, type Props } from "../../rule";
import { namesCustomerKey } from "./kms";

type Parameter = Props<ssm.ParameterArgs>;

export const ssmParameterEncrypted = resourceRule({
  id: "aws-ssm-parameter-encrypted",
  description: "SecureString parameters are encrypted with a customer-managed KMS key",
  target: "aws",
  types: ["aws:ssm/parameter:Parameter"],
  requirements: [
    {
      id: "customer-key",
      description:
        "A SecureString is encrypted with a customer-managed key (unset, the AWS-managed aws/ssm key)",
      remediation: "Set keyId to a customer-managed KMS key (not alias/aws/ssm).",
      // String and StringList parameters are not encrypted at all; whether one holds a secret is not visible here.
      check: (props: Parameter) =>
        props.type !== "SecureString" || namesCustomerKey(props, "keyId")
          ? []
          : ["keyId names no customer-managed key"],
    },
  ],
});
