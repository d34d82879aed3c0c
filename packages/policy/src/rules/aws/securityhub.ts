/** AWS Security Hub rules (aws v7): findings collected in every region a stack uses (GDPR Art. 33/34). */
import { everyResourceOf, stackRule } from "../../rule";
import { DETECTION_MANAGED_CENTRALLY_SETTING, detectionManagedElsewhere } from "../scope";
import { regionsLacking } from "./residency";

export const securityhubAccountPerRegion = stackRule({
  id: "aws-securityhub-account-per-region",
  description: "Security Hub is enabled in every region the stack's resources are in",
  target: "aws",
  types: [everyResourceOf("aws")],
  config: { detectionManagedCentrally: DETECTION_MANAGED_CENTRALLY_SETTING },
  requirements: [
    {
      id: "hub-in-every-region",
      description: "Each region the stack's regional resources use has a Security Hub Account",
      remediation:
        "Add an aws.securityhub.Account in each region the stack uses, or set detectionManagedCentrally when an organisation's delegated administrator enables Security Hub.",
      perStack: true,
      outOfScope: (_props, { config }) => detectionManagedElsewhere(config),
      // An Account resource is Security Hub enabled in its region; it has no off switch.
      check: (_props, { stack }) =>
        regionsLacking(stack, ["aws:securityhub/account:Account"], () => true) > 0
          ? ["a region the stack's resources use has no Security Hub Account"]
          : [],
    },
  ],
});
