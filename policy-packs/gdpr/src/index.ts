/**
 * The Palisade GDPR pack. Run it with `pulumi preview --policy-pack policy-packs/gdpr` (after
 * `pnpm build`) or offline with `palisade preview <project> --policy-pack policy-packs/gdpr`.
 * The controls, their citations and rules live in @palisade/policy; see docs/controls/gdpr.md.
 */
import { PolicyPack } from "@pulumi/policy";
import { buildPolicies, gdprFramework } from "@palisade/policy";

new PolicyPack(gdprFramework.packName, { policies: buildPolicies(gdprFramework) });
