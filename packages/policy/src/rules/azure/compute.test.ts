import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { diskEncrypted, virtualMachineHardened } from "./compute";

const DES = { id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des" };
const vm = (props: Record<string, unknown>): KitResource => ({
  type: "azure-native:compute:VirtualMachine",
  name: "vm",
  props: {
    resourceGroupName: "rg",
    osProfile: {
      computerName: "vm",
      adminUsername: "ops",
      linuxConfiguration: { disablePasswordAuthentication: true, ssh: { publicKeys: [{ keyData: "ssh" }] } },
    },
    storageProfile: { osDisk: { createOption: "FromImage", managedDisk: { diskEncryptionSet: DES } } },
    networkProfile: {
      networkApiVersion: "2020-11-01",
      networkInterfaceConfigurations: [
        { name: "nic", ipConfigurations: [{ name: "ip", subnet: { id: "s" } }] },
      ],
    },
    ...props,
  },
});

describeRule(virtualMachineHardened, {
  baseline: hipaa,
  compliant: [
    vm({}),
    vm({ networkProfile: { networkInterfaces: [{ id: UNKNOWN }] } }),
    // Encryption at host covers every disk, whatever their own settings.
    vm({
      securityProfile: { encryptionAtHost: true },
      storageProfile: {
        osDisk: { createOption: "FromImage" },
        dataDisks: [{ lun: 0, createOption: "Empty" }],
      },
    }),
    // A confidential VM's OS disk with a customer key.
    vm({
      storageProfile: {
        osDisk: {
          createOption: "FromImage",
          managedDisk: {
            securityProfile: { securityEncryptionType: "DiskWithVMGuestState", diskEncryptionSet: DES },
          },
        },
      },
    }),
    // Windows takes a password; an attached OS disk provisions no OS profile.
    vm({ osProfile: { adminUsername: "ops", adminPassword: "pw", windowsConfiguration: {} } }),
    vm({
      osProfile: { adminUsername: "ops", adminPassword: "pw" },
      storageProfile: {
        imageReference: { publisher: "MicrosoftWindowsServer" },
        osDisk: { createOption: "FromImage", managedDisk: { diskEncryptionSet: DES } },
      },
    }),
    vm({
      osProfile: { adminUsername: "ops", adminPassword: "pw" },
      storageProfile: {
        osDisk: { createOption: "FromImage", osType: "Windows", managedDisk: { diskEncryptionSet: DES } },
      },
    }),
    vm({
      osProfile: undefined,
      storageProfile: {
        osDisk: {
          createOption: "Attach",
          osType: "Windows",
          managedDisk: { id: "d", diskEncryptionSet: DES },
        },
      },
    }),
  ],
  requirements: {
    "no-public-ip": {
      violating: [
        vm({
          networkProfile: {
            networkInterfaceConfigurations: [
              { name: "a", ipConfigurations: [{ name: "ip" }] },
              {
                name: "b",
                ipConfigurations: [{ name: "ip", publicIPAddressConfiguration: { name: "pip" } }],
              },
            ],
          },
        }),
      ],
      unknown: [
        vm({
          networkProfile: {
            networkInterfaceConfigurations: [{ name: "a", ipConfigurations: UNKNOWN }],
          },
        }),
      ],
      decidedWhenUnknown: [
        vm({
          networkProfile: {
            networkInterfaceConfigurations: [
              { name: "a", ipConfigurations: [{ name: "ip", subnet: { id: UNKNOWN } }] },
            ],
          },
        }),
      ],
    },
    "no-password-login": {
      violating: [
        vm({ osProfile: { adminUsername: "ops", adminPassword: "pw" } }),
        vm({
          osProfile: {
            adminUsername: "ops",
            adminPassword: "pw",
            linuxConfiguration: { disablePasswordAuthentication: false },
          },
        }),
        vm({
          osProfile: { adminUsername: "ops", adminPassword: "pw" },
          storageProfile: {
            imageReference: { publisher: "Canonical" },
            osDisk: { createOption: "FromImage", osType: "Linux", managedDisk: { diskEncryptionSet: DES } },
          },
        }),
      ],
      unknown: [vm({ osProfile: { adminUsername: "ops", linuxConfiguration: UNKNOWN } })],
      decidedWhenUnknown: [
        vm({
          osProfile: {
            adminUsername: UNKNOWN,
            linuxConfiguration: { disablePasswordAuthentication: true, ssh: UNKNOWN },
          },
        }),
      ],
    },
    "disk-encryption": {
      violating: [
        vm({ storageProfile: { osDisk: { createOption: "FromImage" } } }),
        vm({
          securityProfile: { encryptionAtHost: false },
          storageProfile: {
            osDisk: { createOption: "FromImage", managedDisk: { storageAccountType: "Premium_LRS" } },
          },
        }),
        vm({
          storageProfile: {
            osDisk: { createOption: "FromImage", managedDisk: { diskEncryptionSet: DES } },
            dataDisks: [
              { lun: 0, createOption: "Attach", managedDisk: { id: "d" } },
              { lun: 1, createOption: "Empty", managedDisk: { storageAccountType: "Premium_LRS" } },
            ],
          },
        }),
      ],
      compliant: [
        vm({
          storageProfile: {
            osDisk: { createOption: "FromImage", managedDisk: { diskEncryptionSet: DES } },
            dataDisks: [{ lun: 1, createOption: "Empty", managedDisk: { diskEncryptionSet: DES } }],
          },
        }),
      ],
      unknown: [vm({ storageProfile: { osDisk: { createOption: "FromImage", managedDisk: UNKNOWN } } })],
      decidedWhenUnknown: [
        vm({
          storageProfile: {
            osDisk: { createOption: "FromImage", managedDisk: { diskEncryptionSet: { id: UNKNOWN } } },
          },
        }),
      ],
    },
  },
});

const disk = (props: Record<string, unknown>): KitResource => ({
  type: "azure-native:compute:Disk",
  name: "disk",
  props: {
    resourceGroupName: "rg",
    creationData: { createOption: "Empty" },
    diskSizeGB: 64,
    encryption: { diskEncryptionSetId: "des", type: "EncryptionAtRestWithCustomerKey" },
    networkAccessPolicy: "DenyAll",
    ...props,
  },
});

describeRule(diskEncrypted, {
  baseline: hipaa,
  compliant: [
    disk({}),
    disk({
      encryption: { diskEncryptionSetId: UNKNOWN, type: "EncryptionAtRestWithPlatformAndCustomerKeys" },
      networkAccessPolicy: "AllowPrivate",
      diskAccessId: UNKNOWN,
    }),
  ],
  requirements: {
    "customer-key": {
      violating: [
        disk({ encryption: undefined }),
        disk({ encryption: { type: "EncryptionAtRestWithPlatformKey" } }),
        disk({ encryption: { diskEncryptionSetId: "des", type: "EncryptionAtRestWithPlatformKey" } }),
      ],
      unknown: [disk({ encryption: { diskEncryptionSetId: "des", type: UNKNOWN } })],
      decidedWhenUnknown: [disk({ encryption: { diskEncryptionSetId: UNKNOWN } })],
    },
    "no-public-export": {
      violating: [disk({ networkAccessPolicy: "AllowAll" }), disk({ networkAccessPolicy: undefined })],
      unknown: [disk({ networkAccessPolicy: UNKNOWN })],
    },
  },
});
