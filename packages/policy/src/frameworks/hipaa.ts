/**
 * The HIPAA Security Rule (45 CFR Part 164 Subpart C) as Palisade controls: @palisade/core's hipaa baseline
 * (the thresholds rules judge against) plus the controls, each enforced by rules on every target.
 * Citations and mappings from the researched catalog (shared/reference/controls.md).
 */
import { hipaa } from "@palisade/core";
import type { FrameworkDefinition } from "../pack";
import {
  ADMIN_PORTS_CLOSED,
  AI_GUARDRAILS,
  AUDIT_TRAIL,
  BACKUP_AND_DELETION_PROTECTION,
  COMPUTE_HARDENED,
  ENCRYPTED_AT_REST_WITH_CUSTOMER_KEYS,
  FLOW_LOGS,
  INTEGRITY_VERSIONING,
  K8S_CLUSTER_HARDENED,
  K8S_IMAGE_PROVENANCE,
  K8S_NETWORK_SEGMENTATION,
  K8S_POD_SECURITY,
  KEY_ROTATION,
  LEAST_PRIVILEGE,
  LOG_RETENTION,
  NO_PUBLIC_DATA,
  PASSWORD_MANAGEMENT,
  TRANSIT_TLS,
  UNIQUE_AUTHENTICATION,
} from "./rule-sets";

const ECFR = "https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-C";

export const hipaaFramework: FrameworkDefinition = {
  packName: "palisade-hipaa",
  framework: { name: "HIPAA Security Rule", version: "45 CFR 164 Subpart C (2013)" },
  baseline: hipaa,
  controls: [
    {
      id: "hipaa-storage-encrypted-cmk",
      reference: "45 CFR 164.312(a)(2)(iv)",
      requirement: "Encrypt ePHI at rest with keys under the covered entity's control",
      severity: "high",
      url: `${ECFR}#p-164.312(a)(2)(iv)`,
      rules: [...ENCRYPTED_AT_REST_WITH_CUSTOMER_KEYS],
    },
    {
      id: "hipaa-kms-key-rotation",
      reference: "45 CFR 164.312(a)(2)(iv)",
      requirement: "Rotate encryption keys",
      severity: "medium",
      url: `${ECFR}#p-164.312(a)(2)(iv)`,
      rules: [...KEY_ROTATION],
    },
    {
      id: "hipaa-no-public-data",
      reference: "45 CFR 164.312(a)(1); 164.312(e)(1)",
      requirement: "ePHI stores are not publicly reachable",
      severity: "critical",
      nonExemptible: true,
      url: `${ECFR}#p-164.312(a)(1)`,
      rules: [...NO_PUBLIC_DATA],
    },
    {
      id: "hipaa-admin-ports-closed",
      reference: "45 CFR 164.312(e)(1); 164.312(a)(1)",
      requirement: "No internet ingress to administrative or data ports",
      severity: "high",
      url: `${ECFR}#p-164.312(e)(1)`,
      rules: [...ADMIN_PORTS_CLOSED],
    },
    {
      id: "hipaa-audit-trail",
      reference: "45 CFR 164.312(b); 164.312(c)(2)",
      requirement: "Record and protect activity in systems containing ePHI",
      severity: "high",
      url: `${ECFR}#p-164.312(b)`,
      rules: [...AUDIT_TRAIL],
    },
    {
      id: "hipaa-log-retention",
      reference: "45 CFR 164.312(b); 164.316(b)(2)(i)",
      requirement:
        "Audit logs are encrypted and kept for the organisation's retention period (six years by default)",
      severity: "medium",
      url: `${ECFR}#p-164.316(b)(2)(i)`,
      rules: [...LOG_RETENTION],
    },
    {
      id: "hipaa-flow-logs",
      reference: "45 CFR 164.312(b); 164.308(a)(1)(ii)(D)",
      requirement: "Network activity on ePHI networks is recorded for review",
      severity: "medium",
      url: `${ECFR}#p-164.308(a)(1)(ii)(D)`,
      rules: [...FLOW_LOGS],
    },
    {
      id: "hipaa-integrity-versioning",
      reference: "45 CFR 164.312(c)(1); 164.308(a)(7)(ii)(A)",
      requirement: "Protect ePHI from improper alteration or destruction",
      severity: "medium",
      url: `${ECFR}#p-164.312(c)(1)`,
      rules: [...INTEGRITY_VERSIONING],
    },
    {
      id: "hipaa-compute-hardened",
      reference: "45 CFR 164.312(a)(1); 164.312(a)(2)(iv)",
      requirement: "Hosts processing ePHI restrict access to credentials and encrypt their storage",
      severity: "high",
      url: `${ECFR}#p-164.312(a)(1)`,
      rules: [...COMPUTE_HARDENED],
    },
    {
      id: "hipaa-k8s-cluster-hardened",
      reference: "45 CFR 164.312(a)(2)(iv); 164.312(e)(1)",
      requirement:
        "Cluster secrets are encrypted with a customer key and the API server is not internet-facing",
      severity: "high",
      url: `${ECFR}#p-164.312(e)(1)`,
      rules: [...K8S_CLUSTER_HARDENED],
    },
    {
      id: "hipaa-k8s-pod-security",
      reference: "45 CFR 164.312(a)(1); 164.308(a)(4)",
      requirement: "Workloads run with least privilege: the Pod Security Standards restricted profile",
      severity: "high",
      url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
      rules: [...K8S_POD_SECURITY],
    },
    {
      id: "hipaa-k8s-network-segmentation",
      reference: "45 CFR 164.312(e)(1); 164.312(a)(1)",
      requirement: "Workload traffic is denied unless explicitly allowed",
      severity: "high",
      url: `${ECFR}#p-164.312(e)(1)`,
      rules: [...K8S_NETWORK_SEGMENTATION],
    },
    {
      id: "hipaa-backup-deletion-protection",
      reference: "45 CFR 164.308(a)(7)(ii)(A)-(C); 164.312(c)(1)",
      requirement:
        "Systems holding ePHI keep retrievable backups, stay available when a zone or an instance fails, and cannot be deleted by mistake",
      severity: "high",
      url: `${ECFR}#p-164.308(a)(7)(ii)(A)`,
      rules: [...BACKUP_AND_DELETION_PROTECTION],
    },
    {
      id: "hipaa-transit-tls",
      reference: "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)",
      requirement: "ePHI travels only over TLS 1.2 or newer",
      severity: "high",
      url: `${ECFR}#p-164.312(e)(2)(ii)`,
      rules: [...TRANSIT_TLS],
    },
    {
      id: "hipaa-least-privilege",
      reference: "45 CFR 164.308(a)(3)(i); 164.308(a)(4)(ii)(B); 164.312(a)(1)",
      requirement:
        "Access is granted per need: no administrator or wildcard grants, no grants to individual users",
      severity: "high",
      url: `${ECFR}#p-164.308(a)(4)(ii)(B)`,
      rules: [...LEAST_PRIVILEGE],
    },
    {
      id: "hipaa-unique-auth",
      reference: "45 CFR 164.312(a)(2)(i); 164.312(d)",
      requirement:
        "Data services and hosts authenticate individual identities, not shared keys, local accounts or passwords",
      severity: "high",
      url: `${ECFR}#p-164.312(d)`,
      rules: [...UNIQUE_AUTHENTICATION],
    },
    {
      id: "hipaa-k8s-image-provenance",
      reference: "45 CFR 164.308(a)(5)(ii)(B); 164.312(c)(1)",
      requirement: "Workloads run the exact images that were reviewed, pinned by digest",
      severity: "medium",
      // Advisory: tags are common in development stacks, and digests come from a build the stack may not see.
      enforcementLevel: "advisory",
      url: `${ECFR}#p-164.308(a)(5)(ii)(B)`,
      rules: [...K8S_IMAGE_PROVENANCE],
    },
    {
      id: "hipaa-password-management",
      reference: "45 CFR 164.308(a)(5)(ii)(D)",
      requirement:
        "Passwords are created, changed and safeguarded under a policy: long, mixed, not reused, and stored credentials rotate",
      severity: "medium",
      url: `${ECFR}#p-164.308(a)(5)(ii)(D)`,
      rules: [...PASSWORD_MANAGEMENT],
    },
    {
      id: "hipaa-ai-guardrails",
      reference: "45 CFR 164.312(a)(1); 164.312(c)(1)",
      // The Security Rule names no AI safeguard: this is Palisade's reading of access control and
      // integrity for agents that read and write ePHI on a user's behalf, and the requirement says so.
      requirement:
        "AI agents that handle ePHI screen prompts and answers through a guardrail (Palisade's reading of access control and integrity; the Security Rule names no AI safeguard)",
      severity: "medium",
      url: `${ECFR}#p-164.312(a)(1)`,
      rules: [...AI_GUARDRAILS],
    },
  ],
  notCoverable: [
    { item: "164.308(a)(1)(ii)(A) risk analysis and 164.308(a)(1)(ii)(B) risk management" },
    { item: "164.308(b) business associate agreements" },
    { item: "164.308(a)(5) security awareness and training" },
    { item: "164.312(a)(2)(iii) automatic logoff inside applications" },
    { item: "164.312(d) person or entity authentication: MFA actually enforced for users" },
    { item: "164.308(a)(6) incident response procedures and 164.308(a)(7) contingency plan testing" },
    {
      target: "aws",
      item: "S3 TLS-only bucket policies in a first preview: the policy document embeds bucket and key ARNs that are unknown until deployment (Palisade's EncryptedBucket always writes the deny)",
    },
    {
      target: "aws",
      item: "Organisation-level settings outside the stack: Organizations SCPs, account-level public access blocks, org trails",
    },
    {
      target: "azure",
      item: "that the identity a customer key names (a disk encryption set's, Cosmos DB's defaultIdentity, Synapse's kekIdentity) may wrap and unwrap with the Key Vault key: role assignments join on principal ids that are unknown until deployment",
    },
    {
      target: "azure",
      item: "the data-plane role assignments that replace local and key authentication (Cosmos DB SQL role assignments, Redis access policy assignments): their principal ids are unknown until deployment",
    },
    {
      target: "azure",
      item: "the NSG of a subnet the stack does not declare (an existing virtual network): a network interface names it by resource id only, so the interface must carry its own NSG to pass",
    },
    {
      target: "azure",
      item: "Azure Policy assignments and Defender for Cloud plans at subscription or management-group scope, outside the stack, which may modify or deny these settings after preview",
    },
    {
      target: "gcp",
      item: "public invokers granted above the function or service (project, folder or organization IAM for roles/run.invoker or roles/cloudfunctions.invoker), and the organization policy iam.allowedPolicyMemberDomains that would block them, live outside the resource-level grants judged here",
    },
    {
      target: "gcp",
      item: "the SSL policy or URL map a proxy names when the stack does not declare it: sslPolicy and urlMap are self links to resources the preview cannot read",
    },
    {
      target: "gcp",
      item: "that the service agents of Compute Engine, Cloud Run and Cloud Functions hold roles/cloudkms.cryptoKeyEncrypterDecrypter on the CMEK key: their emails derive from project numbers unknown at preview",
    },
    {
      target: "kubernetes",
      item: "objects the pack never sees: charts installed as one opaque Helm v3 Release, manifests applied by kubectl, GitOps controllers or operators, and pods created by controllers at run time",
    },
    {
      target: "kubernetes",
      item: "cluster-level hardening outside Kubernetes objects (API server audit policy, etcd encryption, kubelet flags, admission webhooks that verify image signatures): set on the managed cluster or nodes",
    },
    {
      target: "kubernetes",
      item: "whether a service mesh wraps plain-HTTP Service ports in mutual TLS: decided by mesh resources and injection labels the pack does not model, so such ports need an exemption",
    },
    {
      target: "aws",
      item: "backup-plan membership (cdk-nag DynamoDBInBackupPlan, EC2/EFS/RDS InBackupPlan): AWS Backup selects resources by ARN or tag when it runs, and ARNs are unknown on a fresh stack",
    },
    {
      target: "aws",
      item: "CloudWatch alarm actions (cdk-nag CloudWatchAlarmAction): whether anyone is notified is an operational setting, not an input of the resource holding ePHI",
    },
    {
      target: "aws",
      item: "subnets being private for EKS Fargate profiles, Lambda functions and SageMaker resources: a subnet's route to an internet gateway lives in route tables joined by IDs unknown at preview",
    },
    {
      target: "aws",
      item: "account- and region-level settings a stack may not own: EBS encryption by default, whether Bedrock model invocation logging exists at all, GuardDuty, Security Hub",
    },
    {
      target: "aws",
      item: "secrets hidden in plain settings (SSM String parameters, Lambda environment variables, CodeBuild plaintext variables): a value does not say it is a secret",
    },
    {
      target: "aws",
      item: "Bedrock knowledge bases: their data sits in the vector store (OpenSearch Serverless, Aurora, ...), judged on that store, not on the knowledge base",
    },
    {
      target: "aws",
      item: "ECS task definitions' container users and privileges: containerDefinitions is JSON text that is unknown whenever it embeds an image or role created in the same update",
    },
  ],
};
