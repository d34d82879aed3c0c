/** AWS CloudFront rules (aws v7). */
import type * as cloudfront from "@pulumi/aws/cloudfront";
import { resourceRule, type Props } from "../../rule";

type Distribution = Props<cloudfront.DistributionArgs>;

/** CloudFront security policies that admit only TLS 1.2 or newer (TLSv1.2_2018, _2019, _2021, TLSv1.3_2025...). */
const MODERN_VIEWER_POLICY = /^TLSv1\.[23]_/;
/** Origin protocols older than TLS 1.2. */
const OLD_ORIGIN_PROTOCOLS = ["SSLv3", "TLSv1", "TLSv1.1"];

export const cloudfrontDistributionTls = resourceRule({
  id: "aws-cloudfront-distribution-tls",
  description: "CloudFront distributions serve viewers and reach origins only over TLS 1.2 or newer",
  target: "aws",
  types: ["aws:cloudfront/distribution:Distribution"],
  requirements: [
    {
      id: "viewer-https",
      description: "No cache behavior serves viewers over plain HTTP",
      remediation:
        'Set viewerProtocolPolicy "redirect-to-https" or "https-only" on defaultCacheBehavior and every orderedCacheBehaviors entry.',
      check: (props: Distribution) => {
        const behaviors = [
          { path: "defaultCacheBehavior", behavior: props.defaultCacheBehavior },
          ...((props.orderedCacheBehaviors as any[] | undefined) ?? []).map((behavior, i) => ({
            path: `orderedCacheBehaviors[${i}]`,
            behavior,
          })),
        ];
        return behaviors
          .filter(({ behavior }) => behavior?.viewerProtocolPolicy === "allow-all")
          .map(({ path }) => `${path}.viewerProtocolPolicy allows plain HTTP`);
      },
    },
    {
      id: "viewer-tls-version",
      description: "Viewers must negotiate TLS 1.2 or newer",
      remediation:
        'Use a custom certificate (acmCertificateArn with sslSupportMethod "sni-only") and viewerCertificate.minimumProtocolVersion "TLSv1.2_2021" or newer.',
      check: (props: Distribution) => {
        const certificate = props.viewerCertificate ?? {};
        // The default CloudFront certificate forces the TLSv1 security policy.
        if (certificate.cloudfrontDefaultCertificate === true)
          return ["viewerCertificate.cloudfrontDefaultCertificate admits TLS 1.0"];
        // Provider default: minimumProtocolVersion TLSv1.
        return MODERN_VIEWER_POLICY.test(String(certificate.minimumProtocolVersion ?? "TLSv1"))
          ? []
          : ["viewerCertificate.minimumProtocolVersion admits TLS older than 1.2"];
      },
    },
    {
      id: "origin-tls",
      description: "Custom origins are reached over HTTPS with TLS 1.2 only",
      remediation:
        'Set customOriginConfig.originProtocolPolicy "https-only" and originSslProtocols ["TLSv1.2"] on every origin.',
      check: (props: Distribution) =>
        ((props.origins as any[] | undefined) ?? []).flatMap((origin, i) => {
          const custom = origin?.customOriginConfig;
          // S3 and VPC origins are reached over AWS's own TLS connections.
          if (custom === undefined) return [];
          const messages: string[] = [];
          if (custom.originProtocolPolicy !== "https-only")
            messages.push(`origins[${i}].customOriginConfig.originProtocolPolicy does not require HTTPS`);
          const protocols = ((custom.originSslProtocols as unknown[] | undefined) ?? []).map(String);
          if (protocols.some((p) => OLD_ORIGIN_PROTOCOLS.includes(p)))
            messages.push(`origins[${i}].customOriginConfig.originSslProtocols admits TLS older than 1.2`);
          return messages;
        }),
    },
  ],
});
