/**
 * The HIPAA Security Rule (45 CFR Part 164 Subpart C) as Palisade controls. Citations and mappings from
 * the researched catalog (shared/reference/controls.md); thresholds from @palisade/core's hipaa baseline.
 */
import { hipaa } from "@palisade/core";
import type { FrameworkDefinition } from "../pack";
import * as aws from "../rules/aws";
import * as azure from "../rules/azure";
import * as gcp from "../rules/gcp";
import * as k8s from "../rules/kubernetes";

const ECFR = "https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-C";

export const hipaaFramework: FrameworkDefinition = {
  packName: "palisade-hipaa",
  framework: { name: "HIPAA Security Rule", version: "45 CFR 164 Subpart C (2013)" },
  controls: [
    {
      id: "hipaa-storage-encrypted-cmk",
      reference: "45 CFR 164.312(a)(2)(iv)",
      requirement: "Encrypt ePHI at rest with keys under the covered entity's control",
      severity: "high",
      remediationSteps:
        "Encrypt the store with a customer-managed key (SSE-KMS, Key Vault CMK, Cloud KMS CMEK); Palisade's EncryptedBucket does this by default. Keep Azure key vaults soft-delete and purge protected, RBAC-authorized and closed to public networks.",
      url: `${ECFR}#p-164.312(a)(2)(iv)`,
      rules: [aws.s3BucketSseKms, azure.storageAccountSecure, azure.vaultProtected, gcp.storageBucketSecure],
    },
    {
      id: "hipaa-kms-key-rotation",
      reference: "45 CFR 164.312(a)(2)(iv)",
      requirement: "Rotate encryption keys",
      severity: "medium",
      remediationSteps:
        "Turn on automatic key rotation with a period no longer than the baseline's maximum (on Azure, a rotationPolicy with a Rotate lifetime action, set when the key is created).",
      url: `${ECFR}#p-164.312(a)(2)(iv)`,
      rules: [
        aws.kmsKeyRotation(hipaa.maxKeyRotationDays.value),
        azure.keyRotation(hipaa.maxKeyRotationDays.value),
        gcp.cryptoKeyRotation(hipaa.maxKeyRotationDays.value),
      ],
    },
    {
      id: "hipaa-no-public-data",
      reference: "45 CFR 164.312(a)(1); 164.312(e)(1)",
      requirement: "ePHI stores are not publicly reachable",
      severity: "critical",
      nonExemptible: true,
      remediationSteps: "Add a BucketPublicAccessBlock with all four settings true.",
      url: `${ECFR}#p-164.312(a)(1)`,
      rules: [aws.s3BucketPublicAccessBlock],
    },
    {
      id: "hipaa-admin-ports-closed",
      reference: "45 CFR 164.312(e)(1); 164.312(a)(1)",
      requirement: "No internet ingress to administrative ports",
      severity: "high",
      remediationSteps:
        "Remove ingress from 0.0.0.0/0 or ::/0 (on Azure also the Internet, Any and * sources) on ports 22 and 3389; use SSM Session Manager, Azure Bastion or IAP.",
      url: `${ECFR}#p-164.312(e)(1)`,
      rules: [aws.securityGroupAdminPorts, azure.nsgAdminPorts, gcp.firewallAdminPorts],
    },
    {
      id: "hipaa-audit-trail",
      reference: "45 CFR 164.312(b); 164.312(c)(2)",
      requirement: "Record and protect activity in systems containing ePHI",
      severity: "high",
      remediationSteps:
        "Use a multi-region CloudTrail with log-file validation and a customer key (Palisade's AuditTrail). On GCP, an IAMAuditConfig for allServices with ADMIN_READ, DATA_READ and DATA_WRITE and no exemptedMembers. On Azure, give every key vault a DiagnosticSetting that logs AuditEvent (or the audit category group).",
      url: `${ECFR}#p-164.312(b)`,
      rules: [aws.cloudTrailSecure, azure.vaultDiagnosticSettings, gcp.auditConfigComplete],
    },
    {
      id: "hipaa-log-retention",
      reference: "45 CFR 164.312(b); 164.316(b)(2)(i)",
      requirement:
        "Audit logs are encrypted and kept for the organisation's retention period (six years by default)",
      severity: "medium",
      remediationSteps:
        "Give the log group (on GCP, the log bucket's cmekSettings) a customer key and a retention of at least the configured minimum. On Azure, set the Log Analytics tables' totalRetentionInDays (or the workspace's retentionInDays) to at least that minimum.",
      url: `${ECFR}#p-164.316(b)(2)(i)`,
      rules: [
        aws.logGroupProtected(hipaa.auditLogRetentionDays.value),
        azure.logAnalyticsRetention(hipaa.auditLogRetentionDays.value),
        gcp.logBucketProtected(hipaa.auditLogRetentionDays.value),
      ],
    },
    {
      id: "hipaa-flow-logs",
      reference: "45 CFR 164.312(b); 164.308(a)(1)(ii)(D)",
      requirement: "Network activity on ePHI networks is recorded for review",
      severity: "medium",
      remediationSteps:
        "Add a FlowLog for ALL traffic on the VPC (Palisade's SegmentedVpc does). On GCP, create networks with autoCreateSubnetworks false and give every subnetwork a logConfig. On Azure, an enabled VNet FlowLog whose targetResourceId is the virtual network.",
      url: `${ECFR}#p-164.308(a)(1)(ii)(D)`,
      rules: [aws.vpcFlowLogs, azure.vnetFlowLogs, gcp.subnetworkFlowLogs, gcp.networkCustomSubnets],
    },
    {
      id: "hipaa-integrity-versioning",
      reference: "45 CFR 164.312(c)(1); 164.308(a)(7)(ii)(A)",
      requirement: "Protect ePHI from improper alteration or destruction",
      severity: "medium",
      remediationSteps:
        "Enable versioning with a BucketVersioning resource (on Cloud Storage, versioning.enabled on the bucket). On Azure, a BlobServiceProperties with isVersioningEnabled and deleteRetentionPolicy enabled.",
      url: `${ECFR}#p-164.312(c)(1)`,
      rules: [aws.s3BucketVersioning, azure.blobVersioningSoftDelete, gcp.storageBucketVersioning],
    },
    {
      id: "hipaa-compute-hardened",
      reference: "45 CFR 164.312(a)(1); 164.312(a)(2)(iv)",
      requirement: "Hosts processing ePHI restrict access to credentials and encrypt their storage",
      severity: "high",
      remediationSteps:
        "Require IMDSv2, remove public IPs and encrypt every volume (Palisade's ConfidentialInstance). On Compute Engine: no accessConfigs, Shielded VM secure boot, a bootDisk.kmsKeySelfLink, no serial port and block-project-ssh-keys (or OS Login).",
      url: `${ECFR}#p-164.312(a)(1)`,
      rules: [aws.ec2InstanceHardened, gcp.instanceHardened],
    },
    {
      id: "hipaa-k8s-cluster-hardened",
      reference: "45 CFR 164.312(a)(2)(iv); 164.312(e)(1)",
      requirement:
        "Cluster secrets are encrypted with a customer key and the API server is not internet-facing",
      severity: "high",
      remediationSteps:
        "Envelope-encrypt secrets with a KMS key and keep the endpoint private (Palisade's ZeroTrustEksCluster). On GKE: private nodes and endpoint or authorized networks without 0.0.0.0/0, databaseEncryption ENCRYPTED with a keyName, legacy ABAC off, Workload Identity and Dataplane V2 or networkPolicy. On AKS, also disable local accounts, use Entra ID with Azure RBAC and set a network policy.",
      url: `${ECFR}#p-164.312(e)(1)`,
      rules: [aws.eksClusterHardened, azure.aksClusterHardened, gcp.gkeClusterHardened],
    },
    {
      id: "hipaa-k8s-pod-security",
      reference: "45 CFR 164.312(a)(1); 164.308(a)(4)",
      requirement: "Workloads run with least privilege: the Pod Security Standards restricted profile",
      severity: "high",
      remediationSteps:
        "Run as non-root with a read-only root filesystem, drop ALL capabilities, RuntimeDefault seccomp, no privilege escalation; label namespaces enforce=restricted (Palisade's ZeroTrustNamespace and IsolatedService).",
      url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
      rules: [k8s.podSecurityRestricted, k8s.namespaceRestricted],
    },
    {
      id: "hipaa-k8s-network-segmentation",
      reference: "45 CFR 164.312(e)(1); 164.312(a)(1)",
      requirement: "Workload traffic is denied unless explicitly allowed",
      severity: "high",
      remediationSteps:
        "Add a NetworkPolicy with an empty podSelector denying Ingress and Egress to every namespace.",
      url: `${ECFR}#p-164.312(e)(1)`,
      rules: [k8s.namespaceDefaultDeny],
    },
    {
      id: "hipaa-backup-deletion-protection",
      reference: "45 CFR 164.308(a)(7)(ii)(A); 164.312(c)(1)",
      requirement: "Databases holding ePHI keep retrievable backups and cannot be deleted by mistake",
      severity: "high",
      remediationSteps:
        "Set storageEncrypted with a customer kmsKeyId, backupRetentionPeriod at least the baseline's minimum, and deletionProtection. On Cloud SQL: backups with point-in-time recovery and enough retained backups, settings.deletionProtectionEnabled and an encryptionKeyName.",
      url: `${ECFR}#p-164.308(a)(7)(ii)(A)`,
      rules: [
        aws.rdsInstanceProtected(hipaa.minBackupRetentionDays.value),
        gcp.sqlInstanceProtected(hipaa.minBackupRetentionDays.value),
      ],
    },
    {
      id: "hipaa-transit-tls",
      reference: "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)",
      requirement: "ePHI travels only over TLS 1.2 or newer",
      severity: "high",
      remediationSteps:
        'Serve HTTPS or TLS listeners with a TLS 1.2+ security policy (plain HTTP only to redirect), give Azure SQL publicNetworkAccess "Disabled" and minimalTlsVersion "1.2", give Cloud SQL no public IPv4 and sslMode ENCRYPTED_ONLY, and list every Ingress host under spec.tls.',
      url: `${ECFR}#p-164.312(e)(2)(ii)`,
      rules: [aws.lbListenerTls, azure.sqlServerSecure, gcp.sqlInstancePrivateTls, k8s.ingressTls],
    },
    {
      id: "hipaa-least-privilege",
      reference: "45 CFR 164.308(a)(3)(i); 164.308(a)(4)(ii)(B); 164.312(a)(1)",
      requirement:
        "Access is granted per need: no administrator or wildcard grants, no grants to individual users",
      severity: "high",
      remediationSteps:
        "Name the actions and resources a principal needs; grant through roles or groups, never users; bind namespaced Roles instead of cluster-admin (Palisade's ZeroTrustNamespace does).",
      url: `${ECFR}#p-164.308(a)(4)(ii)(B)`,
      rules: [aws.iamLeastPrivilege, k8s.rbacLeastPrivilege],
    },
  ],
  notCoverable: [
    "164.308(a)(1)(ii)(A) risk analysis and 164.308(a)(1)(ii)(B) risk management",
    "164.308(b) business associate agreements",
    "164.308(a)(5) security awareness and training",
    "164.312(a)(2)(iii) automatic logoff inside applications",
    "164.312(d) person or entity authentication: MFA actually enforced for users",
    "164.308(a)(6) incident response procedures and 164.308(a)(7) contingency plan testing",
    "S3 TLS-only bucket policies in a first preview: the policy document embeds bucket and key ARNs that are unknown until deployment (Palisade's EncryptedBucket always writes the deny)",
    "Organisation-level settings outside the stack: Organizations SCPs, account-level public access blocks, org trails",
  ],
};
