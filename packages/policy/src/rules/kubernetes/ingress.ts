/** Kubernetes encryption in transit: every Ingress host is served over TLS. */
import { resourceRule } from "../../rule";

export const ingressTls = resourceRule({
  id: "kubernetes-ingress-tls",
  description: "Ingresses terminate TLS for every host they route",
  target: "kubernetes",
  types: ["kubernetes:networking.k8s.io/v1:Ingress"],
  check: (props: any) => {
    const tls = (props.spec?.tls as { hosts?: string[] }[] | undefined) ?? [];
    if (tls.length === 0) return ["spec.tls is empty: the Ingress serves plain HTTP"];
    const covered = new Set(tls.flatMap((t) => t.hosts ?? []));
    const hosts = ((props.spec?.rules as { host?: string }[] | undefined) ?? []).map((r) => r.host);
    return hosts
      .filter((h): h is string => h !== undefined && !covered.has(h))
      .map((h) => `spec.rules host ${h} is not listed in spec.tls`);
  },
});
