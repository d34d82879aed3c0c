import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { vertexCmek, vertexEndpointPrivate } from "./vertex";

const KEY = "projects/p/locations/us-central1/keyRings/r/cryptoKeys/k";
const KINDS = [
  "aiDataset:AiDataset",
  "aiEndpoint:AiEndpoint",
  "aiFeatureOnlineStore:AiFeatureOnlineStore",
  "aiFeatureStore:AiFeatureStore",
  "aiIndex:AiIndex",
  "aiIndexEndpoint:AiIndexEndpoint",
  "aiMetadataStore:AiMetadataStore",
  "aiPersistentResource:AiPersistentResource",
  "aiReasoningEngine:AiReasoningEngine",
  "aiTensorboard:AiTensorboard",
];
const resource = (kind: string, props: Record<string, unknown>): KitResource => ({
  type: `gcp:vertex/${kind}`,
  name: "ai",
  props: { region: "us-central1", ...props },
});

describeRule(vertexCmek, {
  baseline: hipaa,
  compliant: [
    ...KINDS.map((kind) => resource(kind, { encryptionSpec: { kmsKeyName: KEY } })),
    resource("aiDataset:AiDataset", { encryptionSpec: { kmsKeyName: UNKNOWN } }),
  ],
  requirements: {
    "customer-key": {
      violating: [
        ...KINDS.map((kind) => resource(kind, {})),
        resource("aiMetadataStore:AiMetadataStore", { encryptionSpec: {} }),
      ],
      unknown: [resource("aiEndpoint:AiEndpoint", { encryptionSpec: UNKNOWN })],
      decidedWhenUnknown: [
        resource("aiTensorboard:AiTensorboard", { encryptionSpec: { kmsKeyName: UNKNOWN } }),
      ],
    },
  },
});

const endpoint = (props: Record<string, unknown>) => resource("aiEndpoint:AiEndpoint", props);
const indexEndpoint = (props: Record<string, unknown>) => resource("aiIndexEndpoint:AiIndexEndpoint", props);
const psc = { privateServiceConnectConfig: { enablePrivateServiceConnect: true, projectAllowlists: ["p"] } };

describeRule(vertexEndpointPrivate, {
  baseline: hipaa,
  compliant: [
    endpoint({ network: "projects/1/global/networks/n" }),
    endpoint(psc),
    endpoint({ network: UNKNOWN }),
    indexEndpoint({ network: "projects/1/global/networks/n", publicEndpointEnabled: false }),
    indexEndpoint(psc),
  ],
  requirements: {
    "private-endpoint": {
      violating: [
        endpoint({}),
        endpoint({ privateServiceConnectConfig: { enablePrivateServiceConnect: false } }),
        indexEndpoint({}),
        indexEndpoint({ publicEndpointEnabled: true }),
        indexEndpoint({ ...psc, publicEndpointEnabled: true }),
      ],
      unknown: [
        endpoint({ privateServiceConnectConfig: UNKNOWN }),
        indexEndpoint({ publicEndpointEnabled: UNKNOWN, network: "n" }),
      ],
    },
  },
});
