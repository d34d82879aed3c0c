/** AWS SageMaker AI rules (aws v7): notebook instances, domains, models and endpoint configurations. */
import type * as sagemaker from "@pulumi/aws/sagemaker";
import { resourceRule, type Props } from "../../rule";

type Notebook = Props<sagemaker.NotebookInstanceArgs>;
type Domain = Props<sagemaker.DomainArgs>;
type Model = Props<sagemaker.ModelArgs>;
type EndpointConfiguration = Props<sagemaker.EndpointConfigurationArgs>;

export const sagemakerNotebookInstanceHardened = resourceRule({
  id: "aws-sagemaker-notebook-instance-hardened",
  description:
    "SageMaker notebook instances run in a VPC without direct internet access or root, on a customer-key-encrypted volume",
  target: "aws",
  types: ["aws:sagemaker/notebookInstance:NotebookInstance"],
  requirements: [
    {
      id: "no-direct-internet",
      description: "The notebook reaches the internet only through the VPC",
      remediation:
        'Set directInternetAccess "Disabled" (the default is "Enabled") with subnetId and securityGroups.',
      check: (props: Notebook) =>
        props.directInternetAccess === "Disabled" ? [] : ["directInternetAccess is not Disabled"],
    },
    {
      id: "in-vpc",
      description: "The notebook's network interface is in a VPC subnet",
      remediation: "Set subnetId and securityGroups.",
      check: (props: Notebook) => ("subnetId" in props ? [] : ["subnetId names no VPC subnet"]),
    },
    {
      id: "no-root",
      description: "Notebook users do not get root",
      remediation: 'Set rootAccess "Disabled" (the default is "Enabled").',
      check: (props: Notebook) => (props.rootAccess === "Disabled" ? [] : ["rootAccess is not Disabled"]),
    },
    {
      id: "customer-key",
      description: "The notebook's storage volume is encrypted with a customer-managed key",
      remediation: "Set kmsKeyId to a customer-managed KMS key.",
      check: (props: Notebook) => ("kmsKeyId" in props ? [] : ["kmsKeyId names no customer-managed key"]),
    },
  ],
});

export const sagemakerDomainHardened = resourceRule({
  id: "aws-sagemaker-domain-hardened",
  description:
    "SageMaker Studio domains send traffic only through their VPC and encrypt storage with a customer key",
  target: "aws",
  types: ["aws:sagemaker/domain:Domain"],
  requirements: [
    {
      id: "vpc-only",
      description: "Studio apps reach the internet only through the domain's VPC",
      remediation: 'Set appNetworkAccessType "VpcOnly" (the default is "PublicInternetOnly").',
      check: (props: Domain) =>
        props.appNetworkAccessType === "VpcOnly" ? [] : ["appNetworkAccessType is not VpcOnly"],
    },
    {
      id: "customer-key",
      description: "The domain's EFS volume is encrypted with a customer-managed key",
      remediation: "Set kmsKeyId to a customer-managed KMS key.",
      check: (props: Domain) => ("kmsKeyId" in props ? [] : ["kmsKeyId names no customer-managed key"]),
    },
  ],
});

export const sagemakerModelIsolated = resourceRule({
  id: "aws-sagemaker-model-isolated",
  description: "SageMaker models run network-isolated, inside a VPC",
  target: "aws",
  types: ["aws:sagemaker/model:Model"],
  requirements: [
    {
      id: "network-isolation",
      description: "The model container can make no inbound or outbound network calls",
      remediation: "Set enableNetworkIsolation: true (off unless set).",
      check: (props: Model) =>
        props.enableNetworkIsolation === true ? [] : ["enableNetworkIsolation is not true"],
    },
    {
      id: "in-vpc",
      description: "Hosting and batch transform run in the model's VPC subnets",
      remediation: "Set vpcConfig { subnets, securityGroupIds }.",
      check: (props: Model) => ("subnets" in (props.vpcConfig ?? {}) ? [] : ["vpcConfig names no subnets"]),
    },
  ],
});

export const sagemakerEndpointConfigurationEncrypted = resourceRule({
  id: "aws-sagemaker-endpoint-configuration-encrypted",
  description: "SageMaker endpoint configurations encrypt the hosting volume with a customer-managed key",
  target: "aws",
  types: ["aws:sagemaker/endpointConfiguration:EndpointConfiguration"],
  requirements: [
    {
      id: "customer-key",
      description: "The ML storage volume behind the endpoint is encrypted with a customer-managed key",
      remediation: "Set kmsKeyArn to a customer-managed KMS key.",
      check: (props: EndpointConfiguration) =>
        "kmsKeyArn" in props ? [] : ["kmsKeyArn names no customer-managed key"],
    },
  ],
});
