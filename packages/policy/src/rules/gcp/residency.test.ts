import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { gdpr } from "@palisade/core";
import { describe, expect, it } from "vitest";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { locatedTypes, locationFindings, normalizeLocation, residencyResourceLocation } from "./residency";

const SDK = path.dirname(require.resolve("@pulumi/gcp/package.json"));

/** An optional location input's documented default, when the service (not the provider) picks it. */
const US_DEFAULT = /default value is (?:multi-regional location )?`?US\b/;
const GLOBAL_DEFAULT =
  /default value is `global`|[Dd]efaults? to [`'"]?global|If not (?:specified|provided)[^.]*\bglobal\b|[Uu]se global as default|[Oo]nly (?:the value )?[`'"]?global[`'"]? is|only supported (?:location|value) is [`'"]?global|[Cc]urrently only `global`|Must be omitted or set to `global`/;

/** The located types as the installed SDK declares them, in the form `locatedTypes` holds. */
function locatedTypesOfSdk(): Map<string, string> {
  const types = new Map<string, string>();
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith(".js") ? [path.join(dir, e.name)] : [],
    );
  for (const js of walk(SDK)) {
    const token = /static __pulumiType = '(gcp:[^']+)'/.exec(readFileSync(js, "utf8"))?.[1];
    if (!token || /Iam(Binding|Member|Policy)$/.test(token)) continue;
    const dts = readFileSync(js.replace(/\.js$/, ".d.ts"), "utf8");
    const args = new RegExp(`export interface ${token.split(":")[2]}Args \\{([\\s\\S]*?)\\n\\}`).exec(
      dts,
    )?.[1];
    if (!args) continue;
    // Each input with its doc comment; a located type takes one of location, region and zone.
    const inputs = [
      ...args.matchAll(/(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?\n {4}(location|region|zone)(\??):/g),
    ];
    if (inputs.length === 0) continue;
    let unset = "provider";
    for (const [, doc = "", , optional] of inputs) {
      const text = doc.replace(/\s*\*\s?/g, " ");
      if (optional && US_DEFAULT.test(text)) unset = "US";
      else if (optional && GLOBAL_DEFAULT.test(text)) unset = "global";
    }
    types.set(token.split(":")[1]!, unset);
  }
  return types;
}

/** `locatedTypes`' data as residency.ts spells it, to paste there when the SDK changes. */
function render(types: Map<string, string>): string {
  const byModule = new Map<string, string[]>();
  for (const [type, unset] of [...types].sort(([a], [b]) => a.localeCompare(b))) {
    const [module, file] = type.split("/") as [string, string];
    byModule.set(module, [...(byModule.get(module) ?? []), unset === "provider" ? file : `${file}=${unset}`]);
  }
  return [...byModule]
    .flatMap(([module, files]) => {
      const lines = [`${module}/`];
      for (const file of files) {
        if (`${lines.at(-1)} ${file}`.length > 104) lines.push(`  ${file}`);
        else lines[lines.length - 1] += ` ${file}`;
      }
      return lines;
    })
    .join("\n");
}

describe("locatedTypes", () => {
  it("lists exactly the installed SDK's types whose args take location, region or zone", () => {
    const sdk = locatedTypesOfSdk();
    expect(sdk.size).toBeGreaterThan(500);
    const same = JSON.stringify([...sdk].sort()) === JSON.stringify([...locatedTypes].sort());
    expect(same, `replace LOCATED_TYPES in residency.ts with:\n${render(sdk)}`).toBe(true);
  });

  it("knows the services that pick their own location, and the resources that take none", () => {
    expect(locatedTypes.get("bigquery/dataset")).toBe("US");
    expect(locatedTypes.get("certificatemanager/certificate")).toBe("global");
    expect(locatedTypes.get("compute/instance")).toBe("provider");
    expect(locatedTypes.has("compute/network")).toBe(false);
    expect(locatedTypes.has("serviceaccount/account")).toBe(false);
  });
});

describe("normalizeLocation and locationFindings", () => {
  it("reads zones as their region, self links by their name, and names in any case", () => {
    expect(normalizeLocation("europe-west1-b")).toBe("europe-west1");
    expect(normalizeLocation("https://www.googleapis.com/compute/v1/projects/p/regions/europe-west4")).toBe(
      "europe-west4",
    );
    expect(normalizeLocation("EUROPE-WEST1")).toBe("europe-west1");
    expect(normalizeLocation("nam-eur-asia1")).toBe("nam-eur-asia1");
    expect(normalizeLocation("EUR4")).toBe("eur4");
  });

  it("judges multi-regions and dual-regions as named entries of the allow-list", () => {
    const config = { allowedRegions: ["europe-west1", "EU"] };
    expect(locationFindings("location", "eu", config)).toEqual([]);
    expect(locationFindings("location", "EUROPE-WEST1", config)).toEqual([]);
    expect(locationFindings("location", "EUR4", config)).toEqual(["location is outside allowedRegions"]);
    expect(locationFindings("location", 4, config)).toEqual(["location is not a region name"]);
    expect(locationFindings("location", "US", { allowedRegions: "any" })).toEqual([]);
  });
});

const resource = (type: string, props: Record<string, unknown>, provider?: Record<string, unknown>) =>
  ({ type, name: "r", props, ...(provider ? { provider } : {}) }) as KitResource;
const bucket = (location: unknown) => resource("gcp:storage/bucket:Bucket", { location });
const instance = (props: Record<string, unknown>, provider?: Record<string, unknown>) =>
  resource("gcp:compute/instance:Instance", { machineType: "e2-small", ...props }, provider);
const sqlInstance = (props: Record<string, unknown>, provider?: Record<string, unknown>) =>
  resource(
    "gcp:sql/databaseInstance:DatabaseInstance",
    { databaseVersion: "POSTGRES_16", ...props },
    provider,
  );
const cryptoKey = (keyRing: unknown) => resource("gcp:kms/cryptoKey:CryptoKey", { keyRing, name: "k" });
const spanner = (config: unknown) => resource("gcp:spanner/instance:Instance", { config, displayName: "d" });
const firestore = (locationId: unknown) => resource("gcp:firestore/database:Database", { locationId });
const dataset = (props: Record<string, unknown>) =>
  resource("gcp:bigquery/dataset:Dataset", { datasetId: "d", ...props });

describeRule(residencyResourceLocation, {
  baseline: gdpr,
  compliant: [
    bucket("EUROPE-WEST4"),
    instance({ zone: "europe-west1-b" }),
    instance({}, { region: "europe-west3", zone: "europe-west3-a" }),
    sqlInstance({ region: "europe-north2" }, { region: "us-central1" }),
    sqlInstance({}, { region: "europe-west10" }),
    cryptoKey("projects/p/locations/europe-west12/keyRings/r"),
    spanner("projects/p/instanceConfigs/regional-europe-west9"),
    firestore("europe-southwest1"),
    resource("gcp:kms/keyRingImportJob:KeyRingImportJob", {
      keyRing: "projects/p/locations/europe-west1/keyRings/r",
    }),
    resource("gcp:spanner/instancePartition:InstancePartition", { config: "regional-europe-west4" }),
    dataset({ location: "europe-west8" }),
    // A configurable dual-region keeps its data in its two regions, whatever its multi-region.
    resource("gcp:storage/bucket:Bucket", {
      location: "EU",
      customPlacementConfig: { dataLocations: ["EUROPE-WEST1", "europe-north2"] },
    }),
    resource("gcp:bigtable/instance:Instance", {
      clusters: [
        { clusterId: "a", zone: "europe-west1-b" },
        { clusterId: "b", zone: "europe-west4-a" },
      ],
    }),
    resource("gcp:compute/subnetwork:Subnetwork", {
      region: "https://www.googleapis.com/compute/v1/projects/p/regions/europe-central2",
    }),
  ],
  requirements: {
    "allowed-location": {
      violating: [
        bucket("US"),
        // The EU multi-region passes only when allowedRegions names it.
        { resources: [bucket("EU")], config: { allowedRegions: ["europe-west4"] } },
        // A dual-region with London (EUR5) or Zurich (EUR8) in it.
        bucket("EUR5"),
        bucket("europe-west2"),
        resource("gcp:storage/bucket:Bucket", {
          location: "EU",
          customPlacementConfig: { dataLocations: ["europe-west1", "europe-west2"] },
        }),
        resource("gcp:storage/bucket:Bucket", {
          location: "EU",
          customPlacementConfig: { dataLocations: [] },
        }),
        // A replica cluster outside the allowed regions.
        resource("gcp:bigtable/instance:Instance", {
          clusters: [
            { clusterId: "a", zone: "europe-west1-b" },
            { clusterId: "b", zone: "us-east1-c" },
          ],
        }),
        instance({ zone: "europe-west6-a" }),
        // The provider's zone, when the instance sets none.
        instance({}, { zone: "us-east1-b" }),
        // The provider places it in its region or its zone: both must be allowed.
        sqlInstance({}, { region: "europe-west1", zone: "us-central1-a" }),
        sqlInstance({}),
        sqlInstance({ region: 42 }),
        cryptoKey("projects/p/locations/us/keyRings/r"),
        cryptoKey("not-a-key-ring-path"),
        spanner("nam-eur-asia1"),
        spanner("regional-us-central1"),
        firestore("eur3"),
        // BigQuery, not the provider, picks US when location is unset.
        dataset({}),
      ],
      compliant: [
        { resources: [bucket("EU"), dataset({ location: "eu" })], config: { allowedRegions: ["EU"] } },
        { resources: [firestore("eur3"), spanner("eur3")], config: { allowedRegions: ["eur3"] } },
        { resources: [bucket("US"), sqlInstance({})], config: { allowedRegions: "any" } },
      ],
      unknown: [
        bucket(UNKNOWN),
        resource("gcp:storage/bucket:Bucket", {
          location: "EU",
          customPlacementConfig: { dataLocations: UNKNOWN },
        }),
        instance({ zone: UNKNOWN }, { zone: "europe-west1-b" }),
        sqlInstance({}, { region: UNKNOWN }),
        spanner(UNKNOWN),
        resource("gcp:bigtable/instance:Instance", { clusters: [{ clusterId: "a", zone: UNKNOWN }] }),
      ],
      outOfScope: [
        resource("gcp:compute/network:Network", { autoCreateSubnetworks: false }),
        resource("gcp:serviceaccount/account:Account", { accountId: "a" }),
        resource("gcp:bigquery/table:Table", { datasetId: "d", tableId: "t" }),
        resource("gcp:compute/globalAddress:GlobalAddress", {}, { region: "us-central1" }),
        resource("gcp:cloudfunctionsv2/function:Function", { location: "global" }),
        cryptoKey("projects/p/locations/global/keyRings/r"),
        // A key in a ring this stack creates: the ring is judged.
        cryptoKey(UNKNOWN),
        // Certificate Manager, not the provider, picks global when location is unset.
        resource("gcp:certificatemanager/certificate:Certificate", {}, { region: "us-central1" }),
      ],
    },
  },
});
