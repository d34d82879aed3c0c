/**
 * Azure's confidential VM sizes, the TEE each runs, and where the list comes from. A size outside this
 * catalogue is refused by name with the sizes that work, so `securityType: "ConfidentialVM"` never meets
 * a size that cannot run it (ARM would reject it only at deployment). Region availability is not known
 * offline: check it with `az vm list-skus --size <size> --all --output table`.
 */

/** The trusted execution environment a confidential size runs on. */
export type AzureTee = "tdx" | "sev-snp";

export interface ConfidentialSize {
  readonly size: string;
  readonly tee: AzureTee;
  readonly series: string;
  readonly vcpus: number;
  /** GPUs in the TEE's trust boundary (NVIDIA H100 in confidential mode). */
  readonly gpus?: number;
}

interface Series {
  readonly series: string;
  readonly tee: AzureTee;
  /** `Standard_DC{n}es_v6`: the size name for n vCPUs. */
  readonly name: (vcpus: number) => string;
  readonly vcpus: readonly number[];
  readonly gpus?: number;
  readonly source: string;
}

const DOCS = "https://learn.microsoft.com/en-us/azure/virtual-machines/sizes";

/** Each series Palisade accepts, newest first. */
export const CONFIDENTIAL_SERIES: readonly Series[] = [
  {
    series: "DCesv6",
    tee: "tdx",
    name: (n) => `Standard_DC${n}es_v6`,
    vcpus: [2, 4, 8, 16, 32, 48, 64, 96, 128],
    source: `${DOCS}/general-purpose/dcesv6-series`,
  },
  {
    series: "DCedsv6",
    tee: "tdx",
    name: (n) => `Standard_DC${n}eds_v6`,
    vcpus: [2, 4, 8, 16, 32, 48, 64, 96, 128],
    source: `${DOCS}/general-purpose/dcedsv6-series`,
  },
  {
    series: "ECesv6",
    tee: "tdx",
    name: (n) => `Standard_EC${n}es_v6`,
    vcpus: [2, 4, 8, 16, 32, 48, 64, 96, 128],
    source: `${DOCS}/memory-optimized/ecesv6-series`,
  },
  {
    series: "ECedsv6",
    tee: "tdx",
    name: (n) => `Standard_EC${n}eds_v6`,
    vcpus: [2, 4, 8, 16, 32, 48, 64, 96, 128],
    source: `${DOCS}/memory-optimized/ecedsv6-series`,
  },
  {
    series: "DCesv5",
    tee: "tdx",
    name: (n) => `Standard_DC${n}es_v5`,
    vcpus: [2, 4, 8, 16, 32, 48, 64, 96],
    source: `${DOCS}/general-purpose/dcesv5-series`,
  },
  {
    series: "ECesv5",
    tee: "tdx",
    name: (n) => `Standard_EC${n}es_v5`,
    vcpus: [2, 4, 8, 16, 32, 48, 64, 96, 128],
    source: `${DOCS}/memory-optimized/ecesv5-series`,
  },
  {
    series: "DCasv5",
    tee: "sev-snp",
    name: (n) => `Standard_DC${n}as_v5`,
    vcpus: [2, 4, 8, 16, 32, 48, 64, 96],
    source: `${DOCS}/general-purpose/dcasv5-series`,
  },
  {
    series: "DCadsv5",
    tee: "sev-snp",
    name: (n) => `Standard_DC${n}ads_v5`,
    vcpus: [2, 4, 8, 16, 32, 48, 64, 96],
    source: `${DOCS}/general-purpose/dcadsv5-series`,
  },
  {
    series: "ECasv5",
    tee: "sev-snp",
    name: (n) => `Standard_EC${n}as_v5`,
    vcpus: [2, 4, 8, 16, 20, 32, 48, 64, 96],
    source: `${DOCS}/memory-optimized/ecasv5-series`,
  },
  {
    series: "ECadsv5",
    tee: "sev-snp",
    name: (n) => `Standard_EC${n}ads_v5`,
    vcpus: [2, 4, 8, 16, 20, 32, 48, 64, 96],
    source: `${DOCS}/memory-optimized/ecadsv5-series`,
  },
  {
    // AMD SEV-SNP CPUs with one NVIDIA H100 NVL in confidential mode each.
    series: "NCCadsH100v5",
    tee: "sev-snp",
    name: () => "Standard_NCC40ads_H100_v5",
    vcpus: [40],
    gpus: 1,
    source: `${DOCS}/gpu-accelerated/nccadsh100v5-series`,
  },
];

/** Every confidential size by name. */
export const CONFIDENTIAL_SIZES: ReadonlyMap<string, ConfidentialSize> = new Map(
  CONFIDENTIAL_SERIES.flatMap((series) =>
    series.vcpus.map((vcpus): [string, ConfidentialSize] => {
      const size = series.name(vcpus);
      return [
        size,
        {
          size,
          tee: series.tee,
          series: series.series,
          vcpus,
          ...(series.gpus ? { gpus: series.gpus } : {}),
        },
      ];
    }),
  ),
);

/** The size a confidential VM gets when none is named: the smallest current TDX size. */
export const DEFAULT_CONFIDENTIAL_SIZE = "Standard_DC4es_v6";

/** The series that offer `tee`, for error messages (`DCesv6 (Standard_DC2es_v6 ... Standard_DC128es_v6)`). */
export function describeSeries(tee: AzureTee): string {
  return CONFIDENTIAL_SERIES.filter((s) => s.tee === tee)
    .map((s) => {
      const first = s.name(s.vcpus[0]!);
      const last = s.name(s.vcpus[s.vcpus.length - 1]!);
      return first === last ? `${s.series} (${first})` : `${s.series} (${first} ... ${last})`;
    })
    .join(", ");
}

/**
 * Why `size` cannot run a `tee` confidential VM, or undefined when it can: not a confidential size at all,
 * or one that runs the other TEE.
 */
export function confidentialSizeProblem(size: string, tee: AzureTee): string | undefined {
  const known = CONFIDENTIAL_SIZES.get(size);
  const teeName = tee === "tdx" ? "Intel TDX" : "AMD SEV-SNP";
  if (known === undefined)
    return `must be an Azure confidential VM size running ${teeName}: ${describeSeries(tee)}`;
  if (known.tee !== tee)
    return `is an ${known.tee === "tdx" ? "Intel TDX" : "AMD SEV-SNP"} size (${known.series}); for ${teeName} use ${describeSeries(tee)}`;
  return undefined;
}
