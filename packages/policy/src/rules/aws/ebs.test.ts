import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { ebsVolumeEncrypted } from "./ebs";

const key = "arn:aws:kms:us-east-1:123456789012:key/k";
const volume = (props: Record<string, unknown>): KitResource => ({
  type: "aws:ebs/volume:Volume",
  name: "data",
  props: { availabilityZone: "us-east-1a", size: 100, encrypted: true, kmsKeyId: key, ...props },
});
const copy = (props: Record<string, unknown>): KitResource => ({
  type: "aws:ebs/snapshotCopy:SnapshotCopy",
  name: "copy",
  props: { sourceSnapshotId: "snap-1", sourceRegion: "us-east-1", encrypted: true, kmsKeyId: key, ...props },
});

describeRule(ebsVolumeEncrypted, {
  baseline: hipaa,
  compliant: [volume({}), copy({}), volume({ kmsKeyId: UNKNOWN })],
  requirements: {
    encrypted: {
      violating: [
        volume({ encrypted: false }),
        volume({ encrypted: undefined }),
        copy({ encrypted: undefined }),
      ],
      unknown: [volume({ encrypted: UNKNOWN })],
    },
    "customer-key": {
      violating: [volume({ kmsKeyId: undefined }), copy({ kmsKeyId: undefined })],
      unknown: [],
      decidedWhenUnknown: [copy({ kmsKeyId: UNKNOWN })],
    },
  },
});
