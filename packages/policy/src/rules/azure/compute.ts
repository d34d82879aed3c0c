/**
 * Azure compute rules (azure-native v3 compute): virtual machines (API 2024-11-01) and managed disks
 * (API 2024-03-02). Defaults cited are those API versions' documented behaviour.
 */
import type * as compute from "@pulumi/azure-native/compute";
import { resourceRule, type Props } from "../../rule";

type Vm = Props<compute.VirtualMachineArgs>;
type Disk = Props<compute.DiskArgs>;

type Spec = Record<string, any>;
const list = (value: unknown): Spec[] => ((value as Spec[] | undefined) ?? []).map((v) => v ?? {});

/** Windows has no password-less login to judge; Linux is every other VM that provisions an OS profile. */
const windows = (props: Vm): boolean =>
  "windowsConfiguration" in (props.osProfile ?? {}) ||
  props.storageProfile?.osDisk?.osType === "Windows" ||
  /windows/i.test(String(props.storageProfile?.imageReference?.publisher ?? ""));

/** A managed disk names a customer key: a disk encryption set, directly or in its confidential profile. */
const customerKey = (managedDisk: Spec | undefined): boolean =>
  "diskEncryptionSet" in (managedDisk ?? {}) || "diskEncryptionSet" in (managedDisk?.securityProfile ?? {});

export const virtualMachineHardened = resourceRule({
  id: "azure-compute-virtual-machine-hardened",
  description:
    "Virtual machines have no public IP, refuse password SSH and encrypt their disks at the host or with a customer key",
  target: "azure",
  types: ["azure-native:compute:VirtualMachine"],
  requirements: [
    {
      id: "no-public-ip",
      description: "No network interface the VM defines inline gets a public IP address",
      remediation:
        "Remove publicIPAddressConfiguration from networkProfile.networkInterfaceConfigurations; reach the VM through Azure Bastion or a private network.",
      check: (props: Vm) =>
        list(props.networkProfile?.networkInterfaceConfigurations).flatMap((nic, i) =>
          list(nic.ipConfigurations).flatMap((ip, j) =>
            "publicIPAddressConfiguration" in ip
              ? [
                  `networkProfile.networkInterfaceConfigurations[${i}].ipConfigurations[${j}].publicIPAddressConfiguration gives a public IP`,
                ]
              : [],
          ),
        ),
    },
    {
      id: "no-password-login",
      description:
        "Linux VMs disable password authentication (API 2024-11-01 leaves it enabled unless disabled), so SSH takes keys only",
      remediation:
        "Set osProfile.linuxConfiguration.disablePasswordAuthentication: true with ssh.publicKeys, and drop adminPassword.",
      check: (props: Vm) => {
        // Without an OS profile (a specialized or attached OS disk) nothing is provisioned to judge.
        if (props.osProfile === undefined || windows(props)) return [];
        return props.osProfile.linuxConfiguration?.disablePasswordAuthentication === true
          ? []
          : ["osProfile.linuxConfiguration.disablePasswordAuthentication is not true"];
      },
    },
    {
      id: "disk-encryption",
      description:
        "Disks are encrypted at the host (encryptionAtHost, off by default) or each disk the VM creates names a customer-key disk encryption set",
      remediation:
        "Set securityProfile.encryptionAtHost: true, or managedDisk.diskEncryptionSet on the OS disk and every data disk the VM creates.",
      check: (props: Vm) => {
        if (props.securityProfile?.encryptionAtHost === true) return [];
        const storage = props.storageProfile ?? {};
        const os = customerKey(storage.osDisk?.managedDisk)
          ? []
          : ["storageProfile.osDisk.managedDisk names no diskEncryptionSet and encryptionAtHost is not true"];
        // Attached disks are Disk resources, judged by azure-compute-disk-encrypted.
        const data = list(storage.dataDisks).flatMap((disk, i) =>
          disk.createOption === "Attach" || customerKey(disk.managedDisk)
            ? []
            : [`storageProfile.dataDisks[${i}].managedDisk names no diskEncryptionSet`],
        );
        return [...os, ...data];
      },
    },
  ],
});

const PLATFORM_KEY = "EncryptionAtRestWithPlatformKey";

export const diskEncrypted = resourceRule({
  id: "azure-compute-disk-encrypted",
  description: "Managed disks are encrypted with a customer key and cannot be exported from any network",
  target: "azure",
  types: ["azure-native:compute:Disk"],
  requirements: [
    {
      id: "customer-key",
      description:
        "The disk is encrypted with a customer key through a disk encryption set (the default is a platform key)",
      remediation:
        'Set encryption.diskEncryptionSetId and encryption.type "EncryptionAtRestWithCustomerKey" (or "EncryptionAtRestWithPlatformAndCustomerKeys").',
      check: (props: Disk) => {
        const encryption = props.encryption ?? {};
        return "diskEncryptionSetId" in encryption && encryption.type !== PLATFORM_KEY
          ? []
          : ["encryption names no customer-key disk encryption set (diskEncryptionSetId, type)"];
      },
    },
    {
      id: "no-public-export",
      description:
        "The disk cannot be exported or uploaded from any network (networkAccessPolicy defaults to AllowAll)",
      remediation: 'Set networkAccessPolicy "DenyAll", or "AllowPrivate" with a diskAccessId.',
      check: (props: Disk) =>
        ["DenyAll", "AllowPrivate"].includes(props.networkAccessPolicy)
          ? []
          : ["networkAccessPolicy is not DenyAll or AllowPrivate"],
    },
  ],
});
