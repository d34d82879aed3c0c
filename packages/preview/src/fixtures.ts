/**
 * Answers for the provider lookups programs commonly make, so a preview needs no cloud account. Values are
 * realistic placeholders (AWS's documentation account id, a reserved AMI id). A lookup with no answer here
 * or in `--invoke-fixtures` fails the preview and says how to supply one.
 */
import { parseAllDocuments } from "yaml";

type Fixture = (inputs: Record<string, unknown>) => Record<string, unknown>;

const ACCOUNT = "123456789012";
const str = (value: unknown, fallback: string) => (typeof value === "string" && value ? value : fallback);

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
    value: str(inputs.name, "").includes("/ami-") ? "ami-0abcdef1234567890" : "preview-parameter-value",
    type: "String",
    version: 1,
    arn: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter${str(inputs.name, "/parameter")}`,
    id: str(inputs.name, "/parameter"),
  }),
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

/** Answers an invoke from the caller's fixtures, then the built-ins; throws naming the token otherwise. */
export function answerInvoke(
  token: string,
  inputs: Record<string, unknown>,
  userFixtures: Record<string, Record<string, unknown>>,
): Record<string, unknown> {
  const user = userFixtures[token];
  if (user) return user;
  const builtin = BUILTIN_FIXTURES[token];
  if (builtin) return builtin(inputs);
  throw new MissingFixtureError(
    `palisade preview has no answer for the provider lookup ${token}. Supply one with ` +
      `--invoke-fixtures <file.json>, a JSON object mapping "${token}" to the result it should return.`,
  );
}

/** Carries its message in `details` too: the SDK rebuilds invoke errors from a gRPC error's details. */
export class MissingFixtureError extends Error {
  readonly details: string;
  constructor(message: string) {
    super(message);
    this.details = message;
  }
}
