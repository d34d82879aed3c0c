/** AWS OpenSearch Service rules (aws v7). */
import type * as opensearch from "@pulumi/aws/opensearch";
import { resourceRule, type Props } from "../../rule";

type Domain = Props<opensearch.DomainArgs>;
const DOMAIN = "aws:opensearch/domain:Domain";

export const opensearchDomainEncrypted = resourceRule({
  id: "aws-opensearch-domain-encrypted",
  description: "OpenSearch domains encrypt indices at rest with a customer-managed KMS key",
  target: "aws",
  types: [DOMAIN],
  requirements: [
    {
      id: "encrypted-at-rest",
      description: "Indices, logs and snapshots are encrypted at rest",
      remediation: "Set encryptAtRest { enabled: true } (off when the block is omitted).",
      check: (props: Domain) =>
        props.encryptAtRest?.enabled === true ? [] : ["encryptAtRest.enabled is not true"],
    },
    {
      id: "customer-key",
      description: "Encryption at rest uses a customer-managed key (unset, the AWS-managed aws/es key)",
      remediation: "Set encryptAtRest.kmsKeyId to a customer-managed KMS key ARN.",
      check: (props: Domain) =>
        "kmsKeyId" in (props.encryptAtRest ?? {})
          ? []
          : ["encryptAtRest.kmsKeyId names no customer-managed key"],
    },
  ],
});

export const opensearchDomainTls = resourceRule({
  id: "aws-opensearch-domain-tls",
  description: "OpenSearch domains take only HTTPS with TLS 1.2 or newer and encrypt traffic between nodes",
  target: "aws",
  types: [DOMAIN],
  requirements: [
    {
      id: "https-only",
      description: "The endpoint refuses plain HTTP",
      remediation: "Remove domainEndpointOptions.enforceHttps: false (the provider's default is true).",
      // Provider default: enforceHttps true.
      check: (props: Domain) =>
        props.domainEndpointOptions?.enforceHttps === false
          ? ["domainEndpointOptions.enforceHttps is false"]
          : [],
    },
    {
      id: "tls-version",
      description: "The endpoint requires TLS 1.2 or newer",
      remediation: 'Set domainEndpointOptions.tlsSecurityPolicy "Policy-Min-TLS-1-2-PFS-2023-10".',
      // The provider documents no default (and does not detect drift when unset): only an explicit TLS 1.2 policy passes.
      check: (props: Domain) =>
        String(props.domainEndpointOptions?.tlsSecurityPolicy).startsWith("Policy-Min-TLS-1-2-")
          ? []
          : ["domainEndpointOptions.tlsSecurityPolicy does not require TLS 1.2"],
    },
    {
      id: "node-to-node",
      description: "Traffic between the domain's nodes is encrypted",
      remediation: "Set nodeToNodeEncryption { enabled: true } (off when the block is omitted).",
      check: (props: Domain) =>
        props.nodeToNodeEncryption?.enabled === true ? [] : ["nodeToNodeEncryption.enabled is not true"],
    },
  ],
});

export const opensearchDomainInVpc = resourceRule({
  id: "aws-opensearch-domain-in-vpc",
  description: "OpenSearch domains are reachable only inside a VPC",
  target: "aws",
  types: [DOMAIN],
  requirements: [
    {
      id: "vpc",
      description: "The domain is placed in VPC subnets, with no public endpoint",
      remediation:
        "Set vpcOptions { subnetIds, securityGroupIds } (a domain without vpcOptions gets a public endpoint).",
      check: (props: Domain) =>
        "subnetIds" in (props.vpcOptions ?? {}) ? [] : ["vpcOptions names no subnetIds"],
    },
  ],
});

/** Whether logPublishingOptions publishes `logType` (an entry is enabled unless it says otherwise). */
const publishes = (props: Domain, logType: string) =>
  ((props.logPublishingOptions as any[] | undefined) ?? []).some(
    (o) => o?.logType === logType && o?.enabled !== false,
  );

export const opensearchDomainLogged = resourceRule({
  id: "aws-opensearch-domain-logged",
  description: "OpenSearch domains publish their error and audit logs to CloudWatch Logs",
  target: "aws",
  types: [DOMAIN],
  requirements: [
    {
      id: "error-logs",
      description: "Application error logs are published",
      remediation: 'Add logPublishingOptions { logType: "ES_APPLICATION_LOGS", cloudwatchLogGroupArn }.',
      check: (props: Domain) =>
        publishes(props, "ES_APPLICATION_LOGS")
          ? []
          : ["logPublishingOptions does not publish application logs"],
    },
    {
      id: "audit-logs",
      description: "Audit logs (who read or changed what) are published",
      remediation:
        'Enable advancedSecurityOptions and add logPublishingOptions { logType: "AUDIT_LOGS", cloudwatchLogGroupArn }.',
      check: (props: Domain) =>
        publishes(props, "AUDIT_LOGS") ? [] : ["logPublishingOptions does not publish audit logs"],
    },
  ],
});
