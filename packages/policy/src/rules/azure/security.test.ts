import { gdpr } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { defenderBreachDetection } from "./security";

const resource = (type: string, name = type.split(":")[2]!): KitResource => ({
  type: `azure-native:${type}`,
  name,
  props: { resourceGroupName: UNKNOWN, location: "westeurope" },
});
const pricing = (pricingName: unknown, pricingTier: unknown = "Standard"): KitResource => ({
  type: "azure-native:security:Pricing",
  name: `plan-${String(pricingName)}`,
  props: { pricingName, pricingTier, scopeId: "subscriptions/00000000-0000-0000-0000-000000000000" },
});
const contact = (props: Record<string, unknown> = {}): KitResource => ({
  type: "azure-native:security:SecurityContact",
  name: "contact",
  props: {
    securityContactName: "default",
    emails: "security@example.com",
    isEnabled: true,
    notificationsSources: [{ sourceType: "Alert", minimalSeverity: "High" }],
    ...props,
  },
});
const account = resource("storage:StorageAccount");
const cluster = resource("containerservice:ManagedCluster");

describeRule(defenderBreachDetection, {
  baseline: gdpr,
  compliant: [
    [account, pricing("StorageAccounts"), contact()],
    [account, cluster, pricing("StorageAccounts"), pricing("containers", "standard"), contact()],
    // Nothing a plan covers: only the contact is needed.
    [resource("network:VirtualNetwork"), contact()],
  ],
  requirements: {
    "defender-plans": {
      violating: [
        [account, contact()],
        [account, pricing("StorageAccounts", "Free"), contact()],
        // One plan does not cover another kind.
        [account, cluster, pricing("StorageAccounts"), contact()],
        [resource("compute:VirtualMachine"), pricing("StorageAccounts"), contact()],
        // Only a Pricing enables a plan, whatever another resource's props say.
        [account, { ...pricing("StorageAccounts"), type: "azure-native:security:Assessment" }, contact()],
      ],
      unknown: [[account, pricing("StorageAccounts", UNKNOWN), contact()]],
      // A plan the stack does not need is not read.
      decidedWhenUnknown: [[account, pricing("StorageAccounts"), pricing("Api", UNKNOWN), contact()]],
      outOfScope: [{ resources: [account], config: { detectionManagedCentrally: true } }],
    },
    "security-contact": {
      violating: [
        [account, pricing("StorageAccounts")],
        [account, pricing("StorageAccounts"), contact({ isEnabled: false })],
        [account, pricing("StorageAccounts"), contact({ isEnabled: undefined })],
        [account, pricing("StorageAccounts"), contact({ emails: "" })],
        [account, pricing("StorageAccounts"), contact({ emails: "   " })],
        [account, pricing("StorageAccounts"), contact({ emails: ["security@example.com"] })],
        // Only a SecurityContact notifies, whatever another resource's props say.
        [account, pricing("StorageAccounts"), { ...contact(), type: "azure-native:security:Automation" }],
        [account, pricing("StorageAccounts"), contact({ notificationsSources: undefined })],
        [
          account,
          pricing("StorageAccounts"),
          contact({ notificationsSources: [{ sourceType: "AttackPath", minimalRiskLevel: "Critical" }] }),
        ],
      ],
      compliant: [
        [
          account,
          pricing("StorageAccounts"),
          contact({ notificationsSources: [null, { sourceType: "Alert" }] }),
        ],
      ],
      unknown: [[account, pricing("StorageAccounts"), contact({ isEnabled: UNKNOWN })]],
      outOfScope: [
        { resources: [resource("network:VirtualNetwork")], config: { detectionManagedCentrally: true } },
      ],
    },
  },
});
