import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { answerInvoke, BUILTIN_FIXTURES, checkFixtureFile, MissingFixtureError } from "./fixtures";

// packages/preview installs the AWS, GCP and Azure SDKs (devDependencies): a project with provider SDKs.
const withSdks = path.resolve(__dirname, "..");

/** The message of the error answering `token` throws. */
function missing(token: string, inputs: Record<string, unknown>, projectDir?: string): string {
  try {
    answerInvoke(token, inputs, {}, projectDir);
  } catch (error) {
    expect(error).toBeInstanceOf(MissingFixtureError);
    return (error as MissingFixtureError).message;
  }
  throw new Error(`${token} was answered`);
}

/** The JSON stub a missing-lookup message prints on lines of its own, parsed: it must be valid JSON. */
function stubIn(message: string): Record<string, Record<string, unknown>> {
  const start = message.indexOf("\n{\n");
  const end = message.indexOf("\n}\n", start);
  expect(start).toBeGreaterThan(0);
  return JSON.parse(message.slice(start + 1, end + 2)) as Record<string, Record<string, unknown>>;
}

describe("invoke fixtures", () => {
  it("answers by arguments when a token has a list of answers, first match wins", () => {
    const file = checkFixtureFile("f.json", {
      "aws:ec2/getAmi:getAmi": [
        { args: { owners: ["amazon"] }, result: { id: "ami-amazon" } },
        { result: { id: "ami-any" } },
      ],
    });
    expect(answerInvoke("aws:ec2/getAmi:getAmi", { owners: ["amazon"], mostRecent: true }, file)).toEqual({
      id: "ami-amazon",
    });
    expect(answerInvoke("aws:ec2/getAmi:getAmi", { owners: ["self"] }, file)).toEqual({ id: "ami-any" });
  });

  it("names the arguments when no answer matches them", () => {
    const file = checkFixtureFile("f.json", { "t:index/get:get": [{ args: { id: "a" }, result: {} }] });
    expect(() => answerInvoke("t:index/get:get", { id: "b" }, file)).toThrow(
      /no answer for t:index\/get:get with arguments \{"id":"b"\}/,
    );
  });

  it.each([
    [{ "t:index/get:get": "a string" }],
    [{ "t:index/get:get": 42 }],
    [{ "t:index/get:get": [{ args: {} }] }],
    [{ "t:index/get:get": [{ result: {}, extra: 1 }] }],
    [[]],
  ])("refuses a fixture file shaped %j instead of coercing it", (parsed) => {
    expect(() => checkFixtureFile("f.json", parsed)).toThrow(
      /--invoke-fixtures f\.json: each token must map/,
    );
  });

  it("prints a ready-to-fill stub for a lookup it cannot answer", () => {
    expect(() => answerInvoke("aws:rds/getInstance:getInstance", { dbInstanceIdentifier: "db" }, {})).toThrow(
      /\{"aws:rds\/getInstance:getInstance": \[\{"args": \{"dbInstanceIdentifier":"db"\}, "result": \{ \.\.\. \}\}\]\}/,
    );
  });

  it("prints a stub of an AWS lookup's result, its fields and types read from the project's SDK", () => {
    const message = missing("aws:rds/getInstance:getInstance", { dbInstanceIdentifier: "db" }, withSdks);
    expect(message).toContain("filling in this stub of GetInstanceResult from @pulumi/aws 7.48.0:");
    expect(stubIn(message)).toEqual({
      "aws:rds/getInstance:getInstance": expect.objectContaining({
        address: "<string>",
        allocatedStorage: "<number>",
        multiAz: "<boolean>",
        vpcSecurityGroups: ["<string>"],
        masterUserSecrets: [{ kmsKeyId: "<string>", secretArn: "<string>", secretStatus: "<string>" }],
        tags: { "<key>": "<string>" },
      }),
    });
    // The guidance on per-arguments answers stays.
    expect(message).toContain(
      'or answer only these arguments with {"aws:rds/getInstance:getInstance": [{"args": {"dbInstanceIdentifier":"db"}, "result": { ...the same fields... }}]}.',
    );
  });

  it("prints a stub of a GCP lookup's result and names its optional fields", () => {
    const message = missing("gcp:compute/getInstance:getInstance", { name: "vm" }, withSdks);
    expect(message).toContain("stub of GetInstanceResult from @pulumi/gcp 9.37.0");
    const fields = stubIn(message)["gcp:compute/getInstance:getInstance"];
    expect(fields).toMatchObject({
      machineType: "<string>",
      canIpForward: "<boolean>",
      labels: { "<key>": "<string>" },
      serviceAccounts: [{ email: "<string>", scopes: ["<string>"] }],
    });
    expect(message).toMatch(/Optional fields, which may be left out: .*\bselfLink\b.*\bzone\b/);
    expect(message).not.toMatch(/Optional fields.*\bmachineType\b/);
  });

  it("falls back to the plain guidance, saying why, when the project has no SDK for the lookup", () => {
    const empty = mkdtempSync(path.join(tmpdir(), "palisade-no-sdk-"));
    const message = missing("acme:db/getDatabase:getDatabase", { id: "d" }, empty);
    expect(message).toContain(
      '{"acme:db/getDatabase:getDatabase": [{"args": {"id":"d"}, "result": { ... }}]} to answer only these arguments.',
    );
    expect(message).toContain(
      `(No stub of the result's fields: @pulumi/acme is not installed in the project (${empty}).)`,
    );
    expect(message).not.toContain("\n");
  });

  it("gives ECS-optimised AMI parameters the JSON document AWS stores, and AMI ids elsewhere", () => {
    const answer = BUILTIN_FIXTURES["aws:ssm/getParameter:getParameter"]!;
    const recommended = answer({ name: "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended" });
    expect(JSON.parse(String(recommended.value))).toMatchObject({ image_id: expect.stringMatching(/^ami-/) });
    expect(
      answer({ name: "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id" }).value,
    ).toMatch(/^ami-[0-9a-f]+$/);
    expect(answer({ name: "/app/setting" }).value).toBe("preview-parameter-value");
  });

  it("never answers through the prototype chain", () => {
    expect(() => answerInvoke("constructor", {}, {})).toThrow(
      /no answer for the provider lookup constructor/,
    );
  });

  // Every built-in answer, with arguments a public program passes and what the answer must hold. The
  // fields' types are checked at build time (`satisfies` the SDK's result type in fixtures.ts).
  const BUILTINS: [token: string, inputs: Record<string, unknown>, expected: Record<string, unknown>][] = [
    ["aws:index/getCallerIdentity:getCallerIdentity", {}, { accountId: "123456789012" }],
    ["aws:index/getPartition:getPartition", {}, { partition: "aws", dnsSuffix: "amazonaws.com" }],
    ["aws:index/getRegion:getRegion", { region: "eu-west-1" }, { region: "eu-west-1", name: "eu-west-1" }],
    [
      "aws:index/getAvailabilityZones:getAvailabilityZones",
      { state: "available" },
      { names: ["us-east-1a", "us-east-1b", "us-east-1c"], state: "available" },
    ],
    [
      "aws:ssm/getParameter:getParameter",
      { name: "/app/setting", withDecryption: true },
      { name: "/app/setting", arn: "arn:aws:ssm:us-east-1:123456789012:parameter/app/setting" },
    ],
    [
      "aws:iam/getPolicyDocument:getPolicyDocument",
      { statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] }] },
      {
        minifiedJson:
          '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}',
      },
    ],
    [
      "aws:ec2/getAmi:getAmi",
      { mostRecent: true, owners: ["amazon"] },
      { imageId: "ami-0abcdef1234567890", mostRecent: true, owners: ["amazon"] },
    ],
    ["aws:ec2/getVpc:getVpc", { default: true }, { default: true, cidrBlock: "172.31.0.0/16" }],
    [
      "aws:ec2/getSubnets:getSubnets",
      {},
      { ids: expect.arrayContaining([expect.stringMatching(/^subnet-/)]) },
    ],
    [
      "aws:ec2/getSubnet:getSubnet",
      { id: "subnet-0123", vpcId: "vpc-0456" },
      { id: "subnet-0123", vpcId: "vpc-0456", arn: "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0123" },
    ],
    [
      "aws:route53/getZone:getZone",
      { name: "example.org.", privateZone: false },
      { name: "example.org", zoneId: expect.stringMatching(/^Z[0-9A-Z]+$/), privateZone: false },
    ],
    ["gcp:organizations/getClientConfig:getClientConfig", {}, { project: "palisade-preview" }],
    [
      "gcp:organizations/getProject:getProject",
      { projectId: "ml-prod" },
      { projectId: "ml-prod", id: "projects/ml-prod", number: "123456789012" },
    ],
    [
      "gcp:compute/getZones:getZones",
      { region: "europe-west4" },
      { names: ["europe-west4-a", "europe-west4-b", "europe-west4-c"], region: "europe-west4" },
    ],
    [
      "gcp:compute/getImage:getImage",
      { family: "debian-12", project: "debian-cloud" },
      {
        family: "debian-12",
        selfLink: expect.stringMatching(
          /^https:\/\/www\.googleapis\.com\/compute\/v1\/projects\/debian-cloud\/global\/images\/debian-12-/,
        ),
        status: "READY",
      },
    ],
    [
      "gcp:compute/getNetwork:getNetwork",
      { name: "vpc-ml", project: "ml-prod" },
      {
        name: "vpc-ml",
        id: "projects/ml-prod/global/networks/vpc-ml",
        selfLink: "https://www.googleapis.com/compute/v1/projects/ml-prod/global/networks/vpc-ml",
      },
    ],
    [
      "gcp:compute/getSubnetwork:getSubnetwork",
      { name: "subnet-ml", region: "europe-west4" },
      {
        name: "subnet-ml",
        region: "europe-west4",
        id: "projects/palisade-preview/regions/europe-west4/subnetworks/subnet-ml",
      },
    ],
    [
      "gcp:compute/getSubnetwork:getSubnetwork",
      { selfLink: "https://www.googleapis.com/compute/v1/projects/p1/regions/asia-east1/subnetworks/s1" },
      { name: "s1", region: "asia-east1", project: "p1" },
    ],
    [
      "gcp:compute/getDefaultServiceAccount:getDefaultServiceAccount",
      { project: "ml-prod" },
      { email: "123456789012-compute@developer.gserviceaccount.com", project: "ml-prod" },
    ],
    [
      "gcp:storage/getProjectServiceAccount:getProjectServiceAccount",
      {},
      { emailAddress: "service-123456789012@gs-project-accounts.iam.gserviceaccount.com" },
    ],
    [
      "gcp:container/getEngineVersions:getEngineVersions",
      { location: "europe-west4" },
      { location: "europe-west4" },
    ],
    [
      "azure-native:authorization:getClientConfig",
      {},
      {
        subscriptionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        tenantId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      },
    ],
    ["azure-native:authorization:getClientToken", {}, { token: expect.any(String) }],
    [
      "azure-native:resources:getResourceGroup",
      { resourceGroupName: "rg-ml" },
      {
        name: "rg-ml",
        id: expect.stringMatching(/^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/rg-ml$/),
        properties: { provisioningState: "Succeeded" },
      },
    ],
    [
      "azure-native:containerservice:listManagedClusterUserCredentials",
      { resourceGroupName: "rg-phi", resourceName: "phi-aks", format: "exec" },
      { kubeconfigs: [{ name: "clusterUser", value: expect.any(String) }] },
    ],
    [
      "kubernetes:yaml:decode",
      { text: "kind: Namespace\n---\nkind: ConfigMap\n" },
      { result: [{ kind: "Namespace" }, { kind: "ConfigMap" }] },
    ],
  ];

  it.each(BUILTINS)("answers %s, a lookup common in public programs", (token, inputs, expected) => {
    expect(answerInvoke(token, inputs, {})).toMatchObject(expected);
  });

  it("answers an AKS cluster's credentials with a base64 exec kubeconfig for that cluster, as kubelogin reads it", () => {
    const answer = answerInvoke(
      "azure-native:containerservice:listManagedClusterUserCredentials",
      { resourceGroupName: "rg-phi", resourceName: "phi-aks" },
      {},
    ) as { kubeconfigs: { value: string }[] };
    const kubeconfig = parse(Buffer.from(answer.kubeconfigs[0]!.value, "base64").toString("utf8")) as Record<
      string,
      unknown
    >;
    expect(kubeconfig).toMatchObject({
      kind: "Config",
      "current-context": "phi-aks",
      clusters: [
        {
          name: "phi-aks",
          cluster: { server: expect.stringMatching(/^https:\/\/phi-aks-.*\.privatelink\./) },
        },
      ],
      users: [
        {
          name: "clusterUser_rg-phi_phi-aks",
          user: {
            exec: { command: "kubelogin", args: expect.arrayContaining(["get-token", "--server-id"]) },
          },
        },
      ],
    });
  });

  it("tests every built-in answer", () => {
    expect(new Set(BUILTINS.map(([token]) => token))).toEqual(new Set(Object.keys(BUILTIN_FIXTURES)));
  });
});
