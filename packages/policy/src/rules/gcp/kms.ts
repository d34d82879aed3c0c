/** Cloud KMS rules (gcp v9 kms). */
import type * as kms from "@pulumi/gcp/kms";
import { baselineSetting, resourceRule, type Props } from "../../rule";

type CryptoKey = Props<kms.CryptoKeyArgs>;

export const cryptoKeyRotation = resourceRule({
  id: "gcp-kms-crypto-key-rotation",
  description: "Cloud KMS keys rotate automatically, at least as often as the baseline requires",
  target: "gcp",
  types: ["gcp:kms/cryptoKey:CryptoKey"],
  config: { maxKeyRotationDays: baselineSetting("maxKeyRotationDays", { type: "integer", minimum: 1 }) },
  requirements: [
    {
      id: "automatic-rotation",
      description: "The key rotates automatically (a rotationPeriod is set)",
      remediation: 'Set rotationPeriod, in seconds with an "s" suffix (e.g. "7776000s" for 90 days).',
      check: (props: CryptoKey) => ("rotationPeriod" in props ? [] : ["rotationPeriod is not set"]),
    },
    {
      id: "rotation-period",
      description: "The rotation period is no longer than maxKeyRotationDays",
      remediation: "Set rotationPeriod to at most maxKeyRotationDays × 86400 seconds.",
      check: (props: CryptoKey, { config }) => {
        if (!("rotationPeriod" in props)) return [];
        const seconds = Number(String(props.rotationPeriod).replace(/s$/, ""));
        const max = Number(config.maxKeyRotationDays);
        return Number.isNaN(seconds) || seconds > max * 86400
          ? [`rotationPeriod exceeds maxKeyRotationDays ${max} (or is not a number of seconds)`]
          : [];
      },
    },
  ],
});
