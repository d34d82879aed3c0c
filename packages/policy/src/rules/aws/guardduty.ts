/** AWS GuardDuty rules (aws v7): threat detection in every region a stack uses (GDPR Art. 33/34). */
import type * as guardduty from "@pulumi/aws/guardduty";
import { everyResourceOf, stackRule, type Props } from "../../rule";
import { DETECTION_MANAGED_CENTRALLY_SETTING, detectionManagedElsewhere } from "../scope";
import { regionsLacking } from "./residency";

export const guarddutyDetectorPerRegion = stackRule({
  id: "aws-guardduty-detector-per-region",
  description: "GuardDuty watches every region the stack's resources are in, so a breach there is detected",
  target: "aws",
  types: [everyResourceOf("aws")],
  config: { detectionManagedCentrally: DETECTION_MANAGED_CENTRALLY_SETTING },
  requirements: [
    {
      id: "detector-in-every-region",
      description:
        "Each region the stack's regional resources use has a GuardDuty Detector whose enable is not false",
      remediation:
        "Add an aws.guardduty.Detector (enable defaults to true) in each region the stack uses, or set detectionManagedCentrally when an organisation's delegated administrator enables GuardDuty.",
      perStack: true,
      outOfScope: (_props, { config }) => detectionManagedElsewhere(config),
      check: (_props, { stack }) =>
        regionsLacking(
          stack,
          ["aws:guardduty/detector:Detector"],
          // enable false suspends the detector; it defaults to true.
          (detector) => (detector.props as Props<guardduty.DetectorArgs>).enable !== false,
        ) > 0
          ? ["a region the stack's resources use has no Detector whose enable is not false"]
          : [],
    },
  ],
});
