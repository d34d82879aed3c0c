/** GCP rules (gcp v9 type tokens). */
import type * as kms from "@pulumi/gcp/kms";
import type * as storage from "@pulumi/gcp/storage";
import { resourceRule } from "../rule";

type Props<T> = { [K in keyof T]?: any };

export const storageBucketSecure = resourceRule({
  id: "gcp-storage-bucket-secure",
  description: "Cloud Storage buckets use CMEK, uniform access and enforced public-access prevention",
  target: "gcp",
  types: ["gcp:storage/bucket:Bucket"],
  check: (props: Props<storage.BucketArgs>) => [
    ...("defaultKmsKeyName" in (props.encryption ?? {})
      ? []
      : ["encryption.defaultKmsKeyName must name a Cloud KMS key"]),
    ...(props.uniformBucketLevelAccess === true ? [] : ["uniformBucketLevelAccess must be true"]),
    ...(props.publicAccessPrevention === "enforced" ? [] : ['publicAccessPrevention must be "enforced"']),
  ],
});

export const cryptoKeyRotation = (maxRotationDays: number) =>
  resourceRule({
    id: "gcp-kms-crypto-key-rotation",
    description: "Cloud KMS keys rotate automatically, at least as often as the baseline requires",
    target: "gcp",
    types: ["gcp:kms/cryptoKey:CryptoKey"],
    config: { maxKeyRotationDays: { type: "integer", minimum: 1, default: maxRotationDays } },
    check: (props: Props<kms.CryptoKeyArgs>, _args, config) => {
      if (!("rotationPeriod" in props) || props.rotationPeriod === undefined)
        return ["rotationPeriod must be set"];
      const seconds = Number(String(props.rotationPeriod).replace(/s$/, ""));
      const max = Number(config.maxKeyRotationDays) * 86400;
      return seconds > max
        ? [`rotationPeriod ${props.rotationPeriod} exceeds ${config.maxKeyRotationDays} days`]
        : [];
    },
  });
