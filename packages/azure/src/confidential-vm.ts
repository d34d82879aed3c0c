/**
 * A confidential VM (Intel TDX by default, or AMD SEV-SNP) whose OS disk and VM guest state are encrypted
 * with a customer key that Key Vault releases only to a confidential VM attested by Microsoft Azure
 * Attestation. The chain, each link of which Azure requires:
 * - an exportable RSA-HSM key with a release policy naming the MAA authority and the TEE (attestation.ts);
 * - a `ConfidentialVmEncryptedWithCustomerKey` disk encryption set pinned to that key's version, its
 *   identity granted Key Vault Crypto Service Encryption User on the key;
 * - the Confidential VM Orchestrator service principal granted Key Vault Crypto Service Release User on
 *   the key;
 * - the VM, after both grants, naming the set under `managedDisk.securityProfile.diskEncryptionSet` with
 *   `securityEncryptionType: DiskWithVMGuestState`.
 * Data disks are standalone managed disks under a second, ordinary customer-key set, closed to every
 * network. No public IP, SSH keys only, secure boot and vTPM on, boot diagnostics in managed storage.
 * `encryptionAtHost` is left unset: Microsoft does not document it together with confidential OS disk
 * encryption, so Palisade does not combine them unverified.
 *
 * Key rotation. Azure does not rotate a confidential OS disk's key by itself: the set names one key
 * version, and the key's rotation policy only creates new versions. To rotate, stop (deallocate) every VM
 * whose OS disk uses the set, point the set's active key at the new version (`az disk-encryption-set
 * update --key-url <new version>`), and start the VMs again. The key rotates yearly (or per the baseline)
 * and Key Vault notifies 30 days before a version expires: that notice is the cue. The key and its release
 * policy are create-only in azure-native: change the policy with the data plane
 * (`az keyvault key set-attributes --policy <file>`), or create a new key. Data disks follow their key's
 * newest version on their own.
 *
 * The release policy names only the VM's TEE (`tdxvm` for TDX), not both as Microsoft's default does: the
 * key is released to the hardware it was made for. Moving the VM to the other TEE family therefore needs
 * the policy changed first (or a new key), or the VM will not start.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  Disk,
  VirtualMachine,
  VirtualMachineExtension,
  type DiskEncryptionSet,
} from "@pulumi/azure-native/compute";
import type { Key } from "@pulumi/azure-native/keyvault";
import { NetworkInterface } from "@pulumi/azure-native/network";
import type { RoleAssignment } from "@pulumi/azure-native/authorization";
import {
  childName,
  DNS_LABEL_RULE,
  isDnsLabel,
  shape,
  validateArgs,
  type ArgsSchema,
  type ProblemCollector,
} from "@palisade/core";
import { confidentialReleasePolicy, isAuthorityUrl, MAA_LEARN_SOURCE, sharedAuthority } from "./attestation";
import { AzureChildren } from "./children";
import { confidentialSizeProblem, DEFAULT_CONFIDENTIAL_SIZE, type AzureTee } from "./confidential-sizes";
import { createDiskEncryptionSet, diskEncryptionSetNames } from "./disk-encryption-set";
import { CONFIDENTIAL_DISK_KEY_OPS, KEY_VAULT_REFERENCE_SCHEMA, type KeyVaultReference } from "./key-vault";
import { AZURE_GUID, checkChildNames, type NamedChild } from "./names";
import { grantRole } from "./roles";
import { AZURE_COMPONENT_SCHEMA, resolveAzureSettings, type AzureComponentArgs } from "./settings";

export interface ConfidentialVmImage {
  publisher: string;
  offer: string;
  sku: string;
  /** @default "latest" */
  version?: string;
}

export interface ConfidentialVmDataDisk {
  /** The disk's name within the VM (a DNS label): the child is `<name>-disk-<this>`. */
  name: string;
  /** Size in GiB, 4 to 32767 (Premium SSD). Growing it needs the VM deallocated. */
  sizeGb: number;
  /** Logical unit number, 0-63, unique on the VM. @default the disk's index in `dataDisks` */
  lun?: number;
}

export interface ConfidentialVmArgs extends AzureComponentArgs {
  /**
   * The trusted execution environment: Intel `tdx` (DCesv6/ECesv6, v5) or AMD `sev-snp` (DCasv5/ECasv5,
   * NCC H100 v5). The key's release policy names this TEE only, and azure-native never updates a key: moving
   * to the other TEE needs a new key (a new VM name), or the key's policy changed with the az CLI first.
   * @default "tdx"
   */
  tee?: AzureTee;
  /**
   * A confidential size running `tee` (confidential-sizes.ts); anything else is refused by name.
   * Changing it resizes the VM (a restart).
   * @default `DEFAULT_CONFIDENTIAL_SIZE` ("Standard_DC4es_v6") for TDX, "Standard_DC4as_v5" for SEV-SNP
   */
  vmSize?: string;
  /**
   * The vault the disk keys are created in: Premium (HSM keys), purge-protected, RBAC-authorized, such as a
   * {@link KeyVault}. Forces replacement of the keys and disk encryption sets when changed.
   */
  keyVault: KeyVaultReference;
  /**
   * Object id (a GUID) of the Confidential VM Orchestrator service principal in your tenant, granted Key
   * Vault Crypto Service Release User on the OS disk key. Create it once per tenant, then read its id:
   * `az ad sp create --id bf7b6499-ff71-4aa2-97a4-f372087be7f0`, then
   * `az ad sp show --id bf7b6499-ff71-4aa2-97a4-f372087be7f0 --query id -o tsv`.
   */
  confidentialVmOrchestratorObjectId: string;
  /**
   * MAA authorities (https base URLs) whose attestation releases the OS disk key. Fixed at key creation.
   * @default the location's regional shared authority (`MAA_SHARED_AUTHORITIES`); required where none is known
   */
  attestationAuthorities?: string[];
  /** Id of the subnet the VM's only NIC sits in (a segmented, private subnet); no public IP is created. Forces replacement. */
  subnetId: pulumi.Input<string>;
  /**
   * Id of a network security group on the NIC. The HIPAA pack's azure-network-interface-guarded asks for an
   * NSG on the NIC or on every subnet it uses that the stack declares; a `subnetId` given as a plain string
   * is not declared in the stack, so it needs this.
   * @default none: required when `subnetId` is a plain string; else the subnet's NSG guards the NIC
   */
  networkSecurityGroupId?: pulumi.Input<string>;
  /**
   * Linux administrator account (lowercase, not a name Azure reserves such as root or admin). Forces
   * replacement.
   * @default "azureuser"
   */
  adminUsername?: string;
  /**
   * OpenSSH public keys (`ssh-rsa`, `ssh-ed25519` or `ecdsa-sha2-nistp256`) authorized for the admin
   * account; at least one. Password login is always disabled. Forces replacement.
   */
  sshPublicKeys: string[];
  /**
   * Log in with Entra ID (`az ssh vm`): a system-assigned identity and the AADSSHLoginForLinux extension.
   * Grant "Virtual Machine User Login" yourself.
   * @default false
   */
  entraIdLogin?: boolean;
  /**
   * Marketplace image with a confidential VM build. Forces replacement.
   * @default Ubuntu 24.04 LTS CVM: Canonical ubuntu-24_04-lts cvm latest
   */
  image?: ConfidentialVmImage;
  /** Data disks, each a customer-key managed disk retained with the data. @default none */
  dataDisks?: ConfidentialVmDataDisk[];
  /** Availability zone ("1", "2" or "3") of the VM and its disks. Forces replacement. @default none (regional) */
  zone?: "1" | "2" | "3";
}

const TYPE = "palisade:azure:ConfidentialVm";

/** The smallest current size of each TEE. */
export const DEFAULT_SIZE: Readonly<Record<AzureTee, string>> = {
  tdx: DEFAULT_CONFIDENTIAL_SIZE,
  "sev-snp": "Standard_DC4as_v5",
};

export const DEFAULT_CONFIDENTIAL_IMAGE: Readonly<Required<ConfidentialVmImage>> = {
  publisher: "Canonical",
  offer: "ubuntu-24_04-lts",
  sku: "cvm",
  version: "latest",
};

/** The AADSSHLoginForLinux extension: Entra ID SSH login. */
const ENTRA_SSH_EXTENSION = {
  publisher: "Microsoft.Azure.ActiveDirectory",
  type: "AADSSHLoginForLinux",
  typeHandlerVersion: "1.0",
} as const;

/**
 * Usernames Azure refuses for a VM's administrator
 * (https://learn.microsoft.com/en-us/azure/virtual-machines/linux/faq#what-are-the-username-requirements-when-creating-a-vm-).
 */
export const RESERVED_ADMIN_USERNAMES: readonly string[] = (
  "administrator admin user user1 test user2 test1 user3 admin1 1 123 a actuser adm admin2 aspnet backup " +
  "console david guest john owner root server sql support support_388945a0 sys test2 test3 user4 user5"
).split(" ");
/** A Linux account name (useradd's conventional rule): lowercase, digits, '_' or '-', 1-32, not starting with a digit or '-'. */
const LINUX_USERNAME = /^[a-z_][a-z0-9_-]{0,31}$/;
/** An OpenSSH public key line: type, base64 body, optional comment. */
const SSH_PUBLIC_KEY = /^(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp256) [A-Za-z0-9+/]+={0,3}( [^\r\n]*)?$/;
/** Premium SSD managed disk sizes in GiB. */
const DATA_DISK_GB = { min: 4, max: 32_767 } as const;
const MAX_LUN = 63;

export class ConfidentialVm extends pulumi.ComponentResource {
  readonly vm: VirtualMachine;
  readonly networkInterface: NetworkInterface;
  /** The OS disk key: exportable, released only to an attested confidential VM. */
  readonly key: Key;
  readonly osDiskEncryptionSet: DiskEncryptionSet;
  readonly dataDiskEncryptionSet?: DiskEncryptionSet;
  readonly dataDisks: Disk[];
  /** The grants the VM waits for: the OS disk set's on the key, and the orchestrator's release grant. */
  readonly keyGrants: RoleAssignment[];
  readonly vmId: pulumi.Output<string>;
  readonly vmName: pulumi.Output<string>;
  /** The VM's system-assigned identity, when `entraIdLogin` is on. */
  readonly principalId?: pulumi.Output<string>;
  readonly networkInterfaceId: pulumi.Output<string>;
  readonly privateIp: pulumi.Output<string>;
  readonly osDiskEncryptionSetId: pulumi.Output<string>;
  readonly dataDiskEncryptionSetId?: pulumi.Output<string>;
  readonly keyId: pulumi.Output<string>;

  constructor(name: string, args: ConfidentialVmArgs, opts?: pulumi.ComponentResourceOptions) {
    const s = validateArgs(
      `${TYPE} "${name}"`,
      CONFIDENTIAL_VM_SCHEMA,
      args,
      (problems, a: ConfidentialVmArgs) => checkConfidentialVmArgs(problems, name, a),
    );
    super(TYPE, name, {}, opts);
    const children = new AzureChildren(this, s.settings);
    const zones = args.zone ? [args.zone] : undefined;

    const os = createDiskEncryptionSet(
      children,
      childName(name, "os"),
      args.keyVault,
      "ConfidentialVmEncryptedWithCustomerKey",
      {
        releasePolicy: confidentialReleasePolicy(s.authorities, [s.tee]),
        keyOps: CONFIDENTIAL_DISK_KEY_OPS,
      },
    );
    // Azure's platform service that releases the key to the VM at boot, after attestation.
    const releaseGrant = grantRole(children, childName(name, "os-key-release"), {
      role: "Key Vault Crypto Service Release User",
      principalId: args.confidentialVmOrchestratorObjectId,
      principalType: "ServicePrincipal",
      scope: os.key.id,
    });
    this.key = os.key;
    this.osDiskEncryptionSet = os.diskEncryptionSet;
    this.keyGrants = [os.keyGrant, releaseGrant];

    const disks = args.dataDisks ?? [];
    const data =
      disks.length > 0
        ? createDiskEncryptionSet(
            children,
            childName(name, "data"),
            args.keyVault,
            "EncryptionAtRestWithCustomerKey",
          )
        : undefined;
    this.dataDiskEncryptionSet = data?.diskEncryptionSet;
    this.dataDisks = disks.map((disk) =>
      children.create(
        Disk,
        childName(name, "disk", disk.name),
        { resourceGroupName: true, location: true, tags: true },
        {
          creationData: { createOption: "Empty" },
          diskSizeGB: disk.sizeGb,
          sku: { name: "Premium_LRS" },
          zones,
          encryption: {
            type: "EncryptionAtRestWithCustomerKey",
            diskEncryptionSetId: data!.diskEncryptionSet.id,
          },
          networkAccessPolicy: "DenyAll",
          publicNetworkAccess: "Disabled",
        },
        // The set's identity must hold the key before Azure encrypts the disk with it.
        { role: "data", dependsOn: [data!.keyGrant] },
      ),
    );

    this.networkInterface = children.create(
      NetworkInterface,
      childName(name, "nic"),
      { resourceGroupName: true, location: true, tags: true },
      {
        ipConfigurations: [
          {
            name: "primary",
            primary: true,
            privateIPAllocationMethod: "Dynamic",
            subnet: { id: args.subnetId },
          },
        ],
        // DCesv6/ECesv6 do not support accelerated networking.
        enableAcceleratedNetworking: false,
        enableIPForwarding: false,
        ...(args.networkSecurityGroupId ? { networkSecurityGroup: { id: args.networkSecurityGroupId } } : {}),
      },
    );

    const user = s.adminUsername;
    const image = { ...DEFAULT_CONFIDENTIAL_IMAGE, ...args.image };
    this.vm = children.create(
      VirtualMachine,
      childName(name, "vm"),
      { resourceGroupName: true, location: true, tags: true },
      {
        zones,
        hardwareProfile: { vmSize: s.vmSize },
        securityProfile: {
          securityType: "ConfidentialVM",
          uefiSettings: { secureBootEnabled: true, vTpmEnabled: true },
        },
        ...(args.entraIdLogin ? { identity: { type: "SystemAssigned" as const } } : {}),
        storageProfile: {
          imageReference: image,
          osDisk: {
            createOption: "FromImage",
            // Retained data outlives a VM deleted by hand; with retention off, nothing is left orphaned.
            deleteOption: s.settings.protection.retainOnDelete ? "Detach" : "Delete",
            managedDisk: {
              storageAccountType: "Premium_LRS",
              // The confidential set goes here, never in managedDisk.diskEncryptionSet.
              securityProfile: {
                securityEncryptionType: "DiskWithVMGuestState",
                diskEncryptionSet: { id: os.diskEncryptionSet.id },
              },
            },
          },
          // Pulumi owns the data disks: Azure must not delete them with the VM.
          dataDisks: this.dataDisks.map((disk, i) => ({
            lun: s.luns[i]!,
            createOption: "Attach",
            deleteOption: "Detach",
            managedDisk: { id: disk.id },
          })),
        },
        osProfile: {
          computerName: s.computerName,
          adminUsername: user,
          linuxConfiguration: {
            disablePasswordAuthentication: true,
            provisionVMAgent: true,
            ssh: {
              publicKeys: args.sshPublicKeys.map((keyData) => ({
                path: `/home/${user}/.ssh/authorized_keys`,
                keyData,
              })),
            },
          },
        },
        networkProfile: {
          networkInterfaces: [{ id: this.networkInterface.id, primary: true, deleteOption: "Detach" }],
        },
        // No storageUri: boot diagnostics in managed storage, with no account to open.
        diagnosticsProfile: { bootDiagnostics: { enabled: true } },
      },
      { role: "data", dependsOn: [os.keyGrant, releaseGrant, ...(data ? [data.keyGrant] : [])] },
    );

    if (args.entraIdLogin)
      children.create(
        VirtualMachineExtension,
        childName(name, "vm", "entra-ssh"),
        { resourceGroupName: true, location: true, tags: true },
        {
          vmName: this.vm.name,
          vmExtensionName: ENTRA_SSH_EXTENSION.type,
          ...ENTRA_SSH_EXTENSION,
          autoUpgradeMinorVersion: true,
        },
      );

    this.vmId = this.vm.vmId;
    this.vmName = this.vm.name;
    this.principalId = args.entraIdLogin
      ? this.vm.identity.apply((identity) => identity?.principalId ?? "")
      : undefined;
    this.networkInterfaceId = this.networkInterface.id;
    this.privateIp = this.networkInterface.ipConfigurations.apply(
      (configs) => configs?.[0]?.privateIPAddress ?? "",
    );
    this.osDiskEncryptionSetId = os.diskEncryptionSet.id;
    this.dataDiskEncryptionSetId = data?.diskEncryptionSet.id;
    this.keyId = os.key.id;
    this.registerOutputs({
      vmId: this.vmId,
      vmName: this.vmName,
      principalId: this.principalId,
      networkInterfaceId: this.networkInterfaceId,
      privateIp: this.privateIp,
      osDiskEncryptionSetId: this.osDiskEncryptionSetId,
      dataDiskEncryptionSetId: this.dataDiskEncryptionSetId,
      keyId: this.keyId,
    });
  }
}

export const CONFIDENTIAL_VM_SCHEMA: ArgsSchema = shape.object(
  {
    ...AZURE_COMPONENT_SCHEMA,
    tee: shape.oneOf(["tdx", "sev-snp"]),
    vmSize: shape.string("must be a VM size such as Standard_DC4es_v6"),
    keyVault: KEY_VAULT_REFERENCE_SCHEMA,
    confidentialVmOrchestratorObjectId: shape.string(
      "must be the Confidential VM Orchestrator service principal's object id (a GUID)",
    ),
    attestationAuthorities: shape.array(shape.string("must be an https URL"), "must list MAA authority URLs"),
    subnetId: shape.input(shape.string("must be a subnet id"), "must be a subnet id or an Output of one"),
    networkSecurityGroupId: shape.input(
      shape.string("must be a network security group id"),
      "must be a network security group id or an Output of one",
    ),
    adminUsername: shape.string("must be a Linux user name"),
    sshPublicKeys: shape.array(
      shape.string("must be an OpenSSH public key"),
      "must list OpenSSH public keys",
    ),
    entraIdLogin: shape.boolean(),
    image: shape.object(
      {
        publisher: shape.string("must be an image publisher"),
        offer: shape.string("must be an image offer"),
        sku: shape.string("must be an image SKU"),
        version: shape.string("must be an image version"),
      },
      { required: ["publisher", "offer", "sku"], description: "must be { publisher, offer, sku, version? }" },
    ),
    dataDisks: shape.array(
      shape.object(
        {
          name: shape.string("must be a disk name"),
          sizeGb: shape.integer("must be a whole number of GiB"),
          lun: shape.integer("must be a whole number"),
        },
        { required: ["name", "sizeGb"], description: "must be a data disk { name, sizeGb, lun? }" },
      ),
      "must list data disks",
    ),
    zone: shape.oneOf(["1", "2", "3"]),
  },
  {
    required: [
      "resourceGroupName",
      "keyVault",
      "confidentialVmOrchestratorObjectId",
      "subnetId",
      "sshPublicKeys",
    ],
  },
);

/** The names a ConfidentialVm derives from its component name. */
export function confidentialVmNames(name: string, args: Pick<ConfidentialVmArgs, "dataDisks">): NamedChild[] {
  const disks = args.dataDisks ?? [];
  return [
    { type: "azure-native:compute:VirtualMachine", name: childName(name, "vm") },
    { type: "azure-native:network:NetworkInterface", name: childName(name, "nic") },
    ...diskEncryptionSetNames(childName(name, "os")),
    ...(disks.length > 0 ? diskEncryptionSetNames(childName(name, "data")) : []),
    ...disks.map((disk): NamedChild => ({
      type: "azure-native:compute:Disk",
      name: childName(name, "disk", disk.name),
    })),
  ];
}

/** Every rule a ConfidentialVm's args must meet, with the values they resolve to. */
export function checkConfidentialVmArgs(problems: ProblemCollector, name: string, args: ConfidentialVmArgs) {
  const settings = resolveAzureSettings(problems, name, args);
  const tee = args.tee ?? "tdx";

  const vmSize = args.vmSize ?? DEFAULT_SIZE[tee];
  const sizeProblem = confidentialSizeProblem(vmSize, tee);
  if (sizeProblem !== undefined) problems.add("vmSize", vmSize, sizeProblem);

  problems.require(
    AZURE_GUID.test(args.confidentialVmOrchestratorObjectId ?? ""),
    "confidentialVmOrchestratorObjectId",
    args.confidentialVmOrchestratorObjectId,
    "must be a GUID: the object id from `az ad sp show --id bf7b6499-ff71-4aa2-97a4-f372087be7f0 --query id -o tsv`",
  );

  const authorities = args.attestationAuthorities ?? [];
  if (args.attestationAuthorities === undefined) {
    const shared = settings.location === "" ? undefined : sharedAuthority(settings.location);
    if (shared !== undefined) authorities.push(shared);
    else if (settings.location !== "")
      problems.add(
        "attestationAuthorities",
        undefined,
        `must be set: no shared Azure Attestation authority is known for location "${settings.location}" (${MAA_LEARN_SOURCE})`,
      );
  } else {
    problems.require(
      authorities.length > 0,
      "attestationAuthorities",
      authorities,
      "must list at least one authority: without one the key is never released",
    );
    authorities.forEach((authority, i) =>
      problems.require(
        isAuthorityUrl(authority),
        `attestationAuthorities[${i}]`,
        authority,
        "must be an https URL of an attestation provider with no path, e.g. https://sharedweu.weu.attest.azure.net",
      ),
    );
  }

  problems.require(
    typeof args.subnetId !== "string" || args.networkSecurityGroupId !== undefined,
    "networkSecurityGroupId",
    args.networkSecurityGroupId,
    "must be set when subnetId is a plain id: an NSG must guard the NIC (azure-network-interface-guarded), and a subnet outside the stack cannot show one",
  );

  const adminUsername = args.adminUsername ?? "azureuser";
  problems.require(
    LINUX_USERNAME.test(adminUsername),
    "adminUsername",
    adminUsername,
    "must be a Linux user name: 1-32 lowercase letters, digits, '_' or '-', starting with a letter or '_'",
  );
  problems.require(
    !RESERVED_ADMIN_USERNAMES.includes(adminUsername),
    "adminUsername",
    adminUsername,
    "is reserved by Azure (root, admin, administrator, user, guest, ...): choose another name",
  );

  const keys = args.sshPublicKeys ?? [];
  problems.require(
    keys.length > 0,
    "sshPublicKeys",
    keys,
    "must list at least one key: password login is disabled",
  );
  keys.forEach((key, i) =>
    problems.require(
      SSH_PUBLIC_KEY.test(key),
      `sshPublicKeys[${i}]`,
      key.length > 40 ? `${key.slice(0, 40)}...` : key,
      "must be an OpenSSH public key: ssh-rsa, ssh-ed25519 or ecdsa-sha2-nistp256, then its base64 body",
    ),
  );

  const names = new Set<string>();
  const luns: number[] = [];
  (args.dataDisks ?? []).forEach((disk, i) => {
    problems.require(isDnsLabel(disk.name), `dataDisks[${i}].name`, disk.name, DNS_LABEL_RULE);
    problems.require(
      !names.has(disk.name),
      `dataDisks[${i}].name`,
      disk.name,
      "must be unique among the data disks",
    );
    names.add(disk.name);
    problems.require(
      Number.isInteger(disk.sizeGb) && disk.sizeGb >= DATA_DISK_GB.min && disk.sizeGb <= DATA_DISK_GB.max,
      `dataDisks[${i}].sizeGb`,
      disk.sizeGb,
      `must be a whole number of GiB from ${DATA_DISK_GB.min} to ${DATA_DISK_GB.max} (Premium SSD)`,
    );
    const lun = disk.lun ?? i;
    problems.require(
      Number.isInteger(lun) && lun >= 0 && lun <= MAX_LUN,
      `dataDisks[${i}].lun`,
      disk.lun,
      `must be a whole number from 0 to ${MAX_LUN}`,
    );
    problems.require(!luns.includes(lun), `dataDisks[${i}].lun`, lun, "must be unique among the data disks");
    luns.push(lun);
  });

  // The computer name `<name>-vm` (Linux: letters, digits and '-', at most 64) needs no check of its own:
  // the OS disk key's name `<name>-os-key` already allows only letters, digits and '-', and the VM's name
  // at most 56 characters before its suffix.
  const computerName = childName(name, "vm");
  checkChildNames(problems, "name", name, confidentialVmNames(name, args));
  return {
    settings,
    tee,
    vmSize,
    authorities,
    adminUsername,
    luns,
    computerName,
  };
}
