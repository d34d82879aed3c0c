import { finra } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { recoveryVaultRecordsLock } from "./recoveryservices";

const RECORDS = { "data-classification": "finra-records" };
const vault = (security: Record<string, unknown> = {}, tags: unknown = RECORDS): KitResource => ({
  type: "azure-native:recoveryservices:Vault",
  name: "rsv",
  props: {
    resourceGroupName: UNKNOWN,
    sku: { name: "Standard" },
    tags,
    properties: {
      publicNetworkAccess: "Disabled",
      securitySettings: {
        immutabilitySettings: { state: "Locked" },
        softDeleteSettings: { softDeleteState: "AlwaysON", softDeleteRetentionPeriodInDays: 14 },
        ...security,
      },
    },
  },
});

describeRule(recoveryVaultRecordsLock, {
  baseline: finra,
  compliant: [vault()],
  requirements: {
    "immutability-locked": {
      violating: [
        vault({ immutabilitySettings: { state: "Unlocked" } }),
        vault({ immutabilitySettings: { state: "Disabled" } }),
        vault({ immutabilitySettings: undefined }),
      ],
      unknown: [vault({ immutabilitySettings: { state: UNKNOWN } })],
      decidedWhenUnknown: [
        vault({
          softDeleteSettings: { softDeleteState: "AlwaysON", softDeleteRetentionPeriodInDays: UNKNOWN },
        }),
      ],
      outOfScope: [vault({}, {}), vault({}, { "data-classification": "confidential" })],
    },
    "soft-delete-always-on": {
      violating: [
        vault({ softDeleteSettings: { softDeleteState: "Enabled" } }),
        vault({ softDeleteSettings: { softDeleteState: "Disabled" } }),
        // The dataprotection API's spelling is not this one's.
        vault({ softDeleteSettings: { softDeleteState: "AlwaysOn" } }),
        vault({ softDeleteSettings: { enhancedSecurityState: "AlwaysON" } }),
      ],
      unknown: [vault({ softDeleteSettings: { softDeleteState: UNKNOWN } })],
      outOfScope: [vault({ softDeleteSettings: undefined }, {})],
    },
  },
});
