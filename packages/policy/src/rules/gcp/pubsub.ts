/**
 * Pub/Sub rules (gcp v9 pubsub): customer-managed encryption keys (the default is a Google-managed key),
 * and where messages are stored and served.
 */
import type * as pubsub from "@pulumi/gcp/pubsub";
import { resourceRule, type Props } from "../../rule";
import { allowedRegionsSetting } from "../residency";
import { locationFindings } from "./residency";

type Topic = Props<pubsub.TopicArgs>;

export const pubsubTopicCmek = resourceRule({
  id: "gcp-pubsub-topic-cmek",
  description: "Pub/Sub topics encrypt messages with a Cloud KMS key",
  target: "gcp",
  types: ["gcp:pubsub/topic:Topic"],
  requirements: [
    {
      id: "customer-key",
      description: "kmsKeyName names a Cloud KMS key",
      remediation:
        "Set kmsKeyName to a Cloud KMS key, and grant the Pub/Sub service agent encrypt/decrypt on it.",
      check: (props: Topic) => ("kmsKeyName" in props ? [] : ["kmsKeyName names no Cloud KMS key"]),
    },
  ],
});

/**
 * Where Pub/Sub keeps a topic's messages. A topic has no location: without a message storage policy
 * Google may persist messages in any region (the project's or organisation's resource-location policy
 * aside, which a stack cannot see), and only `enforceInTransit` keeps publishing and subscribing in
 * the allowed regions as well.
 */
export const pubsubTopicMessageStorage = resourceRule({
  id: "gcp-pubsub-topic-message-storage",
  description: "Pub/Sub topics persist and serve messages only in allowed regions",
  target: "gcp",
  types: ["gcp:pubsub/topic:Topic"],
  config: { allowedRegions: allowedRegionsSetting("gcp") },
  requirements: [
    {
      id: "persistence-regions",
      description:
        "messageStoragePolicy.allowedPersistenceRegions is set and names only allowed regions (unset, messages may be persisted in any region)",
      remediation: "Set messageStoragePolicy.allowedPersistenceRegions to regions in allowedRegions.",
      check: (props: Topic, { config }) => {
        const regions: unknown = props.messageStoragePolicy?.allowedPersistenceRegions;
        if (!Array.isArray(regions) || regions.length === 0)
          return config.allowedRegions === "any"
            ? []
            : [
                "messageStoragePolicy.allowedPersistenceRegions is not set, so messages may be persisted in any region",
              ];
        return regions.flatMap((r, i) =>
          locationFindings(`messageStoragePolicy.allowedPersistenceRegions[${i}]`, r, config),
        );
      },
    },
    {
      id: "enforce-in-transit",
      description:
        "messageStoragePolicy.enforceInTransit is true, so publish and subscribe calls outside the allowed persistence regions fail",
      remediation: "Set messageStoragePolicy.enforceInTransit: true.",
      outOfScope: (_props: Topic, { config }) =>
        config.allowedRegions === "any" ? 'allowedRegions is "any": every region is allowed' : undefined,
      check: (props: Topic) =>
        props.messageStoragePolicy?.enforceInTransit === true
          ? []
          : ["messageStoragePolicy.enforceInTransit is not true"],
    },
  ],
});
