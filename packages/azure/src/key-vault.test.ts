import { gdpr, hipaa } from "@palisade/core";
import { expectRejected } from "@palisade/core/test-support";
import { describe, expect, it } from "vitest";
import { AzureChildren } from "./children";
import { createVaultKey, KeyVault, type KeyVaultArgs } from "./key-vault";
import {
  azureStack,
  rejectedPaths,
  COMPONENT_CASES,
  LOCATION,
  RESOURCE_GROUP,
  SUBNET_ID,
  TENANT,
  VAULT_ZONE_ID,
  WORKSPACE_ID,
} from "./test-support";
import { resolveAzureSettings } from "./settings";
import { ProblemCollector } from "@palisade/core";

const VAULT = "azure-native:keyvault:Vault";
const KEY = "azure-native:keyvault:Key";

async function built(args: Partial<KeyVaultArgs> = {}, name = "phi") {
  const stack = await azureStack();
  new KeyVault(name, { ...COMPONENT_CASES.KeyVault.args, ...args } as unknown as KeyVaultArgs);
  return stack.settle();
}

describe("KeyVault", () => {
  it("is Premium, RBAC-authorized, purge-protected, closed to the public network and retained", async () => {
    const stack = await built();
    const vault = stack.one(VAULT, "phi-kv");
    expect(vault.retainOnDelete).toBe(true);
    expect(vault.inputs).toMatchObject({
      resourceGroupName: RESOURCE_GROUP,
      location: LOCATION,
      tags: { "managed-by": "palisade" },
      properties: {
        tenantId: TENANT,
        sku: { family: "A", name: "premium" },
        enableRbacAuthorization: true,
        enableSoftDelete: true,
        enablePurgeProtection: true,
        softDeleteRetentionInDays: 90,
        publicNetworkAccess: "Disabled",
        networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
      },
    });
    expect(vault.inputs.properties).not.toHaveProperty("accessPolicies");
  });

  it("sends its audit log to every destination, as a retained guard", async () => {
    const stack = await built();
    const setting = stack.one("azure-native:monitor:DiagnosticSetting", "phi-kv-diagnostics");
    expect(setting.inputs).toEqual({
      resourceUri: "phi-kv-id",
      workspaceId: WORKSPACE_ID,
      logs: [{ categoryGroup: "audit", enabled: true }],
    });
    expect(setting.retainOnDelete).toBe(true);
  });

  it("is reached through a private endpoint registered in the vault's private DNS zone", async () => {
    const stack = await built();
    const endpoint = stack.one("azure-native:network:PrivateEndpoint", "phi-kv-pe");
    expect(endpoint.inputs).toMatchObject({
      resourceGroupName: RESOURCE_GROUP,
      location: LOCATION,
      subnet: { id: SUBNET_ID },
      privateLinkServiceConnections: [{ privateLinkServiceId: "phi-kv-id", groupIds: ["vault"] }],
    });
    const group = stack.one("azure-native:network:PrivateDnsZoneGroup", "phi-kv-pe-dns");
    expect(group.inputs).toMatchObject({
      resourceGroupName: RESOURCE_GROUP,
      privateDnsZoneConfigs: [{ privateDnsZoneId: VAULT_ZONE_ID }],
    });
  });

  it("takes the shorter soft-delete window when asked", async () => {
    const stack = await built({ softDeleteRetentionDays: 30 });
    expect(stack.one(VAULT, "phi-kv").inputs.properties).toMatchObject({ softDeleteRetentionInDays: 30 });
  });
});

describe("createVaultKey", () => {
  async function key(spec: Parameters<typeof createVaultKey>[3], baseline = hipaa) {
    const stack = await azureStack();
    const vault = new KeyVault("phi", {
      ...COMPONENT_CASES.KeyVault.args,
      baseline,
    } as unknown as KeyVaultArgs);
    const settings = resolveAzureSettings(new ProblemCollector(), "phi", {
      resourceGroupName: "rg-other",
      baseline,
    });
    createVaultKey(new AzureChildren(vault, settings), "phi-key", vault, spec);
    return (await stack.settle()).one(KEY, "phi-key");
  }

  it("is a retained RSA-HSM 3072 wrap key in the vault's group, rotating within the baseline", async () => {
    const created = await key({});
    expect(created.retainOnDelete).toBe(true);
    expect(created.inputs).toEqual({
      resourceGroupName: RESOURCE_GROUP,
      vaultName: "phi-kv00000000",
      tags: { "managed-by": "palisade" },
      properties: {
        kty: "RSA-HSM",
        keySize: 3072,
        keyOps: ["wrapKey", "unwrapKey"],
        attributes: { enabled: true, exportable: false },
        rotationPolicy: {
          attributes: { expiryTime: "P395D" },
          lifetimeActions: [
            { trigger: { timeAfterCreate: "P365D" }, action: { type: "rotate" } },
            { trigger: { timeBeforeExpiry: "P30D" }, action: { type: "notify" } },
          ],
        },
      },
    });
  });

  it("gives a pinned key's versions no expiry, so a consumer that names one version never loses it", async () => {
    const created = await key({ pinnedVersion: true });
    expect((created.inputs.properties as Record<string, unknown>).rotationPolicy).toEqual({
      lifetimeActions: [{ trigger: { timeAfterCreate: "P365D" }, action: { type: "rotate" } }],
    });
  });

  it("is exportable with its release policy base64url-encoded only when given one", async () => {
    const policy = JSON.stringify({ version: "1.0.0", anyOf: [] });
    const created = await key({ releasePolicy: policy });
    expect(created.inputs.properties).toMatchObject({
      attributes: { exportable: true },
      releasePolicy: {
        contentType: "application/json; charset=utf-8",
        data: Buffer.from(policy).toString("base64url"),
      },
    });
  });
});

describe("KeyVault bad input", () => {
  it.each([
    ["args null", null, "args"],
    ["no resource group", { resourceGroupName: undefined }, "resourceGroupName"],
    ["a display-name location", { location: "West Europe" }, "location"],
    ["a soft-delete window of 3 days", { softDeleteRetentionDays: 3 }, "softDeleteRetentionDays"],
    ["a soft-delete window of 365 days", { softDeleteRetentionDays: 365 }, "softDeleteRetentionDays"],
    ["no audit destination", { diagnosticSettings: [] }, "diagnosticSettings"],
    ["no diagnosticSettings at all", { diagnosticSettings: undefined }, "diagnosticSettings"],
    [
      "an endpoint without DNS zones",
      { privateEndpoints: [{ subnetResourceId: "s", privateDnsZoneResourceIds: [] }] },
      "privateEndpoints[0].privateDnsZoneResourceIds",
    ],
    ["a tag key with '/'", { tags: { "a/b": "x" } }, 'tags["a/b"]'],
    ["a typo", { softDeleteRetentionDay: 30 }, "softDeleteRetentionDay"],
  ] as const)("rejects %s", async (_, change, path) => {
    expect(await rejectedPaths("KeyVault", change as Record<string, unknown> | null)).toContain(path);
  });

  it("rejects a name the vault would refuse (too long, leading digit), naming `name`", async () => {
    expect(await rejectedPaths("KeyVault", {}, "a-very-long-vault-name")).toEqual(["name"]);
    expect(await rejectedPaths("KeyVault", {}, "9phi")).toEqual(["name"]);
  });
});

describe("A KeyVault as the keyVault of another component", () => {
  const takers = (Object.keys(COMPONENT_CASES) as (keyof typeof COMPONENT_CASES)[]).filter(
    (c) => "keyVault" in COMPONENT_CASES[c].args || "archive" in COMPONENT_CASES[c].args,
  );

  it.each(takers)("is accepted by %s, which creates its keys in it", async (component) => {
    const stack = await azureStack();
    const vault = new KeyVault("shared", COMPONENT_CASES.KeyVault.args as unknown as KeyVaultArgs);
    const args: Record<string, unknown> = { ...COMPONENT_CASES[component].args };
    if ("archive" in args) args.archive = { ...(args.archive as object), keyVault: vault };
    else args.keyVault = vault;
    COMPONENT_CASES[component].build("comp", args);
    await stack.settle();
    const keys = stack.ofType("azure-native:keyvault:Key");
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key.inputs.vaultName).toBe("shared-kv00000000");
  });

  it("covers every component that takes one", () => {
    expect(takers.sort()).toEqual([
      "ActivityLog",
      "ConfidentialVm",
      "EncryptedStorageAccount",
      "ZeroTrustAksCluster",
    ]);
  });
});

describe("KeyVault, exactly", () => {
  it("sets every vault property, and nothing else (no access policies, no deployment access, no firewall exceptions)", async () => {
    const stack = await built();
    expect(stack.one(VAULT, "phi-kv").inputs.properties).toEqual({
      tenantId: TENANT,
      sku: { family: "A", name: "premium" },
      enableRbacAuthorization: true,
      enableSoftDelete: true,
      enablePurgeProtection: true,
      softDeleteRetentionInDays: 90,
      enabledForDiskEncryption: true,
      enabledForDeployment: false,
      enabledForTemplateDeployment: false,
      publicNetworkAccess: "Disabled",
      networkAcls: { defaultAction: "Deny", bypass: "AzureServices", ipRules: [], virtualNetworkRules: [] },
    });
  });

  it("exposes the vault's URI, id and name", async () => {
    const stack = await azureStack();
    const vault = new KeyVault("phi", COMPONENT_CASES.KeyVault.args as unknown as KeyVaultArgs);
    const value = (o: { apply: (f: (v: unknown) => void) => unknown }) =>
      new Promise((resolve) => o.apply(resolve));
    expect(await value(vault.vaultUri)).toBe("https://phi-kv.vault.azure.net/");
    expect(await value(vault.vaultId)).toBe("phi-kv-id");
    expect(await value(vault.vaultName)).toBe("phi-kv00000000");
    await stack.settle();
  });

  it("numbers several endpoints and destinations, each endpoint in every DNS zone given", async () => {
    const stack = await built({
      privateEndpoints: [
        { subnetResourceId: SUBNET_ID, privateDnsZoneResourceIds: [VAULT_ZONE_ID, "zone-2"] },
        { subnetResourceId: "subnet-2", privateDnsZoneResourceIds: [VAULT_ZONE_ID] },
      ],
      diagnosticSettings: [{ workspaceResourceId: WORKSPACE_ID }, { workspaceResourceId: "workspace-2" }],
    });
    expect(stack.one("azure-native:network:PrivateDnsZoneGroup", "phi-kv-pe-0-dns").inputs).toEqual({
      resourceGroupName: RESOURCE_GROUP,
      privateEndpointName: "phi-kv-pe-0-1a2b3c",
      privateDnsZoneGroupName: "default",
      privateDnsZoneConfigs: [
        { name: "zone-0", privateDnsZoneId: VAULT_ZONE_ID },
        { name: "zone-1", privateDnsZoneId: "zone-2" },
      ],
    });
    expect(stack.one("azure-native:network:PrivateEndpoint", "phi-kv-pe-1").inputs).toMatchObject({
      subnet: { id: "subnet-2" },
      privateLinkServiceConnections: [{ name: "phi-kv-pe-1", groupIds: ["vault"] }],
    });
    expect(stack.one("azure-native:monitor:DiagnosticSetting", "phi-kv-diagnostics-1").inputs).toMatchObject({
      workspaceId: "workspace-2",
    });
    expect(stack.ofType("azure-native:monitor:DiagnosticSetting")).toHaveLength(2);
  });

  it("accepts the shortest soft-delete window Key Vault allows", async () => {
    const stack = await built({ softDeleteRetentionDays: 7 });
    expect(stack.one(VAULT, "phi-kv").inputs.properties).toMatchObject({ softDeleteRetentionInDays: 7 });
  });

  it("explains each refusal: the rule, the baseline's citation, and which component refused", async () => {
    await azureStack();
    const error = expectRejected(
      () =>
        new KeyVault("phi", {
          ...COMPONENT_CASES.KeyVault.args,
          resourceGroupName: undefined,
          softDeleteRetentionDays: 3,
          diagnosticSettings: [],
        } as unknown as KeyVaultArgs),
      "softDeleteRetentionDays",
      3,
    );
    expect(error.message).toMatch(/^palisade:azure:KeyVault "phi": 3 problems/);
    expect(error.problems).toEqual([
      {
        path: "resourceGroupName",
        value: undefined,
        rule: "must be set: it must be a resource group name or an Output of one",
      },
      {
        path: "softDeleteRetentionDays",
        value: 3,
        rule: "must be a whole number of days from 7 to 90 (Key Vault's range)",
      },
      {
        path: "diagnosticSettings",
        value: [],
        rule: "must name at least one Log Analytics workspace: the vault's audit log is the record of every use of a customer key",
      },
    ]);
    const location = expectRejected(
      () =>
        new KeyVault("phi", {
          ...COMPONENT_CASES.KeyVault.args,
          location: "West Europe",
        } as unknown as KeyVaultArgs),
      "location",
      "West Europe",
    );
    expect(location.problems[0]!.rule).toBe(
      'must be an Azure region name such as "westeurope" (lowercase, no spaces: not the display name "West Europe")',
    );
    const outside = expectRejected(
      () =>
        new KeyVault("phi", {
          ...COMPONENT_CASES.KeyVault.args,
          location: "eastus",
          baseline: gdpr,
        } as unknown as KeyVaultArgs),
      "location",
      "eastus",
    );
    expect(outside.problems[0]!.rule).toBe(
      `must be one of ${JSON.stringify(gdpr.allowedRegions.azure.value)} (${gdpr.allowedRegions.azure.citation})`,
    );
  });
});
