import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { glueDataCatalogEncryptionSettingsEncrypted, glueSecurityConfigurationEncrypted } from "./glue";

const key = "arn:aws:kms:us-east-1:123456789012:key/k";
const s3 = { s3EncryptionMode: "SSE-KMS", kmsKeyArn: key };
const logs = { cloudwatchEncryptionMode: "SSE-KMS", kmsKeyArn: key };
const bookmarks = { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn: key };

const config = (encryption: Record<string, unknown>): KitResource => ({
  type: "aws:glue/securityConfiguration:SecurityConfiguration",
  name: "etl",
  props: {
    name: "etl",
    encryptionConfiguration: {
      s3Encryption: s3,
      cloudwatchEncryption: logs,
      jobBookmarksEncryption: bookmarks,
      ...encryption,
    },
  },
});

describeRule(glueSecurityConfigurationEncrypted, {
  baseline: hipaa,
  compliant: [config({}), config({ s3Encryption: { s3EncryptionMode: "SSE-KMS", kmsKeyArn: UNKNOWN } })],
  requirements: {
    "s3-customer-key": {
      violating: [
        config({ s3Encryption: { s3EncryptionMode: "SSE-S3" } }),
        config({ s3Encryption: { s3EncryptionMode: "DISABLED", kmsKeyArn: key } }),
        config({ s3Encryption: { s3EncryptionMode: "SSE-KMS" } }),
        config({ s3Encryption: undefined }),
      ],
      unknown: [config({ s3Encryption: { s3EncryptionMode: UNKNOWN, kmsKeyArn: key } })],
    },
    "logs-customer-key": {
      violating: [
        config({ cloudwatchEncryption: { cloudwatchEncryptionMode: "DISABLED", kmsKeyArn: key } }),
        config({ cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS" } }),
      ],
      unknown: [config({ cloudwatchEncryption: { cloudwatchEncryptionMode: UNKNOWN, kmsKeyArn: key } })],
    },
    "bookmarks-customer-key": {
      violating: [
        config({ jobBookmarksEncryption: { jobBookmarksEncryptionMode: "DISABLED", kmsKeyArn: key } }),
        config({ jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS" } }),
      ],
      unknown: [config({ jobBookmarksEncryption: { jobBookmarksEncryptionMode: UNKNOWN, kmsKeyArn: key } })],
    },
  },
});

const catalog = (settings: Record<string, unknown>): KitResource => ({
  type: "aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings",
  name: "catalog",
  props: {
    dataCatalogEncryptionSettings: {
      encryptionAtRest: { catalogEncryptionMode: "SSE-KMS", sseAwsKmsKeyId: key },
      connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true, awsKmsKeyId: key },
      ...settings,
    },
  },
});

describeRule(glueDataCatalogEncryptionSettingsEncrypted, {
  baseline: hipaa,
  compliant: [
    catalog({}),
    catalog({
      encryptionAtRest: {
        catalogEncryptionMode: "SSE-KMS-WITH-SERVICE-ROLE",
        sseAwsKmsKeyId: UNKNOWN,
        catalogEncryptionServiceRole: "arn:aws:iam::123456789012:role/glue",
      },
    }),
  ],
  requirements: {
    "catalog-customer-key": {
      violating: [
        catalog({ encryptionAtRest: { catalogEncryptionMode: "DISABLED" } }),
        catalog({ encryptionAtRest: { catalogEncryptionMode: "SSE-KMS" } }),
      ],
      unknown: [catalog({ encryptionAtRest: { catalogEncryptionMode: UNKNOWN, sseAwsKmsKeyId: key } })],
    },
    "connection-passwords": {
      violating: [
        catalog({
          connectionPasswordEncryption: { returnConnectionPasswordEncrypted: false, awsKmsKeyId: key },
        }),
        catalog({ connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true } }),
      ],
      unknown: [
        catalog({
          connectionPasswordEncryption: { returnConnectionPasswordEncrypted: UNKNOWN, awsKmsKeyId: key },
        }),
      ],
    },
  },
});
