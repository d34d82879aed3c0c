/**
 * Azure built-in roles Palisade assigns, by their fixed ids, and the one way a component assigns one:
 * {@link grantRole}, scoped to the single resource that needs it (a key, a subnet), never a subscription.
 * Ids from https://learn.microsoft.com/en-us/azure/role-based-access-control/built-in-roles.
 */
import type * as pulumi from "@pulumi/pulumi";
import { RoleAssignment } from "@pulumi/azure-native/authorization";
import type { AzureChildren } from "./children";

export const BUILT_IN_ROLES = {
  /** Wrap and unwrap with a key: what a disk encryption set, storage account or Event Hub uses a key for. */
  "Key Vault Crypto Service Encryption User": "e147488a-f6f5-4113-8e2d-b22465e65bf6",
  /** Release an exportable key under its release policy: what the Confidential VM Orchestrator needs. */
  "Key Vault Crypto Service Release User": "08bbd89e-9f13-488c-ac41-acfcb10c90ab",
  /** Encrypt and decrypt with a key: what AKS's KMS plugin needs on the secrets key. */
  "Key Vault Crypto User": "12338af0-0e69-4776-bea7-57ae8d297424",
  /** Join a subnet and manage its IP configurations: what AKS needs on its API server and node subnets. */
  "Network Contributor": "4d97b98b-1d4f-4787-a291-c67834d212e7",
  /** Assign a user-assigned identity to a resource: what AKS's control plane needs over the kubelet identity. */
  "Managed Identity Operator": "f1a07417-d97a-45cb-824c-7a7467783830",
} as const;

export type BuiltInRole = keyof typeof BUILT_IN_ROLES;

/** The role definition id ARM takes: the built-in role's id under the deploying subscription. */
export function roleDefinitionId(subscriptionId: string, role: BuiltInRole): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES[role]}`;
}

export interface RoleGrant {
  role: BuiltInRole;
  /** The object id of the identity granted the role. */
  principalId: pulumi.Input<string>;
  /** Entra ID's kind of principal; set so ARM need not look it up (which fails for identities just created). */
  principalType: "ServicePrincipal" | "User" | "Group";
  /** The one resource the role applies to. */
  scope: pulumi.Input<string>;
  dependsOn?: pulumi.Input<pulumi.Input<pulumi.Resource>[]>;
}

/**
 * Assigns `grant.role` to a principal on one resource. A guard: retained whenever the component's data
 * is, so a retained key is never left unusable by the disks and accounts it encrypts.
 */
export function grantRole(children: AzureChildren, name: string, grant: RoleGrant): RoleAssignment {
  return children.create(
    RoleAssignment,
    name,
    {},
    {
      principalId: grant.principalId,
      principalType: grant.principalType,
      roleDefinitionId: children.clientConfig.apply((c) => roleDefinitionId(c.subscriptionId, grant.role)),
      scope: grant.scope,
    },
    { role: "guard", dependsOn: grant.dependsOn },
  );
}
