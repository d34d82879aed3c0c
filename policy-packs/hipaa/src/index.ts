/**
 * The Palisade HIPAA pack. Run it with `pulumi preview --policy-pack policy-packs/hipaa` (after
 * `pnpm build`) or offline with `palisade preview <project> --policy-pack policy-packs/hipaa`.
 * The controls, their citations and rules live in @palisade/policy; see docs/controls/hipaa.md.
 */
import { PolicyPack } from "@pulumi/policy";
import { buildPolicies, hipaaFramework } from "@palisade/policy";

new PolicyPack(hipaaFramework.packName, { policies: buildPolicies(hipaaFramework) });
