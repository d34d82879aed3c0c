/**
 * Settings flow by construction: for every component, each child's resource group, location, tags, key
 * rotation, log retention and retain flags come from the component's resolved settings. And the child
 * names and types are pinned: renaming a child replaces a real resource (a vault or key can only be
 * soft-deleted, and its name stays taken while purge protection holds it), so a rename must ship with
 * `aliases`, and this snapshot makes sure it cannot happen by accident.
 */
import * as pulumi from "@pulumi/pulumi";
import { customizeBaseline, gdpr, hipaa, mergeBaselines } from "@palisade/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Registration } from "@palisade/core/test-support";
import { isValidPhysicalName, physicalName } from "./names";
import { azureStack, COMPONENT_CASES, isAzure } from "./test-support";

const GROUP = "rg-phi-eu";
const LOCATION = "swedencentral";
const baseline = customizeBaseline(
  mergeBaselines(hipaa, gdpr),
  { maxKeyRotationDays: 180 },
  "keys rotate twice a year by our key-management policy",
);
const compliance = {
  frameworks: ["hipaa", "gdpr"],
  dataClassification: "phi",
  owner: "ml-platform",
} as const;

type Key = "resourceGroupName" | "location" | "tags";
/**
 * Which settings each Azure type takes, from its Args in azure-native 3.28.0: every type created must be
 * listed. `global` and `elsewhere` mark the two children Azure places outside the component's scope.
 */
const SCOPES: Record<string, readonly (Key | "location:global" | "resourceGroupName:elsewhere")[]> = {
  "azure-native:keyvault:Vault": ["resourceGroupName", "location", "tags"],
  // A key lives in its vault's resource group, wherever the component creating it is.
  "azure-native:keyvault:Key": ["resourceGroupName:elsewhere", "tags"],
  "azure-native:monitor:DiagnosticSetting": [],
  "azure-native:network:PrivateEndpoint": ["resourceGroupName", "location", "tags"],
  "azure-native:network:PrivateDnsZoneGroup": ["resourceGroupName"],
  "azure-native:authorization:RoleAssignment": [],
  "azure-native:compute:DiskEncryptionSet": ["resourceGroupName", "location", "tags"],
  "azure-native:compute:Disk": ["resourceGroupName", "location", "tags"],
  "azure-native:compute:VirtualMachine": ["resourceGroupName", "location", "tags"],
  "azure-native:compute:VirtualMachineExtension": ["resourceGroupName", "location", "tags"],
  "azure-native:network:NetworkInterface": ["resourceGroupName", "location", "tags"],
  "azure-native:network:VirtualNetwork": ["resourceGroupName", "location", "tags"],
  "azure-native:network:Subnet": ["resourceGroupName"],
  "azure-native:network:NetworkSecurityGroup": ["resourceGroupName", "location", "tags"],
  "azure-native:network:NatGateway": ["resourceGroupName", "location", "tags"],
  "azure-native:network:PublicIPAddress": ["resourceGroupName", "location", "tags"],
  // A VNet flow log belongs to the region's Network Watcher, in the watcher's resource group.
  "azure-native:network:FlowLog": ["resourceGroupName:elsewhere", "location", "tags"],
  // Private DNS zones are global resources.
  "azure-native:privatedns:PrivateZone": ["resourceGroupName", "location:global", "tags"],
  "azure-native:privatedns:VirtualNetworkLink": ["resourceGroupName", "location:global", "tags"],
  "azure-native:managedidentity:UserAssignedIdentity": ["resourceGroupName", "location", "tags"],
  "azure-native:containerservice:ManagedCluster": ["resourceGroupName", "location", "tags"],
  "azure-native:containerservice:AgentPool": ["resourceGroupName"],
  "azure-native:storage:StorageAccount": ["resourceGroupName", "location", "tags"],
  "azure-native:storage:BlobServiceProperties": ["resourceGroupName"],
  "azure-native:storage:ManagementPolicy": ["resourceGroupName"],
  "azure-native:storage:BlobContainer": ["resourceGroupName"],
  "azure-native:operationalinsights:Workspace": ["resourceGroupName", "location", "tags"],
  "azure-native:operationalinsights:Table": ["resourceGroupName"],
  "azure-native:monitor:SubscriptionDiagnosticSetting": [],
};
const DATA = new Set([
  "azure-native:keyvault:Vault",
  "azure-native:keyvault:Key",
  "azure-native:compute:DiskEncryptionSet",
  "azure-native:compute:Disk",
  // Its OS disk is part of it; deleted on its own, the VM detaches the disk rather than deleting it.
  "azure-native:compute:VirtualMachine",
  "azure-native:storage:StorageAccount",
  "azure-native:storage:BlobContainer",
  "azure-native:operationalinsights:Workspace",
  "azure-native:operationalinsights:Table",
]);
/** What guards the data: retained with it, so a destroy never leaves retained data unguarded or unaudited. */
const GUARDS = new Set([
  "azure-native:monitor:DiagnosticSetting",
  "azure-native:authorization:RoleAssignment",
  "azure-native:network:FlowLog",
  "azure-native:monitor:SubscriptionDiagnosticSetting",
  "azure-native:storage:BlobServiceProperties",
  "azure-native:storage:ManagementPolicy",
]);
/** An identity that holds a retained account's key access is a guard; AKS's go with their cluster. */
const IDENTITY = "azure-native:managedidentity:UserAssignedIdentity";
const DISPOSABLE_IDENTITIES = new Set<string>(["ZeroTrustAksCluster"]);
/**
 * What holds no data of its own, deleted with the stack: network plumbing, a cluster (its secrets' key
 * and node disks' encryption set are retained) and the identities of what is deleted with it.
 */
const DISPOSABLE = new Set([
  "azure-native:network:PrivateEndpoint",
  "azure-native:network:PrivateDnsZoneGroup",
  "azure-native:network:NetworkInterface",
  "azure-native:network:VirtualNetwork",
  "azure-native:network:Subnet",
  "azure-native:network:NetworkSecurityGroup",
  "azure-native:network:NatGateway",
  "azure-native:network:PublicIPAddress",
  "azure-native:privatedns:PrivateZone",
  "azure-native:privatedns:VirtualNetworkLink",
  "azure-native:compute:VirtualMachineExtension",
  "azure-native:containerservice:ManagedCluster",
  "azure-native:containerservice:AgentPool",
  "pulumi:providers:kubernetes",
]);

/** Components that create no data-bearing child at all. */
const HOLDS_NO_DATA = new Set<string>([]);

/** What the GDPR half of the baseline asks beyond a case's args: every store expires (Art. 5(1)(e)). */
const UNDER_GDPR: Partial<Record<keyof typeof COMPONENT_CASES, Record<string, unknown>>> = {
  EncryptedStorageAccount: { lifecycle: { deleteAfterDays: 3650 } },
};

function argsFor(name: keyof typeof COMPONENT_CASES, extra: Record<string, unknown> = {}) {
  return {
    ...COMPONENT_CASES[name].args,
    ...UNDER_GDPR[name],
    baseline,
    compliance,
    resourceGroupName: GROUP,
    location: LOCATION,
    ...extra,
  };
}

afterEach(() => vi.restoreAllMocks());

describe.each(Object.keys(COMPONENT_CASES) as (keyof typeof COMPONENT_CASES)[])("%s", (name) => {
  const component = COMPONENT_CASES[name];
  const identityGuards = !DISPOSABLE_IDENTITIES.has(name);
  const isGuard = (r: Registration) => GUARDS.has(r.type) || (r.type === IDENTITY && identityGuards);
  const isDisposable = (r: Registration) =>
    DISPOSABLE.has(r.type) || (r.type === IDENTITY && !identityGuards);

  it("gives every child the component's resource group, location and tags, and nothing it lacks", async () => {
    const stack = await azureStack();
    component.build("comp", argsFor(name));
    await stack.settle();
    const children = stack.registrations.filter((r) => r.custom && isAzure(r.type));
    expect(children.length).toBeGreaterThan(0);
    for (const child of children) {
      const scope = SCOPES[child.type];
      expect(scope, `${child.type} needs an entry in SCOPES`).toBeDefined();
      const label = `${child.type} ${child.name}`;
      if (scope!.includes("resourceGroupName")) expect(child.inputs.resourceGroupName, label).toBe(GROUP);
      else if (!scope!.includes("resourceGroupName:elsewhere"))
        expect(child.inputs, label).not.toHaveProperty("resourceGroupName");
      if (scope!.includes("location")) expect(child.inputs.location, label).toBe(LOCATION);
      else if (scope!.includes("location:global")) expect(child.inputs.location, label).toBe("global");
      else expect(child.inputs, label).not.toHaveProperty("location");
      if (scope!.includes("tags"))
        expect(child.inputs.tags, label).toMatchObject({
          "data-classification": "phi",
          "compliance-frameworks": "gdpr_hipaa",
          owner: "ml-platform",
        });
      else expect(child.inputs, label).not.toHaveProperty("tags");
    }
  });

  it("gives every key the baseline's rotation", async () => {
    const stack = await azureStack();
    component.build("comp", argsFor(name));
    await stack.settle();
    for (const key of stack.ofType("azure-native:keyvault:Key"))
      expect((key.inputs.properties as { rotationPolicy: unknown }).rotationPolicy).toMatchObject({
        lifetimeActions: expect.arrayContaining([
          { trigger: { timeAfterCreate: "P180D" }, action: { type: "rotate" } },
        ]),
      });
  });

  it("retains data and its guards by default, and lets both go only with an acknowledgement that is logged", async () => {
    const stack = await azureStack();
    component.build("kept", argsFor(name));
    await stack.settle();
    const kept = stack.registrations.filter((r) => DATA.has(r.type) || isGuard(r));
    expect(kept.length > 0, "creates data or guards").toBe(!HOLDS_NO_DATA.has(name));
    expect(kept.filter((r) => !r.retainOnDelete).map((r) => r.name)).toEqual([]);
    expect(
      stack.registrations
        .filter((r) => r.custom && !DATA.has(r.type) && !isGuard(r) && !isDisposable(r))
        .map((r) => `${r.type} ${r.name}`),
    ).toEqual([]);

    const warn = vi.spyOn(pulumi.log, "warn");
    const released = await azureStack();
    component.build(
      "released",
      argsFor(name, { dataProtection: { retainOnDelete: false, acknowledgeDataLoss: true } }),
    );
    await released.settle();
    const gone = released.registrations.filter((r) => DATA.has(r.type) || isGuard(r));
    expect(gone.filter((r) => r.retainOnDelete).map((r) => r.name)).toEqual([]);
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/^retainOnDelete is off under the hipaa\+gdpr baseline \(acknowledged\)/),
      expect.anything(),
    );
  });

  it("gives every child a name its type accepts", async () => {
    const stack = await azureStack();
    component.build("comp", argsFor(name));
    await stack.settle();
    for (const r of stack.registrations) {
      const physical = physicalName(r.type, r.name, r.inputs);
      if (physical !== undefined)
        expect(isValidPhysicalName(r.type, physical), `${r.type} ${physical}`).toBe(true);
    }
  });

  it("keeps its child names and types (a rename must ship with aliases)", async () => {
    const stack = await azureStack();
    component.build("comp", argsFor(name));
    await stack.settle();
    expect(stack.registrations.map((r) => `${r.type} ${r.name}`).sort()).toMatchSnapshot();
  });
});

describe.each(Object.keys(COMPONENT_CASES) as (keyof typeof COMPONENT_CASES)[])(
  "%s on a first preview",
  (name) => {
    it("builds with every provider output unknown, registering the same children", async () => {
      const stack = await azureStack({ preview: true });
      COMPONENT_CASES[name].build("comp", argsFor(name));
      await stack.settle();
      const deployed = await azureStack();
      COMPONENT_CASES[name].build("comp", argsFor(name));
      await deployed.settle();
      const types = (s: typeof stack) => s.registrations.map((r) => `${r.type} ${r.name}`).sort();
      expect(types(stack)).toEqual(types(deployed));
    });
  },
);
