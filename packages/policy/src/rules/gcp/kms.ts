/** Cloud KMS rules. */
import type * as kms from "@pulumi/gcp/kms";
import { resourceRule } from "../../rule";
import type { Props } from "./props";

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
