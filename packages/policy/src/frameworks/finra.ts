/**
 * FINRA Rule 4511 with SEC Rule 17a-4 (17 CFR 240.17a-4) as Palisade controls, for broker-dealer books and
 * records: @palisade/core's finra baseline (six years, compliance-mode WORM, deletion protection) plus the
 * controls, each citing its rule and paragraph. The records controls are FINRA's own and judge the stores
 * tagged as records; the rest are the shared safeguard groups of rule-sets.ts under FINRA and Reg S-P
 * citations. Mapping from the researched catalog (shared/reference/controls.md sections 3, 4 and 6),
 * checked against the installed provider SDKs.
 *
 * The 2022 amendments (Release 34-96034, 87 FR 66412) renumbered paragraph (f). Secondary sources disagree
 * on the new letters, and the eCFR could not be read from here, so every (f) paragraph below is marked
 * "(paragraph unverified)" until it is checked against the eCFR.
 */
import { finra } from "@palisade/core";
import type { FrameworkDefinition } from "../pack";
import {
  AUDIT_LOG_WORM,
  AUDIT_TRAIL,
  BACKUP_AND_DELETION_PROTECTION,
  BACKUP_VAULT_LOCK,
  ENCRYPTED_AT_REST_WITH_CUSTOMER_KEYS,
  KEY_DELETION_PROTECTION,
  LOG_RETENTION,
  NO_PUBLIC_DATA,
  RECORD_AUDIT_TRAIL,
  RECORDS_KEY_PROTECTION,
  RECORDS_NO_DESTROY,
  RECORDS_WORM,
  REDUNDANT_WORM_COPY,
  TRANSIT_TLS,
} from "./rule-sets";

const FINRA_4511 = "https://www.finra.org/rules-guidance/rulebooks/finra-rules/4511";
const FINRA_4370 = "https://www.finra.org/rules-guidance/rulebooks/finra-rules/4370";
const SEC_17A_4 = "https://www.ecfr.gov/current/title-17/section-240.17a-4";
const REG_SP = "https://www.ecfr.gov/current/title-17/section-248.30";
/** Marks a 17a-4(f) paragraph whose number after the 2022 amendments has not been read in the eCFR. */
const UNVERIFIED = "(paragraph unverified)";

export const finraFramework: FrameworkDefinition = {
  packName: "palisade-finra",
  framework: { name: "FINRA 4511 / SEC 17a-4", version: "FINRA Rule 4511; 17 CFR 240.17a-4 as amended 2022" },
  baseline: finra,
  controls: [
    {
      id: "finra-worm-storage",
      reference: `SEC 17a-4(f)(2)(i)(B) ${UNVERIFIED}; FINRA 4511(b), (c); SEC 17a-4(a), (b)`,
      requirement:
        "Books and records are preserved in a non-rewriteable, non-erasable format (compliance-mode Object Lock, locked immutability, Bucket Lock) for at least their retention period: six years unless the record class says otherwise",
      severity: "critical",
      url: SEC_17A_4,
      rules: [...RECORDS_WORM],
    },
    {
      id: "finra-records-no-destroy",
      reference: `SEC 17a-4(f)(2)(i)(B) ${UNVERIFIED}; FINRA 4511(c)`,
      requirement:
        "No deployment can delete a records store: it is protected in Pulumi and never force-destroyed with its contents",
      severity: "high",
      url: FINRA_4511,
      rules: [...RECORDS_NO_DESTROY],
    },
    {
      id: "finra-record-audit-trail",
      reference: `SEC 17a-4(f)(2)(i)(A) ${UNVERIFIED}`,
      requirement:
        "Every creation, modification and deletion of a record, and every read, is logged with its time and the identity that made it",
      severity: "high",
      url: SEC_17A_4,
      rules: [...RECORD_AUDIT_TRAIL],
    },
    {
      id: "finra-audit-log-retention",
      reference: `SEC 17a-4(f) ${UNVERIFIED}; FINRA 4511(b)`,
      requirement:
        "The audit trail of records is kept as long as the records, on storage that cannot be altered, and audit logs are encrypted and kept at least the baseline's period",
      severity: "high",
      url: SEC_17A_4,
      rules: [...AUDIT_LOG_WORM, ...LOG_RETENTION],
    },
    {
      id: "finra-activity-audit-trail",
      reference: `SEC 17a-4(f)(2)(ii) ${UNVERIFIED}`,
      requirement:
        "Administrative activity on the records platform is logged, with the logs' integrity validated automatically",
      severity: "medium",
      url: SEC_17A_4,
      rules: [...AUDIT_TRAIL],
    },
    {
      id: "finra-redundant-copy",
      reference: `SEC 17a-4(f)(3)(iii) ${UNVERIFIED}; FINRA 4370(c)(1)`,
      requirement:
        "A second copy of the records is kept apart from the original and meets the same non-rewriteable, non-erasable bar for the same period",
      severity: "medium",
      url: SEC_17A_4,
      rules: [...REDUNDANT_WORM_COPY],
    },
    {
      id: "finra-backup-vault-lock",
      reference: `SEC 17a-4(f) ${UNVERIFIED}; FINRA 4370(c)(1)`,
      requirement:
        "Backups of records are held in vaults whose lock keeps every recovery point for the records' retention period",
      severity: "high",
      url: SEC_17A_4,
      rules: [...BACKUP_VAULT_LOCK],
    },
    {
      id: "finra-backup-and-recovery",
      reference: "FINRA 4370(c)(1)",
      requirement:
        "Data can be backed up and recovered: backups, zone resilience, and no accidental deletion of the stores that hold it",
      severity: "medium",
      url: FINRA_4370,
      rules: [...BACKUP_AND_DELETION_PROTECTION],
    },
    {
      id: "finra-key-protection",
      reference: `SEC 17a-4(f)(2)(i)(B) ${UNVERIFIED} (interpretation: an encrypted record is reproducible only while its key exists)`,
      requirement:
        "Keys that encrypt records cannot be deleted on short notice: the longest deletion window, and protected like the records they encrypt",
      severity: "medium",
      url: SEC_17A_4,
      rules: [...KEY_DELETION_PROTECTION, ...RECORDS_KEY_PROTECTION],
    },
    {
      id: "finra-records-not-public",
      reference: "Reg S-P 17 CFR 248.30(a) (interpretation)",
      requirement: "Books and records, and the stores around them, are never publicly reachable",
      severity: "critical",
      url: REG_SP,
      rules: [...NO_PUBLIC_DATA],
    },
    {
      id: "finra-encryption-at-rest",
      reference: "Reg S-P 17 CFR 248.30(a) (interpretation; 17a-4 itself requires no encryption)",
      requirement: "Records and customer information are encrypted at rest with keys the firm controls",
      severity: "medium",
      url: REG_SP,
      rules: [...ENCRYPTED_AT_REST_WITH_CUSTOMER_KEYS],
    },
    {
      id: "finra-transit-tls",
      reference: "Reg S-P 17 CFR 248.30(a) (interpretation)",
      requirement: "Records and customer information travel only over TLS 1.2 or newer",
      severity: "medium",
      url: REG_SP,
      rules: [...TRANSIT_TLS],
    },
  ],
  scope: [
    "**Books and records, by data class.** The records policies (WORM, retention, no destroy path, audit trail, redundant copy, backup vault lock) judge the stores whose `data-classification` tag (AWS, Azure) or label (GCP), as `@palisade/core` renders it, is one of `recordsClasses` (`finra-records` by default). Any other store, and an untagged one, is reported out of scope with its class: WORM on every bucket would lock data no rule asks to keep. Tag every records store; `RecordsStore` (AWS) and the `finra` baseline's storage components do.",
    "**Retention per record class.** SEC 17a-4(a) keeps most records six years and 17a-4(b) others three, with FINRA 4511(b) six years where no period is set. Each records policy reads `recordRetentionDays` (2,192 days, six years with leap days, by default) and `recordClassRetentionDays`, a map from the `record-class` tag's value to its own minimum, e.g. `{ \"communications\": 1096 }`. A store's WORM period, its replica's, its backups' and its audit logs' must each reach the minimum of its class.",
    "**WORM, not audit trail.** SEC 17a-4(f) as amended in 2022 accepts either a non-rewriteable, non-erasable format or a system that keeps a complete audit trail permitting the re-creation of every original record. No preview can judge the second (it lives in the application), so the pack asks for WORM, and for the record audit trail on top of it. Firms relying on the audit-trail alternative alone should exempt the WORM policies with that reason.",
    "**Locks that come later.** Azure creates an immutability policy unlocked and locks it only by an update; AWS Backup and S3 Object Lock in compliance mode, and GCS Bucket Lock, can be set at creation. A store built unlocked (the components do this until `acknowledgeIrreversibleLock: true`) is reported: records are not WORM yet. Exempt the WORM policy for that store, with an expiry, for the first deployment of an Azure account.",
    "**Organisation-level audit.** An organisation trail in another account, diagnostic settings deployed by Azure Policy or an organisation-level GCP audit config satisfy the record audit trail outside the stack: set `recordAuditTrailManagedCentrally: true`, and the pack reports the check as out of scope rather than passed.",
  ],
  notCoverable: [
    {
      item: "SEC 17a-4(f) the designated executive officer or designated third party, and the undertaking to furnish records to the Commission and the firm's examining authority",
    },
    {
      item: "SEC 17a-4(f) indexing of records, their prompt production in a human-readable and a reasonably usable electronic format, and the ability to download them with their audit trail",
    },
    {
      item: "SEC 17a-4(f) the audit-trail alternative to WORM: whether an application keeps every modification and deletion of a record with the means to re-create the original",
    },
    { item: "SEC 17a-4(b) and (a): which records a firm keeps, and in which record class each belongs" },
    {
      item: "Legal holds and per-object retention beyond the default (subpoenas, litigation), set per object at run time",
    },
    { item: "FINRA 3110 supervision and review of communications and transactions" },
    { item: "FINRA 4370 the business continuity plan itself, its annual review and its emergency contacts" },
    {
      target: "azure",
      item: "Container-level immutability policies (BlobContainerImmutabilityPolicy): their locked state is an output, readable only after deployment",
    },
    {
      target: "aws",
      item: "Object Lock retention set per object version by the application (PutObjectRetention), and legal holds",
    },
    {
      target: "gcp",
      item: "Object Retention Lock set per object, and organisation policies such as storage.retentionPolicySeconds",
    },
  ],
};
