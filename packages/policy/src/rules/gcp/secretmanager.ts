/** Secret Manager rules (gcp v9 secretmanager): where a secret's replicas are kept. */
import type * as secretmanager from "@pulumi/gcp/secretmanager";
import { resourceRule, type Props } from "../../rule";
import { allowedRegionsSetting } from "../residency";
import { locationFindings } from "./residency";

type Secret = Props<secretmanager.SecretArgs>;

/**
 * A global secret takes no location: its replicas are where `replication` says. `auto` replication
 * lets Google choose the regions, so only user-managed replicas in allowed regions keep a secret in
 * them (regional secrets, `gcp:secretmanager/regionalSecret:RegionalSecret`, are judged by residency).
 */
export const secretmanagerSecretReplicaLocations = resourceRule({
  id: "gcp-secretmanager-secret-replica-locations",
  description: "Secret Manager secrets are replicated only to allowed regions",
  target: "gcp",
  types: ["gcp:secretmanager/secret:Secret"],
  config: { allowedRegions: allowedRegionsSetting("gcp") },
  requirements: [
    {
      id: "user-managed-replicas",
      description:
        "replication.userManaged.replicas[].location names only allowed regions (automatic replication lets Google choose the regions)",
      remediation:
        "Replace replication.auto with replication.userManaged, its replicas in regions of allowedRegions.",
      check: (props: Secret, { config }) => {
        const replicas: unknown = props.replication?.userManaged?.replicas;
        if (!Array.isArray(replicas) || replicas.length === 0)
          return config.allowedRegions === "any"
            ? []
            : [
                "replication.userManaged.replicas is not set, so Google chooses where the secret is replicated",
              ];
        return replicas.flatMap((r: { location?: unknown }, i) =>
          locationFindings(`replication.userManaged.replicas[${i}].location`, r?.location, config),
        );
      },
    },
  ],
});
