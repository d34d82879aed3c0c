/**
 * Azure rules through the kit: resource rules with compliant, violating and unknown-at-preview cases;
 * stack rules joined through property dependencies while every id is unknown.
 */
import { describe, expect, it } from "vitest";
import { analyzeResource, analyzeStack, UNKNOWN, type KitResource } from "../../kit";
import { describeResourceCases, policy, type ResourceCase } from "../rule-cases.test-support";

/** A copy of `o` without `keys` (the wire form has no undefined). */
const omit = (o: Record<string, unknown>, ...keys: string[]) =>
  Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

/** Violation messages without the policy description the policy server puts before them. */
const messages = (result: { violations: string[] }) =>
  result.violations.map((v) => v.slice(v.indexOf("\n") + 1));

const vaultProperties = {
  tenantId: "00000000-0000-0000-0000-000000000000",
  sku: { family: "A", name: "premium" },
  enableSoftDelete: true,
  enablePurgeProtection: true,
  enableRbacAuthorization: true,
  publicNetworkAccess: "enabled",
  networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
};

const rotate = (timeAfterCreate: unknown) => ({
  properties: {
    kty: "RSA-HSM",
    rotationPolicy: {
      attributes: { expiryTime: "P2Y" },
      lifetimeActions: [
        { action: { type: "notify" }, trigger: { timeBeforeExpiry: "P30D" } },
        { action: { type: "rotate" }, trigger: { timeAfterCreate } },
      ],
    },
  },
});

const sshRule = {
  name: "ssh",
  priority: 100,
  direction: "Inbound",
  access: "Allow",
  protocol: "Tcp",
  sourceAddressPrefix: "Internet",
  sourcePortRange: "*",
  destinationAddressPrefix: "*",
  destinationPortRange: "22",
};

const hardenedAks = {
  apiServerAccessProfile: { enablePrivateCluster: true },
  securityProfile: { azureKeyVaultKms: { enabled: true, keyId: "https://kv.vault.azure.net/keys/k/v1" } },
  disableLocalAccounts: true,
  enableRBAC: true,
  aadProfile: { managed: true, enableAzureRBAC: true },
  networkProfile: { networkPlugin: "azure", networkPolicy: "cilium", networkDataplane: "cilium" },
};

const resourceCases: ResourceCase[] = [
  {
    rule: "azure-storage-account-secure",
    type: "azure-native:storage:StorageAccount",
    compliant: {
      minimumTlsVersion: "TLS1_2",
      allowBlobPublicAccess: false,
      encryption: { keySource: "Microsoft.Keyvault" },
    },
    violating: { minimumTlsVersion: "TLS1_0", allowBlobPublicAccess: true },
    unknown: {
      minimumTlsVersion: UNKNOWN,
      allowBlobPublicAccess: false,
      encryption: { keySource: "Microsoft.Keyvault" },
    },
    unknownVerdict: "undetermined",
  },
  {
    rule: "azure-keyvault-vault-protected",
    type: "azure-native:keyvault:Vault",
    compliant: { resourceGroupName: "rg", properties: vaultProperties },
    violating: {
      resourceGroupName: "rg",
      properties: {
        ...vaultProperties,
        enablePurgeProtection: false,
        networkAcls: { defaultAction: "Allow" },
      },
    },
    // The resource group and tenant come from other resources in a first preview; the flags are known.
    unknown: {
      resourceGroupName: UNKNOWN,
      properties: {
        ...vaultProperties,
        tenantId: UNKNOWN,
        publicNetworkAccess: "disabled",
        networkAcls: UNKNOWN,
      },
    },
    unknownVerdict: "compliant",
  },
  {
    rule: "azure-keyvault-key-rotation",
    type: "azure-native:keyvault:Key",
    compliant: { vaultName: "kv", ...rotate("P90D") },
    violating: { vaultName: "kv", ...rotate("P2Y") },
    // The vault is created in the same preview: its name is unknown, the rotation policy is not.
    unknown: { vaultName: UNKNOWN, resourceGroupName: UNKNOWN, ...rotate("P1Y") },
    unknownVerdict: "compliant",
  },
  {
    rule: "azure-network-security-group-admin-ports-closed",
    type: "azure-native:network:NetworkSecurityGroup",
    compliant: { securityRules: [{ ...sshRule, destinationPortRange: "443" }] },
    violating: { securityRules: [{ ...sshRule, destinationPortRange: "20-25" }] },
    // A prefix taken from another resource: the rule must read it to decide.
    unknown: { resourceGroupName: UNKNOWN, securityRules: [{ ...sshRule, sourceAddressPrefix: UNKNOWN }] },
    unknownVerdict: "undetermined",
  },
  {
    rule: "azure-network-security-group-admin-ports-closed",
    type: "azure-native:network:SecurityRule",
    compliant: { ...sshRule, sourceAddressPrefix: "10.0.0.0/8" },
    violating: {
      ...omit(sshRule, "sourceAddressPrefix", "destinationPortRange"),
      sourceAddressPrefixes: ["10.0.0.0/8", "0.0.0.0/0"],
      destinationPortRanges: ["443", "3000-4000"],
    },
    // The NSG's name is unknown in a first preview; sources and ports are known.
    unknown: { ...sshRule, networkSecurityGroupName: UNKNOWN, sourceAddressPrefix: "VirtualNetwork" },
    unknownVerdict: "compliant",
  },
  {
    rule: "azure-aks-managed-cluster-hardened",
    type: "azure-native:containerservice:ManagedCluster",
    compliant: hardenedAks,
    violating: {
      ...hardenedAks,
      apiServerAccessProfile: { enablePrivateCluster: false, authorizedIPRanges: ["0.0.0.0/0"] },
    },
    // The key URI and subnet come from resources in the same preview: the key is present, which is enough.
    unknown: {
      ...hardenedAks,
      apiServerAccessProfile: { enablePrivateCluster: true, enableVnetIntegration: true, subnetId: UNKNOWN },
      securityProfile: { azureKeyVaultKms: { enabled: true, keyId: UNKNOWN, keyVaultResourceId: UNKNOWN } },
    },
    unknownVerdict: "compliant",
  },
  {
    rule: "azure-sql-server-secure",
    type: "azure-native:sql:Server",
    compliant: { publicNetworkAccess: "Disabled", minimalTlsVersion: "1.2" },
    violating: { publicNetworkAccess: "Enabled", minimalTlsVersion: "1.0" },
    unknown: { publicNetworkAccess: "Disabled", minimalTlsVersion: "1.2", keyId: UNKNOWN },
    unknownVerdict: "compliant",
  },
];

describeResourceCases(resourceCases);

const run = (name: string, props: Record<string, unknown>, type: string) =>
  analyzeResource(policy(name), { type, name: "r", props });

describe("azure-keyvault-vault-protected", () => {
  const check = (properties: Record<string, unknown>) =>
    run("azure-keyvault-vault-protected", { properties }, "azure-native:keyvault:Vault");

  it("names each missing protection", async () => {
    const result = await check({
      ...omit(vaultProperties, "enablePurgeProtection", "networkAcls"),
      enableSoftDelete: false,
      enableRbacAuthorization: false,
    });
    expect(messages(result)).toEqual([
      "properties.enableSoftDelete must not be false",
      "properties.enablePurgeProtection must be true",
      "properties.enableRbacAuthorization must be true",
      'properties.networkAcls.defaultAction must be "Deny" (or properties.publicNetworkAccess "disabled")',
    ]);
  });

  it("accepts public network access disabled in place of a Deny firewall", async () => {
    const result = await check({ ...omit(vaultProperties, "networkAcls"), publicNetworkAccess: "Disabled" });
    expect(result.violations).toEqual([]);
  });
});

describe("azure-keyvault-key-rotation", () => {
  const check = (props: Record<string, unknown>, config?: Record<string, unknown>) =>
    analyzeResource(
      policy("azure-keyvault-key-rotation"),
      { type: "azure-native:keyvault:Key", name: "k", props: { vaultName: "kv", ...props } },
      config,
    );

  it("reads ISO 8601 durations in days, weeks, months and years against maxKeyRotationDays", async () => {
    for (const ok of ["P90D", "P1Y", "P12W", "P6M", "PT720H"])
      expect((await check(rotate(ok))).violations, ok).toEqual([]);
    expect(messages(await check(rotate("P1Y1D")))).toEqual([
      "properties.rotationPolicy.lifetimeActions[1] rotates after 366 days, more than maxKeyRotationDays 365",
    ]);
    expect((await check(rotate("P1Y"), { maxKeyRotationDays: 90 })).violations).toHaveLength(1);
  });

  it("rejects a period that is not an ISO 8601 duration, naming the property", async () => {
    expect(messages(await check(rotate("90 days")))).toEqual([
      'properties.rotationPolicy.lifetimeActions[1].trigger.timeAfterCreate "90 days" is not an ISO 8601 duration such as P90D or P1Y',
    ]);
  });

  it("requires a Rotate action; Notify alone does not rotate", async () => {
    expect(messages(await check({ properties: { kty: "RSA" } }))).toEqual([
      "properties.rotationPolicy.lifetimeActions must include a Rotate action",
    ]);
    const notify = { action: { type: "notify" }, trigger: { timeBeforeExpiry: "P30D" } };
    expect(
      (await check({ properties: { rotationPolicy: { lifetimeActions: [notify] } } })).violations,
    ).toHaveLength(1);
  });

  it("measures a timeBeforeExpiry trigger from the policy's expiryTime", async () => {
    const beforeExpiry = (expiryTime: string) => ({
      properties: {
        rotationPolicy: {
          attributes: { expiryTime },
          lifetimeActions: [{ action: { type: "Rotate" }, trigger: { timeBeforeExpiry: "P30D" } }],
        },
      },
    });
    expect((await check(beforeExpiry("P1Y"))).violations).toEqual([]);
    expect(messages(await check(beforeExpiry("P2Y")))).toEqual([
      "properties.rotationPolicy.lifetimeActions[0] rotates after 700 days, more than maxKeyRotationDays 365",
    ]);
  });

  it("decides a timeAfterCreate trigger without reading an unknown expiryTime", async () => {
    const key = rotate("P90D");
    key.properties.rotationPolicy.attributes.expiryTime = UNKNOWN;
    expect(await check(key)).toEqual({ violations: [], undetermined: [], exempted: [] });
  });

  it("is undetermined when the rotation period itself is unknown", async () => {
    const result = await check(rotate(UNKNOWN));
    expect(result.violations).toEqual([]);
    expect(result.undetermined).toHaveLength(1);
  });
});

describe("azure-network-security-group-admin-ports-closed", () => {
  const check = (rule: Record<string, unknown>) =>
    run(
      "azure-network-security-group-admin-ports-closed",
      { securityRules: [{ ...sshRule, ...rule }] },
      "azure-native:network:NetworkSecurityGroup",
    );

  it("flags every internet source form and port form that reaches SSH or RDP", async () => {
    for (const source of ["*", "Internet", "internet", "Any", "0.0.0.0/0", "::/0"])
      expect((await check({ sourceAddressPrefix: source })).violations, source).toHaveLength(1);
    for (const ports of ["*", "3389", "1-65535", "3380-3390"])
      expect((await check({ destinationPortRange: ports })).violations, ports).toHaveLength(1);
    expect((await check({ protocol: "*", destinationPortRange: "3389" })).violations).toHaveLength(1);
    expect((await check({ protocol: "Udp", destinationPortRange: "3389" })).violations).toHaveLength(1);
  });

  it("names the rule, the source and the port range", async () => {
    expect(messages(await check({ destinationPortRange: "20-25" }))).toEqual([
      'securityRules[0] allows Inbound from "Internet" (sourceAddressPrefix(es)) to "20-25" (destinationPortRange(s)), which covers an admin port (22/3389)',
    ]);
  });

  it("passes Deny, Outbound, private sources, other ports and protocols that cannot carry SSH", async () => {
    for (const rule of [
      { access: "Deny" },
      { direction: "Outbound" },
      { sourceAddressPrefix: "VirtualNetwork" },
      { sourceAddressPrefix: "203.0.113.0/24" },
      { destinationPortRange: "443" },
      { destinationPortRange: "23-3388" },
      { protocol: "Udp", destinationPortRange: "22" },
      { protocol: "Icmp", destinationPortRange: "*" },
    ])
      expect((await check(rule)).violations, JSON.stringify(rule)).toEqual([]);
  });

  it("decides a private rule without reading unknown ports", async () => {
    const result = await check({ sourceAddressPrefix: "10.0.0.0/8", destinationPortRange: UNKNOWN });
    expect(result).toEqual({ violations: [], undetermined: [], exempted: [] });
  });
});

describe("azure-aks-managed-cluster-hardened", () => {
  const check = (props: Record<string, unknown>) =>
    run(
      "azure-aks-managed-cluster-hardened",
      { ...hardenedAks, ...props },
      "azure-native:containerservice:ManagedCluster",
    );

  it("accepts authorized IP ranges in place of a private cluster", async () => {
    expect(
      (await check({ apiServerAccessProfile: { authorizedIPRanges: ["203.0.113.0/24"] } })).violations,
    ).toEqual([]);
    expect(messages(await check({ apiServerAccessProfile: {} }))[0]).toContain(
      "apiServerAccessProfile.enablePrivateCluster",
    );
    // An IPv6 all-address range is as open as 0.0.0.0/0.
    expect(
      (await check({ apiServerAccessProfile: { authorizedIPRanges: ["203.0.113.0/24", "::/0"] } }))
        .violations,
    ).toHaveLength(1);
  });

  it("names each missing hardening setting", async () => {
    const result = await check({
      securityProfile: { azureKeyVaultKms: { enabled: false } },
      disableLocalAccounts: false,
      enableRBAC: false,
      aadProfile: { managed: true },
      networkProfile: { networkPlugin: "azure", networkPolicy: "none" },
    });
    expect(messages(result)).toEqual([
      "securityProfile.azureKeyVaultKms must be enabled with a keyId to encrypt secrets with a Key Vault key",
      "disableLocalAccounts must be true",
      "enableRBAC must not be false",
      "aadProfile.managed and aadProfile.enableAzureRBAC must be true (Entra ID with Azure RBAC)",
      "networkProfile.networkPolicy must be set (azure, calico or cilium), not none",
    ]);
  });
});

describe("Azure stack rules join through property dependencies, even when every id is unknown", () => {
  it("azure-network-virtual-network-flow-logs", async () => {
    const vnet: KitResource = {
      type: "azure-native:network:VirtualNetwork",
      name: "vnet",
      props: { id: UNKNOWN, addressSpace: { addressPrefixes: ["10.0.0.0/16"] } },
    };
    const flowLog = (enabled: unknown, target = "vnet"): KitResource => ({
      type: "azure-native:network:FlowLog",
      name: "fl",
      props: { targetResourceId: UNKNOWN, storageId: UNKNOWN, networkWatcherName: "nw", enabled },
      propertyDependencies: { targetResourceId: [target], storageId: ["logs"] },
    });
    const rule = policy("azure-network-virtual-network-flow-logs");
    expect(await analyzeStack(rule, [vnet, flowLog(true)])).toEqual({
      violations: [],
      undetermined: [],
      exempted: [],
    });
    expect(messages(await analyzeStack(rule, [vnet]))).toEqual([
      "virtual network vnet has no FlowLog (targetResourceId)",
    ]);
    expect((await analyzeStack(rule, [vnet, flowLog(true, "other-vnet")])).violations).toHaveLength(1);
    expect(messages(await analyzeStack(rule, [vnet, flowLog(false)]))).toEqual([
      "virtual network vnet: its FlowLog must set enabled: true",
    ]);
  });

  it("azure-storage-blob-versioning-soft-delete", async () => {
    const account: KitResource = {
      type: "azure-native:storage:StorageAccount",
      name: "sa",
      props: { accountName: UNKNOWN, resourceGroupName: UNKNOWN },
    };
    const blob = (props: Record<string, unknown>): KitResource => ({
      type: "azure-native:storage:BlobServiceProperties",
      name: "blob",
      props: { accountName: UNKNOWN, resourceGroupName: UNKNOWN, ...props },
      propertyDependencies: { accountName: ["sa"] },
    });
    const rule = policy("azure-storage-blob-versioning-soft-delete");
    const enabled = { isVersioningEnabled: true, deleteRetentionPolicy: { enabled: true, days: 30 } };
    expect(await analyzeStack(rule, [account, blob(enabled)])).toEqual({
      violations: [],
      undetermined: [],
      exempted: [],
    });
    expect(messages(await analyzeStack(rule, [account]))[0]).toContain(
      "storage account sa has no BlobServiceProperties (accountName)",
    );
    expect(
      messages(
        await analyzeStack(rule, [account, blob({ ...enabled, deleteRetentionPolicy: { enabled: false } })]),
      ),
    ).toEqual(["storage account sa: BlobServiceProperties deleteRetentionPolicy.enabled must be true"]);
    expect(
      (
        await analyzeStack(rule, [
          account,
          { ...blob(enabled), propertyDependencies: { accountName: ["x"] } },
        ])
      ).violations,
    ).toHaveLength(1);
  });
});

describe("Azure Monitor stack rules", () => {
  const workspace = (retentionInDays?: number): KitResource => ({
    type: "azure-native:operationalinsights:Workspace",
    name: "ws",
    props: { resourceGroupName: UNKNOWN, ...(retentionInDays === undefined ? {} : { retentionInDays }) },
  });
  const table = (props: Record<string, unknown>, name = "audit"): KitResource => ({
    type: "azure-native:operationalinsights:Table",
    name,
    props: { workspaceName: UNKNOWN, resourceGroupName: UNKNOWN, ...props },
    propertyDependencies: { workspaceName: ["ws"] },
  });

  it("azure-operationalinsights-log-retention", async () => {
    const rule = policy("azure-operationalinsights-log-retention");
    const clean = { violations: [], undetermined: [], exempted: [] };
    // Long-term retention on the table, joined while the workspace name is unknown.
    expect(
      await analyzeStack(rule, [workspace(90), table({ retentionInDays: 90, totalRetentionInDays: 2192 })]),
    ).toEqual(clean);
    expect(await analyzeStack(rule, [workspace(2192)])).toEqual(clean);
    expect(messages(await analyzeStack(rule, [workspace(90)]))).toEqual([
      "workspace ws: retentionInDays 90 is below 2192 and no Table (workspaceName) sets totalRetentionInDays to at least 2192",
    ]);
    expect(
      messages(
        await analyzeStack(rule, [workspace(), table({ totalRetentionInDays: -1, retentionInDays: 730 })]),
      ),
    ).toEqual([
      "table audit: totalRetentionInDays 730 is below 2192",
      "workspace ws: retentionInDays unset is below 2192 and no Table (workspaceName) sets totalRetentionInDays to at least 2192",
    ]);
    // A table that falls back to the workspace inherits its retention.
    expect(await analyzeStack(rule, [workspace(2192), table({ totalRetentionInDays: -1 })])).toEqual(clean);
    // The minimum is configurable.
    expect(await analyzeStack(rule, [workspace(365)], { minRetentionDays: 365 })).toEqual(clean);
  });

  it("azure-keyvault-vault-diagnostic-settings", async () => {
    const vault: KitResource = {
      type: "azure-native:keyvault:Vault",
      name: "kv",
      props: { resourceGroupName: UNKNOWN, properties: { tenantId: UNKNOWN } },
    };
    const setting = (logs: unknown[], target = "kv"): KitResource => ({
      type: "azure-native:monitor:DiagnosticSetting",
      name: "diag",
      props: { resourceUri: UNKNOWN, workspaceId: UNKNOWN, logs },
      propertyDependencies: { resourceUri: [target], workspaceId: ["ws"] },
    });
    const rule = policy("azure-keyvault-vault-diagnostic-settings");
    const clean = { violations: [], undetermined: [], exempted: [] };
    expect(await analyzeStack(rule, [vault, setting([{ category: "AuditEvent", enabled: true }])])).toEqual(
      clean,
    );
    expect(await analyzeStack(rule, [vault, setting([{ categoryGroup: "audit", enabled: true }])])).toEqual(
      clean,
    );
    expect(await analyzeStack(rule, [vault, setting([{ categoryGroup: "allLogs", enabled: true }])])).toEqual(
      clean,
    );
    expect(messages(await analyzeStack(rule, [vault]))).toEqual([
      "key vault kv has no DiagnosticSetting (resourceUri) with logs enabled for category AuditEvent or categoryGroup audit/allLogs",
    ]);
    for (const other of [
      setting([{ category: "AuditEvent", enabled: false }]),
      setting([{ category: "AzurePolicyEvaluationDetails", enabled: true }]),
      setting([{ category: "AuditEvent", enabled: true }], "other-vault"),
    ])
      expect((await analyzeStack(rule, [vault, other])).violations).toHaveLength(1);
  });
});
