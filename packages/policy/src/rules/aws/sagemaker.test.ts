import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import {
  sagemakerDomainHardened,
  sagemakerEndpointConfigurationEncrypted,
  sagemakerModelIsolated,
  sagemakerNotebookInstanceHardened,
} from "./sagemaker";

const key = "arn:aws:kms:us-east-1:123456789012:key/k";

const notebook = (props: Record<string, unknown>): KitResource => ({
  type: "aws:sagemaker/notebookInstance:NotebookInstance",
  name: "research",
  props: {
    instanceType: "ml.t3.medium",
    roleArn: "arn:aws:iam::123456789012:role/nb",
    directInternetAccess: "Disabled",
    subnetId: "subnet-1",
    securityGroups: ["sg-1"],
    rootAccess: "Disabled",
    kmsKeyId: key,
    ...props,
  },
});

describeRule(sagemakerNotebookInstanceHardened, {
  baseline: hipaa,
  compliant: [notebook({}), notebook({ subnetId: UNKNOWN, kmsKeyId: UNKNOWN })],
  requirements: {
    "no-direct-internet": {
      violating: [
        notebook({ directInternetAccess: "Enabled" }),
        notebook({ directInternetAccess: undefined }),
      ],
      unknown: [notebook({ directInternetAccess: UNKNOWN })],
    },
    "in-vpc": {
      violating: [notebook({ subnetId: undefined })],
      unknown: [],
      decidedWhenUnknown: [notebook({ subnetId: UNKNOWN })],
    },
    "no-root": {
      violating: [notebook({ rootAccess: "Enabled" }), notebook({ rootAccess: undefined })],
      unknown: [notebook({ rootAccess: UNKNOWN })],
    },
    "customer-key": {
      violating: [notebook({ kmsKeyId: undefined })],
      unknown: [],
      decidedWhenUnknown: [notebook({ kmsKeyId: UNKNOWN })],
    },
  },
});

const domain = (props: Record<string, unknown>): KitResource => ({
  type: "aws:sagemaker/domain:Domain",
  name: "studio",
  props: {
    domainName: "studio",
    authMode: "IAM",
    vpcId: "vpc-1",
    subnetIds: ["subnet-1"],
    defaultUserSettings: { executionRole: "arn:aws:iam::123456789012:role/studio" },
    appNetworkAccessType: "VpcOnly",
    kmsKeyId: key,
    ...props,
  },
});

describeRule(sagemakerDomainHardened, {
  baseline: hipaa,
  compliant: [domain({}), domain({ kmsKeyId: UNKNOWN })],
  requirements: {
    "vpc-only": {
      violating: [
        domain({ appNetworkAccessType: "PublicInternetOnly" }),
        domain({ appNetworkAccessType: undefined }),
      ],
      unknown: [domain({ appNetworkAccessType: UNKNOWN })],
    },
    "customer-key": {
      violating: [domain({ kmsKeyId: undefined })],
      unknown: [],
      decidedWhenUnknown: [domain({ kmsKeyId: UNKNOWN })],
    },
  },
});

const model = (props: Record<string, unknown>): KitResource => ({
  type: "aws:sagemaker/model:Model",
  name: "triage-model",
  props: {
    executionRoleArn: "arn:aws:iam::123456789012:role/model",
    primaryContainer: { image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/triage:1" },
    enableNetworkIsolation: true,
    vpcConfig: { subnets: ["subnet-1"], securityGroupIds: ["sg-1"] },
    ...props,
  },
});

describeRule(sagemakerModelIsolated, {
  baseline: hipaa,
  compliant: [model({}), model({ vpcConfig: { subnets: UNKNOWN, securityGroupIds: UNKNOWN } })],
  requirements: {
    "network-isolation": {
      violating: [model({ enableNetworkIsolation: false }), model({ enableNetworkIsolation: undefined })],
      unknown: [model({ enableNetworkIsolation: UNKNOWN })],
    },
    "in-vpc": {
      violating: [model({ vpcConfig: undefined }), model({ vpcConfig: { securityGroupIds: ["sg-1"] } })],
      unknown: [model({ vpcConfig: UNKNOWN })],
      decidedWhenUnknown: [model({ vpcConfig: { subnets: UNKNOWN, securityGroupIds: ["sg-1"] } })],
    },
  },
});

const endpointConfig = (props: Record<string, unknown>): KitResource => ({
  type: "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
  name: "triage-endpoint",
  props: {
    productionVariants: [{ variantName: "main", modelName: "triage", initialInstanceCount: 1 }],
    kmsKeyArn: key,
    ...props,
  },
});

describeRule(sagemakerEndpointConfigurationEncrypted, {
  baseline: hipaa,
  compliant: [endpointConfig({}), endpointConfig({ kmsKeyArn: UNKNOWN })],
  requirements: {
    "customer-key": {
      violating: [endpointConfig({ kmsKeyArn: undefined })],
      unknown: [],
      decidedWhenUnknown: [endpointConfig({ kmsKeyArn: UNKNOWN })],
    },
  },
});
