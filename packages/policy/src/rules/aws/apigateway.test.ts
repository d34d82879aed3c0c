import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import {
  apigatewayDomainNameTls,
  apigatewayMethodSettingsCacheEncrypted,
  apigatewayMethodSettingsLogged,
  apigatewayStageClientCertificate,
  apigatewayStageLogged,
} from "./apigateway";

const logs = { destinationArn: "arn:aws:logs:us-east-1:123456789012:log-group:api", format: "{}" };

const restStage = (props: Record<string, unknown>): KitResource => ({
  type: "aws:apigateway/stage:Stage",
  name: "prod",
  props: {
    stageName: "prod",
    accessLogSettings: logs,
    xrayTracingEnabled: true,
    clientCertificateId: "cert-1",
    ...props,
  },
});
const httpStage = (props: Record<string, unknown>): KitResource => ({
  type: "aws:apigatewayv2/stage:Stage",
  name: "http",
  props: { name: "$default", accessLogSettings: logs, ...props },
});

describeRule(apigatewayStageLogged, {
  baseline: hipaa,
  compliant: [
    restStage({}),
    // X-Ray is judged on REST stages only.
    httpStage({}),
    restStage({ accessLogSettings: { destinationArn: UNKNOWN, format: "{}" } }),
  ],
  requirements: {
    "access-logs": {
      violating: [
        restStage({ accessLogSettings: undefined }),
        restStage({ accessLogSettings: { format: "{}" } }),
        httpStage({ accessLogSettings: undefined }),
      ],
      unknown: [httpStage({ accessLogSettings: UNKNOWN })],
      decidedWhenUnknown: [httpStage({ accessLogSettings: { destinationArn: UNKNOWN, format: "{}" } })],
    },
    "xray-tracing": {
      violating: [restStage({ xrayTracingEnabled: false }), restStage({ xrayTracingEnabled: undefined })],
      unknown: [restStage({ xrayTracingEnabled: UNKNOWN })],
    },
  },
});

describeRule(apigatewayStageClientCertificate, {
  baseline: hipaa,
  compliant: [restStage({}), restStage({ clientCertificateId: UNKNOWN })],
  requirements: {
    "client-certificate": {
      violating: [restStage({ clientCertificateId: undefined })],
      unknown: [],
      decidedWhenUnknown: [restStage({ clientCertificateId: UNKNOWN })],
    },
  },
});

const methodSettings = (settings: Record<string, unknown>): KitResource => ({
  type: "aws:apigateway/methodSettings:MethodSettings",
  name: "all-methods",
  props: { methodPath: "*/*", stageName: "prod", settings: { loggingLevel: "ERROR", ...settings } },
});

describeRule(apigatewayMethodSettingsLogged, {
  baseline: hipaa,
  compliant: [
    methodSettings({}),
    methodSettings({ loggingLevel: "INFO", dataTraceEnabled: false }),
    methodSettings({ cachingEnabled: true }),
  ],
  requirements: {
    "execution-logging": {
      violating: [methodSettings({ loggingLevel: "OFF" }), methodSettings({ loggingLevel: undefined })],
      unknown: [methodSettings({ loggingLevel: UNKNOWN })],
    },
    "no-data-trace": {
      violating: [methodSettings({ dataTraceEnabled: true })],
      unknown: [methodSettings({ dataTraceEnabled: UNKNOWN })],
    },
  },
});

describeRule(apigatewayMethodSettingsCacheEncrypted, {
  baseline: hipaa,
  compliant: [
    methodSettings({}),
    methodSettings({ cachingEnabled: true, cacheDataEncrypted: true }),
    methodSettings({ cachingEnabled: false }),
    methodSettings({ loggingLevel: "OFF" }),
  ],
  requirements: {
    "cache-encrypted": {
      violating: [
        methodSettings({ cachingEnabled: true }),
        methodSettings({ cachingEnabled: true, cacheDataEncrypted: false }),
      ],
      unknown: [
        methodSettings({ cachingEnabled: UNKNOWN, cacheDataEncrypted: false }),
        methodSettings({ cachingEnabled: true, cacheDataEncrypted: UNKNOWN }),
      ],
      decidedWhenUnknown: [methodSettings({ cachingEnabled: false, cacheDataEncrypted: UNKNOWN })],
    },
  },
});

const domain = (props: Record<string, unknown>): KitResource => ({
  type: "aws:apigateway/domainName:DomainName",
  name: "api-domain",
  props: { domainName: "api.example.com", securityPolicy: "TLS_1_2", ...props },
});

describeRule(apigatewayDomainNameTls, {
  baseline: hipaa,
  compliant: [
    domain({}),
    domain({ securityPolicy: "SecurityPolicy_TLS13_1_3_2025_09" }),
    domain({ securityPolicy: "SecurityPolicy_TLS12_PFS_2025_EDGE" }),
  ],
  requirements: {
    "tls-version": {
      violating: [
        domain({ securityPolicy: "TLS_1_0" }),
        domain({ securityPolicy: undefined }),
        domain({ securityPolicy: "SecurityPolicy_TLS11_2025" }),
      ],
      unknown: [domain({ securityPolicy: UNKNOWN })],
    },
  },
});
