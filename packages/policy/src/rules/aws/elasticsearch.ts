/** AWS Elasticsearch Service rules (aws v7, the legacy API): the OpenSearch rules, on the same inputs. */
import { searchDomainRules } from "./opensearch";

const rules = searchDomainRules("elasticsearch", "Elasticsearch", "aws:elasticsearch/domain:Domain");

export const elasticsearchDomainEncrypted = rules.encrypted;
export const elasticsearchDomainTls = rules.tls;
export const elasticsearchDomainInVpc = rules.inVpc;
export const elasticsearchDomainLogged = rules.logged;
