/**
 * A broker-dealer's books and records on AWS (FINRA 4511, SEC 17a-4): blotters, ledgers and trade
 * confirmations kept six years. The RecordsStore holds them on Object Lock, replicates them to a second
 * region, records every object-level read and write in CloudTrail, and backs them up into a locked AWS
 * Backup vault. The `finra` baseline sets the period, the WORM mode and deletion protection;
 * `acknowledgeIrreversibleLock` turns the locks on.
 */
import * as pulumi from "@pulumi/pulumi";
import { RecordsStore } from "@palisade/aws";
import { finra, type ComplianceMetadata } from "@palisade/core";

const config = new pulumi.Config();
const records: ComplianceMetadata = {
  frameworks: ["finra"],
  dataClassification: "finra-records",
  owner: "books-and-records",
  environment: pulumi.getStack(),
};
// Six years (SEC 17a-4(a), FINRA 4511(b)), the baseline's default; the `books` record class lets the
// pack's recordClassRetentionDays keep this class longer.
const books = new RecordsStore("books", {
  baseline: finra,
  compliance: records,
  recordClass: "books",
  replicaRegion: config.require("replicaRegion"),
  acknowledgeIrreversibleLock: config.getBoolean("acknowledgeIrreversibleLock"),
});

export const recordsBucket = books.bucketName;
export const replicaBucket = books.replica.bucketName;
export const trail = books.trail.trailArn;
export const backupVault = books.backupVault.name;
