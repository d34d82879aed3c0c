import { describe, expect, it } from "vitest";
import { configDefaults } from "../pack";
import { resourceRule } from "../rule";
import {
  DATA_SCOPE_SETTINGS,
  DETECTION_MANAGED_CENTRALLY_SETTING,
  MAX_RETENTION_SETTING,
  RECORD_RETENTION_SETTINGS,
  RECORDS_SCOPE_SETTINGS,
  detectionManagedElsewhere,
  outsidePersonalData,
  outsideRecords,
  requiredRecordRetention,
  retentionFindings,
} from "./scope";
import { finra, gdpr } from "@palisade/core";

const defaults = configDefaults(
  resourceRule({
    id: "test-scope-defaults",
    description: "",
    target: "aws",
    types: ["test:index:Store"],
    config: {
      ...DATA_SCOPE_SETTINGS,
      maxRetentionDays: MAX_RETENTION_SETTING,
      detectionManagedCentrally: DETECTION_MANAGED_CENTRALLY_SETTING,
    },
    requirements: [],
  }),
  gdpr,
);

describe("outsidePersonalData", () => {
  it("judges personal-data classes and, by default, untagged resources", () => {
    expect(outsidePersonalData({ "data-classification": "pd" }, defaults)).toBeUndefined();
    expect(outsidePersonalData({ "data-classification": "phi" }, defaults)).toBeUndefined();
    expect(outsidePersonalData(undefined, defaults)).toBeUndefined();
    expect(outsidePersonalData({ owner: "x" }, defaults)).toBeUndefined();
  });

  it("says why another class is out of scope", () => {
    expect(outsidePersonalData({ "data-classification": "finra-records" }, defaults)).toBe(
      "data-classification is finra-records, not a personal-data class (pd, phi)",
    );
  });

  it("treats no tags, a null or an empty class as unclassified", () => {
    const skipUnclassified = { ...defaults, judgeUnclassified: false };
    for (const tags of [null, { "data-classification": null }, { "data-classification": "" }]) {
      expect(outsidePersonalData(tags, defaults)).toBeUndefined();
      expect(outsidePersonalData(tags, skipUnclassified)).toContain("no data-classification tag");
    }
  });

  it("judges a resource whose class is not a string: it names no class", () => {
    expect(outsidePersonalData({ "data-classification": 42 }, defaults)).toBeUndefined();
  });

  it("skips untagged resources only when told to, and reads the configured key and classes", () => {
    expect(outsidePersonalData({}, { ...defaults, judgeUnclassified: false })).toBe(
      "no data-classification tag, and judgeUnclassified is false",
    );
    const custom = { ...defaults, dataClassificationKey: "dc", personalDataClasses: ["customer"] };
    expect(outsidePersonalData({ dc: "customer" }, custom)).toBeUndefined();
    expect(outsidePersonalData({ dc: "pd" }, custom)).toContain("not a personal-data class");
  });
});

describe("retentionFindings", () => {
  it("demands a finite retention no longer than maxRetentionDays", () => {
    expect(defaults.maxRetentionDays).toBe(2192);
    expect(retentionFindings("days", 2192, defaults)).toEqual([]);
    expect(retentionFindings("days", 2193, defaults)).toEqual(["days exceeds maxRetentionDays (2192)"]);
    expect(retentionFindings("days", undefined, defaults)).toEqual([
      "days is not set, so data is kept forever",
    ]);
    expect(retentionFindings("days", 0, defaults, 0)).toEqual(["days keeps data forever"]);
    expect(retentionFindings("days", 0, defaults)).toEqual([]);
    expect(retentionFindings("days", "30", defaults)).toEqual(["days is not a number of days"]);
    expect(retentionFindings("days", "9999", defaults)).toEqual(["days is not a number of days"]);
    expect(retentionFindings("days", Infinity, defaults)).toEqual(["days is not a number of days"]);
    expect(retentionFindings("days", null, defaults)).toEqual(["days is not set, so data is kept forever"]);
    // Without a "forever" value, an undefined one never matches a number.
    expect(retentionFindings("days", 30, defaults, undefined)).toEqual([]);
  });
});

describe("detectionManagedElsewhere", () => {
  it("puts detection out of scope only when the config says it is managed centrally", () => {
    expect(defaults.detectionManagedCentrally).toBe(false);
    expect(detectionManagedElsewhere(defaults)).toBeUndefined();
    expect(detectionManagedElsewhere({ detectionManagedCentrally: true })).toContain(
      "managed outside this stack",
    );
  });
});

const records = configDefaults(
  resourceRule({
    id: "test-records-defaults",
    description: "",
    target: "aws",
    types: ["test:index:Store"],
    config: { ...RECORDS_SCOPE_SETTINGS, ...RECORD_RETENTION_SETTINGS },
    requirements: [],
  }),
  finra,
);

describe("outsideRecords", () => {
  it("judges only stores whose data class is a records class, saying why others are out", () => {
    expect(records.recordsClasses).toEqual(["finra-records"]);
    expect(outsideRecords({ "data-classification": "finra-records" }, records)).toBeUndefined();
    expect(outsideRecords({ "data-classification": "phi" }, records)).toBe(
      "data-classification is phi, not a records class (finra-records)",
    );
    for (const tags of [undefined, null, {}, { "data-classification": "" }, { "data-classification": null }])
      expect(outsideRecords(tags, records)).toBe(
        "no data-classification tag: not a records store (tag it finra-records to judge it)",
      );
    expect(outsideRecords({ "data-classification": 7 }, records)).toBe(
      "data-classification is 7, not a records class (finra-records)",
    );
    const custom = { ...records, dataClassificationKey: "class", recordsClasses: ["books", "comms"] };
    expect(outsideRecords({ class: "comms" }, custom)).toBeUndefined();
    expect(outsideRecords({ "data-classification": "finra-records" }, custom)).toBe(
      "no class tag: not a records store (tag it books or comms to judge it)",
    );
    expect(outsideRecords({ class: "x" }, { ...custom, recordsClasses: undefined })).toContain(
      "not a records class ()",
    );
  });
});

describe("requiredRecordRetention", () => {
  it("is six years, or the record class's own minimum, never quoting the class", () => {
    expect(requiredRecordRetention({}, records)).toEqual({
      days: 2192,
      source: "recordRetentionDays (2192 days)",
    });
    const perClass = { ...records, recordClassRetentionDays: { communications: 1096 } };
    expect(requiredRecordRetention({ "record-class": "communications" }, perClass)).toEqual({
      days: 1096,
      source: "recordClassRetentionDays for its record class (1096 days)",
    });
    expect(requiredRecordRetention({ "record-class": "books" }, perClass).days).toBe(2192);
    // Inherited object members are not classes.
    expect(requiredRecordRetention({ "record-class": "constructor" }, perClass).days).toBe(2192);
    expect(
      requiredRecordRetention(undefined, { ...perClass, recordClassRetentionDays: undefined }).days,
    ).toBe(2192);
    expect(
      requiredRecordRetention({ rc: "communications" }, { ...perClass, recordClassKey: "rc" }).days,
    ).toBe(1096);
  });
});
