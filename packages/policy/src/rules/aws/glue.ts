/** AWS Glue rules (aws v7): security configurations and the Data Catalog's encryption settings. */
import type * as glue from "@pulumi/aws/glue";
import { resourceRule, type Props } from "../../rule";

type SecurityConfiguration = Props<glue.SecurityConfigurationArgs>;
type CatalogSettings = Props<glue.DataCatalogEncryptionSettingsArgs>;

/** A block sets `mode` to one of `modes` and names a kmsKeyArn. */
const kms = (block: any, modeField: string, modes: string[]) =>
  modes.includes(block?.[modeField]) && "kmsKeyArn" in (block ?? {});

export const glueSecurityConfigurationEncrypted = resourceRule({
  id: "aws-glue-security-configuration-encrypted",
  description:
    "Glue security configurations encrypt job output, logs and bookmarks with a customer-managed KMS key",
  target: "aws",
  types: ["aws:glue/securityConfiguration:SecurityConfiguration"],
  requirements: [
    {
      id: "s3-customer-key",
      description: "Data jobs write to S3 is encrypted with SSE-KMS under a customer-managed key",
      remediation: 'Set encryptionConfiguration.s3Encryption { s3EncryptionMode: "SSE-KMS", kmsKeyArn }.',
      // Provider default for each mode: DISABLED.
      check: (props: SecurityConfiguration) =>
        kms(props.encryptionConfiguration?.s3Encryption, "s3EncryptionMode", ["SSE-KMS"])
          ? []
          : ["encryptionConfiguration.s3Encryption sets no KMS mode with a kmsKeyArn"],
    },
    {
      id: "logs-customer-key",
      description: "Job logs in CloudWatch are encrypted under a customer-managed key",
      remediation:
        'Set encryptionConfiguration.cloudwatchEncryption { cloudwatchEncryptionMode: "SSE-KMS", kmsKeyArn }.',
      check: (props: SecurityConfiguration) =>
        kms(props.encryptionConfiguration?.cloudwatchEncryption, "cloudwatchEncryptionMode", ["SSE-KMS"])
          ? []
          : ["encryptionConfiguration.cloudwatchEncryption sets no KMS mode with a kmsKeyArn"],
    },
    {
      id: "bookmarks-customer-key",
      description: "Job bookmarks are encrypted under a customer-managed key",
      remediation:
        'Set encryptionConfiguration.jobBookmarksEncryption { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn }.',
      check: (props: SecurityConfiguration) =>
        kms(props.encryptionConfiguration?.jobBookmarksEncryption, "jobBookmarksEncryptionMode", ["CSE-KMS"])
          ? []
          : ["encryptionConfiguration.jobBookmarksEncryption sets no KMS mode with a kmsKeyArn"],
    },
  ],
});

export const glueDataCatalogEncryptionSettingsEncrypted = resourceRule({
  id: "aws-glue-data-catalog-encryption-settings-encrypted",
  description:
    "The Glue Data Catalog encrypts metadata and connection passwords with customer-managed KMS keys",
  target: "aws",
  types: ["aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings"],
  requirements: [
    {
      id: "catalog-customer-key",
      description: "Catalog metadata is encrypted with SSE-KMS under a customer-managed key",
      remediation:
        'Set dataCatalogEncryptionSettings.encryptionAtRest { catalogEncryptionMode: "SSE-KMS", sseAwsKmsKeyId }.',
      check: (props: CatalogSettings) => {
        const atRest = props.dataCatalogEncryptionSettings?.encryptionAtRest ?? {};
        return String(atRest.catalogEncryptionMode).startsWith("SSE-KMS") && "sseAwsKmsKeyId" in atRest
          ? []
          : ["dataCatalogEncryptionSettings.encryptionAtRest sets no KMS mode with an sseAwsKmsKeyId"];
      },
    },
    {
      id: "connection-passwords",
      description: "Connection passwords stay encrypted under a customer-managed key",
      remediation:
        "Set dataCatalogEncryptionSettings.connectionPasswordEncryption { returnConnectionPasswordEncrypted: true, awsKmsKeyId }.",
      check: (props: CatalogSettings) => {
        const passwords = props.dataCatalogEncryptionSettings?.connectionPasswordEncryption ?? {};
        return passwords.returnConnectionPasswordEncrypted === true && "awsKmsKeyId" in passwords
          ? []
          : [
              "dataCatalogEncryptionSettings.connectionPasswordEncryption does not encrypt with an awsKmsKeyId",
            ];
      },
    },
  ],
});
