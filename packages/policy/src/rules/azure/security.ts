/**
 * Microsoft Defender for Cloud rules (azure-native v3 security: Pricing API 2024-01-01, SecurityContact API
 * 2023-12-01-preview): breach detection and notification for GDPR Art. 33/34. Both are subscription
 * settings, so they are judged once per stack; an organisation that manages them centrally says so with
 * `detectionManagedCentrally`, and the requirements are then out of scope rather than passed.
 */
import type { PolicyResource } from "@pulumi/policy";
import { everyResourceOf, stackRule, type StackContext } from "../../rule";
import { DETECTION_MANAGED_CENTRALLY_SETTING, detectionManagedElsewhere } from "../scope";

const PRICING = "azure-native:security:Pricing";
const SECURITY_CONTACT = "azure-native:security:SecurityContact";

/**
 * The Defender plan (Pricing `pricingName`) that covers each kind of resource, with the plan's name as
 * Microsoft calls it (Defender for Cloud pricings API; plan names as PSRule for Azure and the CIS Azure
 * benchmark use them).
 */
const PLANS: readonly { plan: string; label: string; types: readonly string[] }[] = [
  {
    plan: "VirtualMachines",
    label: "Servers",
    types: ["azure-native:compute:VirtualMachine", "azure-native:compute:VirtualMachineScaleSet"],
  },
  { plan: "StorageAccounts", label: "Storage", types: ["azure-native:storage:StorageAccount"] },
  { plan: "KeyVaults", label: "Key Vault", types: ["azure-native:keyvault:Vault"] },
  {
    plan: "Containers",
    label: "Containers",
    types: ["azure-native:containerservice:ManagedCluster", "azure-native:containerregistry:Registry"],
  },
  {
    plan: "SqlServers",
    label: "Azure SQL Databases",
    types: ["azure-native:sql:Server", "azure-native:sql:ManagedInstance"],
  },
  {
    plan: "OpenSourceRelationalDatabases",
    label: "open-source relational databases",
    types: ["azure-native:dbforpostgresql:Server", "azure-native:dbformysql:Server"],
  },
  { plan: "CosmosDbs", label: "Azure Cosmos DB", types: ["azure-native:cosmosdb:DatabaseAccount"] },
  { plan: "AppServices", label: "App Service", types: ["azure-native:web:WebApp"] },
];

const ofType = (context: StackContext, type: string): PolicyResource[] =>
  context.stack.resources.filter((r) => r.type === type);

const managedElsewhere = (_props: unknown, context: StackContext) =>
  detectionManagedElsewhere(context.config);

export const defenderBreachDetection = stackRule({
  id: "azure-security-subscription-breach-detection",
  description:
    "Microsoft Defender for Cloud watches the stack's resources and notifies a security contact of alerts",
  target: "azure",
  types: [everyResourceOf("azure-native")],
  config: { detectionManagedCentrally: DETECTION_MANAGED_CENTRALLY_SETTING },
  requirements: [
    {
      id: "defender-plans",
      description:
        "For each kind of resource the stack holds that a Defender plan covers, a Pricing enables that plan (pricingTier Standard)",
      remediation: `Add a Pricing per plan (pricingName ${PLANS.map((p) => p.plan).join(", ")}) with pricingTier "Standard" and scopeId the subscription, or set detectionManagedCentrally.`,
      perStack: true,
      outOfScope: managedElsewhere,
      check: (_props, context) => {
        const types = new Set(context.stack.resources.map((r) => r.type));
        const needed = PLANS.filter((p) => p.types.some((t) => types.has(t)));
        // Names first: a plan the stack does not need is never read further.
        const pricings = ofType(context, PRICING);
        const enabled = (plan: string) =>
          pricings.some(
            (p) =>
              String(p.props.pricingName).toLowerCase() === plan.toLowerCase() &&
              String(p.props.pricingTier).toLowerCase() === "standard",
          );
        return needed
          .filter((p) => !enabled(p.plan))
          .map(
            (p) =>
              `no Pricing enables Defender for ${p.label} (pricingName, pricingTier Standard), which the stack's resources need`,
          );
      },
    },
    {
      id: "security-contact",
      description:
        "A SecurityContact is enabled, names emails and is notified of alerts (notificationsSources has an Alert source)",
      remediation:
        'Add a SecurityContact with emails, isEnabled: true and notificationsSources [{ sourceType: "Alert", minimalSeverity: "High" }] (or lower), or set detectionManagedCentrally.',
      perStack: true,
      outOfScope: managedElsewhere,
      check: (_props, context) =>
        ofType(context, SECURITY_CONTACT).some(
          (c) =>
            c.props.isEnabled === true &&
            typeof c.props.emails === "string" &&
            c.props.emails.trim().length > 0 &&
            ((c.props.notificationsSources as { sourceType?: unknown }[] | undefined) ?? []).some(
              (s) => s?.sourceType === "Alert",
            ),
        )
          ? []
          : ["no SecurityContact sets isEnabled true, emails and an Alert source in notificationsSources"],
    },
  ],
});
