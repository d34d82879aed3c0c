import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { ingressTls } from "./ingress";

const rules = [{ host: "api.example.com" }, { host: "mcp.example.com" }];
const ingress = (spec: Record<string, unknown>): KitResource => ({
  type: "kubernetes:networking.k8s.io/v1:Ingress",
  name: "ingress",
  props: { metadata: { name: "i" }, spec: { rules, ...spec } },
});
const tls = (...hosts: unknown[]) => [{ hosts, secretName: "t" }];

describeRule(ingressTls, {
  baseline: hipaa,
  compliant: [
    ingress({ tls: tls("api.example.com", "mcp.example.com") }),
    ingress({ tls: [...tls("api.example.com"), ...tls("mcp.example.com")] }),
    // A rule without a host takes the TLS default.
    ingress({ rules: [{}], tls: tls("api.example.com") }),
    // The certificate secret may come from a resource created in the same preview.
    ingress({ tls: [{ hosts: ["api.example.com", "mcp.example.com"], secretName: UNKNOWN }] }),
  ],
  requirements: {
    "tls-configured": {
      violating: [ingress({}), ingress({ tls: [] })],
      unknown: [ingress({ tls: UNKNOWN })],
      readsWith: ["every-host"],
    },
    "every-host": {
      violating: [ingress({ tls: tls("api.example.com") }), ingress({ tls: [{ secretName: "t" }] })],
      unknown: [ingress({ tls: tls("api.example.com", "mcp.example.com"), rules: [{ host: UNKNOWN }] })],
    },
  },
});
