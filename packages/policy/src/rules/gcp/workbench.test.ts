import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { workbenchInstanceHardened } from "./workbench";

const KEY = "projects/p/locations/us-central1/keyRings/r/cryptoKeys/k";
const disk = { diskEncryption: "CMEK", kmsKey: KEY };
const instance = (gceSetup: Record<string, unknown>): KitResource => ({
  type: "gcp:workbench/instance:Instance",
  name: "nb",
  props: {
    location: "us-central1-a",
    gceSetup: {
      machineType: "n2-standard-4",
      disablePublicIp: true,
      bootDisk: disk,
      dataDisks: disk,
      ...gceSetup,
    },
  },
});
const legacy = (props: Record<string, unknown>): KitResource => ({
  type: "gcp:notebooks/instance:Instance",
  name: "legacy",
  props: { location: "us-central1-a", machineType: "n1-standard-4", noPublicIp: true, ...disk, ...props },
});

describeRule(workbenchInstanceHardened, {
  baseline: hipaa,
  compliant: [
    instance({}),
    instance({ bootDisk: { diskEncryption: "CMEK", kmsKey: UNKNOWN }, networkInterfaces: UNKNOWN }),
    legacy({}),
  ],
  requirements: {
    "no-public-ip": {
      violating: [
        instance({ disablePublicIp: false }),
        instance({ disablePublicIp: undefined }),
        legacy({ noPublicIp: undefined }),
        legacy({ noPublicIp: false }),
      ],
      unknown: [instance({ disablePublicIp: UNKNOWN }), legacy({ noPublicIp: UNKNOWN })],
    },
    "customer-key": {
      violating: [
        instance({ bootDisk: undefined }),
        instance({ dataDisks: { diskEncryption: "GMEK" } }),
        instance({ bootDisk: { diskEncryption: "CMEK" } }),
        instance({ dataDisks: { diskEncryption: "GMEK", kmsKey: KEY } }),
        legacy({ diskEncryption: undefined, kmsKey: undefined }),
        legacy({ diskEncryption: "GMEK" }),
        legacy({ kmsKey: undefined }),
      ],
      unknown: [
        instance({ bootDisk: { diskEncryption: UNKNOWN, kmsKey: KEY } }),
        legacy({ diskEncryption: UNKNOWN }),
      ],
      decidedWhenUnknown: [instance({ dataDisks: { diskEncryption: "CMEK", kmsKey: UNKNOWN } })],
    },
  },
});
