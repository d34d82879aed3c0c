import { readFileSync } from "node:fs";
import path from "node:path";
import { ProblemCollector, type Problem } from "@palisade/core";
import type * as inputs from "@pulumi/gcp/types/input";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CATALOGUE_CHECKED,
  CONFIDENTIAL_DISK_INTERFACE,
  CONFIDENTIAL_SHAPES,
  CONFIDENTIAL_TECHNOLOGIES,
  GUEST_OS_FEATURE,
  checkConfidentialShape,
  confidentialInstanceConfig,
  imageListCommand,
  machineTypesFor,
  schedulingFor,
  shapeFor,
  technologiesFor,
  type ConfidentialShapeRequest,
  type ConfidentialTechnology,
} from "./confidential-shapes";

function check(request: ConfidentialShapeRequest, at = "") {
  const problems = new ProblemCollector();
  const row = checkConfidentialShape(problems, request, at);
  return { row, problems: problems.problems };
}

/** One machine type each catalogue row accepts, keyed by the row's `machineTypes`. */
const SAMPLES: Record<string, string> = {
  "c3-standard-*": "c3-standard-22",
  "c3-standard-*-lssd": "c3-standard-44-lssd",
  "c4-standard-* (up to 192 vCPUs)": "c4-standard-2",
  "a3-highgpu-1g (1 NVIDIA H100)": "a3-highgpu-1g",
  "n2d-standard-*, n2d-highmem-*, n2d-highcpu-*": "n2d-highcpu-224",
  "c2d-standard-*, c2d-highmem-*, c2d-highcpu-*": "c2d-standard-2",
  "c3d-standard-*, c3d-highmem-*, c3d-highcpu-*": "c3d-highcpu-4",
  "c4d-standard-*, c4d-highmem-*, c4d-highcpu-*": "c4d-highmem-384",
};

const H100 = { type: "nvidia-h100-80gb", count: 1 };

describe("checkConfidentialShape accepts the documented combinations", () => {
  const valid: [string, ConfidentialShapeRequest, string][] = [
    ["TDX on the smallest C3", { technology: "TDX", machineType: "c3-standard-4" }, "c3-standard-*"],
    [
      "TDX on C3 in a documented zone",
      { technology: "TDX", machineType: "c3-standard-88", zone: "us-central1-a" },
      "c3-standard-*",
    ],
    [
      "TDX on the largest C3 in Paris",
      { technology: "TDX", machineType: "c3-standard-176", zone: "europe-west9-b" },
      "c3-standard-*",
    ],
    [
      "TDX on C3 with local SSD",
      { technology: "TDX", machineType: "c3-standard-8-lssd", zone: "southamerica-east1-a" },
      "c3-standard-*-lssd",
    ],
    [
      "TDX on C4 at the 192 vCPU limit",
      { technology: "TDX", machineType: "c4-standard-192", zone: "europe-west1-b" },
      "c4-standard-* (up to 192 vCPUs)",
    ],
    [
      "TDX with an H100, GPU named",
      { technology: "TDX", machineType: "a3-highgpu-1g", zone: "us-east5-a", gpu: H100 },
      "a3-highgpu-1g (1 NVIDIA H100)",
    ],
    [
      "TDX with an H100, GPU implied by the machine type",
      { technology: "TDX", machineType: "a3-highgpu-1g", zone: "europe-west4-c" },
      "a3-highgpu-1g (1 NVIDIA H100)",
    ],
    [
      "SEV on N2D in any well-formed zone (no closed list documented)",
      { technology: "SEV", machineType: "n2d-standard-2", zone: "me-west1-b" },
      "n2d-standard-*, n2d-highmem-*, n2d-highcpu-*",
    ],
    [
      "SEV on C2D",
      { technology: "SEV", machineType: "c2d-highcpu-112" },
      "c2d-standard-*, c2d-highmem-*, c2d-highcpu-*",
    ],
    [
      "SEV on C3D",
      { technology: "SEV", machineType: "c3d-highmem-360" },
      "c3d-standard-*, c3d-highmem-*, c3d-highcpu-*",
    ],
    [
      "SEV on C4D",
      { technology: "SEV", machineType: "c4d-standard-8" },
      "c4d-standard-*, c4d-highmem-*, c4d-highcpu-*",
    ],
    [
      "SEV-SNP on N2D in a documented zone",
      { technology: "SEV_SNP", machineType: "n2d-highmem-4", zone: "europe-west3-c" },
      "n2d-standard-*, n2d-highmem-*, n2d-highcpu-*",
    ],
  ];

  it.each(valid)("%s", (_label, request, machineTypes) => {
    const { row, problems } = check(request);
    expect(problems).toEqual([]);
    expect(row?.technology).toBe(request.technology);
    expect(row?.machineTypes).toBe(machineTypes);
  });
});

describe("checkConfidentialShape rejects each bad argument once, naming it and listing what works", () => {
  const TDX_TYPES =
    "c3-standard-*; c3-standard-*-lssd; c4-standard-* (up to 192 vCPUs); a3-highgpu-1g (1 NVIDIA H100)";
  const SEV_TYPES =
    "n2d-standard-*, n2d-highmem-*, n2d-highcpu-*; c2d-standard-*, c2d-highmem-*, c2d-highcpu-*; " +
    "c3d-standard-*, c3d-highmem-*, c3d-highcpu-*; c4d-standard-*, c4d-highmem-*, c4d-highcpu-*";
  const SNP_TYPES = "n2d-standard-*, n2d-highmem-*, n2d-highcpu-*";
  const TDX_C3_ZONES =
    "asia-northeast1-b, asia-south1-b, asia-southeast1-a, asia-southeast1-b, asia-southeast1-c, " +
    "europe-west4-a, europe-west4-b, europe-west4-c, europe-west9-a, europe-west9-b, us-central1-a, " +
    "us-central1-b, us-central1-c, us-east1-c, us-east1-d, us-east4-a, us-east4-c, us-east5-b, us-east5-c, " +
    "us-west1-a, us-west1-b";
  const SNP_ZONES =
    "asia-southeast1-a, asia-southeast1-b, asia-southeast1-c, europe-west3-a, europe-west3-b, " +
    "europe-west3-c, europe-west4-a, europe-west4-b, europe-west4-c, us-central1-a, us-central1-b, us-central1-c";
  const GPU_SHAPES = "a3-highgpu-1g (1 NVIDIA H100) with TDX";

  const invalid: [string, ConfidentialShapeRequest, Problem][] = [
    [
      "TDX on N2D (an AMD family)",
      { technology: "TDX", machineType: "n2d-standard-4" },
      {
        path: "machineType",
        value: "n2d-standard-4",
        rule: `must be a TDX machine type: ${TDX_TYPES} (n2d-standard-4 offers SEV, SEV_SNP)`,
      },
    ],
    [
      "TDX on C3 highcpu (Google lists only c3-standard)",
      { technology: "TDX", machineType: "c3-highcpu-4" },
      { path: "machineType", value: "c3-highcpu-4", rule: `must be a TDX machine type: ${TDX_TYPES}` },
    ],
    [
      "TDX on C3 bare metal",
      { technology: "TDX", machineType: "c3-standard-192-metal" },
      {
        path: "machineType",
        value: "c3-standard-192-metal",
        rule: `must be a TDX machine type: ${TDX_TYPES}`,
      },
    ],
    [
      "TDX on C4 beyond 192 vCPUs",
      { technology: "TDX", machineType: "c4-standard-288" },
      { path: "machineType", value: "c4-standard-288", rule: `must be a TDX machine type: ${TDX_TYPES}` },
    ],
    [
      "TDX on C4 with local SSD",
      { technology: "TDX", machineType: "c4-standard-8-lssd" },
      { path: "machineType", value: "c4-standard-8-lssd", rule: `must be a TDX machine type: ${TDX_TYPES}` },
    ],
    [
      "TDX on an eight-GPU A3",
      { technology: "TDX", machineType: "a3-highgpu-8g" },
      { path: "machineType", value: "a3-highgpu-8g", rule: `must be a TDX machine type: ${TDX_TYPES}` },
    ],
    [
      "SEV on C3 (an Intel family)",
      { technology: "SEV", machineType: "c3-standard-4" },
      {
        path: "machineType",
        value: "c3-standard-4",
        rule: `must be a SEV machine type: ${SEV_TYPES} (c3-standard-4 offers TDX)`,
      },
    ],
    [
      "SEV on the GPU shape",
      { technology: "SEV", machineType: "a3-highgpu-1g" },
      {
        path: "machineType",
        value: "a3-highgpu-1g",
        rule: `must be a SEV machine type: ${SEV_TYPES} (a3-highgpu-1g offers TDX)`,
      },
    ],
    [
      "SEV-SNP on C2D (SEV only)",
      { technology: "SEV_SNP", machineType: "c2d-standard-4" },
      {
        path: "machineType",
        value: "c2d-standard-4",
        rule: `must be a SEV_SNP machine type: ${SNP_TYPES} (c2d-standard-4 offers SEV)`,
      },
    ],
    [
      "SEV-SNP on C3D (SEV only)",
      { technology: "SEV_SNP", machineType: "c3d-standard-4" },
      {
        path: "machineType",
        value: "c3d-standard-4",
        rule: `must be a SEV_SNP machine type: ${SNP_TYPES} (c3d-standard-4 offers SEV)`,
      },
    ],
    [
      "a zonal machine type path instead of a name",
      { technology: "TDX", machineType: "zones/us-central1-a/machineTypes/c3-standard-4" },
      {
        path: "machineType",
        value: "zones/us-central1-a/machineTypes/c3-standard-4",
        rule: `must be a TDX machine type: ${TDX_TYPES}`,
      },
    ],
    [
      "an unknown technology",
      { technology: "SGX" as ConfidentialTechnology, machineType: "c3-standard-4" },
      { path: "technology", value: "SGX", rule: 'must be one of "TDX", "SEV", "SEV_SNP"' },
    ],
    [
      "the provider's lower-case spelling",
      { technology: "tdx" as ConfidentialTechnology, machineType: "c3-standard-4" },
      { path: "technology", value: "tdx", rule: 'must be one of "TDX", "SEV", "SEV_SNP"' },
    ],
    [
      "TDX on C3 outside its zones",
      { technology: "TDX", machineType: "c3-standard-4", zone: "us-west2-a" },
      {
        path: "zone",
        value: "us-west2-a",
        rule: `must be a zone Google documents for TDX on c3-standard-*: ${TDX_C3_ZONES}`,
      },
    ],
    [
      "TDX on C3 in a zone that offers TDX only on C4",
      { technology: "TDX", machineType: "c3-standard-4", zone: "europe-west1-b" },
      {
        path: "zone",
        value: "europe-west1-b",
        rule: `must be a zone Google documents for TDX on c3-standard-*: ${TDX_C3_ZONES} (europe-west1-b offers TDX on c4-standard-* (up to 192 vCPUs))`,
      },
    ],
    [
      "a region where a zone belongs",
      { technology: "TDX", machineType: "c3-standard-4", zone: "us-central1" },
      { path: "zone", value: "us-central1", rule: "must be a Compute Engine zone such as us-central1-a" },
    ],
    [
      "SEV-SNP outside its zones",
      { technology: "SEV_SNP", machineType: "n2d-standard-2", zone: "us-east1-b" },
      {
        path: "zone",
        value: "us-east1-b",
        rule: `must be a zone Google documents for SEV_SNP on ${SNP_TYPES}: ${SNP_ZONES}`,
      },
    ],
    [
      "the GPU shape in a C3 TDX zone without confidential GPUs",
      { technology: "TDX", machineType: "a3-highgpu-1g", zone: "us-central1-b" },
      {
        path: "zone",
        value: "us-central1-b",
        rule:
          "must be a zone Google documents for TDX on a3-highgpu-1g (1 NVIDIA H100): europe-west4-c, us-central1-a, us-east5-a" +
          " (us-central1-b offers TDX on c3-standard-*; c3-standard-*-lssd; c4-standard-* (up to 192 vCPUs))",
      },
    ],
    [
      "a GPU on C3",
      { technology: "TDX", machineType: "c3-standard-4", gpu: H100 },
      {
        path: "gpu",
        value: H100,
        rule: `must be omitted: c3-standard-4 with TDX takes no confidential GPU; confidential GPUs come only with ${GPU_SHAPES}`,
      },
    ],
    [
      "a GPU on SEV",
      { technology: "SEV", machineType: "n2d-standard-4", gpu: H100 },
      {
        path: "gpu",
        value: H100,
        rule: `must be omitted: n2d-standard-4 with SEV takes no confidential GPU; confidential GPUs come only with ${GPU_SHAPES}`,
      },
    ],
    [
      "two H100s on the one-GPU shape",
      { technology: "TDX", machineType: "a3-highgpu-1g", gpu: { type: "nvidia-h100-80gb", count: 2 } },
      {
        path: "gpu",
        value: { type: "nvidia-h100-80gb", count: 2 },
        rule: 'must be { type: "nvidia-h100-80gb", count: 1 } (the GPU a3-highgpu-1g comes with) or omitted',
      },
    ],
  ];

  it.each(invalid)("%s", (_label, request, expected) => {
    const { row, problems } = check(request);
    expect(problems).toEqual([expected]);
    if (expected.path !== "zone" && expected.path !== "gpu") expect(row).toBeUndefined();
  });

  it("prefixes every path with the caller's argument path", () => {
    const { problems } = check(
      { technology: "TDX", machineType: "n2d-standard-4", zone: "nowhere" },
      "confidential",
    );
    expect(problems.map((p) => p.path)).toEqual(["confidential.machineType", "confidential.zone"]);
  });

  it("reports every bad argument at once, one problem each", () => {
    const { problems } = check({ technology: "SEV_SNP", machineType: "c3-standard-4", zone: "us-central1" });
    expect(problems.map((p) => [p.path, p.value])).toEqual([
      ["machineType", "c3-standard-4"],
      ["zone", "us-central1"],
    ]);
  });

  it("judges a GPU that is not an object without throwing", () => {
    const gpu = null as unknown as { type: string; count: number };
    const { problems } = check({ technology: "TDX", machineType: "a3-highgpu-1g", gpu });
    expect(problems).toEqual([
      {
        path: "gpu",
        value: null,
        rule: 'must be { type: "nvidia-h100-80gb", count: 1 } (the GPU a3-highgpu-1g comes with) or omitted',
      },
    ]);
  });

  it("judges a non-string machine type without throwing", () => {
    const { problems } = check({ technology: "TDX", machineType: 42 as unknown as string });
    expect(problems).toEqual([
      { path: "machineType", value: 42, rule: `must be a TDX machine type: ${TDX_TYPES}` },
    ]);
  });
});

describe("machine type property", () => {
  const prefixes = [
    "c3-standard-",
    "c3-highcpu-",
    "c4-standard-",
    "c3d-standard-",
    "c4d-highmem-",
    "c2d-highcpu-",
    "n2d-standard-",
    "n2d-highmem-",
    "n2-standard-",
    "a3-highgpu-",
    "e2-micro-",
  ];
  const machineTypes = fc.oneof(
    fc.string(),
    fc
      .tuple(fc.constantFrom(...prefixes), fc.nat(400), fc.constantFrom("", "-lssd", "g", "-metal", " "))
      .map(([prefix, n, suffix]) => `${prefix}${n}${suffix}`),
    fc.constantFrom("a3-highgpu-1g", "c3-standard-4", "n2d-standard-2", "C3-STANDARD-4", "c3-standard-04"),
  );

  it("either accepts a machine type the catalogue lists, or rejects it with exactly one problem naming machineType", () => {
    fc.assert(
      fc.property(fc.constantFrom(...CONFIDENTIAL_TECHNOLOGIES), machineTypes, (technology, machineType) => {
        const { row, problems } = check({ technology, machineType });
        if (problems.length === 0) {
          expect(row).toBeDefined();
          expect(CONFIDENTIAL_SHAPES).toContain(row);
          expect(row!.technology).toBe(technology);
          expect(row!.pattern.test(machineType)).toBe(true);
          expect(technologiesFor(machineType)).toContain(technology);
        } else {
          expect(row).toBeUndefined();
          expect(problems).toHaveLength(1);
          expect(problems[0]).toMatchObject({ path: "machineType", value: machineType });
          expect(problems[0]!.rule).toContain(machineTypesFor(technology));
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("zone property", () => {
  const zones = fc.oneof(
    fc.string(),
    fc.constantFrom(...new Set(CONFIDENTIAL_SHAPES.flatMap((row) => row.zones ?? []))),
    fc
      .tuple(
        fc.constantFrom("us-central1", "europe-west4", "asia-southeast1", "me-west1", "us-west2"),
        fc.constantFrom("a", "b", "c", "d", "f"),
      )
      .map(([region, letter]) => `${region}-${letter}`),
  );
  const rows = fc.constantFrom(...CONFIDENTIAL_SHAPES);

  it("accepts a zone exactly when the row's closed list holds it, or any well-formed zone where there is none", () => {
    fc.assert(
      fc.property(rows, zones, (row, zone) => {
        const machineType = SAMPLES[row.machineTypes]!;
        const { problems } = check({ technology: row.technology, machineType, zone });
        const wellFormed = /^[a-z]+-[a-z]+[0-9]+-[a-z]$/.test(zone);
        const accepted = wellFormed && (row.zones === undefined || row.zones.includes(zone));
        if (accepted) {
          expect(problems).toEqual([]);
        } else {
          expect(problems).toHaveLength(1);
          expect(problems[0]).toMatchObject({ path: "zone", value: zone });
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("the catalogue", () => {
  // Every field of every row, so deleting or changing a row fails here (the snapshot) and is reviewed
  // with its sources.
  it("holds exactly the documented rows", () => {
    const rows = CONFIDENTIAL_SHAPES.map(({ pattern, sources, ...row }) => ({
      ...row,
      pattern: pattern.source,
      sources: sources.map((s) => s.url),
    }));
    expect(rows).toMatchSnapshot();
  });

  it("cites, for every row, sources read on the day checked, each saying what it supports", () => {
    for (const row of CONFIDENTIAL_SHAPES) {
      expect(row.sources.length).toBeGreaterThan(0);
      for (const source of row.sources) {
        expect(source.url).toMatch(/^https:\/\//);
        expect(source.checked).toBe(CATALOGUE_CHECKED);
        expect(source.note.length).toBeGreaterThan(40);
      }
    }
    expect(CATALOGUE_CHECKED).toBe("2026-11-28");
  });

  it("accepts a representative machine type of every row, and only that row's technology there", () => {
    for (const row of CONFIDENTIAL_SHAPES) {
      const machineType = SAMPLES[row.machineTypes];
      expect(machineType, row.machineTypes).toBeDefined();
      expect(shapeFor(row.technology, machineType!)).toBe(row);
    }
    expect(technologiesFor("n2d-standard-2")).toEqual(["SEV", "SEV_SNP"]);
    expect(technologiesFor("c3-standard-4")).toEqual(["TDX"]);
    expect(technologiesFor("n2-standard-4")).toEqual([]);
  });

  it("puts only the N2D and C3D SEV rows under live migration, as Google's live-migration page says", () => {
    expect(
      CONFIDENTIAL_SHAPES.filter((r) => r.liveMigration).map((r) => [r.technology, r.cpuPlatform]),
    ).toEqual([
      ["SEV", "AMD EPYC Milan"],
      ["SEV", "AMD EPYC Genoa"],
    ]);
  });
});

describe("provider arguments", () => {
  it("sets confidentialInstanceType alone, never enableConfidentialCompute", () => {
    for (const technology of CONFIDENTIAL_TECHNOLOGIES) {
      expect(confidentialInstanceConfig(technology)).toStrictEqual({ confidentialInstanceType: technology });
    }
    expect(confidentialInstanceConfig("TDX")).not.toHaveProperty("enableConfidentialCompute");
  });

  it("terminates on host maintenance for every technology and sets nothing else", () => {
    for (const technology of CONFIDENTIAL_TECHNOLOGIES) {
      expect(schedulingFor(technology)).toStrictEqual({ onHostMaintenance: "TERMINATE" });
    }
  });

  it("is typed by the provider's own input types", () => {
    const config: inputs.compute.InstanceConfidentialInstanceConfig = confidentialInstanceConfig("TDX");
    const scheduling: inputs.compute.InstanceScheduling = schedulingFor("TDX");
    // @ts-expect-error a misspelt provider field is a type error, not a silently ignored input
    const misspelt: inputs.compute.InstanceConfidentialInstanceConfig = { confidentialComputeType: "TDX" };
    expect([config, scheduling, misspelt]).toHaveLength(3);
  });

  it("names the guest OS feature and the documented image filter per technology", () => {
    expect(GUEST_OS_FEATURE).toEqual({ TDX: "TDX_CAPABLE", SEV: "SEV_CAPABLE", SEV_SNP: "SEV_SNP_CAPABLE" });
    expect(imageListCommand("TDX")).toBe(
      'gcloud compute images list --filter="guestOsFeatures[].type:(TDX_CAPABLE)"',
    );
    expect(CONFIDENTIAL_DISK_INTERFACE).toBe("NVME");
  });

  it("loads no provider SDK at runtime: @pulumi/gcp is imported for types only", () => {
    const source = readFileSync(path.join(__dirname, "confidential-shapes.ts"), "utf8");
    const imports = source.match(/^import .* from "@pulumi\/[^"]+";$/gm) ?? [];
    expect(imports).toEqual(['import type * as inputs from "@pulumi/gcp/types/input";']);
  });
});
