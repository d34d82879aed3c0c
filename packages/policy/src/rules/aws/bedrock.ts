/** AWS Bedrock rules (aws v7): custom models, agents and guardrails. */
import type * as bedrock from "@pulumi/aws/bedrock";
import { resourceRule, type Props } from "../../rule";

const CUSTOM_MODEL = "aws:bedrock/customModel:CustomModel";
const AGENT = "aws:bedrock/agentAgent:AgentAgent";
const GUARDRAIL = "aws:bedrock/guardrail:Guardrail";

/** Each type's name for its customer-managed key input (unset, Bedrock uses an AWS-owned key). */
const KEY_FIELD: Record<string, string> = {
  [CUSTOM_MODEL]: "customModelKmsKeyId",
  [AGENT]: "customerEncryptionKeyArn",
  [GUARDRAIL]: "kmsKeyArn",
};

export const bedrockResourceEncrypted = resourceRule({
  id: "aws-bedrock-resource-encrypted",
  description: "Bedrock custom models, agents and guardrails are encrypted with a customer-managed KMS key",
  target: "aws",
  types: [CUSTOM_MODEL, AGENT, GUARDRAIL],
  requirements: [
    {
      id: "customer-key",
      description:
        "Model weights fine-tuned on ePHI, agent sessions and guardrail definitions are encrypted with a customer-managed key",
      remediation:
        "Set customModelKmsKeyId (CustomModel), customerEncryptionKeyArn (AgentAgent) or kmsKeyArn (Guardrail) to a customer-managed KMS key.",
      check: (
        props: Props<bedrock.CustomModelArgs & bedrock.AgentAgentArgs & bedrock.GuardrailArgs>,
        { type },
      ) => {
        const field = KEY_FIELD[type] ?? "";
        return field in props ? [] : [`${field} names no customer-managed key`];
      },
    },
  ],
});

export const bedrockAgentGuarded = resourceRule({
  id: "aws-bedrock-agent-guarded",
  description: "Bedrock agents answer through a guardrail",
  target: "aws",
  types: [AGENT],
  requirements: [
    {
      id: "guardrail",
      description: "A guardrail screens the agent's prompts and answers (e.g. to mask PHI)",
      remediation:
        "Set guardrailConfigurations [{ guardrailIdentifier, guardrailVersion }] to a Bedrock guardrail.",
      check: (props: Props<bedrock.AgentAgentArgs>) =>
        ((props.guardrailConfigurations as any[] | undefined) ?? []).some(
          (g) => "guardrailIdentifier" in (g ?? {}),
        )
          ? []
          : ["guardrailConfigurations names no guardrailIdentifier"],
    },
  ],
});
