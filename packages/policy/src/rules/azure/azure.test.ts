/**
 * Azure rules through the kit: resource rules with compliant, violating and unknown-at-preview cases.
 */
import { describe, expect, it } from "vitest";
import { analyzeResource, UNKNOWN } from "../../kit";
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

  it("is undetermined when the rotation period itself is unknown", async () => {
    const result = await check(rotate(UNKNOWN));
    expect(result.violations).toEqual([]);
    expect(result.undetermined).toHaveLength(1);
  });
});
