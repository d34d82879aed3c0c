import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { bedrockAgentGuarded, bedrockResourceEncrypted } from "./bedrock";

const key = "arn:aws:kms:us-east-1:123456789012:key/k";
const model = (props: Record<string, unknown>): KitResource => ({
  type: "aws:bedrock/customModel:CustomModel",
  name: "triage-tuned",
  props: { baseModelIdentifier: "amazon.titan-text-express-v1", customModelKmsKeyId: key, ...props },
});
const agent = (props: Record<string, unknown>): KitResource => ({
  type: "aws:bedrock/agentAgent:AgentAgent",
  name: "intake",
  props: {
    agentName: "intake",
    foundationModel: "anthropic.claude-v2",
    customerEncryptionKeyArn: key,
    guardrailConfigurations: [{ guardrailIdentifier: "g-1", guardrailVersion: "1" }],
    ...props,
  },
});
const guardrail = (props: Record<string, unknown>): KitResource => ({
  type: "aws:bedrock/guardrail:Guardrail",
  name: "phi-mask",
  props: {
    name: "phi-mask",
    blockedInputMessaging: "no",
    blockedOutputsMessaging: "no",
    kmsKeyArn: key,
    ...props,
  },
});

describeRule(bedrockResourceEncrypted, {
  baseline: hipaa,
  compliant: [model({}), agent({}), guardrail({}), model({ customModelKmsKeyId: UNKNOWN })],
  requirements: {
    "customer-key": {
      violating: [
        model({ customModelKmsKeyId: undefined }),
        agent({ customerEncryptionKeyArn: undefined }),
        guardrail({ kmsKeyArn: undefined }),
        // Each type is judged on its own key input.
        model({ customModelKmsKeyId: undefined, kmsKeyArn: key }),
        agent({ customerEncryptionKeyArn: undefined, customModelKmsKeyId: key }),
        guardrail({ kmsKeyArn: undefined, customerEncryptionKeyArn: key }),
      ],
      unknown: [],
      decidedWhenUnknown: [agent({ customerEncryptionKeyArn: UNKNOWN }), guardrail({ kmsKeyArn: UNKNOWN })],
    },
  },
});

describeRule(bedrockAgentGuarded, {
  baseline: hipaa,
  compliant: [
    agent({}),
    agent({ guardrailConfigurations: [{ guardrailIdentifier: UNKNOWN, guardrailVersion: "1" }] }),
  ],
  requirements: {
    guardrail: {
      violating: [
        agent({ guardrailConfigurations: undefined }),
        agent({ guardrailConfigurations: [] }),
        agent({ guardrailConfigurations: [{ guardrailVersion: "1" }] }),
      ],
      unknown: [agent({ guardrailConfigurations: UNKNOWN })],
      decidedWhenUnknown: [agent({ guardrailConfigurations: [{ guardrailIdentifier: UNKNOWN }] })],
    },
  },
});
