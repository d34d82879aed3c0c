/** Azure Key Vault rules (azure-native v3 keyvault, API 2024-11-01; monitor for diagnostic settings). */
import type { PolicyResource } from "@pulumi/policy";
import type * as keyvault from "@pulumi/azure-native/keyvault";
import { Duration } from "luxon";
import { baselineSetting, resourceRule, stackRule, type Props } from "../../rule";

const VAULT = "azure-native:keyvault:Vault";

/** A vault's settings all sit under `properties`. */
const vaultProperties = (props: Props<keyvault.VaultArgs>): Record<string, any> => props.properties ?? {};

export const vaultProtected = resourceRule({
  id: "azure-keyvault-vault-protected",
  description:
    "Key vaults keep soft delete and purge protection, authorize data actions with RBAC and refuse public networks",
  target: "azure",
  types: [VAULT],
  requirements: [
    {
      id: "soft-delete",
      description: "Deleted keys and secrets can be recovered (soft delete)",
      remediation: "Leave properties.enableSoftDelete unset or true.",
      check: (props) =>
        vaultProperties(props).enableSoftDelete === false ? ["properties.enableSoftDelete is false"] : [],
    },
    {
      id: "purge-protection",
      description: "Deleted keys cannot be purged before their retention ends",
      remediation: "Set properties.enablePurgeProtection: true (it cannot be turned off again).",
      check: (props) =>
        vaultProperties(props).enablePurgeProtection === true
          ? []
          : ["properties.enablePurgeProtection is not true"],
    },
    {
      id: "rbac-authorization",
      description: "Data actions are authorized by Azure RBAC, not access policies",
      remediation: "Set properties.enableRbacAuthorization: true and grant Key Vault roles.",
      check: (props) =>
        vaultProperties(props).enableRbacAuthorization === true
          ? []
          : ["properties.enableRbacAuthorization is not true"],
    },
    {
      id: "public-network-denied",
      description:
        "Public networks are refused, by disabling public access or by a firewall that denies by default",
      remediation:
        'Set properties.publicNetworkAccess "disabled", or properties.networkAcls.defaultAction "Deny".',
      check: (props) => {
        const p = vaultProperties(props);
        // publicNetworkAccess "disabled" overrides the firewall, so the ACLs need not be read then.
        if (String(p.publicNetworkAccess).toLowerCase() === "disabled") return [];
        return p.networkAcls?.defaultAction === "Deny"
          ? []
          : [
              "properties.networkAcls.defaultAction does not deny, and properties.publicNetworkAccess is not disabled",
            ];
      },
    },
  ],
});

/** Days in an ISO 8601 duration (Luxon's conversion: a year is 365 days, a month 30), or undefined. */
function durationDays(value: unknown): number | undefined {
  const duration = Duration.fromISO(String(value));
  if (!duration.isValid) return undefined;
  const days = duration.as("days");
  return days > 0 ? days : undefined;
}

/**
 * How often a Rotate lifetime action rotates, in days: `trigger.timeAfterCreate`, or the key's expiry
 * (`rotationPolicy.attributes.expiryTime`) less `trigger.timeBeforeExpiry`; a reason when it cannot say.
 */
function rotationDays(action: any, policy: any, path: string): number | string {
  const trigger = action?.trigger ?? {};
  if (trigger.timeAfterCreate !== undefined)
    return (
      durationDays(trigger.timeAfterCreate) ??
      `${path}.trigger.timeAfterCreate is not a positive ISO 8601 duration such as P90D or P1Y`
    );
  if (trigger.timeBeforeExpiry === undefined)
    return `${path}.trigger sets neither timeAfterCreate nor timeBeforeExpiry`;
  // Read only here: an unknown expiry must not make a timeAfterCreate trigger undetermined.
  const expiry = policy?.attributes?.expiryTime;
  if (expiry === undefined)
    return `${path}.trigger.timeBeforeExpiry needs properties.rotationPolicy.attributes.expiryTime`;
  const expiryDays = durationDays(expiry);
  const beforeDays = durationDays(trigger.timeBeforeExpiry);
  if (expiryDays === undefined)
    return "properties.rotationPolicy.attributes.expiryTime is not a positive ISO 8601 duration";
  if (beforeDays === undefined) return `${path}.trigger.timeBeforeExpiry is not a positive ISO 8601 duration`;
  return expiryDays - beforeDays;
}

const rotateActions = (props: Props<keyvault.KeyArgs>) =>
  ((props.properties?.rotationPolicy?.lifetimeActions as unknown[] | undefined) ?? [])
    .map((action: any, i) => ({ action, path: `properties.rotationPolicy.lifetimeActions[${i}]` }))
    .filter(({ action }) => String(action?.action?.type).toLowerCase() === "rotate");

/** Key Vault keys are create-only in azure-native (ARM createIfNotExist): the policy must be right at creation. */
export const keyRotation = resourceRule({
  id: "azure-keyvault-key-rotation",
  description: "Key Vault keys rotate automatically, at least as often as the baseline requires",
  target: "azure",
  types: ["azure-native:keyvault:Key"],
  config: { maxKeyRotationDays: baselineSetting("maxKeyRotationDays", { type: "integer", minimum: 7 }) },
  requirements: [
    {
      id: "rotate-action",
      description: "The key's rotation policy has a Rotate lifetime action",
      remediation:
        'Give properties.rotationPolicy a lifetimeActions entry with action.type "rotate" (a Notify action alone rotates nothing).',
      check: (props) =>
        rotateActions(props).length > 0
          ? []
          : ["properties.rotationPolicy.lifetimeActions has no Rotate action"],
    },
    {
      id: "rotation-period",
      description: "A Rotate action rotates within maxKeyRotationDays",
      remediation:
        "Set the Rotate action's trigger.timeAfterCreate to an ISO 8601 duration of at most maxKeyRotationDays (P1Y is 365 days).",
      check: (props, { config }) => {
        const rotations = rotateActions(props);
        const max = Number(config.maxKeyRotationDays);
        const policy = props.properties?.rotationPolicy;
        const periods = rotations.map(({ action, path }) => rotationDays(action, policy, path));
        // No Rotate action at all is the rotate-action requirement's finding.
        if (periods.length === 0 || periods.some((d) => typeof d === "number" && d <= max)) return [];
        return periods.map((d, i) =>
          typeof d === "string" ? d : `${rotations[i]!.path} rotates later than maxKeyRotationDays ${max}`,
        );
      },
    },
  ],
});

/** Key Vault's audit log: the AuditEvent category, or the audit / allLogs category groups. */
function logsAudit(setting: PolicyResource): boolean {
  return ((setting.props.logs as any[] | undefined) ?? []).some(
    (log) =>
      log?.enabled === true &&
      (String(log.category).toLowerCase() === "auditevent" ||
        ["audit", "alllogs"].includes(String(log.categoryGroup).toLowerCase())),
  );
}

export const vaultDiagnosticSettings = stackRule({
  id: "azure-keyvault-vault-diagnostic-settings",
  description: "Every key vault sends its audit log (AuditEvent) to a diagnostic setting",
  target: "azure",
  types: [VAULT],
  requirements: [
    {
      id: "audit-log",
      description:
        "A DiagnosticSetting on the vault logs AuditEvent (or the audit or allLogs category group)",
      remediation:
        'Add a monitor DiagnosticSetting whose resourceUri is the vault, with logs [{ categoryGroup: "audit", enabled: true }] and a Log Analytics workspace.',
      check: (_vault, context) =>
        context.stack.dependents("azure-native:monitor:DiagnosticSetting", "resourceUri").some(logsAudit)
          ? []
          : ["no DiagnosticSetting (resourceUri) sends the vault's audit log"],
    },
  ],
});
