import { hipaa } from "@palisade/core";
import { describe, expect, it } from "vitest";
import { buildPolicies } from "../pack";
import { expectFrameworkPolicies } from "../test-support";
import { hipaaFramework } from "./hipaa";

describe("the HIPAA pack's policies", () => {
  const policies = buildPolicies(hipaaFramework);

  it("are exactly these, each with its framework metadata", () => {
    expect(policies.map((p) => [p.name, p.framework?.reference, p.severity, p.enforcementLevel])).toEqual([
      ["aws-s3-bucket-sse-kms", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["azure-storage-account-secure", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["azure-keyvault-vault-protected", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["gcp-storage-bucket-secure", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["azure-compute-disk-encrypted", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["azure-cosmosdb-account-cmk", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["azure-synapse-workspace-cmk", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["azure-cognitiveservices-account-cmk", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["azure-machinelearningservices-workspace-cmk", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["azure-dbforpostgresql-server-cmk", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["azure-dbformysql-server-cmk", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["azure-servicebus-namespace-cmk", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["azure-eventhub-namespace-cmk", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["azure-sql-server-cmk", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["azure-datafactory-factory-cmk", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["gcp-compute-disk-cmek", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["gcp-cloudfunctions-function-cmek", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["gcp-cloudrun-service-cmek", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["gcp-vertex-ai-resource-cmek", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["gcp-bigquery-dataset-cmek", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["gcp-bigquery-table-cmek", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["gcp-pubsub-topic-cmek", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["gcp-spanner-database-cmek", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["gcp-redis-instance-cmek", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["gcp-filestore-instance-cmek", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["aws-redshift-cluster-encrypted", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["aws-dms-replication-instance-encrypted", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["aws-kinesis-stream-encrypted", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["aws-kinesis-firehose-delivery-stream-encrypted", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["aws-sns-topic-encrypted", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["aws-sqs-queue-encrypted", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["aws-dynamodb-table-encrypted", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["aws-ecr-repository-encrypted", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["aws-opensearch-domain-encrypted", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["aws-elasticsearch-domain-encrypted", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["aws-backup-vault-encrypted", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["aws-ssm-parameter-encrypted", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["aws-ebs-volume-encrypted", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["aws-efs-file-system-encrypted", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["aws-elasticache-replication-group-encrypted", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["aws-secretsmanager-secret-encrypted", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["aws-sagemaker-endpoint-configuration-encrypted", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["aws-msk-cluster-encrypted", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["aws-athena-workgroup-encrypted", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["aws-glue-security-configuration-encrypted", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      [
        "aws-glue-data-catalog-encryption-settings-encrypted",
        "45 CFR 164.312(a)(2)(iv)",
        "high",
        "mandatory",
      ],
      ["aws-bedrock-resource-encrypted", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["aws-codebuild-project-encrypted", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["aws-apigateway-method-settings-cache-encrypted", "45 CFR 164.312(a)(2)(iv)", "high", "mandatory"],
      ["aws-kms-key-rotation", "45 CFR 164.312(a)(2)(iv)", "medium", "mandatory"],
      ["azure-keyvault-key-rotation", "45 CFR 164.312(a)(2)(iv)", "medium", "mandatory"],
      ["gcp-kms-crypto-key-rotation", "45 CFR 164.312(a)(2)(iv)", "medium", "mandatory"],
      ["aws-s3-bucket-public-access-block", "45 CFR 164.312(a)(1); 164.312(e)(1)", "critical", "mandatory"],
      ["azure-cosmosdb-account-private", "45 CFR 164.312(a)(1); 164.312(e)(1)", "critical", "mandatory"],
      ["azure-redis-cache-private", "45 CFR 164.312(a)(1); 164.312(e)(1)", "critical", "mandatory"],
      ["azure-synapse-workspace-private", "45 CFR 164.312(a)(1); 164.312(e)(1)", "critical", "mandatory"],
      [
        "azure-cognitiveservices-account-private",
        "45 CFR 164.312(a)(1); 164.312(e)(1)",
        "critical",
        "mandatory",
      ],
      [
        "azure-machinelearningservices-workspace-private",
        "45 CFR 164.312(a)(1); 164.312(e)(1)",
        "critical",
        "mandatory",
      ],
      [
        "azure-dbforpostgresql-server-private",
        "45 CFR 164.312(a)(1); 164.312(e)(1)",
        "critical",
        "mandatory",
      ],
      ["azure-dbformysql-server-private", "45 CFR 164.312(a)(1); 164.312(e)(1)", "critical", "mandatory"],
      ["azure-servicebus-namespace-private", "45 CFR 164.312(a)(1); 164.312(e)(1)", "critical", "mandatory"],
      ["azure-eventhub-namespace-private", "45 CFR 164.312(a)(1); 164.312(e)(1)", "critical", "mandatory"],
      ["azure-datafactory-factory-private", "45 CFR 164.312(a)(1); 164.312(e)(1)", "critical", "mandatory"],
      ["gcp-cloudfunctions-function-private", "45 CFR 164.312(a)(1); 164.312(e)(1)", "critical", "mandatory"],
      ["gcp-cloudrun-service-private", "45 CFR 164.312(a)(1); 164.312(e)(1)", "critical", "mandatory"],
      ["gcp-vertex-ai-endpoint-private", "45 CFR 164.312(a)(1); 164.312(e)(1)", "critical", "mandatory"],
      ["aws-rds-instance-not-public", "45 CFR 164.312(a)(1); 164.312(e)(1)", "critical", "mandatory"],
      ["aws-redshift-cluster-not-public", "45 CFR 164.312(a)(1); 164.312(e)(1)", "critical", "mandatory"],
      [
        "aws-dms-replication-instance-not-public",
        "45 CFR 164.312(a)(1); 164.312(e)(1)",
        "critical",
        "mandatory",
      ],
      [
        "aws-ecr-repository-policy-not-public",
        "45 CFR 164.312(a)(1); 164.312(e)(1)",
        "critical",
        "mandatory",
      ],
      ["aws-opensearch-domain-in-vpc", "45 CFR 164.312(a)(1); 164.312(e)(1)", "critical", "mandatory"],
      ["aws-elasticsearch-domain-in-vpc", "45 CFR 164.312(a)(1); 164.312(e)(1)", "critical", "mandatory"],
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
      ["azure-network-interface-guarded", "45 CFR 164.312(e)(1); 164.312(a)(1)", "high", "mandatory"],
      ["aws-eks-node-group-no-open-ssh", "45 CFR 164.312(e)(1); 164.312(a)(1)", "high", "mandatory"],
      ["aws-ec2-default-security-group-closed", "45 CFR 164.312(e)(1); 164.312(a)(1)", "high", "mandatory"],
      ["aws-cloudtrail-trail-secure", "45 CFR 164.312(b); 164.312(c)(2)", "high", "mandatory"],
      ["azure-keyvault-vault-diagnostic-settings", "45 CFR 164.312(b); 164.312(c)(2)", "high", "mandatory"],
      ["gcp-iam-audit-config-complete", "45 CFR 164.312(b); 164.312(c)(2)", "high", "mandatory"],
      ["aws-apigateway-stage-logged", "45 CFR 164.312(b); 164.312(c)(2)", "high", "mandatory"],
      ["aws-apigateway-method-settings-logged", "45 CFR 164.312(b); 164.312(c)(2)", "high", "mandatory"],
      ["aws-opensearch-domain-logged", "45 CFR 164.312(b); 164.312(c)(2)", "high", "mandatory"],
      ["aws-elasticsearch-domain-logged", "45 CFR 164.312(b); 164.312(c)(2)", "high", "mandatory"],
      ["aws-transfer-server-logged", "45 CFR 164.312(b); 164.312(c)(2)", "high", "mandatory"],
      [
        "aws-bedrockmodel-invocation-logging-delivered",
        "45 CFR 164.312(b); 164.312(c)(2)",
        "high",
        "mandatory",
      ],
      ["aws-lb-load-balancer-logged", "45 CFR 164.312(b); 164.312(c)(2)", "high", "mandatory"],
      ["aws-elb-load-balancer-logged", "45 CFR 164.312(b); 164.312(c)(2)", "high", "mandatory"],
      ["aws-redshift-cluster-logged", "45 CFR 164.312(b); 164.312(c)(2)", "high", "mandatory"],
      ["aws-s3-bucket-access-logged", "45 CFR 164.312(b); 164.312(c)(2)", "high", "mandatory"],
      ["aws-wafv2-web-acl-logged", "45 CFR 164.312(b); 164.312(c)(2)", "high", "mandatory"],
      ["aws-rds-instance-logged", "45 CFR 164.312(b); 164.312(c)(2)", "high", "mandatory"],
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
      ["aws-ecr-repository-integrity", "45 CFR 164.312(c)(1); 164.308(a)(7)(ii)(A)", "medium", "mandatory"],
      [
        "aws-lb-load-balancer-drops-invalid-headers",
        "45 CFR 164.312(c)(1); 164.308(a)(7)(ii)(A)",
        "medium",
        "mandatory",
      ],
      ["aws-ec2-instance-hardened", "45 CFR 164.312(a)(1); 164.312(a)(2)(iv)", "high", "mandatory"],
      ["gcp-compute-instance-hardened", "45 CFR 164.312(a)(1); 164.312(a)(2)(iv)", "high", "mandatory"],
      [
        "azure-compute-virtual-machine-hardened",
        "45 CFR 164.312(a)(1); 164.312(a)(2)(iv)",
        "high",
        "mandatory",
      ],
      [
        "azure-machinelearningservices-compute-isolated",
        "45 CFR 164.312(a)(1); 164.312(a)(2)(iv)",
        "high",
        "mandatory",
      ],
      ["gcp-container-nodes-hardened", "45 CFR 164.312(a)(1); 164.312(a)(2)(iv)", "high", "mandatory"],
      ["gcp-workbench-instance-hardened", "45 CFR 164.312(a)(1); 164.312(a)(2)(iv)", "high", "mandatory"],
      [
        "aws-sagemaker-notebook-instance-hardened",
        "45 CFR 164.312(a)(1); 164.312(a)(2)(iv)",
        "high",
        "mandatory",
      ],
      ["aws-sagemaker-domain-hardened", "45 CFR 164.312(a)(1); 164.312(a)(2)(iv)", "high", "mandatory"],
      ["aws-sagemaker-model-isolated", "45 CFR 164.312(a)(1); 164.312(a)(2)(iv)", "high", "mandatory"],
      ["aws-lambda-function-hardened", "45 CFR 164.312(a)(1); 164.312(a)(2)(iv)", "high", "mandatory"],
      ["aws-ec2-subnet-no-public-ip", "45 CFR 164.312(a)(1); 164.312(a)(2)(iv)", "high", "mandatory"],
      [
        "aws-autoscaling-group-elb-health-check",
        "45 CFR 164.312(a)(1); 164.312(a)(2)(iv)",
        "high",
        "mandatory",
      ],
      ["aws-emr-cluster-secured", "45 CFR 164.312(a)(1); 164.312(a)(2)(iv)", "high", "mandatory"],
      [
        "aws-elasticbeanstalk-environment-hardened",
        "45 CFR 164.312(a)(1); 164.312(a)(2)(iv)",
        "high",
        "mandatory",
      ],
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
      [
        "kubernetes-service-account-token-automount",
        "45 CFR 164.312(a)(1); 164.308(a)(4)",
        "high",
        "mandatory",
      ],
      ["kubernetes-workload-secrets-as-files", "45 CFR 164.312(a)(1); 164.308(a)(4)", "high", "mandatory"],
      ["kubernetes-workload-namespace-owned", "45 CFR 164.312(a)(1); 164.308(a)(4)", "high", "mandatory"],
      ["kubernetes-namespace-default-deny", "45 CFR 164.312(e)(1); 164.312(a)(1)", "high", "mandatory"],
      ["kubernetes-service-not-public", "45 CFR 164.312(e)(1); 164.312(a)(1)", "high", "mandatory"],
      ["aws-rds-instance-protected", "45 CFR 164.308(a)(7)(ii)(A)-(C); 164.312(c)(1)", "high", "mandatory"],
      ["aws-rds-instance-multi-az", "45 CFR 164.308(a)(7)(ii)(A)-(C); 164.312(c)(1)", "high", "mandatory"],
      ["gcp-sql-instance-protected", "45 CFR 164.308(a)(7)(ii)(A)-(C); 164.312(c)(1)", "high", "mandatory"],
      ["aws-rds-cluster-protected", "45 CFR 164.308(a)(7)(ii)(A)-(C); 164.312(c)(1)", "high", "mandatory"],
      [
        "aws-redshift-cluster-protected",
        "45 CFR 164.308(a)(7)(ii)(A)-(C); 164.312(c)(1)",
        "high",
        "mandatory",
      ],
      ["aws-dynamodb-table-protected", "45 CFR 164.308(a)(7)(ii)(A)-(C); 164.312(c)(1)", "high", "mandatory"],
      ["aws-backup-plan-retention", "45 CFR 164.308(a)(7)(ii)(A)-(C); 164.312(c)(1)", "high", "mandatory"],
      [
        "aws-elasticache-replication-group-protected",
        "45 CFR 164.308(a)(7)(ii)(A)-(C); 164.312(c)(1)",
        "high",
        "mandatory",
      ],
      ["aws-docdb-cluster-protected", "45 CFR 164.308(a)(7)(ii)(A)-(C); 164.312(c)(1)", "high", "mandatory"],
      [
        "aws-neptune-cluster-protected",
        "45 CFR 164.308(a)(7)(ii)(A)-(C); 164.312(c)(1)",
        "high",
        "mandatory",
      ],
      [
        "aws-elb-load-balancer-resilient",
        "45 CFR 164.308(a)(7)(ii)(A)-(C); 164.312(c)(1)",
        "high",
        "mandatory",
      ],
      ["aws-s3-bucket-replicated", "45 CFR 164.308(a)(7)(ii)(A)-(C); 164.312(c)(1)", "high", "mandatory"],
      [
        "aws-lb-load-balancer-protected",
        "45 CFR 164.308(a)(7)(ii)(A)-(C); 164.312(c)(1)",
        "high",
        "mandatory",
      ],
      ["aws-lb-listener-tls", "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)", "high", "mandatory"],
      ["azure-sql-server-secure", "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)", "high", "mandatory"],
      ["gcp-sql-instance-private-tls", "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)", "high", "mandatory"],
      ["kubernetes-ingress-tls", "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)", "high", "mandatory"],
      ["azure-cosmosdb-account-tls", "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)", "high", "mandatory"],
      ["azure-redis-cache-tls", "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)", "high", "mandatory"],
      ["azure-web-app-tls", "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)", "high", "mandatory"],
      [
        "azure-dbforpostgresql-configuration-tls",
        "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)",
        "high",
        "mandatory",
      ],
      ["azure-dbformysql-configuration-tls", "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)", "high", "mandatory"],
      ["azure-servicebus-namespace-tls", "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)", "high", "mandatory"],
      ["azure-eventhub-namespace-tls", "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)", "high", "mandatory"],
      ["azure-sql-managed-instance-secure", "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)", "high", "mandatory"],
      ["gcp-compute-ssl-policy-modern-tls", "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)", "high", "mandatory"],
      ["gcp-compute-target-proxy-tls", "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)", "high", "mandatory"],
      ["gcp-redis-instance-tls", "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)", "high", "mandatory"],
      ["kubernetes-service-tls", "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)", "high", "mandatory"],
      ["aws-cloudfront-distribution-tls", "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)", "high", "mandatory"],
      [
        "aws-apigateway-stage-client-certificate",
        "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)",
        "high",
        "mandatory",
      ],
      ["aws-apigateway-domain-name-tls", "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)", "high", "mandatory"],
      ["aws-opensearch-domain-tls", "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)", "high", "mandatory"],
      ["aws-elasticsearch-domain-tls", "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)", "high", "mandatory"],
      [
        "aws-elasticache-replication-group-tls",
        "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)",
        "high",
        "mandatory",
      ],
      ["aws-msk-cluster-tls", "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)", "high", "mandatory"],
      ["aws-transfer-server-tls", "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)", "high", "mandatory"],
      ["aws-elb-load-balancer-tls", "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)", "high", "mandatory"],
      ["aws-redshift-cluster-tls", "45 CFR 164.312(e)(1); 164.312(e)(2)(ii)", "high", "mandatory"],
      [
        "aws-iam-least-privilege",
        "45 CFR 164.308(a)(3)(i); 164.308(a)(4)(ii)(B); 164.312(a)(1)",
        "high",
        "mandatory",
      ],
      [
        "kubernetes-rbac-least-privilege",
        "45 CFR 164.308(a)(3)(i); 164.308(a)(4)(ii)(B); 164.312(a)(1)",
        "high",
        "mandatory",
      ],
      ["azure-cosmosdb-account-identity-auth", "45 CFR 164.312(a)(2)(i); 164.312(d)", "high", "mandatory"],
      ["azure-redis-cache-identity-auth", "45 CFR 164.312(a)(2)(i); 164.312(d)", "high", "mandatory"],
      ["azure-synapse-workspace-identity-auth", "45 CFR 164.312(a)(2)(i); 164.312(d)", "high", "mandatory"],
      [
        "azure-cognitiveservices-account-identity-auth",
        "45 CFR 164.312(a)(2)(i); 164.312(d)",
        "high",
        "mandatory",
      ],
      [
        "azure-machinelearningservices-compute-identity-auth",
        "45 CFR 164.312(a)(2)(i); 164.312(d)",
        "high",
        "mandatory",
      ],
      [
        "azure-servicebus-namespace-identity-auth",
        "45 CFR 164.312(a)(2)(i); 164.312(d)",
        "high",
        "mandatory",
      ],
      ["azure-eventhub-namespace-identity-auth", "45 CFR 164.312(a)(2)(i); 164.312(d)", "high", "mandatory"],
      ["azure-sql-server-identity-auth", "45 CFR 164.312(a)(2)(i); 164.312(d)", "high", "mandatory"],
      ["azure-datafactory-factory-identity-auth", "45 CFR 164.312(a)(2)(i); 164.312(d)", "high", "mandatory"],
      ["gcp-redis-instance-auth", "45 CFR 164.312(a)(2)(i); 164.312(d)", "high", "mandatory"],
      [
        "kubernetes-workload-image-digest",
        "45 CFR 164.308(a)(5)(ii)(B); 164.312(c)(1)",
        "medium",
        "advisory",
      ],
      ["aws-iam-account-password-policy", "45 CFR 164.308(a)(5)(ii)(D)", "medium", "mandatory"],
      ["aws-secretsmanager-secret-rotated", "45 CFR 164.308(a)(5)(ii)(D)", "medium", "mandatory"],
      ["aws-bedrock-agent-guarded", "45 CFR 164.312(a)(1); 164.312(c)(1)", "medium", "mandatory"],
    ]);
    expectFrameworkPolicies(hipaaFramework);
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
