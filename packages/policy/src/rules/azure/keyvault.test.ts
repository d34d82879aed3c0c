import { hipaa } from "@palisade/core";
import { describe, expect, it } from "vitest";
import { UNKNOWN, analyzeRule, describeRule, type KitResource } from "../../test-support";
import { keyRotation, vaultDiagnosticSettings, vaultProtected } from "./keyvault";

const properties = {
  tenantId: "00000000-0000-0000-0000-000000000000",
  sku: { family: "A", name: "premium" },
  enableSoftDelete: true,
  enablePurgeProtection: true,
  enableRbacAuthorization: true,
  publicNetworkAccess: "enabled",
  networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
};
const vault = (props: Record<string, unknown>): KitResource => ({
  type: "azure-native:keyvault:Vault",
  name: "kv",
  props: { resourceGroupName: "rg", properties: { ...properties, ...props } },
});

describeRule(vaultProtected, {
  baseline: hipaa,
  compliant: [
    vault({}),
    vault({ enableSoftDelete: undefined }),
    vault({ networkAcls: undefined, publicNetworkAccess: "Disabled" }),
    // The resource group and tenant come from other resources in a first preview; the flags are known.
    {
      ...vault({ tenantId: UNKNOWN, publicNetworkAccess: "disabled", networkAcls: UNKNOWN }),
      props: {
        resourceGroupName: UNKNOWN,
        properties: {
          ...properties,
          tenantId: UNKNOWN,
          publicNetworkAccess: "disabled",
          networkAcls: UNKNOWN,
        },
      },
    },
  ],
  requirements: {
    "soft-delete": {
      violating: [vault({ enableSoftDelete: false })],
      unknown: [vault({ enableSoftDelete: UNKNOWN })],
    },
    "purge-protection": {
      violating: [vault({ enablePurgeProtection: false }), vault({ enablePurgeProtection: undefined })],
      unknown: [vault({ enablePurgeProtection: UNKNOWN })],
    },
    "rbac-authorization": {
      violating: [vault({ enableRbacAuthorization: false }), vault({ enableRbacAuthorization: undefined })],
      unknown: [vault({ enableRbacAuthorization: UNKNOWN })],
    },
    "public-network-denied": {
      violating: [
        vault({ networkAcls: { defaultAction: "Allow" } }),
        vault({ networkAcls: undefined }),
        vault({ networkAcls: undefined, publicNetworkAccess: undefined }),
      ],
      unknown: [vault({ networkAcls: UNKNOWN }), vault({ publicNetworkAccess: UNKNOWN })],
      decidedWhenUnknown: [vault({ publicNetworkAccess: "Disabled", networkAcls: UNKNOWN })],
    },
  },
});

const rotate = (timeAfterCreate: unknown, expiryTime: unknown = "P2Y") => ({
  vaultName: "kv",
  properties: {
    kty: "RSA-HSM",
    rotationPolicy: {
      attributes: { expiryTime },
      lifetimeActions: [
        { action: { type: "notify" }, trigger: { timeBeforeExpiry: "P30D" } },
        { action: { type: "rotate" }, trigger: { timeAfterCreate } },
      ],
    },
  },
});
const beforeExpiry = (expiryTime: unknown, timeBeforeExpiry: unknown = "P30D") => ({
  vaultName: "kv",
  properties: {
    rotationPolicy: {
      attributes: { expiryTime },
      lifetimeActions: [{ action: { type: "Rotate" }, trigger: { timeBeforeExpiry } }],
    },
  },
});
const key = (props: Record<string, unknown>): KitResource => ({
  type: "azure-native:keyvault:Key",
  name: "k",
  props,
});

describeRule(keyRotation, {
  baseline: hipaa,
  compliant: [
    key(rotate("P90D")),
    ...["P1Y", "P12W", "P6M", "PT720H", "P365D"].map((p) => key(rotate(p))),
    key(beforeExpiry("P1Y")),
    key(beforeExpiry("P395D")),
    // The vault is created in the same preview: its name is unknown, the rotation policy is not.
    key({ ...rotate("P1Y"), vaultName: UNKNOWN, resourceGroupName: UNKNOWN }),
    // A second Rotate action within the period is enough.
    key({
      properties: {
        rotationPolicy: {
          lifetimeActions: [
            { action: { type: "rotate" }, trigger: { timeAfterCreate: "P2Y" } },
            { action: { type: "rotate" }, trigger: { timeAfterCreate: "P90D" } },
          ],
        },
      },
    }),
  ],
  requirements: {
    "rotate-action": {
      violating: [
        key({ properties: { kty: "RSA" } }),
        key({
          properties: {
            rotationPolicy: {
              lifetimeActions: [{ action: { type: "notify" }, trigger: { timeBeforeExpiry: "P30D" } }],
            },
          },
        }),
      ],
      unknown: [key({ properties: { rotationPolicy: { lifetimeActions: [{ action: UNKNOWN }] } } })],
      readsWith: ["rotation-period"],
    },
    "rotation-period": {
      violating: [
        key(rotate("P2Y")),
        key(rotate("P1Y1D")),
        key(rotate("P366D")),
        key(beforeExpiry("P2Y")),
        key(beforeExpiry("P396D")),
        { resources: [key(rotate("P1Y"))], config: { maxKeyRotationDays: 90 } },
        key(rotate("90 days")),
        key(rotate("-P90D")),
        key(rotate("P0D")),
        key(beforeExpiry("two years")),
        key(beforeExpiry("P1Y", "soon")),
        key(beforeExpiry(undefined)),
        key({
          properties: { rotationPolicy: { lifetimeActions: [{ action: { type: "rotate" }, trigger: {} }] } },
        }),
        key({ properties: { rotationPolicy: { lifetimeActions: [{ action: { type: "rotate" } }] } } }),
      ],
      compliant: [{ resources: [key(rotate("P90D"))], config: { maxKeyRotationDays: 90 } }],
      unknown: [key(rotate(UNKNOWN)), key(beforeExpiry(UNKNOWN))],
      // A timeAfterCreate trigger never reads the expiry.
      decidedWhenUnknown: [key(rotate("P90D", UNKNOWN))],
    },
  },
});

describe("azure-keyvault-key-rotation", () => {
  it("names each Rotate action that rotates too late, without quoting its duration", async () => {
    const result = await analyzeRule(keyRotation, key(rotate("P2Y")), { baseline: hipaa });
    expect(result.violations).toEqual([
      "[azure-keyvault-key-rotation/rotation-period] properties.rotationPolicy.lifetimeActions[1] rotates later than maxKeyRotationDays 365",
    ]);
    const unreadable = await analyzeRule(keyRotation, key(rotate("90 days")), { baseline: hipaa });
    expect(unreadable.violations).toEqual([
      "[azure-keyvault-key-rotation/rotation-period] properties.rotationPolicy.lifetimeActions[1].trigger.timeAfterCreate is not a positive ISO 8601 duration such as P90D or P1Y",
    ]);
  });
});

const diagnostics = (logs: unknown[], target = "kv"): KitResource => ({
  type: "azure-native:monitor:DiagnosticSetting",
  name: `diag-${target}`,
  props: { resourceUri: UNKNOWN, workspaceId: UNKNOWN, logs },
  propertyDependencies: { resourceUri: [target], workspaceId: ["ws"] },
});
const newVault: KitResource = {
  type: "azure-native:keyvault:Vault",
  name: "kv",
  props: { resourceGroupName: UNKNOWN, properties: { tenantId: UNKNOWN } },
};

describeRule(vaultDiagnosticSettings, {
  baseline: hipaa,
  compliant: [
    [newVault, diagnostics([{ category: "AuditEvent", enabled: true }])],
    [newVault, diagnostics([{ categoryGroup: "audit", enabled: true }])],
    [
      newVault,
      diagnostics([
        { category: "AzurePolicyEvaluationDetails", enabled: true },
        { categoryGroup: "allLogs", enabled: true },
      ]),
    ],
  ],
  requirements: {
    "audit-log": {
      violating: [
        [newVault],
        [newVault, diagnostics([{ category: "AuditEvent", enabled: false }])],
        [newVault, diagnostics([{ category: "AzurePolicyEvaluationDetails", enabled: true }])],
        [newVault, diagnostics([{ categoryGroup: "audit" }])],
        [newVault, diagnostics([])],
        [newVault, diagnostics([{ category: "AuditEvent", enabled: true }], "other-vault")],
      ],
      unknown: [[newVault, diagnostics([{ category: "AuditEvent", enabled: UNKNOWN }])]],
    },
  },
});
