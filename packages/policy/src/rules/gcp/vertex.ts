/**
 * Vertex AI rules (gcp v9 vertex): customer keys on the resources that hold data or models, and private
 * prediction endpoints. Vertex AI encrypts with Google-managed keys and serves endpoints publicly unless
 * told otherwise.
 */
import type * as vertex from "@pulumi/gcp/vertex";
import { resourceRule, type Props } from "../../rule";

const ENCRYPTED = [
  "gcp:vertex/aiDataset:AiDataset",
  "gcp:vertex/aiEndpoint:AiEndpoint",
  "gcp:vertex/aiFeatureOnlineStore:AiFeatureOnlineStore",
  "gcp:vertex/aiFeatureStore:AiFeatureStore",
  "gcp:vertex/aiIndex:AiIndex",
  "gcp:vertex/aiIndexEndpoint:AiIndexEndpoint",
  "gcp:vertex/aiMetadataStore:AiMetadataStore",
  "gcp:vertex/aiPersistentResource:AiPersistentResource",
  "gcp:vertex/aiReasoningEngine:AiReasoningEngine",
  "gcp:vertex/aiTensorboard:AiTensorboard",
];
const ENDPOINT = "gcp:vertex/aiEndpoint:AiEndpoint";
const INDEX_ENDPOINT = "gcp:vertex/aiIndexEndpoint:AiIndexEndpoint";

export const vertexCmek = resourceRule({
  id: "gcp-vertex-ai-resource-cmek",
  description:
    "Vertex AI datasets, endpoints, feature stores, indexes, metadata stores, training clusters, agents and TensorBoards use a Cloud KMS key",
  target: "gcp",
  types: ENCRYPTED,
  requirements: [
    {
      id: "customer-key",
      description: "encryptionSpec.kmsKeyName names a Cloud KMS key (the default is a Google-managed key)",
      remediation:
        "Set encryptionSpec.kmsKeyName to a Cloud KMS key in the resource's region, and grant the Vertex AI service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on it.",
      check: (props) =>
        "kmsKeyName" in (props.encryptionSpec ?? {})
          ? []
          : ["encryptionSpec.kmsKeyName names no Cloud KMS key"],
    },
  ],
});

export const vertexEndpointPrivate = resourceRule({
  id: "gcp-vertex-ai-endpoint-private",
  description: "Vertex AI prediction and vector search endpoints are reachable only from private networks",
  target: "gcp",
  types: [ENDPOINT, INDEX_ENDPOINT],
  requirements: [
    {
      id: "private-endpoint",
      description:
        "The endpoint is peered to a VPC network (network) or served through Private Service Connect, not on the public endpoint (the default)",
      remediation:
        "Set network (VPC peering) or privateServiceConnectConfig.enablePrivateServiceConnect: true; on index endpoints leave publicEndpointEnabled unset.",
      check: (props, { type }) => {
        if (
          type === INDEX_ENDPOINT &&
          (props as Props<vertex.AiIndexEndpointArgs>).publicEndpointEnabled === true
        )
          return ["publicEndpointEnabled is true"];
        return "network" in props || props.privateServiceConnectConfig?.enablePrivateServiceConnect === true
          ? []
          : ["the endpoint has no network or Private Service Connect, so it is served publicly"];
      },
    },
  ],
});
