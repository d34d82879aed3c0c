/**
 * The Palisade FINRA pack (FINRA 4511, SEC 17a-4). Run it with `pulumi preview --policy-pack
 * policy-packs/finra` (after `pnpm build`) or offline with `palisade preview <project> --policy-pack
 * policy-packs/finra`. The controls, their citations and rules live in @palisade/policy; see
 * docs/controls/finra.md.
 */
import { PolicyPack } from "@pulumi/policy";
import { buildPolicies, finraFramework } from "@palisade/policy";

new PolicyPack(finraFramework.packName, { policies: buildPolicies(finraFramework) });
