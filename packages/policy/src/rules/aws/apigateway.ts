/** AWS API Gateway rules (aws v7): REST (apigateway) and HTTP/WebSocket (apigatewayv2) APIs. */
import type * as apigateway from "@pulumi/aws/apigateway";
import type * as apigatewayv2 from "@pulumi/aws/apigatewayv2";
import { resourceRule, type Props } from "../../rule";

type Stage = Props<apigateway.StageArgs & apigatewayv2.StageArgs>;
type MethodSettings = Props<apigateway.MethodSettingsArgs>;
type DomainName = Props<apigateway.DomainNameArgs>;

const REST_STAGE = "aws:apigateway/stage:Stage";
const V2_STAGE = "aws:apigatewayv2/stage:Stage";

export const apigatewayStageLogged = resourceRule({
  id: "aws-apigateway-stage-logged",
  description: "API Gateway stages write access logs, and REST stages trace requests with X-Ray",
  target: "aws",
  types: [REST_STAGE, V2_STAGE],
  requirements: [
    {
      id: "access-logs",
      description: "Every request to the stage is recorded in an access log",
      remediation:
        "Set accessLogSettings { destinationArn: <CloudWatch log group or Firehose ARN>, format: <JSON format> }.",
      // No access logs unless accessLogSettings names a destination.
      check: (props: Stage) =>
        "destinationArn" in (props.accessLogSettings ?? {})
          ? []
          : ["accessLogSettings names no destinationArn"],
    },
    {
      id: "xray-tracing",
      description: "Active X-Ray tracing follows each request through the REST API",
      remediation: "Set xrayTracingEnabled: true (the provider's default is false).",
      types: [REST_STAGE],
      check: (props: Stage) => (props.xrayTracingEnabled === true ? [] : ["xrayTracingEnabled is not true"]),
    },
  ],
});

export const apigatewayStageClientCertificate = resourceRule({
  id: "aws-apigateway-stage-client-certificate",
  description: "REST API stages present a client certificate their backends can verify",
  target: "aws",
  types: [REST_STAGE],
  requirements: [
    {
      id: "client-certificate",
      description: "The stage authenticates to its HTTP backends with a client certificate",
      remediation: "Create an aws.apigateway.ClientCertificate and set clientCertificateId on the stage.",
      check: (props: Stage) =>
        "clientCertificateId" in props ? [] : ["clientCertificateId names no client certificate"],
    },
  ],
});

const METHOD_SETTINGS = ["aws:apigateway/methodSettings:MethodSettings"];

export const apigatewayMethodSettingsLogged = resourceRule({
  id: "aws-apigateway-method-settings-logged",
  description: "REST API method settings log execution and keep request and response bodies out of the logs",
  target: "aws",
  types: METHOD_SETTINGS,
  requirements: [
    {
      id: "execution-logging",
      description: "Execution logs record errors at least (loggingLevel ERROR or INFO)",
      remediation: 'Set settings.loggingLevel "ERROR" or "INFO".',
      // Unset or OFF writes no execution logs.
      check: (props: MethodSettings) =>
        ["ERROR", "INFO"].includes(String(props.settings?.loggingLevel))
          ? []
          : ["settings.loggingLevel is neither ERROR nor INFO"],
    },
    {
      id: "no-data-trace",
      description: "Full request and response bodies (which may hold ePHI) are not written to the logs",
      remediation: "Remove settings.dataTraceEnabled: true.",
      check: (props: MethodSettings) =>
        props.settings?.dataTraceEnabled === true ? ["settings.dataTraceEnabled is true"] : [],
    },
  ],
});

export const apigatewayMethodSettingsCacheEncrypted = resourceRule({
  id: "aws-apigateway-method-settings-cache-encrypted",
  description:
    "REST API method settings encrypt cached responses (API Gateway's cache takes no customer key; its own encryption is the most it offers)",
  target: "aws",
  types: METHOD_SETTINGS,
  requirements: [
    {
      id: "cache-encrypted",
      description: "Cached responses are encrypted",
      remediation: "Set settings.cacheDataEncrypted: true wherever settings.cachingEnabled is true.",
      check: (props: MethodSettings) =>
        props.settings?.cachingEnabled === true && props.settings?.cacheDataEncrypted !== true
          ? ["settings.cachingEnabled is true without settings.cacheDataEncrypted"]
          : [],
    },
  ],
});

/** REST custom-domain security policies of TLS 1.2 or newer (TLS_1_2, SecurityPolicy_TLS13_*, ...). */
const MODERN_DOMAIN_POLICY = /^(TLS_1_2|SecurityPolicy_TLS1[23]_)/;

export const apigatewayDomainNameTls = resourceRule({
  id: "aws-apigateway-domain-name-tls",
  description: "REST API custom domains accept only TLS 1.2 or newer",
  target: "aws",
  types: ["aws:apigateway/domainName:DomainName"],
  requirements: [
    {
      id: "tls-version",
      description: "The domain's security policy requires TLS 1.2 or newer",
      remediation: 'Set securityPolicy "TLS_1_2" (or a SecurityPolicy_TLS13_* policy).',
      // The provider documents no default and AWS has changed it over time: only an explicit policy is judged safe.
      check: (props: DomainName) =>
        MODERN_DOMAIN_POLICY.test(String(props.securityPolicy ?? ""))
          ? []
          : ["securityPolicy does not require TLS 1.2 or newer"],
    },
  ],
});
