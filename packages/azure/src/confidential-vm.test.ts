import { hipaa } from "@palisade/core";
import { buildPolicies, hipaaFramework } from "@palisade/policy";
import { analyzeStack, findingsOf, kitResources } from "@palisade/policy/test-support";
import { Subnet } from "@pulumi/azure-native/network";
import { describe, expect, it } from "vitest";
import { ConfidentialVm, type ConfidentialVmArgs } from "./confidential-vm";
import { BUILT_IN_ROLES } from "./roles";
import {
  azureStack,
  COMPONENT_CASES,
  CVM_ORCHESTRATOR_OBJECT_ID,
  LOCATION,
  NSG_ID,
  rejectedPaths,
  RESOURCE_GROUP,
  SSH_KEY,
  SUBSCRIPTION,
  VAULT_ID,
  WORKLOAD_SUBNET_ID,
} from "./test-support";

const VM = "azure-native:compute:VirtualMachine";
const KEY = "azure-native:keyvault:Key";
const DES = "azure-native:compute:DiskEncryptionSet";
const DISK = "azure-native:compute:Disk";
const NIC = "azure-native:network:NetworkInterface";
const GRANT = "azure-native:authorization:RoleAssignment";
const EXTENSION = "azure-native:compute:VirtualMachineExtension";

const roleId = (id: string) =>
  `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${id}`;

async function built(args: Partial<ConfidentialVmArgs> = {}, name = "phi", config?: Record<string, string>) {
  const stack = await azureStack(config ? { config } : {});
  new ConfidentialVm(name, {
    ...COMPONENT_CASES.ConfidentialVm.args,
    ...args,
  } as unknown as ConfidentialVmArgs);
  return stack.settle();
}

/** The decoded release policy of the OS disk key. */
function releasePolicy(inputs: Record<string, any>) {
  return JSON.parse(Buffer.from(inputs.properties.releasePolicy.data, "base64url").toString("utf8"));
}

describe("ConfidentialVm key release chain", () => {
  it("creates an exportable RSA-HSM OS disk key released only to an attested TDX VM in the vault", async () => {
    const stack = await built();
    const key = stack.one(KEY, "phi-os-key");
    expect(key.retainOnDelete).toBe(true);
    expect(key.inputs).toMatchObject({
      resourceGroupName: "rg-keys",
      vaultName: "kv-phi",
      properties: {
        kty: "RSA-HSM",
        keySize: 3072,
        keyOps: ["encrypt", "decrypt", "wrapKey", "unwrapKey", "sign", "verify"],
        attributes: { enabled: true, exportable: true },
        releasePolicy: { contentType: "application/json; charset=utf-8" },
      },
    });
    expect(key.inputs.properties.releasePolicy.data).toMatch(/^[A-Za-z0-9_-]+$/);
    // The set names one version: a version that expired would stop the VM from booting.
    expect(key.inputs.properties.rotationPolicy).not.toHaveProperty("attributes");
    expect(releasePolicy(key.inputs)).toEqual({
      version: "1.0.0",
      anyOf: [
        {
          authority: "https://sharedweu.weu.attest.azure.net",
          allOf: [
            { claim: "x-ms-compliance-status", equals: "azure-compliant-cvm" },
            { anyOf: [{ claim: "x-ms-attestation-type", equals: "tdxvm" }] },
          ],
        },
      ],
    });
  });

  it("pins a ConfidentialVmEncryptedWithCustomerKey set to the key's version, retained", async () => {
    const stack = await built();
    const des = stack.one(DES, "phi-os-des");
    expect(des.retainOnDelete).toBe(true);
    expect(des.inputs).toEqual({
      resourceGroupName: RESOURCE_GROUP,
      location: LOCATION,
      tags: { "managed-by": "palisade" },
      encryptionType: "ConfidentialVmEncryptedWithCustomerKey",
      identity: { type: "SystemAssigned" },
      activeKey: {
        keyUrl: "https://vault.vault.azure.net/keys/phi-os-key/0123456789abcdef0123456789abcdef",
        sourceVault: { id: VAULT_ID },
      },
      rotationToLatestKeyVersionEnabled: false,
    });
  });

  it("grants the set Encryption User and the orchestrator Release User on the key only, as retained guards", async () => {
    const stack = await built();
    const user = stack.one(GRANT, "phi-os-des-key-user");
    expect(user.inputs).toEqual({
      principalId: "principal-of-phi-os-des",
      principalType: "ServicePrincipal",
      roleDefinitionId: roleId(BUILT_IN_ROLES["Key Vault Crypto Service Encryption User"]),
      scope: "phi-os-key-id",
    });
    const release = stack.one(GRANT, "phi-os-key-release");
    expect(release.inputs).toEqual({
      principalId: CVM_ORCHESTRATOR_OBJECT_ID,
      principalType: "ServicePrincipal",
      roleDefinitionId: roleId("08bbd89e-9f13-488c-ac41-acfcb10c90ab"),
      scope: "phi-os-key-id",
    });
    for (const grant of [user, release]) expect(grant.retainOnDelete, grant.name).toBe(true);
  });

  it("names the set under the OS disk's securityProfile, never directly under managedDisk", async () => {
    const stack = await built();
    const osDisk = stack.one(VM, "phi-vm").inputs.storageProfile.osDisk;
    expect(osDisk).toEqual({
      createOption: "FromImage",
      deleteOption: "Detach",
      managedDisk: {
        storageAccountType: "Premium_LRS",
        securityProfile: {
          securityEncryptionType: "DiskWithVMGuestState",
          diskEncryptionSet: { id: "phi-os-des-id" },
        },
      },
    });
    expect(osDisk.managedDisk).not.toHaveProperty("diskEncryptionSet");
  });

  it("waits for both key grants (and the data set's) before the VM", async () => {
    const stack = await built();
    const vm = stack.one(VM, "phi-vm");
    for (const grant of ["phi-os-des-key-user", "phi-os-key-release", "phi-data-des-key-user"])
      expect(vm.dependsOn, grant).toContain(stack.one(GRANT, grant).urn);
  });
});

describe("ConfidentialVm", () => {
  it("is a retained TDX confidential VM with secure boot, vTPM, SSH keys only and boot diagnostics", async () => {
    const stack = await built();
    const vm = stack.one(VM, "phi-vm");
    expect(vm.retainOnDelete).toBe(true);
    expect(vm.inputs).toMatchObject({
      resourceGroupName: RESOURCE_GROUP,
      location: LOCATION,
      tags: { "managed-by": "palisade" },
      hardwareProfile: { vmSize: "Standard_DC4es_v6" },
      securityProfile: {
        securityType: "ConfidentialVM",
        uefiSettings: { secureBootEnabled: true, vTpmEnabled: true },
      },
      storageProfile: {
        imageReference: { publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: "cvm", version: "latest" },
      },
      osProfile: {
        computerName: "phi-vm",
        adminUsername: "azureuser",
        linuxConfiguration: {
          disablePasswordAuthentication: true,
          ssh: { publicKeys: [{ path: "/home/azureuser/.ssh/authorized_keys", keyData: SSH_KEY }] },
        },
      },
      networkProfile: { networkInterfaces: [{ id: "phi-nic-id", primary: true, deleteOption: "Detach" }] },
      diagnosticsProfile: { bootDiagnostics: { enabled: true } },
    });
    expect(vm.inputs.securityProfile).not.toHaveProperty("encryptionAtHost");
    expect(vm.inputs.osProfile).not.toHaveProperty("adminPassword");
    expect(vm.inputs.diagnosticsProfile.bootDiagnostics).not.toHaveProperty("storageUri");
    expect(vm.inputs).not.toHaveProperty("identity");
    expect(vm.inputs).not.toHaveProperty("zones");
    expect(stack.ofType(EXTENSION)).toEqual([]);
  });

  it("sits in the subnet behind the NSG with no public IP, IP forwarding or accelerated networking", async () => {
    const stack = await built();
    const nic = stack.one(NIC, "phi-nic");
    expect(nic.inputs).toEqual({
      resourceGroupName: RESOURCE_GROUP,
      location: LOCATION,
      tags: { "managed-by": "palisade" },
      ipConfigurations: [
        {
          name: "primary",
          primary: true,
          privateIPAllocationMethod: "Dynamic",
          subnet: { id: WORKLOAD_SUBNET_ID },
        },
      ],
      enableAcceleratedNetworking: false,
      enableIPForwarding: false,
      networkSecurityGroup: { id: NSG_ID },
    });
    expect(nic.retainOnDelete).toBe(false);
  });

  it("puts each data disk under a second, ordinary customer-key set, closed to every network, attached and retained", async () => {
    const stack = await built({
      dataDisks: [
        { name: "data", sizeGb: 256 },
        { name: "logs", sizeGb: 64, lun: 5 },
      ],
    });
    const des = stack.one(DES, "phi-data-des");
    expect(des.inputs).toMatchObject({
      encryptionType: "EncryptionAtRestWithCustomerKey",
      rotationToLatestKeyVersionEnabled: true,
    });
    const key = stack.one(KEY, "phi-data-key");
    expect(key.inputs.properties).toMatchObject({
      keyOps: ["wrapKey", "unwrapKey"],
      attributes: { exportable: false },
    });
    expect(key.inputs.properties).not.toHaveProperty("releasePolicy");
    const disk = stack.one(DISK, "phi-disk-logs");
    expect(disk.retainOnDelete).toBe(true);
    expect(disk.inputs).toEqual({
      resourceGroupName: RESOURCE_GROUP,
      location: LOCATION,
      tags: { "managed-by": "palisade" },
      creationData: { createOption: "Empty" },
      diskSizeGB: 64,
      sku: { name: "Premium_LRS" },
      encryption: { type: "EncryptionAtRestWithCustomerKey", diskEncryptionSetId: "phi-data-des-id" },
      networkAccessPolicy: "DenyAll",
      publicNetworkAccess: "Disabled",
    });
    expect(disk.dependsOn).toContain(stack.one(GRANT, "phi-data-des-key-user").urn);
    expect(stack.one(VM, "phi-vm").inputs.storageProfile.dataDisks).toEqual([
      { lun: 0, createOption: "Attach", deleteOption: "Detach", managedDisk: { id: "phi-disk-data-id" } },
      { lun: 5, createOption: "Attach", deleteOption: "Detach", managedDisk: { id: "phi-disk-logs-id" } },
    ]);
  });

  it("creates no data key or set without data disks", async () => {
    const stack = await built({ dataDisks: undefined });
    expect(stack.ofType(DES).map((r) => r.name)).toEqual(["phi-os-des"]);
    expect(stack.ofType(DISK)).toEqual([]);
    expect(stack.one(VM, "phi-vm").inputs.storageProfile.dataDisks).toEqual([]);
  });

  it("deletes the OS disk with the VM only when retention is turned off", async () => {
    const stack = await built({ dataProtection: { retainOnDelete: false } });
    expect(stack.one(VM, "phi-vm").inputs.storageProfile.osDisk.deleteOption).toBe("Delete");
    expect(stack.one(VM, "phi-vm").retainOnDelete).toBe(false);
  });

  it("runs SEV-SNP on a DCasv5 size by default, its key released to sevsnpvm only", async () => {
    const stack = await built({ tee: "sev-snp" });
    expect(stack.one(VM, "phi-vm").inputs.hardwareProfile).toEqual({ vmSize: "Standard_DC4as_v5" });
    expect(releasePolicy(stack.one(KEY, "phi-os-key").inputs).anyOf[0].allOf[1]).toEqual({
      anyOf: [{ claim: "x-ms-attestation-type", equals: "sevsnpvm" }],
    });
  });

  it("runs the NCC H100 v5 GPU size as SEV-SNP", async () => {
    const stack = await built({ tee: "sev-snp", vmSize: "Standard_NCC40ads_H100_v5" });
    expect(stack.one(VM, "phi-vm").inputs.hardwareProfile).toEqual({ vmSize: "Standard_NCC40ads_H100_v5" });
  });

  it("takes a named TDX size, zone and image, and other authorities", async () => {
    const authorities = ["https://sharedneu.neu.attest.azure.net", "https://attest.example.com"];
    const image = {
      publisher: "Canonical",
      offer: "0001-com-ubuntu-confidential-vm-jammy",
      sku: "22_04-lts-cvm",
    };
    const stack = await built({
      vmSize: "Standard_EC8es_v6",
      zone: "2",
      image,
      attestationAuthorities: authorities,
    });
    const vm = stack.one(VM, "phi-vm");
    expect(vm.inputs.hardwareProfile).toEqual({ vmSize: "Standard_EC8es_v6" });
    expect(vm.inputs.zones).toEqual(["2"]);
    expect(vm.inputs.storageProfile.imageReference).toEqual({ ...image, version: "latest" });
    expect(stack.one(DISK, "phi-disk-data").inputs.zones).toEqual(["2"]);
    expect(releasePolicy(stack.one(KEY, "phi-os-key").inputs).anyOf.map((a: any) => a.authority)).toEqual(
      authorities,
    );
  });

  it("defaults the authority to the location's shared one", async () => {
    const stack = await built({ location: "northeurope" });
    expect(releasePolicy(stack.one(KEY, "phi-os-key").inputs).anyOf[0].authority).toBe(
      "https://sharedneu.neu.attest.azure.net",
    );
  });

  it("logs in with Entra ID on request: a system-assigned identity and the AADSSHLoginForLinux extension", async () => {
    const stack = await azureStack();
    const cvm = new ConfidentialVm("phi", {
      ...COMPONENT_CASES.ConfidentialVm.args,
      entraIdLogin: true,
    } as unknown as ConfidentialVmArgs);
    const principal = new Promise((resolve) => cvm.principalId!.apply(resolve));
    await stack.settle();
    expect(stack.one(VM, "phi-vm").inputs.identity).toEqual({ type: "SystemAssigned" });
    expect(stack.one(EXTENSION, "phi-vm-entra-ssh").inputs).toEqual({
      resourceGroupName: RESOURCE_GROUP,
      location: LOCATION,
      tags: { "managed-by": "palisade" },
      vmName: "phi-vm00000000",
      vmExtensionName: "AADSSHLoginForLinux",
      publisher: "Microsoft.Azure.ActiveDirectory",
      type: "AADSSHLoginForLinux",
      typeHandlerVersion: "1.0",
      autoUpgradeMinorVersion: true,
    });
    expect(await principal).toBe("principal-of-phi-vm");
  });

  it("takes the subnet's NSG when the subnet is an Output", async () => {
    const stack = await azureStack();
    new ConfidentialVm("phi", {
      ...COMPONENT_CASES.ConfidentialVm.args,
      subnetId: Promise.resolve(WORKLOAD_SUBNET_ID),
      networkSecurityGroupId: undefined,
    } as unknown as ConfidentialVmArgs);
    await stack.settle();
    expect(stack.one(NIC, "phi-nic").inputs).not.toHaveProperty("networkSecurityGroup");
  });

  it("outputs what a caller needs", async () => {
    const stack = await azureStack();
    const cvm = new ConfidentialVm(
      "phi",
      COMPONENT_CASES.ConfidentialVm.args as unknown as ConfidentialVmArgs,
    );
    const read = (o: { apply: (f: (v: unknown) => void) => unknown }) =>
      new Promise((resolve) => o.apply(resolve));
    const outputs = await Promise.all(
      [
        cvm.vmId,
        cvm.vmName,
        cvm.networkInterfaceId,
        cvm.privateIp,
        cvm.osDiskEncryptionSetId,
        cvm.dataDiskEncryptionSetId!,
        cvm.keyId,
      ].map(read),
    );
    await stack.settle();
    expect(outputs).toEqual([
      "vmid-of-phi-vm",
      "phi-vm00000000",
      "phi-nic-id",
      "10.0.1.4",
      "phi-os-des-id",
      "phi-data-des-id",
      "phi-os-key-id",
    ]);
    expect(cvm.principalId).toBeUndefined();
  });
});

describe("ConfidentialVm bad input", () => {
  const KEY_BODY = "AAAAC3NzaC1lZDI1NTE5AAAAIAbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg";
  it.each([
    ["args null", null, "args"],
    ["no resource group", { resourceGroupName: undefined }, "resourceGroupName"],
    ["an unknown TEE", { tee: "sgx" }, "tee"],
    ["a size that is not confidential", { vmSize: "Standard_D4s_v5" }, "vmSize"],
    ["a SEV-SNP size for TDX", { vmSize: "Standard_DC4as_v5" }, "vmSize"],
    ["a TDX size for SEV-SNP", { tee: "sev-snp", vmSize: "Standard_DC4es_v6" }, "vmSize"],
    ["the GPU size for TDX", { vmSize: "Standard_NCC40ads_H100_v5" }, "vmSize"],
    ["no key vault", { keyVault: undefined }, "keyVault"],
    [
      "a key vault without its group",
      { keyVault: { vaultId: VAULT_ID, vaultName: "kv" } },
      "keyVault.vaultResourceGroupName",
    ],
    [
      "no orchestrator id",
      { confidentialVmOrchestratorObjectId: undefined },
      "confidentialVmOrchestratorObjectId",
    ],
    [
      "an orchestrator app id instead of a GUID object id",
      { confidentialVmOrchestratorObjectId: "Confidential VM Orchestrator" },
      "confidentialVmOrchestratorObjectId",
    ],
    ["no authorities", { attestationAuthorities: [] }, "attestationAuthorities"],
    [
      "an http authority",
      { attestationAuthorities: ["http://sharedweu.weu.attest.azure.net"] },
      "attestationAuthorities[0]",
    ],
    [
      "an authority with a path",
      {
        attestationAuthorities: ["https://sharedweu.weu.attest.azure.net", "https://x.example/attest/TdxVm"],
      },
      "attestationAuthorities[1]",
    ],
    ["no subnet", { subnetId: undefined }, "subnetId"],
    ["a plain subnet id without an NSG", { networkSecurityGroupId: undefined }, "networkSecurityGroupId"],
    ["the root user", { adminUsername: "root" }, "adminUsername"],
    ["the admin user", { adminUsername: "admin" }, "adminUsername"],
    ["an uppercase user", { adminUsername: "Alice" }, "adminUsername"],
    ["no SSH keys", { sshPublicKeys: [] }, "sshPublicKeys"],
    ["no sshPublicKeys", { sshPublicKeys: undefined }, "sshPublicKeys"],
    ["a private key", { sshPublicKeys: ["-----BEGIN OPENSSH PRIVATE KEY-----"] }, "sshPublicKeys[0]"],
    ["a DSA key", { sshPublicKeys: [SSH_KEY, `ssh-dss ${KEY_BODY}`] }, "sshPublicKeys[1]"],
    ["an image without a SKU", { image: { publisher: "Canonical", offer: "ubuntu-24_04-lts" } }, "image.sku"],
    ["a data disk name with '_'", { dataDisks: [{ name: "my_data", sizeGb: 64 }] }, "dataDisks[0].name"],
    [
      "two data disks of one name",
      {
        dataDisks: [
          { name: "data", sizeGb: 64 },
          { name: "data", sizeGb: 64 },
        ],
      },
      "dataDisks[1].name",
    ],
    ["a 2 GiB data disk", { dataDisks: [{ name: "data", sizeGb: 2 }] }, "dataDisks[0].sizeGb"],
    ["a 64 TiB data disk", { dataDisks: [{ name: "data", sizeGb: 65_536 }] }, "dataDisks[0].sizeGb"],
    ["a LUN of 64", { dataDisks: [{ name: "data", sizeGb: 64, lun: 64 }] }, "dataDisks[0].lun"],
    [
      "two disks on one LUN",
      {
        dataDisks: [
          { name: "data", sizeGb: 64 },
          { name: "logs", sizeGb: 64, lun: 0 },
        ],
      },
      "dataDisks[1].lun",
    ],
    ["zone 4", { zone: "4" }, "zone"],
    ["a typo", { entraIdLogins: true }, "entraIdLogins"],
  ] as const)("rejects %s", async (_, change, path) => {
    expect(await rejectedPaths("ConfidentialVm", change as Record<string, unknown> | null)).toContain(path);
  });

  it("rejects a location with no known authority unless authorities are given", async () => {
    expect(await rejectedPaths("ConfidentialVm", { location: "atlantis" })).toEqual([
      "attestationAuthorities",
    ]);
    const stack = await built({
      location: "atlantis",
      attestationAuthorities: ["https://sharedweu.weu.attest.azure.net"],
    });
    expect(stack.one(VM, "phi-vm").inputs.location).toBe("atlantis");
  });

  it("names the sizes that work when the size runs the other TEE", async () => {
    const stack = await azureStack();
    let message = "";
    try {
      new ConfidentialVm("phi", {
        ...COMPONENT_CASES.ConfidentialVm.args,
        vmSize: "Standard_DC4as_v5",
      } as unknown as ConfidentialVmArgs);
    } catch (e) {
      message = (e as Error).message;
    }
    await stack.settle();
    expect(message).toContain("AMD SEV-SNP size (DCasv5)");
    expect(message).toContain("DCesv6 (Standard_DC2es_v6 ... Standard_DC128es_v6)");
  });

  it("rejects a name a child would refuse (the key's '.', the VM's length), naming `name`", async () => {
    expect(await rejectedPaths("ConfidentialVm", {}, "phi.prod")).toEqual(["name"]);
    expect(await rejectedPaths("ConfidentialVm", {}, "x".repeat(60))).toEqual(["name"]);
  });
});

describe("ConfidentialVm under the HIPAA pack", () => {
  const azurePolicies = buildPolicies(hipaaFramework).filter((p) => p.tags?.includes("target:azure"));

  it.each([
    ["with data disks and Entra login", { entraIdLogin: true }],
    ["with a subnet from the stack and no NIC NSG", { networkSecurityGroupId: undefined }],
  ])("has no finding from any Azure policy %s", async (_, change) => {
    const stack = await azureStack();
    const args: Record<string, unknown> = {
      ...COMPONENT_CASES.ConfidentialVm.args,
      ...change,
      baseline: hipaa,
    };
    if ("networkSecurityGroupId" in change) {
      // A subnet declared in the stack with its NSG, as a segmented network gives.
      const subnet = new Subnet("workload", {
        resourceGroupName: RESOURCE_GROUP,
        virtualNetworkName: "net",
        addressPrefix: "10.0.1.0/24",
        networkSecurityGroup: { id: NSG_ID },
      });
      args.subnetId = subnet.id;
    }
    new ConfidentialVm("comp", args as unknown as ConfidentialVmArgs);
    await stack.settle();
    const resources = kitResources(stack.registrations);
    // The VM, its NIC, the data disk and both keys are in the pack's scope.
    const judged = new Set([VM, DISK, NIC, KEY]);
    expect(resources.filter((r) => judged.has(r.type)).length).toBe(5);
    expect(azurePolicies.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        "azure-compute-virtual-machine-hardened",
        "azure-compute-disk-encrypted",
        "azure-network-interface-guarded",
        "azure-keyvault-key-rotation",
      ]),
    );
    const findings = await findingsOf(azurePolicies, resources);
    expect(findings).toEqual([]);
  });

  it("finds the NIC unguarded when neither it nor a declared subnet has an NSG", async () => {
    const stack = await azureStack();
    new ConfidentialVm("comp", {
      ...COMPONENT_CASES.ConfidentialVm.args,
      subnetId: Promise.resolve(WORKLOAD_SUBNET_ID),
      networkSecurityGroupId: undefined,
    } as unknown as ConfidentialVmArgs);
    await stack.settle();
    const nic = stack.one(NIC, "comp-nic");
    const guard = azurePolicies.find((p) => p.name === "azure-network-interface-guarded")!;
    const result = await analyzeStack(guard, [
      { type: nic.type, name: nic.name, props: nic.inputs, propertyDependencies: {} },
    ]);
    expect(result.violations.length).toBeGreaterThan(0);
  });
});
