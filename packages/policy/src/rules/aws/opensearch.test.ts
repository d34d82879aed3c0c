import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import {
  elasticsearchDomainEncrypted,
  elasticsearchDomainInVpc,
  elasticsearchDomainLogged,
  elasticsearchDomainTls,
} from "./elasticsearch";
import {
  opensearchDomainEncrypted,
  opensearchDomainInVpc,
  opensearchDomainLogged,
  opensearchDomainTls,
  type SearchDomainRules,
} from "./opensearch";

const group = "arn:aws:logs:us-east-1:123456789012:log-group:search";
const slowLogs = [
  { logType: "SEARCH_SLOW_LOGS", cloudwatchLogGroupArn: group },
  { logType: "INDEX_SLOW_LOGS", cloudwatchLogGroupArn: group },
];

/**
 * The cases of searchDomainRules, for each API it serves: OpenSearch, and legacy Elasticsearch (whose rules
 * elasticsearch.ts makes with the same factory, on the same inputs).
 */
function describeSearchDomain(rules: SearchDomainRules, type: string, version: Record<string, string>): void {
  const domain = (props: Record<string, unknown>): KitResource => ({
    type,
    name: "search",
    props: {
      ...version,
      encryptAtRest: { enabled: true, kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k" },
      domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" },
      nodeToNodeEncryption: { enabled: true },
      vpcOptions: { subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"] },
      logPublishingOptions: [
        { logType: "ES_APPLICATION_LOGS", cloudwatchLogGroupArn: group },
        { logType: "AUDIT_LOGS", cloudwatchLogGroupArn: group, enabled: true },
        ...slowLogs,
      ],
      ...props,
    },
  });

  describeRule(rules.encrypted, {
    baseline: hipaa,
    compliant: [domain({}), domain({ encryptAtRest: { enabled: true, kmsKeyId: UNKNOWN } })],
    requirements: {
      "encrypted-at-rest": {
        violating: [domain({ encryptAtRest: { enabled: false, kmsKeyId: "k-1" } })],
        unknown: [domain({ encryptAtRest: { enabled: UNKNOWN, kmsKeyId: "k-1" } })],
      },
      "customer-key": {
        violating: [domain({ encryptAtRest: { enabled: true } })],
        unknown: [],
        decidedWhenUnknown: [domain({ encryptAtRest: { enabled: true, kmsKeyId: UNKNOWN } })],
      },
    },
  });

  describeRule(rules.tls, {
    baseline: hipaa,
    compliant: [
      domain({}),
      // enforceHttps defaults to true.
      domain({ domainEndpointOptions: { tlsSecurityPolicy: "Policy-Min-TLS-1-2-2019-07" } }),
    ],
    requirements: {
      "https-only": {
        violating: [
          domain({
            domainEndpointOptions: { enforceHttps: false, tlsSecurityPolicy: "Policy-Min-TLS-1-2-2019-07" },
          }),
        ],
        unknown: [
          domain({
            domainEndpointOptions: { enforceHttps: UNKNOWN, tlsSecurityPolicy: "Policy-Min-TLS-1-2-2019-07" },
          }),
        ],
      },
      "tls-version": {
        violating: [
          domain({
            domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-0-2019-07" },
          }),
          domain({ domainEndpointOptions: { enforceHttps: true } }),
          domain({ domainEndpointOptions: undefined }),
        ],
        unknown: [domain({ domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: UNKNOWN } })],
      },
      "node-to-node": {
        violating: [
          domain({ nodeToNodeEncryption: undefined }),
          domain({ nodeToNodeEncryption: { enabled: false } }),
        ],
        unknown: [domain({ nodeToNodeEncryption: { enabled: UNKNOWN } })],
      },
    },
  });

  describeRule(rules.inVpc, {
    baseline: hipaa,
    compliant: [domain({}), domain({ vpcOptions: { subnetIds: UNKNOWN } })],
    requirements: {
      vpc: {
        violating: [
          domain({ vpcOptions: undefined }),
          domain({ vpcOptions: { securityGroupIds: ["sg-1"] } }),
        ],
        unknown: [domain({ vpcOptions: UNKNOWN })],
        decidedWhenUnknown: [domain({ vpcOptions: { subnetIds: UNKNOWN } })],
      },
    },
  });

  const app = { logType: "ES_APPLICATION_LOGS", cloudwatchLogGroupArn: group };
  const audit = { logType: "AUDIT_LOGS", cloudwatchLogGroupArn: group };
  // The slow logs first: a requirement reading an unknown entry after them leaves slow-logs judged.
  const logs = (...entries: Record<string, unknown>[]) =>
    domain({ logPublishingOptions: [...slowLogs, ...entries] });

  describeRule(rules.logged, {
    baseline: hipaa,
    compliant: [domain({}), logs(audit, app)],
    requirements: {
      "error-logs": {
        violating: [logs(audit), logs(audit, { ...app, enabled: false })],
        unknown: [logs(audit, { logType: UNKNOWN, cloudwatchLogGroupArn: group })],
      },
      "audit-logs": {
        violating: [logs(app), logs(app, { ...audit, enabled: false })],
        unknown: [logs(app, { ...audit, enabled: UNKNOWN })],
      },
      "slow-logs": {
        violating: [
          domain({ logPublishingOptions: [app, audit] }),
          domain({ logPublishingOptions: [app, audit, slowLogs[0]] }),
          domain({ logPublishingOptions: [app, audit, slowLogs[1], { ...slowLogs[0], enabled: false }] }),
        ],
        unknown: [domain({ logPublishingOptions: [app, audit, { ...slowLogs[0], logType: UNKNOWN }] })],
      },
    },
  });
}

describeSearchDomain(
  {
    encrypted: opensearchDomainEncrypted,
    tls: opensearchDomainTls,
    inVpc: opensearchDomainInVpc,
    logged: opensearchDomainLogged,
  },
  "aws:opensearch/domain:Domain",
  { engineVersion: "OpenSearch_2.13" },
);
describeSearchDomain(
  {
    encrypted: elasticsearchDomainEncrypted,
    tls: elasticsearchDomainTls,
    inVpc: elasticsearchDomainInVpc,
    logged: elasticsearchDomainLogged,
  },
  "aws:elasticsearch/domain:Domain",
  { elasticsearchVersion: "7.10" },
);
