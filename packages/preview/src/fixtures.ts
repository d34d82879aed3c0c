/**
 * Answers for the provider lookups programs commonly make, so a preview needs no cloud account. Values are
 * realistic placeholders (AWS's documentation account id, a reserved AMI id). A lookup with no answer here
 * or in `--invoke-fixtures` fails the preview and says how to supply one.
 */
import { isDeepStrictEqual } from "node:util";
import { Ajv } from "ajv";
import { parseAllDocuments } from "yaml";
import type { GetAmiResult } from "@pulumi/aws/ec2/getAmi";
import type { GetSubnetsResult } from "@pulumi/aws/ec2/getSubnets";
import type { GetVpcResult } from "@pulumi/aws/ec2/getVpc";
import type { GetEngineVersionsResult } from "@pulumi/gcp/container/getEngineVersions";
import { PreviewError } from "./errors";
import { lookupResultShape } from "./lookup-types";

type Fixture = (inputs: Record<string, unknown>) => Record<string, unknown>;

const ACCOUNT = "123456789012";
const str = (value: unknown, fallback: string) => (typeof value === "string" && value ? value : fallback);

const AMI = "ami-0abcdef1234567890";

/**
 * What AWS's public parameters hold: the ECS-optimised AMI parameters (`.../recommended`) a JSON document
 * that awsx and ECS programs parse, their `/image_id` children and other AMI parameters a bare AMI id.
 */
function ssmParameterValue(name: string): string {
  if (/^\/aws\/service\/ecs\/optimized-ami\/.+\/recommended$/.test(name)) {
    return JSON.stringify({
      ecs_agent_version: "1.89.1",
      ecs_runtime_version: "Docker version 25.0.8",
      image_id: AMI,
      image_name: "amzn2-ami-ecs-hvm-2.0.20250101-x86_64-ebs",
      image_version: "2.0.20250101",
      os: "Amazon Linux 2",
      schema_version: 1,
      source_image_name: "amzn2-ami-minimal-hvm-2.0.20250101.0-x86_64-ebs",
    });
  }
  if (name.endsWith("/image_id") || name.includes("/ami-") || name.includes("/ami/")) return AMI;
  return "preview-parameter-value";
}

export const BUILTIN_FIXTURES: Record<string, Fixture> = {
  "aws:index/getCallerIdentity:getCallerIdentity": () => ({
    accountId: ACCOUNT,
    arn: `arn:aws:iam::${ACCOUNT}:user/palisade-preview`,
    userId: "AIDAPALISADEPREVIEW",
    id: ACCOUNT,
  }),
  "aws:index/getPartition:getPartition": () => ({
    partition: "aws",
    dnsSuffix: "amazonaws.com",
    reverseDnsPrefix: "com.amazonaws",
    id: "aws",
  }),
  "aws:index/getRegion:getRegion": (inputs) => {
    const region = str(inputs.region ?? inputs.name, "us-east-1");
    return { name: region, region, id: region, description: region, endpoint: `ec2.${region}.amazonaws.com` };
  },
  "aws:index/getAvailabilityZones:getAvailabilityZones": () => ({
    names: ["us-east-1a", "us-east-1b", "us-east-1c"],
    zoneIds: ["use1-az1", "use1-az2", "use1-az4"],
    groupNames: ["us-east-1"],
    id: "us-east-1",
  }),
  "aws:ssm/getParameter:getParameter": (inputs) => ({
    name: str(inputs.name, "/parameter"),
    value: ssmParameterValue(str(inputs.name, "")),
    type: "String",
    version: 1,
    arn: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter${str(inputs.name, "/parameter")}`,
    id: str(inputs.name, "/parameter"),
  }),
  // Typed with the SDK's result types (`satisfies`), so a field the SDK adds or renames fails the build.
  "aws:ec2/getAmi:getAmi": (inputs) =>
    ({
      architecture: "x86_64",
      arn: `arn:aws:ec2:us-east-1::image/${AMI}`,
      blockDeviceMappings: [],
      bootMode: "uefi",
      creationDate: "2025-01-01T00:00:00.000Z",
      deprecationTime: "2027-01-01T00:00:00.000Z",
      description: "Image answered by palisade preview",
      enaSupport: true,
      hypervisor: "xen",
      id: AMI,
      imageId: AMI,
      imageLocation: "amazon/palisade-preview",
      imageOwnerAlias: "amazon",
      imageType: "machine",
      imdsSupport: "v2.0",
      kernelId: "",
      lastLaunchedTime: "",
      mostRecent: inputs.mostRecent === true,
      name: "palisade-preview-image",
      ownerId: ACCOUNT,
      owners: Array.isArray(inputs.owners) ? (inputs.owners as string[]) : undefined,
      platform: "",
      platformDetails: "Linux/UNIX",
      productCodes: [],
      public: true,
      ramdiskId: "",
      region: "us-east-1",
      rootDeviceName: "/dev/xvda",
      rootDeviceType: "ebs",
      rootSnapshotId: "snap-0abcdef1234567890",
      sriovNetSupport: "simple",
      state: "available",
      stateReason: { code: "UNSET", message: "UNSET" },
      tags: {},
      tpmSupport: "v2.0",
      usageOperation: "RunInstances",
      virtualizationType: "hvm",
    }) satisfies GetAmiResult,
  "aws:ec2/getVpc:getVpc": () =>
    ({
      arn: `arn:aws:ec2:us-east-1:${ACCOUNT}:vpc/vpc-0abcdef1234567890`,
      cidrBlock: "172.31.0.0/16",
      cidrBlockAssociations: [
        { associationId: "vpc-cidr-assoc-0abcdef123", cidrBlock: "172.31.0.0/16", state: "associated" },
      ],
      default: true,
      dhcpOptionsId: "dopt-0abcdef1234567890",
      enableDnsHostnames: true,
      enableDnsSupport: true,
      enableNetworkAddressUsageMetrics: false,
      id: "vpc-0abcdef1234567890",
      instanceTenancy: "default",
      ipv6AssociationId: "",
      ipv6CidrBlock: "",
      ipv6CidrBlockAssociations: [],
      mainRouteTableId: "rtb-0abcdef1234567890",
      ownerId: ACCOUNT,
      region: "us-east-1",
      state: "available",
      tags: {},
    }) satisfies GetVpcResult,
  "aws:ec2/getSubnets:getSubnets": () =>
    ({
      id: "us-east-1",
      ids: ["subnet-0abcdef1234567890", "subnet-0abcdef1234567891", "subnet-0abcdef1234567892"],
      region: "us-east-1",
      tags: {},
    }) satisfies GetSubnetsResult,
  "gcp:container/getEngineVersions:getEngineVersions": (inputs) =>
    ({
      defaultClusterVersion: "1.33.5-gke.1000",
      id: str(inputs.location, "us-central1"),
      latestMasterVersion: "1.34.1-gke.1000",
      latestNodeVersion: "1.34.1-gke.1000",
      location: str(inputs.location, "us-central1"),
      releaseChannelDefaultVersion: {
        RAPID: "1.34.1-gke.1000",
        REGULAR: "1.33.5-gke.1000",
        STABLE: "1.32.9-gke.1000",
      },
      releaseChannelLatestVersion: {
        RAPID: "1.34.1-gke.1000",
        REGULAR: "1.33.5-gke.1000",
        STABLE: "1.32.9-gke.1000",
      },
      releaseChannelUpgradeTargetVersion: {
        RAPID: "1.34.1-gke.1000",
        REGULAR: "1.33.5-gke.1000",
        STABLE: "1.32.9-gke.1000",
      },
      validMasterVersions: ["1.34.1-gke.1000", "1.33.5-gke.1000", "1.32.9-gke.1000"],
      validNodeVersions: ["1.34.1-gke.1000", "1.33.5-gke.1000", "1.32.9-gke.1000"],
    }) satisfies GetEngineVersionsResult,
  "azure-native:authorization:getClientConfig": () => ({
    clientId: "00000000-0000-0000-0000-000000000001",
    objectId: "00000000-0000-0000-0000-000000000002",
    subscriptionId: "00000000-0000-0000-0000-000000000003",
    tenantId: "00000000-0000-0000-0000-000000000004",
  }),
  "gcp:organizations/getClientConfig:getClientConfig": () => ({
    project: "palisade-preview",
    region: "us-central1",
    zone: "us-central1-a",
    accessToken: "preview-token",
    id: "palisade-preview",
  }),
  "gcp:organizations/getProject:getProject": (inputs) => ({
    projectId: str(inputs.projectId, "palisade-preview"),
    number: "123456789012",
    name: str(inputs.projectId, "palisade-preview"),
    id: `projects/${str(inputs.projectId, "palisade-preview")}`,
  }),
  "gcp:compute/getZones:getZones": (inputs) => {
    const region = str(inputs.region, "us-central1");
    return { names: ["a", "b", "c"].map((z) => `${region}-${z}`), region, id: region };
  },
  "gcp:storage/getProjectServiceAccount:getProjectServiceAccount": () => ({
    emailAddress: "service-123456789012@gs-project-accounts.iam.gserviceaccount.com",
    id: "service-123456789012@gs-project-accounts.iam.gserviceaccount.com",
  }),
  // Not a cloud lookup: the Kubernetes provider decodes manifests for yaml.ConfigFile / ConfigGroup (v1).
  // Decoding needs no cluster, so the preview does what the provider does: every non-empty document.
  "kubernetes:yaml:decode": (inputs) => ({
    result: parseAllDocuments(str(inputs.text, ""))
      .map((doc) => {
        const [error] = doc.errors;
        if (error) throw new Error(`kubernetes:yaml:decode: ${error.message}`);
        return doc.toJS() as unknown;
      })
      .filter((doc) => doc !== null && doc !== undefined),
  }),
};

/**
 * A fixture file maps each invoke token to its result, or to a list of `{ args, result }` answers where
 * the first whose `args` all equal the lookup's arguments wins (an answer without `args` matches any).
 */
export type FixtureFile = Record<string, Record<string, unknown> | FixtureAnswer[]>;
export interface FixtureAnswer {
  args?: Record<string, unknown>;
  result: Record<string, unknown>;
}

const FIXTURE_FILE_SCHEMA = {
  type: "object",
  additionalProperties: {
    anyOf: [{ type: "array", items: { $ref: "#/$defs/answer" }, minItems: 1 }, { type: "object" }],
  },
  $defs: {
    answer: {
      type: "object",
      required: ["result"],
      additionalProperties: false,
      properties: { args: { type: "object" }, result: { type: "object" } },
    },
  },
};
const validateFixtureFile = new Ajv({ allErrors: true }).compile(FIXTURE_FILE_SCHEMA);

/** Checks a fixture file's shape: every answer an object, lists of `{ args?, result }`; names each problem. */
export function checkFixtureFile(file: string, parsed: unknown): FixtureFile {
  if (validateFixtureFile(parsed)) return parsed as FixtureFile;
  const problems = (validateFixtureFile.errors ?? []).map(
    (e) => `${e.instancePath || "(file)"} ${e.message ?? ""}`,
  );
  throw new PreviewError(
    `--invoke-fixtures ${file}: each token must map to a result object or to a list of { "args": {...}, "result": {...} } (${[...new Set(problems)].join("; ")})`,
  );
}

function matches(args: Record<string, unknown> | undefined, inputs: Record<string, unknown>): boolean {
  return Object.entries(args ?? {}).every(([key, value]) => isDeepStrictEqual(inputs[key], value));
}

/**
 * Answers an invoke from the caller's fixtures, then the built-ins; throws naming the token otherwise, with
 * a stub of the result read from the provider SDK installed in `projectDir` (the program's project).
 */
export function answerInvoke(
  token: string,
  inputs: Record<string, unknown>,
  userFixtures: FixtureFile,
  projectDir?: string,
): Record<string, unknown> {
  const user = Object.hasOwn(userFixtures, token) ? userFixtures[token] : undefined;
  if (Array.isArray(user)) {
    const answer = user.find((a) => matches(a.args, inputs));
    if (answer) return answer.result;
    throw new MissingFixtureError(
      `palisade preview has no answer for ${token} with arguments ${JSON.stringify(inputs)}: none of the ${user.length} answers in --invoke-fixtures has matching "args"`,
    );
  }
  if (user) return user;
  const builtin = Object.hasOwn(BUILTIN_FIXTURES, token) ? BUILTIN_FIXTURES[token] : undefined;
  if (builtin) return builtin(inputs);
  throw new MissingFixtureError(missingLookupMessage(token, inputs, projectDir));
}

/** Says how to answer the lookup: a stub with the result's fields when the SDK declares them, else why not. */
function missingLookupMessage(token: string, inputs: Record<string, unknown>, projectDir?: string): string {
  const args = JSON.stringify(inputs);
  const opening = `palisade preview has no answer for the provider lookup ${token} (called with ${args}).`;
  const shape = projectDir === undefined ? undefined : lookupResultShape(token, projectDir);
  if (!shape?.found) {
    return (
      `${opening} Supply one with --invoke-fixtures <file.json>: {"${token}": { ...the lookup's result... }}, or ` +
      `{"${token}": [{"args": ${args}, "result": { ... }}]} to answer only these arguments.` +
      (shape ? ` (No stub of the result's fields: ${shape.reason}.)` : "")
    );
  }
  const optional =
    shape.optional.length > 0 ? ` Optional fields, which may be left out: ${shape.optional.join(", ")}.` : "";
  return [
    `${opening} Supply one with --invoke-fixtures <file.json>, filling in this stub of ${shape.typeName} from ${shape.sdk}:`,
    JSON.stringify({ [token]: shape.stub }, null, 2),
    `or answer only these arguments with {"${token}": [{"args": ${args}, "result": { ...the same fields... }}]}.${optional}`,
  ].join("\n");
}

/** Carries its message in `details` too: the SDK rebuilds invoke errors from a gRPC error's details. */
export class MissingFixtureError extends Error {
  readonly details: string;
  constructor(message: string) {
    super(message);
    this.details = message;
  }
}
