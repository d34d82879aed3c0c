import { PalisadeValidationError } from "@palisade/core";
import { describe, expect, it } from "vitest";
import { diskEncryptionSetNames } from "./disk-encryption-set";
import { azureStack, COMPONENT_CASES } from "./test-support";

describe("diskEncryptionSetNames", () => {
  it("names the key and the set a disk encryption set derives, by type", () => {
    expect(diskEncryptionSetNames("phi-os")).toEqual([
      { type: "azure-native:keyvault:Key", name: "phi-os-key" },
      { type: "azure-native:compute:DiskEncryptionSet", name: "phi-os-des" },
    ]);
  });

  it("lets an owner refuse a name its set's key would not take, though the VM's own name would", async () => {
    await azureStack();
    let thrown: unknown;
    try {
      COMPONENT_CASES.ConfidentialVm.build("phi_a", COMPONENT_CASES.ConfidentialVm.args);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(PalisadeValidationError);
    expect((thrown as PalisadeValidationError).problems).toEqual([
      {
        path: "name",
        value: "phi_a",
        rule: `must give a valid Key Vault key name (here "phi_a-os-key00000000"): 1-127 letters, digits or '-'`,
      },
    ]);
  });
});
