import { finra, gdpr } from "@palisade/core";
import { expectRejected } from "@palisade/core/test-support";
import { describe, expect, it } from "vitest";
import { ConfidentialVm, type ConfidentialVmArgs } from "./confidential-vm";
import { gcpStack, PROJECT, PROJECT_NUMBER } from "./test-support";

const INSTANCE = "gcp:compute/instance:Instance";
const DISK = "gcp:compute/disk:Disk";
const GRANT = "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember";
const ACCOUNT = "gcp:serviceaccount/account:Account";
const IMAGE = "projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64";
const SUBNET = "projects/phi-prod-123/regions/us-central1/subnetworks/inference";
const AGENT = `serviceAccount:service-${PROJECT_NUMBER}@compute-system.iam.gserviceaccount.com`;

const valid: ConfidentialVmArgs = { image: IMAGE, subnetwork: SUBNET, projectNumber: PROJECT_NUMBER };

async function built(args: Partial<ConfidentialVmArgs> = {}, name = "infer", config = {}) {
  const stack = await gcpStack({ config });
  new ConfidentialVm(name, { ...valid, ...args });
  return stack.settle();
}

describe("ConfidentialVm", () => {
  it("is an Intel TDX VM on C3 by default, terminating on host maintenance, in a zone Google documents", async () => {
    const vm = (await built()).one(INSTANCE, "infer-vm");
    expect(vm.inputs).toMatchObject({
      project: PROJECT,
      // us-central1-a is the first TDX zone Google lists in us-central1.
      zone: "us-central1-a",
      machineType: "c3-standard-4",
      confidentialInstanceConfig: { confidentialInstanceType: "TDX" },
      scheduling: { onHostMaintenance: "TERMINATE", provisioningModel: "STANDARD", automaticRestart: true },
    });
    // TDX is selected by the type alone; the SEV-only switch stays unset.
    expect(vm.inputs.confidentialInstanceConfig).not.toHaveProperty("enableConfidentialCompute");
    expect(vm.inputs).not.toHaveProperty("minCpuPlatform");
  });

  it("is a Shielded VM, stopped if its key is revoked, with no external IP and OS Login only", async () => {
    const vm = (await built({ metadata: { "startup-script": "echo ready" } })).one(INSTANCE, "infer-vm");
    expect(vm.inputs).toMatchObject({
      shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
      keyRevocationActionType: "STOP",
      networkInterfaces: [{ subnetwork: SUBNET, nicType: "GVNIC" }],
      metadata: {
        "startup-script": "echo ready",
        "enable-oslogin": "TRUE",
        "block-project-ssh-keys": "TRUE",
        "serial-port-enable": "FALSE",
      },
      labels: { "managed-by": "palisade" },
    });
    expect((vm.inputs.networkInterfaces as Record<string, unknown>[])[0]).not.toHaveProperty("accessConfigs");
  });

  it("encrypts the NVMe boot disk and every data disk with its own key, granted to Compute Engine first", async () => {
    const stack = await built({ dataDisks: [{ name: "weights", sizeGb: 200 }] });
    const grant = stack.one(GRANT, "infer-compute-agent");
    expect(grant.inputs).toMatchObject({
      member: AGENT,
      role: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
      cryptoKeyId: "infer-kms-key-id",
    });
    const vm = stack.one(INSTANCE, "infer-vm");
    expect(vm.inputs.bootDisk).toMatchObject({
      interface: "NVME",
      kmsKeySelfLink: "infer-kms-key-id",
      initializeParams: { image: IMAGE, size: 50, type: "pd-balanced" },
    });
    const disk = stack.one(DISK, "infer-disk-weights");
    expect(disk.inputs).toMatchObject({
      zone: "us-central1-a",
      size: 200,
      type: "pd-balanced",
      diskEncryptionKey: { kmsKeySelfLink: "infer-kms-key-id" },
    });
    expect(disk.retainOnDelete).toBe(true);
    // The disk's self link is unknown until it exists; the attachment depends on it.
    expect(vm.inputs.attachedDisks).toEqual([{ deviceName: "weights", kmsKeySelfLink: "infer-kms-key-id" }]);
    expect(vm.propertyDependencies.attachedDisks).toContain(disk.urn);
    for (const r of [vm, disk]) expect(r.dependsOn, r.name).toContain(grant.urn);
  });

  it("runs as its own service account, which holds no role", async () => {
    const stack = await built();
    const account = stack.one(ACCOUNT, "infer-sa");
    expect(account.inputs).toMatchObject({ accountId: "infer-vm", project: PROJECT });
    expect(stack.one(INSTANCE, "infer-vm").inputs.serviceAccount).toMatchObject({
      scopes: ["cloud-platform"],
    });
    expect(
      stack.registrations.filter((r) => /IAM(Member|Binding|Policy)$/.test(r.type) && r.type !== GRANT),
    ).toEqual([]);
  });

  it("uses a given key and service agent instead of creating them", async () => {
    const stack = await built({
      kmsKeyId: "projects/p/locations/us-central1/keyRings/r/cryptoKeys/k",
      projectNumber: undefined,
      computeServiceAgent: "serviceAccount:agent@example.iam.gserviceaccount.com",
    });
    expect(stack.ofType("gcp:kms/cryptoKey:CryptoKey")).toEqual([]);
    expect(stack.one(GRANT, "infer-compute-agent").inputs).toMatchObject({
      cryptoKeyId: "projects/p/locations/us-central1/keyRings/r/cryptoKeys/k",
      member: "serviceAccount:agent@example.iam.gserviceaccount.com",
    });
  });

  it("offers TDX with an NVIDIA H100 on a3-highgpu-1g as Spot, stopped when reclaimed", async () => {
    const vm = (await built({ machineType: "a3-highgpu-1g", provisioningModel: "SPOT", zone: "a" })).one(
      INSTANCE,
      "infer-vm",
    );
    expect(vm.inputs).toMatchObject({
      machineType: "a3-highgpu-1g",
      zone: "us-central1-a",
      scheduling: {
        onHostMaintenance: "TERMINATE",
        provisioningModel: "SPOT",
        preemptible: true,
        automaticRestart: false,
        instanceTerminationAction: "STOP",
      },
    });
  });

  it("sets the CPU platform SEV-SNP needs, and Hyperdisk on C4", async () => {
    const snp = (await built({ technology: "SEV_SNP" })).one(INSTANCE, "infer-vm");
    expect(snp.inputs).toMatchObject({
      machineType: "n2d-standard-4",
      minCpuPlatform: "AMD Milan",
      confidentialInstanceConfig: { confidentialInstanceType: "SEV_SNP" },
    });
    const c4 = (await built({ machineType: "c4-standard-8" })).one(INSTANCE, "infer-vm");
    expect(c4.inputs.bootDisk).toMatchObject({ initializeParams: { type: "hyperdisk-balanced" } });
  });

  it("turns on deletion protection when the data protection asks for it", async () => {
    expect((await built()).one(INSTANCE, "infer-vm").inputs.deletionProtection).toBe(false);
    const protectedVm = (await built({ baseline: finra, region: "us-east4", zone: "a" })).one(
      INSTANCE,
      "infer-vm",
    );
    expect(protectedVm.inputs.deletionProtection).toBe(true);
  });
});

describe("ConfidentialVm rejects, naming the argument, before registering anything", () => {
  const reject = async (args: Partial<ConfidentialVmArgs>, path: string, value: unknown, name = "infer") => {
    const stack = await gcpStack();
    const error = expectRejected(() => new ConfidentialVm(name, { ...valid, ...args }), path, value);
    expect(stack.registrations).toEqual([]);
    return error;
  };

  it.each([
    [
      { machineType: "n2d-standard-4" },
      "machineType",
      "n2d-standard-4",
      "must be a TDX machine type: c3-standard-*",
    ],
    [
      { technology: "SEV", machineType: "c3-standard-4" },
      "machineType",
      "c3-standard-4",
      "must be a SEV machine type",
    ],
    [{ zone: "f" }, "zone", "us-central1-f", "must be a zone Google documents for TDX"],
    [{ machineType: "a3-highgpu-1g" }, "provisioningModel", "STANDARD", "must be one of SPOT, FLEX_START"],
    [{ metadata: { "enable-oslogin": "FALSE" } }, "metadata.enable-oslogin", "FALSE", "cannot be overridden"],
    [{ projectNumber: "phi-prod-123" }, "projectNumber", "phi-prod-123", "must be the project's number"],
    [{ bootDiskSizeGb: 5 }, "bootDiskSizeGb", 5, "from 10 to 65536"],
    [{ dataDisks: [{ name: "Weights", sizeGb: 100 }] }, "dataDisks[0].name", "Weights", "DNS"],
    [
      {
        dataDisks: [
          { name: "w", sizeGb: 100 },
          { name: "w", sizeGb: 100 },
        ],
      },
      "dataDisks[1].name",
      "w",
      "must be unique",
    ],
    [{ networkTags: ["Web"] }, "networkTags[0]", "Web", "network tag"],
    [{ baseline: gdpr, region: "us-east4" }, "region", "us-east4", "must be one of"],
  ] as [Partial<ConfidentialVmArgs>, string, unknown, string][])(
    "%j: %s",
    async (args, path, value, rule) => {
      const error = await reject(args, path, value);
      expect(error.problems.find((p) => p.path === path)?.rule).toContain(rule);
    },
  );

  it("a name too long for the VM's service account id (6-30 characters)", async () => {
    const long = "a-very-long-inference-vm-name";
    await reject({}, "name", long, long);
    await reject({}, "name", "ab", "ab");
  });

  it("a missing image and subnetwork, both at once", async () => {
    const stack = await gcpStack();
    const error = expectRejected(
      () => new ConfidentialVm("infer", { projectNumber: PROJECT_NUMBER } as ConfidentialVmArgs),
      "image",
      undefined,
    );
    expect(error.problems.map((p) => p.path)).toEqual(expect.arrayContaining(["image", "subnetwork"]));
    expect(stack.registrations).toEqual([]);
  });
});
