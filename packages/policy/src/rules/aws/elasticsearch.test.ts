/**
 * The Elasticsearch rules are searchDomainRules' (opensearch.ts) on the legacy type token: their cases run
 * in opensearch.test.ts, once per API. Here: the ids, and that they judge Elasticsearch domains only.
 */
import { hipaa } from "@palisade/core";
import { describe, expect, it } from "vitest";
import { analyzeRule, requirementsOf, type KitResource } from "../../test-support";
import {
  elasticsearchDomainEncrypted,
  elasticsearchDomainInVpc,
  elasticsearchDomainLogged,
  elasticsearchDomainTls,
} from "./elasticsearch";

const rules = [
  elasticsearchDomainEncrypted,
  elasticsearchDomainTls,
  elasticsearchDomainInVpc,
  elasticsearchDomainLogged,
];
const bare = (type: string): KitResource => ({
  type,
  name: "search",
  props: { elasticsearchVersion: "7.10" },
});

describe("the Elasticsearch domain rules", () => {
  it("are named for the service", () => {
    expect(rules.map((r) => r.id)).toEqual([
      "aws-elasticsearch-domain-encrypted",
      "aws-elasticsearch-domain-tls",
      "aws-elasticsearch-domain-in-vpc",
      "aws-elasticsearch-domain-logged",
    ]);
  });

  it("judge a bare Elasticsearch domain on every requirement, and an OpenSearch domain not at all", async () => {
    for (const rule of rules) {
      const run = (type: string) => analyzeRule(rule, bare(type), { baseline: hipaa });
      const ids = rule.requirements
        .map((r) => `${rule.id}/${r.id}`)
        .filter((id) => !id.endsWith("/https-only"));
      expect(requirementsOf(await run("aws:elasticsearch/domain:Domain"))).toEqual(ids);
      expect(requirementsOf(await run("aws:opensearch/domain:Domain"))).toEqual([]);
    }
  });
});
