/** Kubernetes encryption in transit: every Ingress host is served over TLS. */
import { resourceRule } from "../../rule";

const tlsOf = (props: Record<string, any>) => (props.spec?.tls as { hosts?: unknown[] }[] | undefined) ?? [];

export const ingressTls = resourceRule({
  id: "kubernetes-ingress-tls",
  description: "Ingresses terminate TLS for every host they route",
  target: "kubernetes",
  types: ["kubernetes:networking.k8s.io/v1:Ingress"],
  requirements: [
    {
      id: "tls-configured",
      description: "The Ingress terminates TLS (spec.tls is not empty)",
      remediation: "Add spec.tls with the hosts and the certificate's secretName.",
      check: (props) => (tlsOf(props).length > 0 ? [] : ["spec.tls is empty: the Ingress serves plain HTTP"]),
    },
    {
      id: "every-host",
      description: "Every host the Ingress routes is listed under spec.tls",
      remediation: "List every spec.rules host in a spec.tls entry's hosts.",
      check: (props) => {
        const tls = tlsOf(props);
        // No TLS at all is the tls-configured requirement's finding.
        if (tls.length === 0) return [];
        const covered = new Set(tls.flatMap((t) => t?.hosts ?? []));
        return ((props.spec?.rules as { host?: unknown }[] | undefined) ?? []).flatMap((rule, i) =>
          rule?.host !== undefined && !covered.has(rule.host)
            ? [`spec.rules[${i}].host is not listed in spec.tls`]
            : [],
        );
      },
    },
  ],
});
