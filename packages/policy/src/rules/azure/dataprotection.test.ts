import { finra, gdpr } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { backupVaultCopyRegions, backupVaultRecordsLock } from "./dataprotection";

const vault = (
  type: unknown,
  location: unknown = "westeurope",
  more: Record<string, unknown> = {},
): KitResource => ({
  type: "azure-native:dataprotection:BackupVault",
  name: "vault",
  props: {
    resourceGroupName: UNKNOWN,
    location,
    properties: { storageSettings: [{ datastoreType: "VaultStore", type }], ...more },
  },
});

describeRule(backupVaultCopyRegions, {
  baseline: gdpr,
  compliant: [
    [vault("GeoRedundant")],
    [vault("LocallyRedundant", "polandcentral")],
    [vault("ZoneRedundant", "northeurope", { replicatedRegions: ["westeurope", "swedencentral"] })],
  ],
  requirements: {
    "geo-copy-region": {
      violating: [
        [vault("GeoRedundant", "uksouth")],
        // One geo-redundant store among others is enough to copy backups.
        [
          {
            ...vault("GeoRedundant", "uksouth"),
            props: {
              resourceGroupName: UNKNOWN,
              location: "uksouth",
              properties: {
                storageSettings: [
                  { datastoreType: "OperationalStore", type: "LocallyRedundant" },
                  { datastoreType: "VaultStore", type: "GeoRedundant" },
                ],
              },
            },
          },
        ],
        [vault("GeoRedundant", "spaincentral")],
        { resources: [vault("GeoRedundant", "westeurope")], config: { allowedRegions: ["westeurope"] } },
      ],
      unknown: [[vault("GeoRedundant", UNKNOWN)], [vault(UNKNOWN)]],
      decidedWhenUnknown: [[vault("LocallyRedundant", UNKNOWN)]],
    },
    "replicated-regions": {
      violating: [
        [vault("LocallyRedundant", "westeurope", { replicatedRegions: ["eastus"] })],
        [vault("LocallyRedundant", "westeurope", { replicatedRegions: ["northeurope", 7] })],
      ],
      compliant: [
        // Azure's display names are its location names.
        [vault("LocallyRedundant", "westeurope", { replicatedRegions: ["West Europe"] })],
        [
          {
            ...vault("LocallyRedundant"),
            props: {
              resourceGroupName: UNKNOWN,
              location: "uksouth",
              properties: { storageSettings: [null] },
            },
          },
        ],
      ],
      unknown: [[vault("LocallyRedundant", "westeurope", { replicatedRegions: [UNKNOWN] })]],
    },
  },
});

const RECORDS = { "data-classification": "finra-records" };
const recordsVault = (security: Record<string, unknown> = {}, tags: unknown = RECORDS): KitResource => ({
  type: "azure-native:dataprotection:BackupVault",
  name: "vault",
  props: {
    resourceGroupName: UNKNOWN,
    tags,
    properties: {
      storageSettings: [{ datastoreType: "VaultStore", type: "GeoRedundant" }],
      securitySettings: {
        immutabilitySettings: { state: "Locked" },
        softDeleteSettings: { state: "AlwaysOn", retentionDurationInDays: 14 },
        ...security,
      },
    },
  },
});

describeRule(backupVaultRecordsLock, {
  baseline: finra,
  compliant: [recordsVault()],
  requirements: {
    "immutability-locked": {
      violating: [
        recordsVault({ immutabilitySettings: { state: "Unlocked" } }),
        recordsVault({ immutabilitySettings: { state: "Disabled" } }),
        recordsVault({ immutabilitySettings: undefined }),
      ],
      unknown: [recordsVault({ immutabilitySettings: { state: UNKNOWN } })],
      decidedWhenUnknown: [recordsVault({ encryptionSettings: UNKNOWN })],
      outOfScope: [recordsVault({}, {}), recordsVault({}, { "data-classification": "pd" })],
    },
    "soft-delete-always-on": {
      violating: [
        recordsVault({ softDeleteSettings: { state: "On", retentionDurationInDays: 14 } }),
        recordsVault({ softDeleteSettings: { state: "Off" } }),
        recordsVault({ softDeleteSettings: undefined }),
      ],
      unknown: [recordsVault({ softDeleteSettings: { state: UNKNOWN } })],
      outOfScope: [recordsVault({ softDeleteSettings: undefined }, {})],
    },
  },
});
