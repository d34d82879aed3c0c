import type { ProblemCollector } from "@palisade/core";
import type * as inputs from "@pulumi/gcp/types/input";

/**
 * The confidential-computing shape catalogue for Compute Engine: which machine types offer which
 * confidential technology, where, and with which provider arguments. Pure data and checks; it registers
 * nothing and loads no provider SDK at runtime (the provider types are `import type` only).
 *
 * Every row names its sources and the day they were read. Google's pages were read from stored copies
 * (no live fetch was possible here), so each source also says which copy was read.
 */

/** The `confidentialInstanceType` values @pulumi/gcp 9.37.0 documents: `SEV`, `SEV_SNP`, `TDX`. */
export const CONFIDENTIAL_TECHNOLOGIES = ["TDX", "SEV", "SEV_SNP"] as const;
export type ConfidentialTechnology = (typeof CONFIDENTIAL_TECHNOLOGIES)[number];

/** The day every source below was read. */
export const CATALOGUE_CHECKED = "2026-11-28";

export interface CatalogueSource {
  readonly url: string;
  /** When it was read (`CATALOGUE_CHECKED`). */
  readonly checked: string;
  /** Which copy was read, and what it says that this row relies on. */
  readonly note: string;
}

/** An accelerator a shape comes with, in the provider's `guestAccelerators` terms. */
export interface ConfidentialGpu {
  readonly type: string;
  readonly count: number;
}

export interface ConfidentialShape {
  readonly technology: ConfidentialTechnology;
  /** The machine types as Google writes them, e.g. `c3-standard-*`. Used in messages. */
  readonly machineTypes: string;
  /** Whole-string match for the accepted machine type names. */
  readonly pattern: RegExp;
  /** Upper bound on the vCPU count in the name, where the docs give one. */
  readonly maxVcpus?: number;
  /** The CPU platform Google lists for this row. */
  readonly cpuPlatform: string;
  /** The provider's `minCpuPlatform` to set, where Google's examples or the provider require one. */
  readonly minCpuPlatform?: string;
  /**
   * The zones Google documents as a closed list for this combination, or `undefined` where the docs give
   * no closed list (then zones are not checked here; Compute Engine decides at creation).
   */
  readonly zones?: readonly string[];
  /** The GPU the machine type comes with (attached by the machine type itself, not by `guestAccelerators`). */
  readonly gpu?: ConfidentialGpu;
  /** Whether Google documents live migration (`onHostMaintenance: "MIGRATE"`) for this row. */
  readonly liveMigration: boolean;
  /** Provisioning models Google documents as the only ones available, where it restricts them. */
  readonly provisioningModels?: readonly string[];
  /** Image families Google recommends or lists for this row, where it names any. */
  readonly imageFamilies?: readonly string[];
  /** Limits the sources state for this row beyond the other fields (disks, networking, scheduling). */
  readonly limitations?: readonly string[];
  /**
   * `google-docs`: read in a stored copy of Google's own page. `release-notes-summary`: Google's release
   * note as summarized by a third party; the Google page itself was not available here.
   */
  readonly evidence: "google-docs" | "release-notes-summary";
  readonly sources: readonly CatalogueSource[];
}

const SUPPORTED_CONFIGURATIONS: CatalogueSource = {
  url: "https://cloud.google.com/confidential-computing/confidential-vm/docs/supported-configurations",
  checked: CATALOGUE_CHECKED,
  note:
    "Read in a stored crawl of the page dated 2026-04-12 (github.com feature-definition files quoting it): " +
    "the machine type / CPU platform / technology / live migration / GPU table, and the zone lists for " +
    "AMD SEV-SNP, Intel TDX and NVIDIA Confidential Computing, and the limitations (C3D/C4D bandwidth, " +
    "C3D Hyperdisk, A3 multi-node clusters, NVMe disks only)",
};
const LIVE_MIGRATION: CatalogueSource = {
  url: "https://cloud.google.com/confidential-computing/confidential-vm/docs/troubleshoot-live-migration",
  checked: CATALOGUE_CHECKED,
  note:
    "Read in the same 2026-04-12 crawl: live migration needs an N2D or C3D machine type with AMD SEV, " +
    "a live-migratable image and creation after 2024-01-15; every other Confidential VM must use TERMINATE",
};
const GPU_INSTANCES: CatalogueSource = {
  url: "https://cloud.google.com/confidential-computing/confidential-vm/docs/create-a-confidential-vm-instance-with-gpu",
  checked: CATALOGUE_CHECKED,
  note:
    "Read in the same 2026-04-12 crawl: a3-highgpu-1g with confidentialInstanceType TDX, onHostMaintenance " +
    "TERMINATE and provisioningModel SPOT or FLEX_START; the request bodies attach no guestAccelerators",
};
const CREATE_INSTANCE: CatalogueSource = {
  url: "https://cloud.google.com/confidential-computing/confidential-vm/docs/create-a-confidential-vm-instance",
  checked: CATALOGUE_CHECKED,
  note: 'Read in the same 2026-04-12 crawl: the SEV_SNP example sets minCpuPlatform "AMD Milan" on n2d-standard-2',
};
const PROVIDER_DOCSTRING: CatalogueSource = {
  url: "https://www.npmjs.com/package/@pulumi/gcp/v/9.37.0",
  checked: CATALOGUE_CHECKED,
  note:
    'types/input.d.ts InstanceConfidentialInstanceConfig: SEV_SNP needs minCpuPlatform "AMD Milan"; MIGRATE ' +
    "only for SEV on AMD Milan or Genoa, otherwise TERMINATE or the VM fails to create",
};
const RELEASE_NOTES_C3_LSSD: CatalogueSource = {
  url: "https://cloud.google.com/release-notes#September_02_2026",
  checked: CATALOGUE_CHECKED,
  note:
    "Google's page not available here; read as summarized in github.com/takech9203/google-cloud-news-summary " +
    "(2026-09-02 report): Intel TDX on c3-standard-*-lssd GA, its zone list, image families cos-117-lts and " +
    "cos-121-lts, Balanced Persistent Disk on NVMe only, no sole-tenant nodes, no reservations",
};
const RELEASE_NOTES_C4: CatalogueSource = {
  url: "https://cloud.google.com/release-notes#September_23_2026",
  checked: CATALOGUE_CHECKED,
  note:
    "Google's page not available here; read as summarized in github.com/takech9203/google-cloud-news-summary " +
    "(2026-09-23 report): Intel TDX on c4-standard-* GA on Intel Granite Rapids, at most 192 vCPUs, its zone " +
    "list, Balanced volumes on NVMe only, no local SSD, no sole-tenant nodes, no reservations",
};

/** A machine type's trailing vCPU count, as in `c3-standard-22` or `c3-standard-22-lssd`. */
const VCPUS = "[1-9][0-9]*";

/**
 * The catalogue. Order matters only for messages (the first TDX row is the default family).
 * Tests pin every field of every row, so a change here is a deliberate, reviewed change.
 */
export const CONFIDENTIAL_SHAPES: readonly ConfidentialShape[] = [
  {
    technology: "TDX",
    machineTypes: "c3-standard-*",
    pattern: new RegExp(`^c3-standard-${VCPUS}$`),
    cpuPlatform: "Intel Sapphire Rapids",
    zones: [
      "asia-northeast1-b",
      "asia-south1-b",
      "asia-southeast1-a",
      "asia-southeast1-b",
      "asia-southeast1-c",
      "europe-west4-a",
      "europe-west4-b",
      "europe-west4-c",
      "europe-west9-a",
      "europe-west9-b",
      "us-central1-a",
      "us-central1-b",
      "us-central1-c",
      "us-east1-c",
      "us-east1-d",
      "us-east4-a",
      "us-east4-c",
      "us-east5-b",
      "us-east5-c",
      "us-west1-a",
      "us-west1-b",
    ],
    liveMigration: false,
    evidence: "google-docs",
    sources: [SUPPORTED_CONFIGURATIONS, LIVE_MIGRATION],
  },
  {
    technology: "TDX",
    machineTypes: "c3-standard-*-lssd",
    pattern: new RegExp(`^c3-standard-${VCPUS}-lssd$`),
    cpuPlatform: "Intel Sapphire Rapids",
    zones: [
      "asia-southeast1-a",
      "asia-southeast1-b",
      "europe-west4-a",
      "europe-west4-b",
      "southamerica-east1-a",
      "us-central1-a",
      "us-central1-b",
      "us-east4-b",
      "us-east4-c",
      "us-east5-b",
      "us-east5-c",
      "us-west1-b",
    ],
    liveMigration: false,
    imageFamilies: ["cos-117-lts", "cos-121-lts"],
    limitations: [
      "persistent disks: Balanced Persistent Disk over NVMe only",
      "no sole-tenant nodes",
      "no reservations",
    ],
    evidence: "release-notes-summary",
    sources: [RELEASE_NOTES_C3_LSSD],
  },
  {
    technology: "TDX",
    machineTypes: "c4-standard-* (up to 192 vCPUs)",
    pattern: new RegExp(`^c4-standard-${VCPUS}$`),
    maxVcpus: 192,
    cpuPlatform: "Intel Granite Rapids",
    zones: [
      "asia-southeast1-a",
      "asia-southeast1-b",
      "asia-southeast1-c",
      "europe-west1-b",
      "europe-west3-a",
      "europe-west3-b",
      "europe-west4-a",
      "europe-west4-b",
      "us-central1-a",
      "us-central1-b",
      "us-central1-f",
      "us-east4-a",
      "us-east4-b",
      "us-east4-c",
      "us-west1-a",
    ],
    liveMigration: false,
    limitations: [
      "persistent disks: Balanced volumes over NVMe only",
      "no local SSD (c4-standard-*-lssd is not offered with TDX)",
      "no sole-tenant nodes",
      "no reservations",
    ],
    evidence: "release-notes-summary",
    sources: [RELEASE_NOTES_C4],
  },
  {
    technology: "TDX",
    machineTypes: "a3-highgpu-1g (1 NVIDIA H100)",
    pattern: /^a3-highgpu-1g$/,
    cpuPlatform: "Intel Sapphire Rapids",
    zones: ["europe-west4-c", "us-central1-a", "us-east5-a"],
    // The accelerator type name is the one public a3-highgpu-1g scripts pass to gcloud; no Google page read
    // here spells it. Google's GPU examples attach nothing: the machine type brings its H100.
    gpu: { type: "nvidia-h100-80gb", count: 1 },
    liveMigration: false,
    provisioningModels: ["SPOT", "FLEX_START"],
    imageFamilies: ["ubuntu-2204-lts", "cos-tdx-113-lts"],
    limitations: ["no clusters for multi-node workloads"],
    evidence: "google-docs",
    sources: [SUPPORTED_CONFIGURATIONS, GPU_INSTANCES],
  },
  {
    technology: "SEV",
    machineTypes: "n2d-standard-*, n2d-highmem-*, n2d-highcpu-*",
    pattern: new RegExp(`^n2d-(standard|highmem|highcpu)-${VCPUS}$`),
    cpuPlatform: "AMD EPYC Milan",
    minCpuPlatform: "AMD Milan",
    liveMigration: true,
    evidence: "google-docs",
    sources: [SUPPORTED_CONFIGURATIONS, LIVE_MIGRATION, PROVIDER_DOCSTRING],
  },
  {
    technology: "SEV",
    machineTypes: "c2d-standard-*, c2d-highmem-*, c2d-highcpu-*",
    pattern: new RegExp(`^c2d-(standard|highmem|highcpu)-${VCPUS}$`),
    cpuPlatform: "AMD EPYC Milan",
    liveMigration: false,
    evidence: "google-docs",
    sources: [SUPPORTED_CONFIGURATIONS, LIVE_MIGRATION],
  },
  {
    technology: "SEV",
    machineTypes: "c3d-standard-*, c3d-highmem-*, c3d-highcpu-*",
    pattern: new RegExp(`^c3d-(standard|highmem|highcpu)-${VCPUS}$`),
    cpuPlatform: "AMD EPYC Genoa",
    liveMigration: true,
    limitations: [
      "no Hyperdisk Balanced or Hyperdisk Throughput",
      "may get lower network bandwidth than a non-confidential VM, even with Tier 1 networking",
    ],
    evidence: "google-docs",
    sources: [SUPPORTED_CONFIGURATIONS, LIVE_MIGRATION, PROVIDER_DOCSTRING],
  },
  {
    technology: "SEV",
    machineTypes: "c4d-standard-*, c4d-highmem-*, c4d-highcpu-*",
    pattern: new RegExp(`^c4d-(standard|highmem|highcpu)-${VCPUS}$`),
    cpuPlatform: "AMD EPYC Turin",
    liveMigration: false,
    limitations: ["may get lower network bandwidth than a non-confidential VM, even with Tier 1 networking"],
    evidence: "google-docs",
    sources: [SUPPORTED_CONFIGURATIONS, LIVE_MIGRATION],
  },
  {
    technology: "SEV_SNP",
    machineTypes: "n2d-standard-*, n2d-highmem-*, n2d-highcpu-*",
    pattern: new RegExp(`^n2d-(standard|highmem|highcpu)-${VCPUS}$`),
    cpuPlatform: "AMD EPYC Milan",
    minCpuPlatform: "AMD Milan",
    zones: [
      "asia-southeast1-a",
      "asia-southeast1-b",
      "asia-southeast1-c",
      "europe-west3-a",
      "europe-west3-b",
      "europe-west3-c",
      "europe-west4-a",
      "europe-west4-b",
      "europe-west4-c",
      "us-central1-a",
      "us-central1-b",
      "us-central1-c",
    ],
    liveMigration: false,
    evidence: "google-docs",
    sources: [SUPPORTED_CONFIGURATIONS, CREATE_INSTANCE, PROVIDER_DOCSTRING, LIVE_MIGRATION],
  },
];

/** The guest OS feature an image must carry for each technology (the provider's `guestOsFeatures` values). */
export const GUEST_OS_FEATURE: Readonly<Record<ConfidentialTechnology, string>> = {
  TDX: "TDX_CAPABLE",
  SEV: "SEV_CAPABLE",
  SEV_SNP: "SEV_SNP_CAPABLE",
};

/**
 * How to find a boot image for a technology: Google's documented filter
 * (`gcloud compute images list --filter="guestOsFeatures[].type:(OS_FEATURE)"`, supported-configurations page)
 * with the technology's feature. Narrow it with `AND <text>`, e.g. an image family.
 */
export function imageListCommand(technology: ConfidentialTechnology): string {
  return `gcloud compute images list --filter="guestOsFeatures[].type:(${GUEST_OS_FEATURE[technology]})"`;
}

/** Confidential VM disks attach over NVMe; SCSI is not supported (supported-configurations, limitations). */
export const CONFIDENTIAL_DISK_INTERFACE = "NVME";

/** The catalogue row for a technology and machine type, if the combination is offered. */
export function shapeFor(
  technology: ConfidentialTechnology,
  machineType: string,
): ConfidentialShape | undefined {
  return CONFIDENTIAL_SHAPES.find((row) => row.technology === technology && fits(row, machineType));
}

function fits(row: ConfidentialShape, machineType: string): boolean {
  if (!row.pattern.test(machineType)) return false;
  if (row.maxVcpus === undefined) return true;
  const vcpus = /-([0-9]+)(?:-lssd)?$/.exec(machineType)?.[1];
  return vcpus !== undefined && Number(vcpus) <= row.maxVcpus;
}

/** What one technology offers, for messages: `c3-standard-*; c3-standard-*-lssd; ...`. */
export function machineTypesFor(technology: ConfidentialTechnology): string {
  return CONFIDENTIAL_SHAPES.filter((row) => row.technology === technology)
    .map((row) => row.machineTypes)
    .join("; ");
}

/** Which technologies a machine type offers, in catalogue order. */
export function technologiesFor(machineType: string): ConfidentialTechnology[] {
  return CONFIDENTIAL_TECHNOLOGIES.filter((technology) => shapeFor(technology, machineType) !== undefined);
}

const ZONE = /^[a-z]+-[a-z]+[0-9]+-[a-z]$/;

export interface ConfidentialShapeRequest {
  technology: ConfidentialTechnology;
  /** A machine type name such as `c3-standard-4` (not a URL or `zones/.../machineTypes/...` path). */
  machineType: string;
  /** The zone, when the caller knows it as a plain value. */
  zone?: string;
  /** An accelerator the caller expects; only a machine type that comes with one accepts it. */
  gpu?: ConfidentialGpu;
}

/**
 * Records one problem per bad argument of a confidential VM request, under `path` (`""` for top level):
 * `technology` not one of the three; `machineType` not offering the technology (the message lists what
 * does, and what the given type offers instead); `zone` outside the closed list Google documents for that
 * combination; `gpu` on a shape without one, or different from the shape's. Zones are checked only where
 * the docs give a closed list (TDX, SEV-SNP, the GPU shape); for SEV, Google documents no list, only how to
 * query a zone's CPU platforms, so any well-formed zone passes here. A zone or GPU is judged against a row
 * only once the machine type matched one; a bad machine type is reported once, not again through them.
 * Never throws on ill-typed input: a value of the wrong type is a problem like any other. Returns the
 * matching row, if any.
 */
export function checkConfidentialShape(
  problems: ProblemCollector,
  request: ConfidentialShapeRequest,
  path = "",
): ConfidentialShape | undefined {
  const { technology, machineType, zone, gpu } = request;
  const technologyOk = problems.require(
    (CONFIDENTIAL_TECHNOLOGIES as readonly unknown[]).includes(technology),
    at(path, "technology"),
    technology,
    `must be one of ${CONFIDENTIAL_TECHNOLOGIES.map((t) => `"${t}"`).join(", ")}`,
  );
  if (!technologyOk) return undefined;

  const row = typeof machineType === "string" ? shapeFor(technology, machineType) : undefined;
  if (row === undefined) {
    const offered = typeof machineType === "string" ? technologiesFor(machineType) : [];
    const instead = offered.length > 0 ? ` (${machineType} offers ${offered.join(", ")})` : "";
    problems.add(
      at(path, "machineType"),
      machineType,
      `must be a ${technology} machine type: ${machineTypesFor(technology)}${instead}`,
    );
  }

  if (zone !== undefined) {
    const zoneOk = problems.require(
      typeof zone === "string" && ZONE.test(zone),
      at(path, "zone"),
      zone,
      "must be a Compute Engine zone such as us-central1-a",
    );
    if (zoneOk && row?.zones !== undefined && !row.zones.includes(zone)) {
      // Point at the same technology's other shapes that the zone does offer, if any.
      const there = CONFIDENTIAL_SHAPES.filter(
        (r) => r.technology === technology && r !== row && r.zones?.includes(zone),
      ).map((r) => r.machineTypes);
      const hint = there.length > 0 ? ` (${zone} offers ${technology} on ${there.join("; ")})` : "";
      problems.add(
        at(path, "zone"),
        zone,
        `must be a zone Google documents for ${technology} on ${row.machineTypes}: ${row.zones.join(", ")}${hint}`,
      );
    }
  }

  if (gpu !== undefined && row !== undefined) {
    const gpuShapes = CONFIDENTIAL_SHAPES.filter((r) => r.gpu !== undefined)
      .map((r) => `${r.machineTypes} with ${r.technology}`)
      .join("; ");
    if (row.gpu === undefined) {
      problems.add(
        at(path, "gpu"),
        gpu,
        `must be omitted: ${machineType} with ${technology} takes no confidential GPU; confidential GPUs come only with ${gpuShapes}`,
      );
    } else {
      problems.require(
        typeof gpu === "object" && gpu !== null && gpu.type === row.gpu.type && gpu.count === row.gpu.count,
        at(path, "gpu"),
        gpu,
        `must be { type: "${row.gpu.type}", count: ${row.gpu.count} } (the GPU ${machineType} comes with) or omitted`,
      );
    }
  }
  return row;
}

function at(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

/**
 * The provider's `confidentialInstanceConfig` for a technology: only `confidentialInstanceType`, which
 * selects each of the three (Google's own request bodies set nothing else). `enableConfidentialCompute`
 * stays unset: the provider's docstring defines it as "confidential compute enabled with AMD SEV", which is
 * not what a TDX request asks for, and for SEV it would only repeat the type.
 */
export function confidentialInstanceConfig(
  technology: ConfidentialTechnology,
): inputs.compute.InstanceConfidentialInstanceConfig {
  return { confidentialInstanceType: technology };
}

/**
 * The provider's `scheduling` for a technology: `onHostMaintenance: "TERMINATE"` for all three. Google
 * allows MIGRATE only for SEV on N2D or C3D (and only with a live-migratable image, created after
 * 2024-01-15); TERMINATE is valid everywhere, so one value keeps every combination creatable. Nothing else
 * is set: for the Spot/Flex-start models the GPU shape requires, the provider's docstring wants
 * `automaticRestart` false while Google's Flex-start example sets it true, so the component decides.
 */
export function schedulingFor(_technology: ConfidentialTechnology): inputs.compute.InstanceScheduling {
  return { onHostMaintenance: "TERMINATE" };
}
