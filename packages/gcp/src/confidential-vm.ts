import * as pulumi from "@pulumi/pulumi";
import { Disk, Instance } from "@pulumi/gcp/compute";
import type { CryptoKeyIAMMember } from "@pulumi/gcp/kms";
import { Account } from "@pulumi/gcp/serviceaccount";
import type * as inputs from "@pulumi/gcp/types/input";
import {
  childName,
  DNS_LABEL_RULE,
  isDnsLabel,
  shape,
  validateArgs,
  type ArgsSchema,
  type ProblemCollector,
} from "@palisade/core";
import { GcpChildren, type ZoneLetter } from "./children";
import {
  checkConfidentialShape,
  CONFIDENTIAL_DISK_INTERFACE,
  CONFIDENTIAL_TECHNOLOGIES,
  confidentialInstanceConfig,
  schedulingFor,
  shapeFor,
  type ConfidentialShape,
  type ConfidentialTechnology,
} from "./confidential-shapes";
import { checkMember, encryptionKeyNames, serviceKey, type EncryptionKey } from "./encryption-key";
import { checkChildNames, type NamedChild } from "./names";
import { checkProjectNumber, serviceAgentMember } from "./service-agents";
import { GCP_COMPONENT_SCHEMA, resolveGcpSettings, type GcpComponentArgs } from "./settings";

export interface ConfidentialDataDisk {
  /** The disk's name within the VM (a DNS label): the child is `<name>-disk-<this>`, the device name this. */
  name: string;
  /** Size in GB. */
  sizeGb: number;
  /**
   * Disk type. Confidential VMs take persistent disks and Hyperdisk over NVMe; C4 takes Hyperdisk only.
   * @default "hyperdisk-balanced" on C4, else "pd-balanced"
   */
  type?: string;
}

export type ProvisioningModel = "STANDARD" | "SPOT";

export interface ConfidentialVmArgs extends GcpComponentArgs {
  /**
   * The confidential technology: Intel `TDX`, AMD `SEV` or AMD `SEV_SNP`, each on the machine types
   * Google documents for it (`CONFIDENTIAL_SHAPES`). Forces replacement when changed.
   * @default "TDX"
   */
  technology?: ConfidentialTechnology;
  /**
   * Machine type, checked against the technology's shapes (`a3-highgpu-1g` is TDX with one NVIDIA H100).
   * Changing it stops and restarts the VM.
   * @default "c3-standard-4" for TDX, "n2d-standard-4" for SEV and SEV_SNP
   */
  machineType?: string;
  /**
   * Zone letter in the component's region, checked against the zones Google documents for the shape.
   * Forces replacement when changed.
   * @default the first documented zone of the shape in the region, else "a"
   */
  zone?: ZoneLetter;
  /**
   * Boot image: a self link or `projects/<project>/global/images/family/<family>`. It must carry the
   * technology's guest OS feature (`TDX_CAPABLE` for TDX): list them with `imageListCommand(technology)`,
   * e.g. `gcloud compute images list --filter="guestOsFeatures[].type:(TDX_CAPABLE)"`. Forces replacement.
   */
  image: pulumi.Input<string>;
  /** Boot disk size in GB. Forces replacement when changed. @default 50 */
  bootDiskSizeGb?: number;
  /** Data disks, each its own customer-key disk, retained with the data. @default none */
  dataDisks?: ConfidentialDataDisk[];
  /** Self link or id of the subnetwork the VM's only NIC sits in; it gets no external IP. */
  subnetwork: pulumi.Input<string>;
  /** Network tags that firewall rules target. @default none */
  networkTags?: string[];
  /**
   * `STANDARD` or `SPOT` (preemptible, stopped when reclaimed). `a3-highgpu-1g` with TDX runs only as Spot
   * (or Flex-start, which this component does not offer yet), so it must be `SPOT` there.
   * @default "STANDARD"
   */
  provisioningModel?: ProvisioningModel;
  /**
   * The project's number, for the Compute Engine service agent's email
   * (`service-<number>@compute-system.iam.gserviceaccount.com`), granted the key before any disk exists.
   * Required unless `computeServiceAgent` is given.
   */
  projectNumber?: string;
  /** The Compute Engine service agent as an IAM member (`serviceAccount:<email>`). @default built from `projectNumber` */
  computeServiceAgent?: pulumi.Input<string>;
  /** Id of an existing Cloud KMS key in the VM's region. @default a new EncryptionKey owned by this VM */
  kmsKeyId?: pulumi.Input<string>;
  /**
   * Extra instance metadata (e.g. `startup-script`). The keys Palisade sets for OS Login, project SSH
   * keys and the serial port cannot be overridden here.
   * @default none
   */
  metadata?: Record<string, string>;
}

const TYPE = "palisade:gcp:ConfidentialVm";

/** Metadata that keeps access through OS Login (IAM) only: no project-wide SSH keys, no serial console. */
export const LOCKED_METADATA: Readonly<Record<string, string>> = {
  "enable-oslogin": "TRUE",
  "block-project-ssh-keys": "TRUE",
  "serial-port-enable": "FALSE",
};

const DEFAULT_MACHINE_TYPE: Readonly<Record<ConfidentialTechnology, string>> = {
  TDX: "c3-standard-4",
  SEV: "n2d-standard-4",
  SEV_SNP: "n2d-standard-4",
};

const ZONE_LETTERS: readonly ZoneLetter[] = ["a", "b", "c", "d", "f"];

/**
 * A Compute Engine VM whose memory is encrypted by the CPU (Intel TDX by default, or AMD SEV / SEV-SNP):
 * Shielded VM (secure boot, vTPM, integrity monitoring), terminate on host maintenance, NVMe disks
 * under a customer key the Compute Engine agent is granted first, stopped if that key is revoked, no
 * external IP, OS Login only, and a dedicated service account with no roles. Data disks are retained.
 */
export class ConfidentialVm extends pulumi.ComponentResource {
  readonly instance: Instance;
  readonly instanceName: pulumi.Output<string>;
  readonly selfLink: pulumi.Output<string>;
  /** The VM's own service account: it holds no role until you grant one. */
  readonly serviceAccount: Account;
  readonly serviceAccountEmail: pulumi.Output<string>;
  readonly internalIp: pulumi.Output<string>;
  readonly kmsKeyId: pulumi.Output<string>;
  /** The key this VM created, when no `kmsKeyId` was given. */
  readonly encryptionKey?: EncryptionKey;
  /** The grant every disk depends on: the Compute Engine agent may use the key. */
  readonly keyGrant: CryptoKeyIAMMember;
  readonly dataDisks: Disk[];

  constructor(name: string, args: ConfidentialVmArgs, opts?: pulumi.ComponentResourceOptions) {
    const s = validateConfidentialVmArgs(name, args);
    super(TYPE, name, {}, opts);
    const children = new GcpChildren(this, s.settings);

    const agent = args.computeServiceAgent ?? serviceAgentMember("compute", args.projectNumber ?? "");
    ({
      keyId: this.kmsKeyId,
      encryptionKey: this.encryptionKey,
      keyGrant: this.keyGrant,
    } = serviceKey(children, name, "compute-agent", agent, args.kmsKeyId));
    const keyId = this.kmsKeyId;

    this.serviceAccount = children.create(
      Account,
      childName(name, "sa"),
      { project: true },
      {
        accountId: serviceAccountId(name),
        displayName: `${name} confidential VM`,
        description: "The VM's own identity; it holds no role until one is granted (Palisade ConfidentialVm)",
      },
    );

    this.dataDisks = (args.dataDisks ?? []).map((disk) =>
      children.create(
        Disk,
        childName(name, "disk", disk.name),
        { project: true, zone: s.zone, labels: true },
        {
          size: disk.sizeGb,
          type: disk.type ?? s.diskType,
          diskEncryptionKey: { kmsKeySelfLink: keyId },
        },
        // The agent must hold the key before Compute Engine encrypts the disk with it.
        { role: "data", dependsOn: [this.keyGrant] },
      ),
    );

    this.instance = children.create(
      Instance,
      childName(name, "vm"),
      { project: true, zone: s.zone, labels: true },
      {
        machineType: s.machineType,
        minCpuPlatform: s.shape.minCpuPlatform,
        confidentialInstanceConfig: confidentialInstanceConfig(s.technology),
        scheduling: scheduling(s.technology, s.provisioningModel),
        shieldedInstanceConfig: {
          enableSecureBoot: true,
          enableVtpm: true,
          enableIntegrityMonitoring: true,
        },
        // A revoked key stops the VM instead of leaving it running with data it may no longer read.
        keyRevocationActionType: "STOP",
        bootDisk: {
          autoDelete: true,
          interface: CONFIDENTIAL_DISK_INTERFACE,
          kmsKeySelfLink: keyId,
          initializeParams: { image: args.image, size: s.bootDiskSizeGb, type: s.diskType },
        },
        attachedDisks: this.dataDisks.map((disk, i) => ({
          source: disk.selfLink,
          deviceName: args.dataDisks![i]!.name,
          kmsKeySelfLink: keyId,
        })),
        // No accessConfigs: no external IP.
        networkInterfaces: [{ subnetwork: args.subnetwork, nicType: "GVNIC" }],
        tags: args.networkTags,
        metadata: { ...args.metadata, ...LOCKED_METADATA },
        serviceAccount: { email: this.serviceAccount.email, scopes: ["cloud-platform"] },
        deletionProtection: s.settings.protection.protect,
      },
      { dependsOn: [this.keyGrant] },
    );
    this.instanceName = this.instance.name;
    this.selfLink = this.instance.selfLink;
    this.serviceAccountEmail = this.serviceAccount.email;
    this.internalIp = this.instance.networkInterfaces.apply((nics) => nics[0]?.networkIp ?? "");
    this.registerOutputs({
      instanceName: this.instanceName,
      selfLink: this.selfLink,
      serviceAccountEmail: this.serviceAccountEmail,
      internalIp: this.internalIp,
      kmsKeyId: this.kmsKeyId,
    });
  }
}

/** The technology's scheduling, plus what Spot needs (preemptible, no automatic restart, stop when reclaimed). */
function scheduling(
  technology: ConfidentialTechnology,
  model: ProvisioningModel,
): inputs.compute.InstanceScheduling {
  const base = schedulingFor(technology);
  if (model === "STANDARD") return { ...base, provisioningModel: "STANDARD", automaticRestart: true };
  return {
    ...base,
    provisioningModel: "SPOT",
    preemptible: true,
    automaticRestart: false,
    instanceTerminationAction: "STOP",
  };
}

/** The service account id: `<name>-vm`, which the name rule checks (6-30 characters). */
function serviceAccountId(name: string): string {
  return childName(name, "vm");
}

export const CONFIDENTIAL_VM_SCHEMA: ArgsSchema = shape.object(
  {
    ...GCP_COMPONENT_SCHEMA,
    technology: shape.oneOf(CONFIDENTIAL_TECHNOLOGIES),
    machineType: shape.string("must be a machine type such as c3-standard-4"),
    zone: shape.oneOf(ZONE_LETTERS, `must be a zone letter: ${ZONE_LETTERS.join(", ")}`),
    image: shape.input(
      shape.string("must be an image self link or family path"),
      "must be an image or an Output of one",
    ),
    bootDiskSizeGb: shape.integer("must be a whole number of GB"),
    dataDisks: shape.array(
      shape.object(
        {
          name: shape.string("must be a disk name"),
          sizeGb: shape.integer("must be a whole number of GB"),
          type: shape.string("must be a disk type such as pd-balanced"),
        },
        { required: ["name", "sizeGb"], description: "must be a data disk { name, sizeGb, type? }" },
      ),
      "must list data disks",
    ),
    subnetwork: shape.input(
      shape.string("must be a subnetwork self link or id"),
      "must be a subnetwork or an Output of one",
    ),
    networkTags: shape.array(shape.string("must be a network tag"), "must list network tags"),
    provisioningModel: shape.oneOf(["STANDARD", "SPOT"]),
    projectNumber: shape.string('must be the project\'s number, e.g. "123456789012"'),
    computeServiceAgent: shape.input(
      shape.string("must be an IAM member such as serviceAccount:<email>"),
      "must be the Compute Engine service agent as an IAM member, or an Output of one",
    ),
    kmsKeyId: shape.input(
      shape.string("must be a Cloud KMS key id"),
      "must be a Cloud KMS key id or an Output of one",
    ),
    metadata: shape.stringMap("must be an object of string metadata values"),
  },
  { required: ["image", "subnetwork"] },
);

/** The names a ConfidentialVm derives from its component name. */
export function confidentialVmNames(name: string, args: ConfidentialVmArgs): NamedChild[] {
  const names: NamedChild[] = [
    {
      type: "gcp:serviceaccount/account:Account",
      name: childName(name, "sa"),
      inputs: { accountId: serviceAccountId(name) },
    },
    { type: "gcp:compute/instance:Instance", name: childName(name, "vm") },
    ...(args.dataDisks ?? []).map((disk): NamedChild => ({
      type: "gcp:compute/disk:Disk",
      name: childName(name, "disk", disk.name),
    })),
  ];
  if (args.kmsKeyId === undefined) names.push(...encryptionKeyNames(childName(name, "kms")));
  return names;
}

/** Every rule a ConfidentialVm's args must meet, with the values they resolve to. */
export function checkConfidentialVmArgs(problems: ProblemCollector, name: string, args: ConfidentialVmArgs) {
  const settings = resolveGcpSettings(problems, name, args);
  const technology = args.technology ?? "TDX";
  const machineType = args.machineType ?? DEFAULT_MACHINE_TYPE[technology];
  const zone = args.zone ?? defaultZone(technology, machineType, settings.region);
  const shape = checkConfidentialShape(problems, {
    technology,
    machineType,
    zone: settings.region === "" ? undefined : `${settings.region}-${zone}`,
  });
  const provisioningModel = args.provisioningModel ?? "STANDARD";
  if (shape?.provisioningModels !== undefined)
    problems.require(
      shape.provisioningModels.includes(provisioningModel),
      "provisioningModel",
      provisioningModel,
      `must be one of ${shape.provisioningModels.join(", ")} for ${technology} on ${machineType} (Google offers it only so); this component supports SPOT`,
    );
  if (args.computeServiceAgent === undefined)
    checkProjectNumber(problems, "projectNumber", args.projectNumber);
  else checkMember(problems, "computeServiceAgent", args.computeServiceAgent);
  const bootDiskSizeGb = args.bootDiskSizeGb ?? 50;
  problems.require(
    Number.isInteger(bootDiskSizeGb) && bootDiskSizeGb >= 10 && bootDiskSizeGb <= 65_536,
    "bootDiskSizeGb",
    bootDiskSizeGb,
    "must be a whole number of GB from 10 to 65536",
  );
  const seen = new Set<string>();
  (args.dataDisks ?? []).forEach((disk, i) => {
    problems.require(isDnsLabel(disk.name), `dataDisks[${i}].name`, disk.name, DNS_LABEL_RULE);
    problems.require(
      !seen.has(disk.name),
      `dataDisks[${i}].name`,
      disk.name,
      "must be unique among the data disks",
    );
    seen.add(disk.name);
    problems.require(
      Number.isInteger(disk.sizeGb) && disk.sizeGb >= 10 && disk.sizeGb <= 65_536,
      `dataDisks[${i}].sizeGb`,
      disk.sizeGb,
      "must be a whole number of GB from 10 to 65536",
    );
  });
  (args.networkTags ?? []).forEach((tag, i) =>
    problems.require(
      /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(tag),
      `networkTags[${i}]`,
      tag,
      "must be a network tag: 1-63 lowercase letters, digits or '-', starting with a letter (RFC 1035)",
    ),
  );
  for (const key of Object.keys(args.metadata ?? {}))
    problems.require(
      !(key in LOCKED_METADATA),
      `metadata.${key}`,
      args.metadata![key],
      "is set by ConfidentialVm (OS Login only, no project SSH keys, no serial port) and cannot be overridden",
    );
  checkChildNames(problems, "name", name, confidentialVmNames(name, args));
  return {
    settings,
    technology,
    machineType,
    zone,
    // Checked above; a failed check throws before anything reads it.
    shape: shape as ConfidentialShape,
    provisioningModel,
    bootDiskSizeGb,
    diskType: machineType.startsWith("c4-") ? "hyperdisk-balanced" : "pd-balanced",
  };
}

/** The first zone Google documents for the shape in `region`; "a" where it documents none. */
function defaultZone(technology: ConfidentialTechnology, machineType: string, region: string): ZoneLetter {
  const first = shapeFor(technology, machineType)
    ?.zones?.find((z) => z.startsWith(`${region}-`))
    ?.slice(region.length + 1);
  return (ZONE_LETTERS as readonly string[]).includes(first ?? "") ? (first as ZoneLetter) : "a";
}

function validateConfidentialVmArgs(name: string, args: ConfidentialVmArgs) {
  return validateArgs(`${TYPE} "${name}"`, CONFIDENTIAL_VM_SCHEMA, args, (problems, a: ConfidentialVmArgs) =>
    checkConfidentialVmArgs(problems, name, a),
  );
}
