import { controlOfTags, hipaa, parseFindingMessage, targetOfTags } from "@palisade/core";
import { describe, expect, it } from "vitest";
import { buildPolicies } from "../pack";
import { hipaaFramework } from "./hipaa";

const LEAST_PRIVILEGE = "45 CFR 164.308(a)(3)(i); 164.308(a)(4)(ii)(B); 164.312(a)(1)";
// AWS (issue 15): citations of the controls the AWS rules join.
const CMK = "45 CFR 164.312(a)(2)(iv)";
const NO_PUBLIC = "45 CFR 164.312(a)(1); 164.312(e)(1)";
const AUDIT = "45 CFR 164.312(b); 164.312(c)(2)";
const COMPUTE = "45 CFR 164.312(a)(1); 164.312(a)(2)(iv)";
const PASSWORDS = "45 CFR 164.308(a)(5)(ii)(D)";
const ADMIN_PORTS = "45 CFR 164.312(e)(1); 164.312(a)(1)";
const INTEGRITY = "45 CFR 164.312(c)(1); 164.308(a)(7)(ii)(A)";
const TLS = "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)";
const BACKUP = "45 CFR 164.308(a)(7)(ii)(A); 164.312(c)(1)";

describe("the HIPAA pack's policies", () => {
  const policies = buildPolicies(hipaaFramework);

  it("are exactly these, each with its framework metadata", () => {
    expect(policies.map((p) => [p.name, p.framework?.reference, p.severity, p.enforcementLevel])).toEqual([
      ["aws-s3-bucket-sse-kms", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["azure-storage-account-secure", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["azure-keyvault-vault-protected", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["gcp-storage-bucket-secure", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      // AWS (issue 15)
      ["aws-redshift-cluster-encrypted", CMK, "high", "mandatory"],
      ["aws-dms-replication-instance-encrypted", CMK, "high", "mandatory"],
      ["aws-kinesis-stream-encrypted", CMK, "high", "mandatory"],
      ["aws-kinesis-firehose-delivery-stream-encrypted", CMK, "high", "mandatory"],
      ["aws-sns-topic-encrypted", CMK, "high", "mandatory"],
      ["aws-sqs-queue-encrypted", CMK, "high", "mandatory"],
      ["aws-dynamodb-table-encrypted", CMK, "high", "mandatory"],
      ["aws-ecr-repository-encrypted", CMK, "high", "mandatory"],
      ["aws-opensearch-domain-encrypted", CMK, "high", "mandatory"],
      ["aws-backup-vault-encrypted", CMK, "high", "mandatory"],
      ["aws-ssm-parameter-encrypted", CMK, "high", "mandatory"],
      ["aws-ebs-volume-encrypted", CMK, "high", "mandatory"],
      ["aws-efs-file-system-encrypted", CMK, "high", "mandatory"],
      ["aws-elasticache-replication-group-encrypted", CMK, "high", "mandatory"],
      ["aws-secretsmanager-secret-encrypted", CMK, "high", "mandatory"],
      ["aws-sagemaker-endpoint-configuration-encrypted", CMK, "high", "mandatory"],
      ["aws-msk-cluster-encrypted", CMK, "high", "mandatory"],
      ["aws-athena-workgroup-encrypted", CMK, "high", "mandatory"],
      ["aws-glue-security-configuration-encrypted", CMK, "high", "mandatory"],
      ["aws-glue-data-catalog-encryption-settings-encrypted", CMK, "high", "mandatory"],
      ["aws-bedrock-resource-encrypted", CMK, "high", "mandatory"],
      ["aws-codebuild-project-encrypted", CMK, "high", "mandatory"],
      ["aws-kms-key-rotation", "45 CFR 164.312(a)(2)(iv)", "medium", "mandatory"],
      ["azure-keyvault-key-rotation", "45 CFR 164.312(a)(2)(iv)", "medium", "mandatory"],
      ["gcp-kms-crypto-key-rotation", "45 CFR 164.312(a)(2)(iv)", "medium", "mandatory"],
      ["aws-s3-bucket-public-access-block", "45 CFR 164.312(a)(1); 164.312(e)(1)", "critical", "mandatory"],
      // AWS (issue 15)
      ["aws-rds-instance-not-public", NO_PUBLIC, "critical", "mandatory"],
      ["aws-redshift-cluster-not-public", NO_PUBLIC, "critical", "mandatory"],
      ["aws-dms-replication-instance-not-public", NO_PUBLIC, "critical", "mandatory"],
      ["aws-ecr-repository-policy-not-public", NO_PUBLIC, "critical", "mandatory"],
      ["aws-opensearch-domain-in-vpc", NO_PUBLIC, "critical", "mandatory"],
      [
        "aws-ec2-security-group-admin-ports-closed",
        "45 CFR 164.312(e)(1); 164.312(a)(1)",
        "high",
        "mandatory",
      ],
      [
        "azure-network-security-group-admin-ports-closed",
        "45 CFR 164.312(e)(1); 164.312(a)(1)",
        "high",
        "mandatory",
      ],
      ["gcp-compute-firewall-admin-ports-closed", "45 CFR 164.312(e)(1); 164.312(a)(1)", "high", "mandatory"],
      // AWS (issue 15)
      ["aws-eks-node-group-no-open-ssh", ADMIN_PORTS, "high", "mandatory"],
      ["aws-cloudtrail-trail-secure", "45 CFR 164.312(b); 164.312(c)(2)", "high", "mandatory"],
      ["azure-keyvault-vault-diagnostic-settings", "45 CFR 164.312(b); 164.312(c)(2)", "high", "mandatory"],
      ["gcp-iam-audit-config-complete", "45 CFR 164.312(b); 164.312(c)(2)", "high", "mandatory"],
      // AWS (issue 15)
      ["aws-apigateway-stage-logged", AUDIT, "high", "mandatory"],
      ["aws-apigateway-method-settings-secure", AUDIT, "high", "mandatory"],
      ["aws-opensearch-domain-logged", AUDIT, "high", "mandatory"],
      ["aws-transfer-server-logged", AUDIT, "high", "mandatory"],
      ["aws-bedrockmodel-invocation-logging-delivered", AUDIT, "high", "mandatory"],
      ["aws-lb-load-balancer-hardened", AUDIT, "high", "mandatory"],
      ["aws-wafv2-web-acl-logged", AUDIT, "high", "mandatory"],
      ["aws-rds-instance-logged", AUDIT, "high", "mandatory"],
      ["aws-cloudwatch-log-group-protected", "45 CFR 164.312(b); 164.316(b)(2)(i)", "medium", "mandatory"],
      [
        "azure-operationalinsights-log-retention",
        "45 CFR 164.312(b); 164.316(b)(2)(i)",
        "medium",
        "mandatory",
      ],
      ["gcp-logging-bucket-protected", "45 CFR 164.312(b); 164.316(b)(2)(i)", "medium", "mandatory"],
      ["aws-ec2-vpc-flow-logs", "45 CFR 164.312(b); 164.308(a)(1)(ii)(D)", "medium", "mandatory"],
      [
        "azure-network-virtual-network-flow-logs",
        "45 CFR 164.312(b); 164.308(a)(1)(ii)(D)",
        "medium",
        "mandatory",
      ],
      ["gcp-compute-subnetwork-flow-logs", "45 CFR 164.312(b); 164.308(a)(1)(ii)(D)", "medium", "mandatory"],
      [
        "gcp-compute-network-custom-subnets",
        "45 CFR 164.312(b); 164.308(a)(1)(ii)(D)",
        "medium",
        "mandatory",
      ],
      ["aws-s3-bucket-versioning", "45 CFR 164.312(c)(1); 164.308(a)(7)(ii)(A)", "medium", "mandatory"],
      [
        "azure-storage-blob-versioning-soft-delete",
        "45 CFR 164.312(c)(1); 164.308(a)(7)(ii)(A)",
        "medium",
        "mandatory",
      ],
      ["gcp-storage-bucket-versioning", "45 CFR 164.312(c)(1); 164.308(a)(7)(ii)(A)", "medium", "mandatory"],
      // AWS (issue 15)
      ["aws-ecr-repository-integrity", INTEGRITY, "medium", "mandatory"],
      ["aws-ec2-instance-hardened", "45 CFR 164.312(a)(1); 164.312(a)(2)(iv)", "high", "mandatory"],
      ["gcp-compute-instance-hardened", "45 CFR 164.312(a)(1); 164.312(a)(2)(iv)", "high", "mandatory"],
      // AWS (issue 15)
      ["aws-sagemaker-notebook-instance-hardened", COMPUTE, "high", "mandatory"],
      ["aws-sagemaker-domain-hardened", COMPUTE, "high", "mandatory"],
      ["aws-sagemaker-model-isolated", COMPUTE, "high", "mandatory"],
      ["aws-lambda-function-hardened", COMPUTE, "high", "mandatory"],
      ["aws-ec2-subnet-no-public-ip", COMPUTE, "high", "mandatory"],
      ["aws-autoscaling-group-elb-health-check", COMPUTE, "high", "mandatory"],
      ["aws-emr-cluster-secured", COMPUTE, "high", "mandatory"],
      ["aws-elasticbeanstalk-environment-hardened", COMPUTE, "high", "mandatory"],
      ["aws-eks-cluster-hardened", "45 CFR 164.312(a)(2)(iv); 164.312(e)(1)", "high", "mandatory"],
      ["azure-aks-managed-cluster-hardened", "45 CFR 164.312(a)(2)(iv); 164.312(e)(1)", "high", "mandatory"],
      ["gcp-container-cluster-hardened", "45 CFR 164.312(a)(2)(iv); 164.312(e)(1)", "high", "mandatory"],
      ["kubernetes-pod-security-restricted", "45 CFR 164.312(a)(1); 164.308(a)(4)", "high", "mandatory"],
      [
        "kubernetes-namespace-pod-security-restricted",
        "45 CFR 164.312(a)(1); 164.308(a)(4)",
        "high",
        "mandatory",
      ],
      ["kubernetes-namespace-default-deny", "45 CFR 164.312(e)(1); 164.312(a)(1)", "high", "mandatory"],
      ["aws-rds-instance-protected", "45 CFR 164.308(a)(7)(ii)(A); 164.312(c)(1)", "high", "mandatory"],
      ["gcp-sql-instance-protected", "45 CFR 164.308(a)(7)(ii)(A); 164.312(c)(1)", "high", "mandatory"],
      // AWS (issue 15)
      ["aws-rds-cluster-protected", BACKUP, "high", "mandatory"],
      ["aws-redshift-cluster-protected", BACKUP, "high", "mandatory"],
      ["aws-dynamodb-table-protected", BACKUP, "high", "mandatory"],
      ["aws-backup-plan-retention", BACKUP, "high", "mandatory"],
      ["aws-elasticache-replication-group-protected", BACKUP, "high", "mandatory"],
      ["aws-docdb-cluster-protected", BACKUP, "high", "mandatory"],
      ["aws-neptune-cluster-protected", BACKUP, "high", "mandatory"],
      ["aws-lb-listener-tls", "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)", "high", "mandatory"],
      ["azure-sql-server-secure", "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)", "high", "mandatory"],
      ["gcp-sql-instance-private-tls", "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)", "high", "mandatory"],
      ["kubernetes-ingress-tls", "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)", "high", "mandatory"],
      // AWS (issue 15)
      ["aws-cloudfront-distribution-tls", TLS, "high", "mandatory"],
      ["aws-apigateway-stage-client-certificate", TLS, "high", "mandatory"],
      ["aws-apigateway-domain-name-tls", TLS, "high", "mandatory"],
      ["aws-opensearch-domain-tls", TLS, "high", "mandatory"],
      ["aws-elasticache-replication-group-tls", TLS, "high", "mandatory"],
      ["aws-msk-cluster-tls", TLS, "high", "mandatory"],
      ["aws-transfer-server-tls", TLS, "high", "mandatory"],
      ["aws-iam-least-privilege", LEAST_PRIVILEGE, "high", "mandatory"],
      ["kubernetes-rbac-least-privilege", LEAST_PRIVILEGE, "high", "mandatory"],
      // AWS (issue 15)
      ["aws-iam-account-password-policy", PASSWORDS, "medium", "mandatory"],
      ["aws-secretsmanager-secret-rotated", PASSWORDS, "medium", "mandatory"],
      ["aws-bedrock-agent-guarded", "45 CFR 164.312(a)(1); 164.312(c)(1)", "medium", "mandatory"],
    ]);
    for (const p of policies) {
      expect(p.framework).toMatchObject({
        name: "HIPAA Security Rule",
        version: "45 CFR 164 Subpart C (2013)",
      });
      expect(p.framework?.specification.length).toBeGreaterThan(10);
      // One remediation line per requirement, each led by its requirement id: this cloud's steps only.
      const rule = hipaaFramework.controls.flatMap((c) => c.rules).find((r) => r.id === p.name)!;
      const lines = (p.remediationSteps ?? "").split("\n").map(parseFindingMessage);
      expect(lines.map((l) => l.requirement)).toEqual(rule.requirements.map((r) => `${rule.id}/${r.id}`));
      for (const line of lines) expect(line.message.length).toBeGreaterThan(10);
      const control = hipaaFramework.controls.find((c) => c.rules.includes(rule))!;
      expect(controlOfTags(p.tags ?? [])).toBe(control.id);
      expect(targetOfTags(p.tags ?? [])).toBe(rule.target);
      expect(p.url).toMatch(/^https:\/\//);
      expect(p.configSchema?.properties).toHaveProperty("exemptions");
    }
  });

  it("cover all four targets", () => {
    const targets = new Set(hipaaFramework.controls.flatMap((c) => c.rules.map((r) => r.target)));
    expect(targets).toEqual(new Set(["aws", "azure", "gcp", "kubernetes"]));
  });

  it("is the HIPAA baseline plus a list of controls", () => {
    expect(hipaaFramework.baseline).toBe(hipaa);
  });

  it("take thresholds from the HIPAA baseline as config defaults", () => {
    const logs = policies.find((p) => p.name === "aws-cloudwatch-log-group-protected");
    expect(logs?.configSchema?.properties.minRetentionDays).toMatchObject({ default: 2192 });
    const logBucket = policies.find((p) => p.name === "gcp-logging-bucket-protected");
    expect(logBucket?.configSchema?.properties.minRetentionDays).toMatchObject({ default: 2192 });
    const sql = policies.find((p) => p.name === "gcp-sql-instance-protected");
    expect(sql?.configSchema?.properties.minBackupRetentionDays).toMatchObject({ default: 7 });
    const azureKeys = policies.find((p) => p.name === "azure-keyvault-key-rotation");
    expect(azureKeys?.configSchema?.properties.maxKeyRotationDays).toMatchObject({ default: 365 });
    const azureLogs = policies.find((p) => p.name === "azure-operationalinsights-log-retention");
    expect(azureLogs?.configSchema?.properties.minRetentionDays).toMatchObject({ default: 2192 });
    const sg = policies.find((p) => p.name === "aws-ec2-security-group-admin-ports-closed");
    expect(sg?.configSchema?.properties.sensitivePorts).toMatchObject({
      default: expect.arrayContaining([22, 3306, 6379]),
    });
    const pods = policies.find((p) => p.name === "kubernetes-pod-security-restricted");
    expect(pods?.configSchema?.properties.allowedHostPorts).toMatchObject({ default: [] });
    // AWS (issue 15)
    for (const name of [
      "aws-rds-cluster-protected",
      "aws-redshift-cluster-protected",
      "aws-backup-plan-retention",
    ]) {
      const policy = policies.find((p) => p.name === name);
      expect(policy?.configSchema?.properties.minBackupRetentionDays, name).toMatchObject({ default: 7 });
    }
    const passwords = policies.find((p) => p.name === "aws-iam-account-password-policy");
    expect(passwords?.configSchema?.properties).toMatchObject({
      minPasswordLength: { default: 14 },
      minPasswordReusePrevention: { default: 24 },
      maxPasswordAgeDays: { default: 90 },
    });
  });
});
