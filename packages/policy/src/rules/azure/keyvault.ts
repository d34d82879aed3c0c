/** Azure Key Vault rules (azure-native v3 keyvault, API 2024-11-01). */
import type * as keyvault from "@pulumi/azure-native/keyvault";
import { Duration } from "luxon";
import { resourceRule, type Props } from "../../rule";

export const vaultProtected = resourceRule({
  id: "azure-keyvault-vault-protected",
  description:
    "Key vaults keep soft delete and purge protection, authorize data actions with RBAC and refuse public networks",
  target: "azure",
  types: ["azure-native:keyvault:Vault"],
  check: (props: Props<keyvault.VaultArgs>) => {
    const p: Record<string, any> = props.properties ?? {};
    const findings: string[] = [];
    if (p.enableSoftDelete === false) findings.push("properties.enableSoftDelete must not be false");
    if (p.enablePurgeProtection !== true) findings.push("properties.enablePurgeProtection must be true");
    if (p.enableRbacAuthorization !== true) findings.push("properties.enableRbacAuthorization must be true");
    // publicNetworkAccess "disabled" overrides the firewall rules, so the ACLs need not be read then.
    const publicDisabled = String(p.publicNetworkAccess).toLowerCase() === "disabled";
    if (!publicDisabled && p.networkAcls?.defaultAction !== "Deny")
      findings.push(
        'properties.networkAcls.defaultAction must be "Deny" (or properties.publicNetworkAccess "disabled")',
      );
    return findings;
  },
});

/** Days in an ISO 8601 duration (Luxon's conversion: a year is 365 days, a month 30), or an error message. */
function durationDays(value: unknown, path: string): number | string {
  const duration = Duration.fromISO(String(value));
  if (!duration.isValid) return `${path} "${String(value)}" is not an ISO 8601 duration such as P90D or P1Y`;
  const days = duration.as("days");
  return days > 0 ? days : `${path} "${String(value)}" must be a positive duration`;
}

/**
 * How often a Rotate lifetime action rotates: `trigger.timeAfterCreate`, or the key's expiry
 * (`rotationPolicy.attributes.expiryTime`) less `trigger.timeBeforeExpiry`.
 */
function rotationDays(action: any, policy: any, path: string): number | string {
  const trigger = action?.trigger ?? {};
  if (trigger.timeAfterCreate !== undefined)
    return durationDays(trigger.timeAfterCreate, `${path}.trigger.timeAfterCreate`);
  // Read only here: an unknown expiry must not make a timeAfterCreate trigger undetermined.
  const expiryTime = trigger.timeBeforeExpiry === undefined ? undefined : policy?.attributes?.expiryTime;
  if (trigger.timeBeforeExpiry !== undefined && expiryTime !== undefined) {
    const expiry = durationDays(expiryTime, "properties.rotationPolicy.attributes.expiryTime");
    const before = durationDays(trigger.timeBeforeExpiry, `${path}.trigger.timeBeforeExpiry`);
    if (typeof expiry === "string") return expiry;
    if (typeof before === "string") return before;
    return expiry - before;
  }
  return `${path}.trigger must set timeAfterCreate (or timeBeforeExpiry with rotationPolicy.attributes.expiryTime)`;
}

/** Key Vault keys are create-only in azure-native (ARM createIfNotExist): the policy must be right at creation. */
export const keyRotation = (maxRotationDays: number) =>
  resourceRule({
    id: "azure-keyvault-key-rotation",
    description: "Key Vault keys rotate automatically, at least as often as the baseline requires",
    target: "azure",
    types: ["azure-native:keyvault:Key"],
    config: { maxKeyRotationDays: { type: "integer", minimum: 7, default: maxRotationDays } },
    check: (props: Props<keyvault.KeyArgs>, _args, config) => {
      const policy = props.properties?.rotationPolicy;
      const actions = (policy?.lifetimeActions as unknown[] | undefined) ?? [];
      const rotations = actions
        .map((action: any, i) => ({ action, path: `properties.rotationPolicy.lifetimeActions[${i}]` }))
        .filter(({ action }) => String(action?.action?.type).toLowerCase() === "rotate");
      if (rotations.length === 0)
        return ["properties.rotationPolicy.lifetimeActions must include a Rotate action"];
      const max = Number(config.maxKeyRotationDays);
      const periods = rotations.map(({ action, path }) => rotationDays(action, policy, path));
      if (periods.some((d) => typeof d === "number" && d <= max)) return [];
      return periods.map((d, i) =>
        typeof d === "string"
          ? d
          : `${rotations[i]!.path} rotates after ${d} days, more than maxKeyRotationDays ${max}`,
      );
    },
  });
