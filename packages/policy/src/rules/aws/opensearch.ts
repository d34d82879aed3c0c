/**
 * AWS OpenSearch Service rules (aws v7), and the factory that also judges legacy Elasticsearch domains
 * (`elasticsearch.ts`): the two APIs take the same encryption, endpoint, VPC and log publishing inputs.
 */
import type * as elasticsearch from "@pulumi/aws/elasticsearch";
import type * as opensearch from "@pulumi/aws/opensearch";
import { resourceRule, type Props, type ResourceRule } from "../../rule";

type Domain = Props<opensearch.DomainArgs | elasticsearch.DomainArgs>;

/** Whether logPublishingOptions publishes `logType` (an entry is enabled unless it says otherwise). */
const publishes = (props: Domain, logType: string) =>
  ((props.logPublishingOptions as any[] | undefined) ?? []).some(
    (o) => o?.logType === logType && o?.enabled !== false,
  );

/** The slow logs a domain publishes for review, by log type (messages name them in words, never the value). */
const SLOW_LOGS: Record<string, string> = {
  SEARCH_SLOW_LOGS: "search slow logs",
  INDEX_SLOW_LOGS: "index slow logs",
};

export interface SearchDomainRules {
  encrypted: ResourceRule;
  tls: ResourceRule;
  inVpc: ResourceRule;
  logged: ResourceRule;
}

/**
 * The rules for a search domain of `service` (`opensearch`, or `elasticsearch` for the legacy API), named
 * `product` in descriptions, whose resources have the type token `type`.
 */
export function searchDomainRules(
  service: "opensearch" | "elasticsearch",
  product: string,
  type: string,
): SearchDomainRules {
  const base = { target: "aws", types: [type] } as const;
  const encrypted = resourceRule({
    ...base,
    id: `aws-${service}-domain-encrypted`,
    description: `${product} domains encrypt indices at rest with a customer-managed KMS key`,
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

  const tls = resourceRule({
    ...base,
    id: `aws-${service}-domain-tls`,
    description: `${product} domains take only HTTPS with TLS 1.2 or newer and encrypt traffic between nodes`,
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

  const inVpc = resourceRule({
    ...base,
    id: `aws-${service}-domain-in-vpc`,
    description: `${product} domains are reachable only inside a VPC`,
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

  const logged = resourceRule({
    ...base,
    id: `aws-${service}-domain-logged`,
    description: `${product} domains publish their error, audit and slow logs to CloudWatch Logs`,
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
      {
        id: "slow-logs",
        description: "Search and index slow logs are published",
        remediation:
          'Add logPublishingOptions entries with logType "SEARCH_SLOW_LOGS" and "INDEX_SLOW_LOGS", each with a cloudwatchLogGroupArn.',
        check: (props: Domain) =>
          Object.entries(SLOW_LOGS)
            .filter(([logType]) => !publishes(props, logType))
            .map(([, words]) => `logPublishingOptions does not publish ${words}`),
      },
    ],
  });

  return { encrypted, tls, inVpc, logged };
}

const rules = searchDomainRules("opensearch", "OpenSearch", "aws:opensearch/domain:Domain");

export const opensearchDomainEncrypted = rules.encrypted;
export const opensearchDomainTls = rules.tls;
export const opensearchDomainInVpc = rules.inVpc;
export const opensearchDomainLogged = rules.logged;
