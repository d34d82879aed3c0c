/**
 * Vertex AI Workbench rules (gcp v9 workbench Instance, and the legacy notebooks Instance): notebook VMs
 * get an external IP and Google-managed disk keys (diskEncryption GMEK) unless told otherwise.
 */
import type * as notebooks from "@pulumi/gcp/notebooks";
import type * as workbench from "@pulumi/gcp/workbench";
import { resourceRule, type Props } from "../../rule";

const WORKBENCH = "gcp:workbench/instance:Instance";
const LEGACY = "gcp:notebooks/instance:Instance";

type Instance = Props<workbench.InstanceArgs>;
type LegacyInstance = Props<notebooks.InstanceArgs>;

/** A disk encrypted with a named Cloud KMS key. */
const cmek = (disk: Record<string, any> | undefined): boolean =>
  disk?.diskEncryption === "CMEK" && "kmsKey" in disk;

export const workbenchInstanceHardened = resourceRule({
  id: "gcp-workbench-instance-hardened",
  description:
    "Vertex AI Workbench instances have no external IP and encrypt their disks with a Cloud KMS key",
  target: "gcp",
  types: [WORKBENCH, LEGACY],
  requirements: [
    {
      id: "no-public-ip",
      description:
        "No external IP is assigned (gceSetup.disablePublicIp, or noPublicIp on legacy instances, default to false)",
      remediation:
        "Set gceSetup.disablePublicIp: true (legacy: noPublicIp: true) and reach the notebook through its proxy or IAP.",
      check: (props, { type }) =>
        type === LEGACY
          ? (props as LegacyInstance).noPublicIp === true
            ? []
            : ["noPublicIp is not true"]
          : (props as Instance).gceSetup?.disablePublicIp === true
            ? []
            : ["gceSetup.disablePublicIp is not true"],
    },
    {
      id: "customer-key",
      description: 'Boot and data disks use diskEncryption "CMEK" with kmsKey (the default is GMEK)',
      remediation:
        'Set gceSetup.bootDisk and gceSetup.dataDisks diskEncryption "CMEK" with kmsKey (legacy: diskEncryption "CMEK" and kmsKey).',
      check: (props, { type }) => {
        if (type === LEGACY) return cmek(props) ? [] : ["diskEncryption is not CMEK with a kmsKey"];
        const setup = (props as Instance).gceSetup ?? {};
        return [
          ...(cmek(setup.bootDisk) ? [] : ["gceSetup.bootDisk is not CMEK with a kmsKey"]),
          ...(cmek(setup.dataDisks) ? [] : ["gceSetup.dataDisks is not CMEK with a kmsKey"]),
        ];
      },
    },
  ],
});
