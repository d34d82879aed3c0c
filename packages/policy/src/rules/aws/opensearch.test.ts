import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import {
  opensearchDomainEncrypted,
  opensearchDomainInVpc,
  opensearchDomainLogged,
  opensearchDomainTls,
} from "./opensearch";

const group = "arn:aws:logs:us-east-1:123456789012:log-group:search";

const domain = (props: Record<string, unknown>): KitResource => ({
  type: "aws:opensearch/domain:Domain",
  name: "search",
  props: {
    engineVersion: "OpenSearch_2.13",
    encryptAtRest: { enabled: true, kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k" },
    domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" },
    nodeToNodeEncryption: { enabled: true },
    vpcOptions: { subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"] },
    logPublishingOptions: [
      { logType: "ES_APPLICATION_LOGS", cloudwatchLogGroupArn: group },
      { logType: "AUDIT_LOGS", cloudwatchLogGroupArn: group, enabled: true },
    ],
    ...props,
  },
});

describeRule(opensearchDomainEncrypted, {
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

describeRule(opensearchDomainTls, {
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

describeRule(opensearchDomainInVpc, {
  baseline: hipaa,
  compliant: [domain({}), domain({ vpcOptions: { subnetIds: UNKNOWN } })],
  requirements: {
    vpc: {
      violating: [domain({ vpcOptions: undefined }), domain({ vpcOptions: { securityGroupIds: ["sg-1"] } })],
      unknown: [domain({ vpcOptions: UNKNOWN })],
      decidedWhenUnknown: [domain({ vpcOptions: { subnetIds: UNKNOWN } })],
    },
  },
});

describeRule(opensearchDomainLogged, {
  baseline: hipaa,
  compliant: [domain({})],
  requirements: {
    "error-logs": {
      violating: [
        domain({ logPublishingOptions: [{ logType: "AUDIT_LOGS", cloudwatchLogGroupArn: group }] }),
        domain({
          logPublishingOptions: [
            { logType: "AUDIT_LOGS", cloudwatchLogGroupArn: group },
            { logType: "ES_APPLICATION_LOGS", cloudwatchLogGroupArn: group, enabled: false },
          ],
        }),
      ],
      unknown: [
        domain({
          logPublishingOptions: [
            { logType: "AUDIT_LOGS", cloudwatchLogGroupArn: group },
            { logType: UNKNOWN, cloudwatchLogGroupArn: group },
          ],
        }),
      ],
    },
    "audit-logs": {
      violating: [
        domain({ logPublishingOptions: [{ logType: "ES_APPLICATION_LOGS", cloudwatchLogGroupArn: group }] }),
        domain({
          logPublishingOptions: [
            { logType: "ES_APPLICATION_LOGS", cloudwatchLogGroupArn: group },
            { logType: "AUDIT_LOGS", cloudwatchLogGroupArn: group, enabled: false },
          ],
        }),
      ],
      unknown: [
        domain({
          logPublishingOptions: [
            { logType: "ES_APPLICATION_LOGS", cloudwatchLogGroupArn: group },
            { logType: "AUDIT_LOGS", cloudwatchLogGroupArn: group, enabled: UNKNOWN },
          ],
        }),
      ],
    },
  },
});
