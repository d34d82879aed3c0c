import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { declarationPath, lookupResultShape } from "./lookup-types";

// packages/preview has the AWS, GCP and Azure SDKs as devDependencies: a project that installs them.
const withSdks = path.resolve(__dirname, "..");

/** A project holding `files` (paths relative to it), outside the workspace so nothing else resolves. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "palisade-lookup-types-"));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe("where a lookup's declaration lives", () => {
  it.each([
    ["aws:ec2/getAmi:getAmi", "@pulumi/aws", "ec2/getAmi.d.ts"],
    ["aws:index/getRegion:getRegion", "@pulumi/aws", "getRegion.d.ts"],
    ["gcp:compute/getZones:getZones", "@pulumi/gcp", "compute/getZones.d.ts"],
    ["azure-native:resources:getResourceGroup", "@pulumi/azure-native", "resources/getResourceGroup.d.ts"],
    ["kubernetes:core/v1:getThing", "@pulumi/kubernetes", "core/v1/getThing.d.ts"],
  ])("%s is %s/%s", (token, sdkPackage, file) => {
    expect(declarationPath(token)).toEqual({ sdkPackage, file });
  });

  it.each(["getAmi", "aws:getAmi", "aws::getAmi", "a:b:c:d"])("%s is not a function token", (token) => {
    expect(declarationPath(token)).toBeUndefined();
  });
});

describe("a lookup's result fields, from the SDK the project installs", () => {
  it("reads an AWS result: scalars, arrays of one item, objects a level deep, maps, optional fields", () => {
    const shape = lookupResultShape("aws:ec2/getAmi:getAmi", withSdks);
    expect(shape).toMatchObject({ found: true, sdk: "@pulumi/aws 7.48.0", typeName: "GetAmiResult" });
    if (!shape.found) return;
    expect(shape.stub).toMatchObject({
      architecture: "<string>",
      enaSupport: "<boolean>",
      owners: ["<string>"],
      blockDeviceMappings: [
        {
          deviceName: "<string>",
          ebs: { "<key>": "<string>" },
          noDevice: "<string>",
          virtualName: "<string>",
        },
      ],
      tags: { "<key>": "<string>" },
    });
    expect(shape.optional).toEqual(expect.arrayContaining(["owners", "mostRecent", "filters"]));
    expect(shape.optional).not.toContain("architecture");
    expect(lookupResultShape("aws:rds/getInstance:getInstance", withSdks)).toMatchObject({
      stub: { allocatedStorage: "<number>", multiAz: "<boolean>", dbInstanceClass: "<string>" },
    });
  });

  it("finds AWS functions of the index module at the package root", () => {
    expect(lookupResultShape("aws:index/getRegion:getRegion", withSdks)).toMatchObject({
      found: true,
      typeName: "GetRegionResult",
      stub: { region: "<string>", endpoint: "<string>" },
    });
  });

  it("reads a GCP result with every field, and shows objects nested deeper than one level as <object>", () => {
    expect(lookupResultShape("gcp:compute/getZones:getZones", withSdks)).toEqual({
      found: true,
      sdk: "@pulumi/gcp 9.37.0",
      typeName: "GetZonesResult",
      stub: {
        id: "<string>",
        names: ["<string>"],
        project: "<string>",
        region: "<string>",
        status: "<string>",
      },
      optional: ["region", "status"],
    });
    const instance = lookupResultShape("gcp:compute/getInstance:getInstance", withSdks);
    expect(instance).toMatchObject({
      found: true,
      stub: { bootDisks: [expect.objectContaining({ initializeParams: ["<object>"] })] },
    });
  });

  it("reads an Azure native result, whose module is not followed by the function's name", () => {
    expect(lookupResultShape("azure-native:resources:getResourceGroup", withSdks)).toMatchObject({
      found: true,
      sdk: "@pulumi/azure-native 3.28.0",
      stub: {
        location: "<string>",
        properties: { provisioningState: "<string>" },
        tags: { "<key>": "<string>" },
      },
      optional: ["managedBy", "tags"],
    });
  });

  it("resolves the SDK and TypeScript from the project, and writes literal unions out", () => {
    const dir = project({
      "node_modules/@pulumi/acme/package.json": '{ "name": "@pulumi/acme", "version": "1.2.3" }',
      "node_modules/@pulumi/acme/widgets/getWidget.d.ts": [
        'import * as outputs from "../types/output";',
        'import * as pulumi from "@pulumi/pulumi";',
        "export interface GetWidgetResult {",
        '  readonly size: "small" | "large";',
        "  readonly parts: outputs.Part[];",
        "  readonly owner?: pulumi.Output<string>;",
        "}",
      ].join("\n"),
      "node_modules/@pulumi/acme/types/output.d.ts":
        "export interface Part { id: number; spec: { depth: { value: string } } }",
      // The project's TypeScript, marking that it was the one used.
      "node_modules/typescript/package.json": '{ "name": "typescript", "main": "index.js" }',
      "node_modules/typescript/index.js": `globalThis.projectTypeScript = true; module.exports = require(${JSON.stringify(require.resolve("typescript"))});`,
    });
    expect(lookupResultShape("acme:widgets/getWidget:getWidget", dir)).toEqual({
      found: true,
      sdk: "@pulumi/acme 1.2.3",
      typeName: "GetWidgetResult",
      // Only the SDK's own files are read: a type from another package is unresolved, shown as <any>.
      stub: { size: "<small | large>", parts: [{ id: "<number>", spec: "<object>" }], owner: "<any>" },
      optional: ["owner"],
    });
    expect((globalThis as { projectTypeScript?: boolean }).projectTypeScript).toBe(true);
  });

  it.each([
    // A package no workspace has: pnpm's NODE_PATH would find a workspace's SDK from any directory.
    ["acme:ec2/getAmi:getAmi", project({}), /^@pulumi\/acme is not installed in the project \(.+\)$/],
    ["aws:ec2/getNothing:getNothing", withSdks, /^@pulumi\/aws 7\.48\.0 has no ec2\/getNothing\.d\.ts$/],
    ["kubernetes", withSdks, /^kubernetes is not a provider function token/],
  ])("says why it has no shape for %s", (token, dir, reason) => {
    const shape = lookupResultShape(token, dir);
    expect(shape.found).toBe(false);
    if (!shape.found) expect(shape.reason).toMatch(reason);
  });

  it("says why, rather than throwing, when the SDK cannot be read", () => {
    const dir = project({ "node_modules/@pulumi/acme/package.json": "{ not json" });
    expect(lookupResultShape("acme:index/getThing:getThing", dir)).toEqual({
      found: false,
      reason: expect.stringMatching(/^its declaration could not be read \(.*JSON/),
    });
  });

  it("says so when the declaration has no result interface of the expected name", () => {
    const dir = project({
      "node_modules/@pulumi/acme/package.json": '{ "name": "@pulumi/acme", "version": "1.0.0" }',
      "node_modules/@pulumi/acme/getThing.d.ts": "export interface ThingResult { id: string }",
    });
    expect(lookupResultShape("acme:index/getThing:getThing", dir)).toEqual({
      found: false,
      reason: "@pulumi/acme 1.0.0 declares no GetThingResult in getThing.d.ts",
    });
  });
});
