/**
 * Answers for the provider lookups programs commonly make, so a preview needs no cloud account. Values are
 * realistic placeholders (AWS's documentation account id, a reserved AMI id). A lookup with no answer here
 * or in `--invoke-fixtures` fails the preview and says how to supply one.
 */
import { isDeepStrictEqual } from "node:util";
import { Ajv } from "ajv";
import { parseAllDocuments, stringify } from "yaml";
// Every answer is checked against its SDK's result type (`satisfies`), so a field the SDK adds, renames
// or retypes fails the build. Types only: no provider SDK is loaded at run time.
import type { GetAmiResult } from "@pulumi/aws/ec2/getAmi";
import type { GetSubnetResult } from "@pulumi/aws/ec2/getSubnet";
import type { GetSubnetsResult } from "@pulumi/aws/ec2/getSubnets";
import type { GetVpcResult } from "@pulumi/aws/ec2/getVpc";
import type { GetAvailabilityZonesResult } from "@pulumi/aws/getAvailabilityZones";
import type { GetCallerIdentityResult } from "@pulumi/aws/getCallerIdentity";
import type { GetPartitionResult } from "@pulumi/aws/getPartition";
import type { GetRegionResult } from "@pulumi/aws/getRegion";
import type { GetZoneResult as GetHostedZoneResult } from "@pulumi/aws/route53/getZone";
import type { GetParameterResult } from "@pulumi/aws/ssm/getParameter";
import type { GetClientConfigResult as GetAzureClientConfigResult } from "@pulumi/azure-native/authorization/getClientConfig";
import type { GetClientTokenResult } from "@pulumi/azure-native/authorization/getClientToken";
import type { ListManagedClusterUserCredentialsResult } from "@pulumi/azure-native/containerservice/listManagedClusterUserCredentials";
import type { GetResourceGroupResult } from "@pulumi/azure-native/resources/getResourceGroup";
import type { GetDefaultServiceAccountResult } from "@pulumi/gcp/compute/getDefaultServiceAccount";
import type { GetImageResult } from "@pulumi/gcp/compute/getImage";
import type { GetNetworkResult } from "@pulumi/gcp/compute/getNetwork";
import type { GetSubnetworkResult } from "@pulumi/gcp/compute/getSubnetwork";
import type { GetZonesResult } from "@pulumi/gcp/compute/getZones";
import type { GetEngineVersionsResult } from "@pulumi/gcp/container/getEngineVersions";
import type { GetClientConfigResult as GetGcpClientConfigResult } from "@pulumi/gcp/organizations/getClientConfig";
import type { GetProjectResult } from "@pulumi/gcp/organizations/getProject";
import type { GetProjectServiceAccountResult } from "@pulumi/gcp/storage/getProjectServiceAccount";
import { PreviewError } from "./errors";
import { lookupResultShape } from "./lookup-types";
import { renderPolicyDocument } from "./policy-document";

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

const GCP_PROJECT = "palisade-preview";
const GCP_PROJECT_NUMBER = "123456789012";
const GCP_REGION = "us-central1";
const COMPUTE = "https://www.googleapis.com/compute/v1";
const AZURE_SUBSCRIPTION = "00000000-0000-0000-0000-000000000003";
// A lookup's optional arguments come back in its result, when the program passed them.
const echo = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const bool = (value: unknown): boolean | undefined => (typeof value === "boolean" ? value : undefined);

export const BUILTIN_FIXTURES: Record<string, Fixture> = {
  // AWS
  "aws:index/getCallerIdentity:getCallerIdentity": () =>
    ({
      accountId: ACCOUNT,
      arn: `arn:aws:iam::${ACCOUNT}:user/palisade-preview`,
      userId: "AIDAPALISADEPREVIEW",
      id: ACCOUNT,
    }) satisfies GetCallerIdentityResult,
  "aws:index/getPartition:getPartition": () =>
    ({
      partition: "aws",
      dnsSuffix: "amazonaws.com",
      reverseDnsPrefix: "com.amazonaws",
      id: "aws",
    }) satisfies GetPartitionResult,
  "aws:index/getRegion:getRegion": (inputs) => {
    const region = str(inputs.region ?? inputs.name, "us-east-1");
    return {
      name: region,
      region,
      id: region,
      description: region,
      endpoint: `ec2.${region}.amazonaws.com`,
    } satisfies GetRegionResult;
  },
  "aws:index/getAvailabilityZones:getAvailabilityZones": (inputs) =>
    ({
      allAvailabilityZones: bool(inputs.allAvailabilityZones),
      names: ["us-east-1a", "us-east-1b", "us-east-1c"],
      zoneIds: ["use1-az1", "use1-az2", "use1-az4"],
      groupNames: ["us-east-1"],
      id: "us-east-1",
      region: "us-east-1",
      state: echo(inputs.state),
    }) satisfies GetAvailabilityZonesResult,
  "aws:ssm/getParameter:getParameter": (inputs) => {
    const name = str(inputs.name, "/parameter");
    const value = ssmParameterValue(str(inputs.name, ""));
    return {
      name,
      value,
      insecureValue: value,
      type: "String",
      version: 1,
      arn: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter${name}`,
      id: name,
      region: "us-east-1",
      withDecryption: bool(inputs.withDecryption),
    } satisfies GetParameterResult;
  },
  // The document as the provider renders it, so the packs judge the policy a deployment would get.
  "aws:iam/getPolicyDocument:getPolicyDocument": (inputs) => ({ ...renderPolicyDocument(inputs) }),
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
  "aws:ec2/getSubnet:getSubnet": (inputs) => {
    const id = str(inputs.id, "subnet-0abcdef1234567890");
    const zone = str(inputs.availabilityZone, "us-east-1a");
    return {
      arn: `arn:aws:ec2:us-east-1:${ACCOUNT}:subnet/${id}`,
      assignIpv6AddressOnCreation: false,
      availabilityZone: zone,
      availabilityZoneId: "use1-az1",
      availableIpAddressCount: 4091,
      cidrBlock: str(inputs.cidrBlock, "172.31.0.0/20"),
      customerOwnedIpv4Pool: "",
      defaultForAz: inputs.defaultForAz === true,
      enableDns64: false,
      enableLniAtDeviceIndex: 0,
      enableResourceNameDnsARecordOnLaunch: false,
      enableResourceNameDnsAaaaRecordOnLaunch: false,
      id,
      ipv6CidrBlock: "",
      ipv6CidrBlockAssociationId: "",
      ipv6Native: false,
      mapCustomerOwnedIpOnLaunch: false,
      mapPublicIpOnLaunch: false,
      outpostArn: "",
      ownerId: ACCOUNT,
      privateDnsHostnameTypeOnLaunch: "ip-name",
      region: "us-east-1",
      state: "available",
      tags: {},
      vpcId: str(inputs.vpcId, "vpc-0abcdef1234567890"),
    } satisfies GetSubnetResult;
  },
  "aws:route53/getZone:getZone": (inputs) => {
    const zoneId = str(inputs.zoneId, "Z0123456789ABCDEFGHIJ");
    const nameServers = [
      "ns-1.awsdns-00.com",
      "ns-513.awsdns-00.net",
      "ns-1025.awsdns-00.org",
      "ns-1537.awsdns-00.co.uk",
    ];
    return {
      arn: `arn:aws:route53:::hostedzone/${zoneId}`,
      callerReference: "palisade-preview",
      comment: "",
      id: zoneId,
      linkedServiceDescription: "",
      linkedServicePrincipal: "",
      // The provider returns the name without its trailing dot.
      name: str(inputs.name, "example.com").replace(/\.$/, ""),
      nameServers,
      primaryNameServer: nameServers[0]!,
      privateZone: inputs.privateZone === true,
      resourceRecordSetCount: 2,
      tags: {},
      vpcId: echo(inputs.vpcId),
      zoneId,
    } satisfies GetHostedZoneResult;
  },

  // GCP
  "gcp:organizations/getClientConfig:getClientConfig": () =>
    ({
      project: GCP_PROJECT,
      region: GCP_REGION,
      zone: `${GCP_REGION}-a`,
      accessToken: "preview-token",
      defaultLabels: {},
      id: GCP_PROJECT,
    }) satisfies GetGcpClientConfigResult,
  "gcp:organizations/getProject:getProject": (inputs) => {
    const project = str(inputs.projectId, GCP_PROJECT);
    return {
      autoCreateNetwork: true,
      billingAccount: "000000-000000-000000",
      deletionPolicy: "PREVENT",
      effectiveLabels: {},
      folderId: "",
      id: `projects/${project}`,
      labels: {},
      name: project,
      number: GCP_PROJECT_NUMBER,
      orgId: "100000000001",
      projectId: project,
      pulumiLabels: {},
      tags: {},
    } satisfies GetProjectResult;
  },
  "gcp:compute/getZones:getZones": (inputs) => {
    const region = str(inputs.region, GCP_REGION);
    return {
      names: ["a", "b", "c"].map((z) => `${region}-${z}`),
      region,
      id: region,
      project: str(inputs.project, GCP_PROJECT),
      status: echo(inputs.status),
    } satisfies GetZonesResult;
  },
  "gcp:compute/getImage:getImage": (inputs) => {
    const project = str(inputs.project, GCP_PROJECT);
    const family = str(inputs.family, "debian-12");
    const name = str(inputs.name, `${family}-v20250101`);
    return {
      archiveSizeBytes: 1_234_567_890,
      creationTimestamp: "2025-01-01T00:00:00.000-08:00",
      description: "Image answered by palisade preview",
      diskSizeGb: 10,
      family,
      filter: echo(inputs.filter),
      id: `projects/${project}/global/images/${name}`,
      imageEncryptionKeySha256: "",
      imageId: "1234567890123456789",
      labelFingerprint: "42WmSpB8rSM=",
      labels: {},
      licenses: [`${COMPUTE}/projects/${project}/global/licenses/${family}`],
      mostRecent: bool(inputs.mostRecent),
      name,
      project,
      selfLink: `${COMPUTE}/projects/${project}/global/images/${name}`,
      sourceDisk: "",
      sourceDiskEncryptionKeySha256: "",
      sourceDiskId: "",
      sourceImageId: "",
      status: "READY",
    } satisfies GetImageResult;
  },
  "gcp:compute/getNetwork:getNetwork": (inputs) => {
    const project = str(inputs.project, GCP_PROJECT);
    const name = str(inputs.name, "default");
    return {
      description: "",
      gatewayIpv4: "",
      id: `projects/${project}/global/networks/${name}`,
      internalIpv6Range: "",
      name,
      networkId: 1234567890123456,
      networkProfile: echo(inputs.networkProfile),
      numericId: "1234567890123456",
      project,
      selfLink: `${COMPUTE}/projects/${project}/global/networks/${name}`,
      subnetworksSelfLinks: [`${COMPUTE}/projects/${project}/regions/${GCP_REGION}/subnetworks/${name}`],
    } satisfies GetNetworkResult;
  },
  "gcp:compute/getSubnetwork:getSubnetwork": (inputs) => {
    // A lookup names the subnetwork, or gives its self link.
    const link = /projects\/([^/]+)\/regions\/([^/]+)\/subnetworks\/([^/]+)$/.exec(str(inputs.selfLink, ""));
    const project = link?.[1] ?? str(inputs.project, GCP_PROJECT);
    const region = link?.[2] ?? str(inputs.region, GCP_REGION);
    const name = link?.[3] ?? str(inputs.name, "default");
    return {
      description: "",
      externalIpv6Prefix: "",
      gatewayAddress: "10.128.0.1",
      id: `projects/${project}/regions/${region}/subnetworks/${name}`,
      internalIpv6Prefix: "",
      ipCidrRange: "10.128.0.0/20",
      ipv6AccessType: "",
      name,
      network: `${COMPUTE}/projects/${project}/global/networks/default`,
      privateIpGoogleAccess: false,
      project,
      region,
      secondaryIpRanges: [],
      selfLink: `${COMPUTE}/projects/${project}/regions/${region}/subnetworks/${name}`,
      stackType: "IPV4_ONLY",
      subnetworkId: 1234567890123456,
    } satisfies GetSubnetworkResult;
  },
  "gcp:compute/getDefaultServiceAccount:getDefaultServiceAccount": (inputs) => {
    const project = str(inputs.project, GCP_PROJECT);
    const email = `${GCP_PROJECT_NUMBER}-compute@developer.gserviceaccount.com`;
    return {
      displayName: "Compute Engine default service account",
      email,
      id: `projects/${project}/serviceAccounts/${email}`,
      member: `serviceAccount:${email}`,
      name: `projects/${project}/serviceAccounts/${email}`,
      project,
      uniqueId: "123456789012345678901",
    } satisfies GetDefaultServiceAccountResult;
  },
  "gcp:storage/getProjectServiceAccount:getProjectServiceAccount": (inputs) => {
    const email = `service-${GCP_PROJECT_NUMBER}@gs-project-accounts.iam.gserviceaccount.com`;
    return {
      emailAddress: email,
      id: email,
      member: `serviceAccount:${email}`,
      project: str(inputs.project, GCP_PROJECT),
      userProject: echo(inputs.userProject),
    } satisfies GetProjectServiceAccountResult;
  },
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

  // Azure (azure-native)
  "azure-native:authorization:getClientConfig": () =>
    ({
      clientId: "00000000-0000-0000-0000-000000000001",
      objectId: "00000000-0000-0000-0000-000000000002",
      subscriptionId: AZURE_SUBSCRIPTION,
      tenantId: "00000000-0000-0000-0000-000000000004",
    }) satisfies GetAzureClientConfigResult,
  "azure-native:authorization:getClientToken": () =>
    ({ token: "palisade-preview-token" }) satisfies GetClientTokenResult,
  "azure-native:resources:getResourceGroup": (inputs) => {
    const name = str(inputs.resourceGroupName, "palisade-preview");
    return {
      azureApiVersion: "2024-03-01",
      id: `/subscriptions/${AZURE_SUBSCRIPTION}/resourceGroups/${name}`,
      location: "eastus",
      name,
      properties: { provisioningState: "Succeeded" },
      tags: {},
      type: "Microsoft.Resources/resourceGroups",
    } satisfies GetResourceGroupResult;
  },

  // A private cluster's Entra ID kubeconfig as AKS returns it (base64), in kubelogin's exec format.
  "azure-native:containerservice:listManagedClusterUserCredentials": (inputs) => {
    const cluster = str(inputs.resourceName, "aks-preview");
    const group = str(inputs.resourceGroupName, "palisade-preview");
    const user = `clusterUser_${group}_${cluster}`;
    const kubeconfig = stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [
        {
          name: cluster,
          cluster: {
            server: `https://${cluster}-00000000.00000000-0000-0000-0000-000000000005.privatelink.eastus.azmk8s.io:443`,
            "certificate-authority-data": Buffer.from(
              "-----BEGIN CERTIFICATE-----\npalisade preview\n-----END CERTIFICATE-----\n",
            ).toString("base64"),
          },
        },
      ],
      contexts: [{ name: cluster, context: { cluster, user } }],
      "current-context": cluster,
      users: [
        {
          name: user,
          user: {
            exec: {
              apiVersion: "client.authentication.k8s.io/v1beta1",
              command: "kubelogin",
              // AKS's Entra ID server application, as `az aks get-credentials --format exec` writes it.
              args: [
                "get-token",
                "--environment",
                "AzurePublicCloud",
                "--server-id",
                "6dae42f8-4368-4678-94ff-3960e28e3630",
                "--login",
                "devicecode",
              ],
              interactiveMode: "IfAvailable",
              provideClusterInfo: false,
            },
          },
        },
      ],
    });
    return {
      kubeconfigs: [{ name: "clusterUser", value: Buffer.from(kubeconfig).toString("base64") }],
    } satisfies ListManagedClusterUserCredentialsResult;
  },

  // Kubernetes: not a cloud lookup; the provider decodes manifests for yaml.ConfigFile / ConfigGroup (v1).
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
