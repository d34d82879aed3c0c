/**
 * Kubernetes Services exposed outside the cluster (NSA/CISA Kubernetes Hardening Guide, "Network
 * separation and hardening"): a LoadBalancer Service admits every address unless its source ranges say
 * otherwise or it asks the cloud for an internal load balancer, and what it exposes must not be plain HTTP.
 */
import { admitsWholeInternet } from "@palisade/core";
import { resourceRule } from "../../rule";

const SERVICE = "kubernetes:core/v1:Service";

/** The annotations each cloud reads to make a LoadBalancer Service internal, with the value that does. */
const INTERNAL: Record<string, string> = {
  "service.beta.kubernetes.io/aws-load-balancer-internal": "true",
  "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal",
  "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
  "networking.gke.io/load-balancer-type": "Internal",
  "cloud.google.com/load-balancer-type": "Internal",
};

type Spec = Record<string, any>;

/** A LoadBalancer the cloud makes internet-facing: no annotation asks for an internal one. */
const internetFacing = (props: Spec): boolean => {
  if (props.spec?.type !== "LoadBalancer") return false;
  const annotations = (props.metadata?.annotations as Record<string, unknown> | undefined) ?? {};
  return !Object.entries(INTERNAL).some(
    ([key, value]) => key in annotations && String(annotations[key]).toLowerCase() === value.toLowerCase(),
  );
};

export const serviceNotPublic = resourceRule({
  id: "kubernetes-service-not-public",
  description:
    "LoadBalancer Services are internal, or admit only the source ranges that need them (the default admits every address)",
  target: "kubernetes",
  types: [SERVICE],
  requirements: [
    {
      id: "source-ranges",
      description:
        "An internet-facing LoadBalancer Service lists loadBalancerSourceRanges that together do not cover the internet",
      remediation:
        'Set spec.loadBalancerSourceRanges to the client networks, or annotate the Service for an internal load balancer (e.g. service.beta.kubernetes.io/azure-load-balancer-internal: "true").',
      check: (props) => {
        if (!internetFacing(props)) return [];
        const ranges = (props.spec?.loadBalancerSourceRanges as unknown[] | undefined) ?? [];
        return ranges.length === 0 || admitsWholeInternet(ranges)
          ? ["spec.loadBalancerSourceRanges leaves the public load balancer open to every address"]
          : [];
      },
    },
  ],
});

/** A port that carries plain HTTP: port 80, or named or declared (appProtocol) as HTTP. */
const plainHttp = (port: Spec): boolean =>
  port.port === 80 ||
  /^http($|-)/i.test(String(port.name ?? "")) ||
  ["http", "kubernetes.io/h2c"].includes(String(port.appProtocol ?? "").toLowerCase());

export const serviceTls = resourceRule({
  id: "kubernetes-service-tls",
  description: "Internet-facing LoadBalancer Services do not serve plain HTTP",
  target: "kubernetes",
  types: [SERVICE],
  requirements: [
    {
      id: "no-plain-http",
      description:
        "No port of an internet-facing LoadBalancer Service is plain HTTP (port 80, a name starting http, or appProtocol http)",
      remediation:
        "Serve HTTPS only (port 443, TLS at the pod or at the cloud load balancer), or put the Service behind an Ingress with TLS.",
      check: (props) =>
        internetFacing(props)
          ? ((props.spec?.ports as Spec[] | undefined) ?? []).flatMap((port, i) =>
              plainHttp(port ?? {}) ? [`spec.ports[${i}] serves plain HTTP on a public load balancer`] : [],
            )
          : [],
    },
  ],
});
