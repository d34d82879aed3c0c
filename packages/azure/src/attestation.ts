/**
 * Secure Key Release for confidential VMs: the release policy that lets Key Vault hand a disk key only to a
 * confidential VM that Microsoft Azure Attestation (MAA) has attested, and the regional shared MAA
 * authorities that issue those attestations.
 *
 * The policy is the shape `az keyvault key create --default-cvm-policy` writes: one entry per authority,
 * each requiring `x-ms-compliance-status == azure-compliant-cvm` and an attestation type (`tdxvm`,
 * `sevsnpvm`). A key's release policy is fixed at creation by azure-native (see key-vault.ts).
 */
import type { AzureTee } from "./confidential-sizes";

/** The `x-ms-attestation-type` claim MAA issues for each TEE. */
export const ATTESTATION_TYPE: Readonly<Record<AzureTee, string>> = {
  tdx: "tdxvm",
  "sev-snp": "sevsnpvm",
};

/**
 * The release policy JSON for a confidential VM's disk key: released only to a VM attested by one of
 * `authorities` as an Azure-compliant confidential VM running one of `tees`.
 * @param tees @default both TEEs, as Microsoft's default CVM policy
 */
export function confidentialReleasePolicy(
  authorities: readonly string[],
  tees: readonly AzureTee[] = ["tdx", "sev-snp"],
): string {
  return JSON.stringify({
    version: "1.0.0",
    anyOf: authorities.map((authority) => ({
      authority,
      allOf: [
        { claim: "x-ms-compliance-status", equals: "azure-compliant-cvm" },
        { anyOf: tees.map((tee) => ({ claim: "x-ms-attestation-type", equals: ATTESTATION_TYPE[tee] })) },
      ],
    })),
  });
}

export interface SharedAuthority {
  readonly url: string;
  /** `learn`: in Microsoft Learn's table; `sdk`: only in Microsoft's guest attestation SDK table (unverified in docs). */
  readonly source: "learn" | "sdk";
}

/** Microsoft Learn, Azure Attestation basic concepts, "Regional shared provider" (the table in its 2021-2023 revisions). */
export const MAA_LEARN_SOURCE = "https://learn.microsoft.com/en-us/azure/attestation/basic-concepts";
/**
 * Microsoft's Azure guest attestation SDK (Microsoft copyright), region to shared MAA base URL
 * (`COMMERCIAL_ENDPOINTS`); found in a contributor's fork, not yet in Azure/azure-guest-attestation-sdk.
 */
export const MAA_SDK_SOURCE =
  "https://github.com/mingweishih/azure-guest-attestation-sdk/blob/47837c39a6b582dfcea7dbefe8eecefc9da0c569/crates/azure-guest-attestation-sdk/src/endpoint.rs";

const learn = (url: string): SharedAuthority => ({ url, source: "learn" });
const sdk = (url: string): SharedAuthority => ({ url, source: "sdk" });

/**
 * Each region's shared MAA authority. Entries marked `sdk` are not in Microsoft Learn's table and were not
 * verified against a deployment; pass `attestationAuthorities` to override any of them. Check a region with
 * `Get-AzAttestationDefaultProvider -Location <region>` (its attest URI).
 */
export const MAA_SHARED_AUTHORITIES: Readonly<Record<string, SharedAuthority>> = {
  eastus: learn("https://sharedeus.eus.attest.azure.net"),
  westus: learn("https://sharedwus.wus.attest.azure.net"),
  uksouth: learn("https://shareduks.uks.attest.azure.net"),
  ukwest: learn("https://sharedukw.ukw.attest.azure.net"),
  canadaeast: learn("https://sharedcae.cae.attest.azure.net"),
  canadacentral: learn("https://sharedcac.cac.attest.azure.net"),
  northeurope: learn("https://sharedneu.neu.attest.azure.net"),
  westeurope: learn("https://sharedweu.weu.attest.azure.net"),
  eastus2: learn("https://sharedeus2.eus2.attest.azure.net"),
  centralus: learn("https://sharedcus.cus.attest.azure.net"),
  southeastasia: learn("https://sharedsasia.sasia.attest.azure.net"),
  australiacentral: sdk("https://sharedcau.cau.attest.azure.net"),
  australiacentral2: sdk("https://sharedcau2.cau2.attest.azure.net"),
  australiaeast: sdk("https://sharedeau.eau.attest.azure.net"),
  australiasoutheast: sdk("https://sharedsau.sau.attest.azure.net"),
  austriaeast: sdk("https://sharedate.ate.attest.azure.net"),
  brazilsouth: sdk("https://sharedsbr.sbr.attest.azure.net"),
  centralindia: sdk("https://sharedcin.cin.attest.azure.net"),
  chilecentral: sdk("https://sharedclc.clc.attest.azure.net"),
  eastasia: sdk("https://sharedeasia.easia.attest.azure.net"),
  francecentral: sdk("https://sharedfrc.frc.attest.azure.net"),
  germanywestcentral: sdk("https://shareddewc.dewc.attest.azure.net"),
  israelcentral: sdk("https://sharedilc.ilc.attest.azure.net"),
  italynorth: sdk("https://shareditn.itn.attest.azure.net"),
  japaneast: sdk("https://sharedjpe.jpe.attest.azure.net"),
  japanwest: sdk("https://sharedjpw.jpw.attest.azure.net"),
  koreacentral: sdk("https://sharedkrc.krc.attest.azure.net"),
  mexicocentral: sdk("https://sharedmxc.mxc.attest.azure.net"),
  newzealandnorth: sdk("https://sharednzn.nzn.attest.azure.net"),
  northcentralus: sdk("https://sharedncus.ncus.attest.azure.net"),
  norwayeast: sdk("https://sharednoe.noe.attest.azure.net"),
  polandcentral: sdk("https://sharedplc.plc.attest.azure.net"),
  southafricanorth: sdk("https://sharedsan.san.attest.azure.net"),
  southcentralus: sdk("https://sharedscus.scus.attest.azure.net"),
  southindia: sdk("https://sharedsin.sin.attest.azure.net"),
  spaincentral: sdk("https://sharedesc.esc.attest.azure.net"),
  swedencentral: sdk("https://sharedsec.sec.attest.azure.net"),
  switzerlandnorth: sdk("https://sharedswn.swn.attest.azure.net"),
  switzerlandwest: sdk("https://sharedsww.sww.attest.azure.net"),
  uaenorth: sdk("https://shareduaen.uaen.attest.azure.net"),
  westcentralus: sdk("https://sharedwcus.wcus.attest.azure.net"),
  westindia: sdk("https://sharedwin.win.attest.azure.net"),
  westus2: sdk("https://sharedwus2.wus2.attest.azure.net"),
  westus3: sdk("https://sharedwus3.wus3.attest.azure.net"),
};

/** The shared authority of `location`, or undefined where none is known. */
export function sharedAuthority(location: string): string | undefined {
  return Object.hasOwn(MAA_SHARED_AUTHORITIES, location) ? MAA_SHARED_AUTHORITIES[location]!.url : undefined;
}

/** Whether `value` is an attestation authority: an https URL of a host, with no path, query or fragment. */
export function isAuthorityUrl(value: unknown): value is string {
  if (typeof value !== "string") return false;
  try {
    const url = new URL(value);
    return (
      url.protocol === "https:" &&
      url.hostname !== "" &&
      url.pathname === "/" &&
      url.search === "" &&
      url.hash === "" &&
      url.username === "" &&
      url.password === ""
    );
  } catch {
    return false;
  }
}
