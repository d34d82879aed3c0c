import { gdpr, hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { logAnalyticsMaxRetention, logAnalyticsRetention } from "./operationalinsights";

const workspace = (retentionInDays?: unknown): KitResource => ({
  type: "azure-native:operationalinsights:Workspace",
  name: "ws",
  props: { resourceGroupName: UNKNOWN, ...(retentionInDays === undefined ? {} : { retentionInDays }) },
});
// Joined through property dependencies while the workspace's name is unknown.
const table = (props: Record<string, unknown>, name = "audit", target = "ws"): KitResource => ({
  type: "azure-native:operationalinsights:Table",
  name,
  props: { workspaceName: UNKNOWN, resourceGroupName: UNKNOWN, ...props },
  propertyDependencies: { workspaceName: [target] },
});

describeRule(logAnalyticsRetention, {
  baseline: hipaa,
  compliant: [
    [workspace(2192)],
    [workspace(90), table({ retentionInDays: 90, totalRetentionInDays: 2192 })],
    // A table that falls back (-1) to the workspace inherits its retention.
    [workspace(2192), table({ totalRetentionInDays: -1 })],
    [workspace(2192), table({ totalRetentionInDays: -1, retentionInDays: -1 })],
    [workspace(30), table({ totalRetentionInDays: -1, retentionInDays: 2192 })],
    { resources: [workspace(365)], config: { minRetentionDays: 365 } },
  ],
  requirements: {
    "table-retention": {
      violating: [
        [workspace(2192), table({ totalRetentionInDays: 2191 })],
        [
          workspace(2192),
          table({ totalRetentionInDays: 2192 }),
          table({ totalRetentionInDays: -1, retentionInDays: 730 }, "short"),
        ],
        // No workspace in the stack and no retention of its own: nothing says the data is kept.
        [
          table({ totalRetentionInDays: 2192 }, "long", "elsewhere"),
          table({ totalRetentionInDays: -1 }, "orphan", "elsewhere"),
        ],
      ],
      unknown: [[workspace(2192), table({ totalRetentionInDays: UNKNOWN })]],
    },
    "workspace-retention": {
      violating: [
        [workspace(90)],
        [workspace()],
        [workspace(2191)],
        { resources: [workspace(364)], config: { minRetentionDays: 365 } },
        // A table elsewhere does not keep this workspace's logs.
        [workspace(90), table({ totalRetentionInDays: 2192 }, "other", "other-ws")],
      ],
      unknown: [[workspace(UNKNOWN)]],
    },
  },
});

const pdWorkspace = (retentionInDays?: unknown, tags?: Record<string, string>): KitResource => ({
  ...workspace(retentionInDays),
  props: { ...workspace(retentionInDays).props, ...(tags ? { tags } : {}) },
});

describeRule(logAnalyticsMaxRetention, {
  baseline: gdpr,
  compliant: [
    [pdWorkspace(365)],
    // Unset: Azure's default of 30 days.
    [pdWorkspace()],
    [pdWorkspace(90), table({ retentionInDays: 90, totalRetentionInDays: 2192 })],
    [pdWorkspace(90), table({ totalRetentionInDays: -1, retentionInDays: -1 })],
    { resources: [pdWorkspace(90), table({ totalRetentionInDays: 180 })], config: { maxRetentionDays: 180 } },
  ],
  requirements: {
    "workspace-retention": {
      violating: [
        [pdWorkspace(2193)],
        { resources: [pdWorkspace(365)], config: { maxRetentionDays: 180 } },
        // The default exceeds a maximum under 30 days.
        { resources: [pdWorkspace()], config: { maxRetentionDays: 7 } },
      ],
      unknown: [[pdWorkspace(UNKNOWN)]],
      outOfScope: [
        [pdWorkspace(4000, { "data-classification": "finra-records" })],
        { resources: [pdWorkspace(4000)], config: { judgeUnclassified: false } },
      ],
    },
    "table-retention": {
      violating: [
        [pdWorkspace(90), table({ totalRetentionInDays: 4383 })],
        [pdWorkspace(90), table({ totalRetentionInDays: -1, retentionInDays: 3000 })],
        // A table elsewhere with its own retention is still judged.
        [table({ totalRetentionInDays: 4383 }, "long", "elsewhere")],
      ],
      unknown: [[pdWorkspace(90), table({ totalRetentionInDays: UNKNOWN })]],
      outOfScope: [
        [
          table({ totalRetentionInDays: 4383 }, "logs", "elsewhere"),
          { ...pdWorkspace(4000, { "data-classification": "public" }), name: "elsewhere" },
        ],
        // Its retention is the workspace's, which this stack does not hold.
        [table({ totalRetentionInDays: -1 }, "orphan", "elsewhere")],
      ],
    },
  },
});
