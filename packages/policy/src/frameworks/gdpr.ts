/**
 * The GDPR (Regulation (EU) 2016/679) as Palisade controls: @palisade/core's gdpr baseline (EU/EEA
 * regions, finite retention, customer keys...) plus the controls, each citing its article and paragraph.
 * Residency, storage limitation and breach detection are GDPR's own; the rest are the shared safeguard
 * groups of rule-sets.ts under GDPR citations. Mapping from the researched catalog
 * (shared/reference/controls.md section 2), checked against the installed provider SDKs.
 */
import { gdpr } from "@palisade/core";
import type { FrameworkDefinition } from "../pack";
import {
  ADMIN_PORTS_CLOSED,
  AUDIT_TRAIL,
  BACKUP_AND_DELETION_PROTECTION,
  BREACH_DETECTION,
  COMPUTE_HARDENED,
  ENCRYPTED_AT_REST_WITH_CUSTOMER_KEYS,
  FLOW_LOGS,
  INTEGRITY_VERSIONING,
  K8S_CLUSTER_HARDENED,
  K8S_NETWORK_SEGMENTATION,
  K8S_POD_SECURITY,
  KEY_DELETION_PROTECTION,
  KEY_ROTATION,
  LEAST_PRIVILEGE,
  LOG_RETENTION,
  NO_PUBLIC_DATA,
  PASSWORD_MANAGEMENT,
  REPLICA_RESIDENCY,
  RESIDENCY,
  STORAGE_LIMITATION,
  TRANSIT_TLS,
  UNIQUE_AUTHENTICATION,
} from "./rule-sets";

/** The regulation on EUR-Lex, by article (the ELI page's article anchors). */
const article = (n: number) => `https://eur-lex.europa.eu/eli/reg/2016/679/oj/eng#art_${n}`;

export const gdprFramework: FrameworkDefinition = {
  packName: "palisade-gdpr",
  framework: { name: "GDPR", version: "Regulation (EU) 2016/679" },
  baseline: gdpr,
  controls: [
    {
      id: "gdpr-data-residency",
      reference: "Art. 44",
      requirement:
        "Personal data is processed only in approved regions (the EU/EEA by default), so no transfer needs a Chapter V mechanism",
      severity: "high",
      url: article(44),
      rules: [...RESIDENCY],
    },
    {
      id: "gdpr-replica-residency",
      reference: "Art. 44",
      requirement: "Replicas, backups and copies of personal data stay in approved regions",
      severity: "high",
      url: article(44),
      rules: [...REPLICA_RESIDENCY],
    },
    {
      id: "gdpr-storage-limitation",
      reference: "Art. 5(1)(e)",
      requirement:
        "Personal data and logs are kept no longer than necessary: every store declares an expiry within the configured maximum",
      severity: "medium",
      url: article(5),
      rules: [...STORAGE_LIMITATION],
    },
    {
      id: "gdpr-breach-detection",
      reference: "Art. 33; Art. 34",
      requirement:
        "Breaches can be detected and notified: threat detection runs where the stack runs, and a security contact receives alerts",
      severity: "medium",
      url: article(33),
      rules: [...BREACH_DETECTION],
    },
    {
      id: "gdpr-encryption-at-rest",
      reference: "Art. 32(1)(a); Art. 5(1)(f)",
      requirement: "Personal data is encrypted at rest with keys under the controller's control",
      severity: "high",
      url: article(32),
      rules: [...ENCRYPTED_AT_REST_WITH_CUSTOMER_KEYS],
    },
    {
      id: "gdpr-key-management",
      reference: "Art. 32(1)(a)",
      requirement: "Encryption keys rotate, and a deleted key can be recovered for a window",
      severity: "medium",
      url: article(32),
      rules: [...KEY_ROTATION, ...KEY_DELETION_PROTECTION],
    },
    {
      id: "gdpr-not-public-by-default",
      reference: "Art. 25(2)",
      requirement:
        "By default, personal data is not made accessible to an indefinite number of people: no store is publicly reachable",
      severity: "critical",
      nonExemptible: true,
      url: article(25),
      rules: [...NO_PUBLIC_DATA],
    },
    {
      id: "gdpr-network-exposure",
      reference: "Art. 32(1)(b)",
      requirement: "No internet ingress to administrative or data ports",
      severity: "high",
      url: article(32),
      rules: [...ADMIN_PORTS_CLOSED],
    },
    {
      id: "gdpr-transit-tls",
      reference: "Art. 32(1)(a); Art. 5(1)(f)",
      requirement: "Personal data travels only over TLS 1.2 or newer",
      severity: "high",
      url: article(32),
      rules: [...TRANSIT_TLS],
    },
    {
      id: "gdpr-activity-logging",
      reference: "Art. 5(2); Art. 32(1)(d); Art. 33(5)",
      requirement:
        "Administrative and data-access activity is logged, to demonstrate compliance and document breaches",
      severity: "high",
      url: article(5),
      rules: [...AUDIT_TRAIL],
    },
    {
      id: "gdpr-network-logging",
      reference: "Art. 32(1)(d); Art. 33(5)",
      requirement: "Network activity on personal-data networks is recorded for review",
      severity: "medium",
      url: article(32),
      rules: [...FLOW_LOGS],
    },
    {
      id: "gdpr-log-integrity",
      reference: "Art. 5(1)(f); Art. 32(1)(b)",
      requirement: "Audit logs are encrypted and kept long enough to investigate a breach",
      severity: "medium",
      url: article(5),
      rules: [...LOG_RETENTION],
    },
    {
      id: "gdpr-data-integrity",
      reference: "Art. 5(1)(f); Art. 32(1)(b)",
      requirement: "Personal data is protected against accidental alteration or destruction",
      severity: "medium",
      url: article(5),
      rules: [...INTEGRITY_VERSIONING],
    },
    {
      id: "gdpr-restore-capability",
      reference: "Art. 32(1)(c)",
      requirement:
        "Availability of and access to personal data can be restored in a timely manner: backups, zone resilience, no accidental deletion",
      severity: "medium",
      url: article(32),
      rules: [...BACKUP_AND_DELETION_PROTECTION],
    },
    {
      id: "gdpr-compute-hardened",
      reference: "Art. 32(1)(b); Art. 25(1)",
      requirement: "Hosts processing personal data restrict access to credentials and encrypt their storage",
      severity: "high",
      url: article(32),
      rules: [...COMPUTE_HARDENED],
    },
    {
      id: "gdpr-least-privilege",
      reference: "Art. 25(2); Art. 32(4)",
      requirement:
        "Access is granted per need, to individual identities: no administrator or wildcard grants, no shared keys or local accounts",
      severity: "high",
      url: article(25),
      rules: [...LEAST_PRIVILEGE, ...UNIQUE_AUTHENTICATION, ...PASSWORD_MANAGEMENT],
    },
    {
      id: "gdpr-k8s-hardening",
      reference: "Art. 32(1)(b); Art. 25(1)",
      requirement:
        "Clusters keep secrets under a customer key and a private API server; workloads run least-privileged and default-denied",
      severity: "high",
      url: article(32),
      rules: [...K8S_CLUSTER_HARDENED, ...K8S_POD_SECURITY, ...K8S_NETWORK_SEGMENTATION],
    },
  ],
  scope: [
    "**Residency.** Every AWS, Azure and GCP resource is judged where the engine places it: AWS by its `region` input, else its provider's region (the stack's `aws:region` for the default provider); Azure by its `location`, else where azure-native fills it from; GCP by its `location`, `region`, `zone` or key ring, else its provider's region. Replicas, backups and copies are judged where they land. The allow-list is each policy's `allowedRegions` setting: the `gdpr` baseline's EU/EEA regions by default (Switzerland and the UK are outside the EEA; list them if your transfer mechanism is an adequacy decision). GDPR does not require EU hosting (Art. 44-49 allow transfers with a mechanism); the allow-list is the organisational choice that avoids a Chapter V transfer. Global services (IAM, DNS, CDNs, `global` locations) are reported out of scope with their reason.",
    "**Personal data, by data class.** Storage-limitation policies judge the stores and logs that hold personal data: those whose `data-classification` tag (AWS, Azure) or label (GCP), as `@palisade/core` renders it, is one of `personalDataClasses` (`pd` and `phi` by default: health data is personal data, Art. 4(15)), and, with `judgeUnclassified` (true by default), those without the tag, so an untagged program is judged, not skipped. A store tagged with another class (`finra-records`, `public`, `internal`) is reported out of scope with its class, never as passed.",
    "**When frameworks disagree.** HIPAA and FINRA set minimum retention (six years of audit logs; six years of broker-dealer records under SEC 17a-4, locked), GDPR a maximum (Art. 5(1)(e): no longer than necessary). The data class decides: a store tagged `finra-records` is held under FINRA's minimum, which is a legal obligation (Art. 17(3)(b)), so the GDPR pack leaves its expiry alone; a store tagged `pd` or `phi` must expire within `maxRetentionDays` (2,192 days by default, the longest minimum another Palisade baseline sets; set your own period per record type). Run the packs with the same tags and each judges the stores its framework governs.",
    "**Breach detection.** Threat detection and a security contact (Art. 33/34) are judged once per stack: AWS GuardDuty and Security Hub in every region the stack uses; Azure Defender for Cloud plans for the resource kinds it holds and a security contact. Organisations that run them centrally (a delegated administrator, a landing zone) set `detectionManagedCentrally: true`, and the pack reports the check as out of scope rather than passed. On GCP, Security Command Center is organisation-level: listed below as not coverable.",
  ],
  notCoverable: [
    { item: "Art. 6 and 9 lawful basis for processing, and the conditions for special categories of data" },
    { item: "Art. 30 records of processing activities (infrastructure logs are supporting evidence only)" },
    { item: "Art. 35 data protection impact assessments" },
    { item: "Art. 12-22 data-subject rights: access, rectification, erasure, portability, objection" },
    { item: "Art. 28 processor contracts (data processing agreements with each cloud and vendor)" },
    {
      item: "Art. 44-49 transfer mechanisms (adequacy decisions, standard contractual clauses) for any region outside the allow-list, and access from outside the EEA by operators or support staff",
    },
    { item: "Art. 32(1)(a) pseudonymisation of fields inside applications and datasets" },
    {
      item: "Art. 32(1)(d) regular testing of the measures, and Art. 33/34 the 72-hour notification process",
    },
  ],
};
