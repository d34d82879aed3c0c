/** Compute Engine rules. */
import type * as compute from "@pulumi/gcp/compute";
import { resourceRule } from "../../rule";
import { truthy, type Props } from "./props";

/**
 * Compute Engine instances: no external address, Shielded VM secure boot and integrity monitoring, a boot
 * disk under a customer key, no serial console and no project-wide SSH keys (unless OS Login governs SSH).
 */
export const instanceHardened = resourceRule({
  id: "gcp-compute-instance-hardened",
  description:
    "Compute Engine instances have no external IP, use Shielded VM, encrypt the boot disk with a customer key and close the serial console and project SSH keys",
  target: "gcp",
  types: ["gcp:compute/instance:Instance"],
  check: (props: Props<compute.InstanceArgs>) => {
    const problems: string[] = [];
    const nics = (props.networkInterfaces as Record<string, any>[] | undefined) ?? [];
    nics.forEach((nic, i) => {
      if (((nic?.accessConfigs as unknown[] | undefined) ?? []).length > 0)
        problems.push(`networkInterfaces[${i}].accessConfigs gives an external IPv4 address`);
      if (((nic?.ipv6AccessConfigs as unknown[] | undefined) ?? []).length > 0)
        problems.push(`networkInterfaces[${i}].ipv6AccessConfigs gives an external IPv6 address`);
    });
    const shielded = props.shieldedInstanceConfig ?? {};
    // Secure boot defaults to false, integrity monitoring to true.
    if (shielded.enableSecureBoot !== true)
      problems.push("shieldedInstanceConfig.enableSecureBoot must be true");
    if (shielded.enableIntegrityMonitoring === false)
      problems.push("shieldedInstanceConfig.enableIntegrityMonitoring must not be false");
    const boot = props.bootDisk ?? {};
    if (!["kmsKeySelfLink", "diskEncryptionKeyRaw", "diskEncryptionKeyRsa"].some((k) => k in boot))
      problems.push("bootDisk.kmsKeySelfLink must name a Cloud KMS key (or a customer-supplied key)");
    const metadata = props.metadata ?? {};
    if ("serial-port-enable" in metadata && truthy(metadata["serial-port-enable"]))
      problems.push("metadata serial-port-enable must not be true");
    const osLogin = "enable-oslogin" in metadata && truthy(metadata["enable-oslogin"]);
    if (!osLogin && !("block-project-ssh-keys" in metadata && truthy(metadata["block-project-ssh-keys"])))
      problems.push('metadata block-project-ssh-keys must be "TRUE" (or enable-oslogin "TRUE")');
    return problems;
  },
});
