import { gdpr } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { backupVaultCopyRegions } from "./dataprotection";

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
