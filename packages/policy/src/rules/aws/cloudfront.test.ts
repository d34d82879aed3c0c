import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { cloudfrontDistributionTls } from "./cloudfront";

const origin = (custom?: Record<string, unknown>) => ({
  originId: "api",
  domainName: "api.example.com",
  ...(custom ? { customOriginConfig: { httpPort: 80, httpsPort: 443, ...custom } } : {}),
});
const httpsOrigin = origin({ originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] });

const distribution = (props: Record<string, unknown>): KitResource => ({
  type: "aws:cloudfront/distribution:Distribution",
  name: "cdn",
  props: {
    enabled: true,
    origins: [httpsOrigin],
    defaultCacheBehavior: { targetOriginId: "api", viewerProtocolPolicy: "redirect-to-https" },
    orderedCacheBehaviors: [
      { pathPattern: "/v1/*", targetOriginId: "api", viewerProtocolPolicy: "https-only" },
    ],
    viewerCertificate: {
      acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/c",
      sslSupportMethod: "sni-only",
      minimumProtocolVersion: "TLSv1.2_2021",
    },
    ...props,
  },
});

describeRule(cloudfrontDistributionTls, {
  baseline: hipaa,
  compliant: [
    distribution({}),
    distribution({ orderedCacheBehaviors: undefined }),
    // An S3 origin has no customOriginConfig.
    distribution({ origins: [origin()] }),
    distribution({
      viewerCertificate: {
        acmCertificateArn: UNKNOWN,
        sslSupportMethod: "sni-only",
        minimumProtocolVersion: "TLSv1.2_2019",
      },
    }),
  ],
  requirements: {
    "viewer-https": {
      violating: [
        distribution({ defaultCacheBehavior: { targetOriginId: "api", viewerProtocolPolicy: "allow-all" } }),
        distribution({
          orderedCacheBehaviors: [
            { pathPattern: "/a/*", targetOriginId: "api", viewerProtocolPolicy: "https-only" },
            { pathPattern: "/b/*", targetOriginId: "api", viewerProtocolPolicy: "allow-all" },
          ],
        }),
      ],
      unknown: [
        distribution({ defaultCacheBehavior: { targetOriginId: "api", viewerProtocolPolicy: UNKNOWN } }),
      ],
    },
    "viewer-tls-version": {
      violating: [
        distribution({ viewerCertificate: { cloudfrontDefaultCertificate: true } }),
        distribution({
          viewerCertificate: { cloudfrontDefaultCertificate: true, minimumProtocolVersion: "TLSv1.2_2021" },
        }),
        // The provider's default is TLSv1.
        distribution({
          viewerCertificate: {
            acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/c",
            sslSupportMethod: "sni-only",
          },
        }),
        distribution({
          viewerCertificate: {
            iamCertificateId: "c-1",
            sslSupportMethod: "sni-only",
            minimumProtocolVersion: "TLSv1.1_2016",
          },
        }),
        distribution({
          viewerCertificate: {
            iamCertificateId: "c-1",
            sslSupportMethod: "sni-only",
            minimumProtocolVersion: "TLSv1_2016",
          },
        }),
      ],
      compliant: [
        distribution({
          viewerCertificate: {
            cloudfrontDefaultCertificate: false,
            acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/c",
            minimumProtocolVersion: "TLSv1.3_2025",
          },
        }),
      ],
      unknown: [
        distribution({
          viewerCertificate: {
            cloudfrontDefaultCertificate: UNKNOWN,
            minimumProtocolVersion: "TLSv1.2_2021",
          },
        }),
        distribution({ viewerCertificate: { acmCertificateArn: "c-1", minimumProtocolVersion: UNKNOWN } }),
      ],
    },
    "origin-tls": {
      violating: [
        distribution({
          origins: [origin({ originProtocolPolicy: "http-only", originSslProtocols: ["TLSv1.2"] })],
        }),
        distribution({
          origins: [origin({ originProtocolPolicy: "match-viewer", originSslProtocols: ["TLSv1.2"] })],
        }),
        distribution({
          origins: [
            httpsOrigin,
            origin({ originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.1", "TLSv1.2"] }),
          ],
        }),
        distribution({
          origins: [origin({ originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1"] })],
        }),
        distribution({
          origins: [origin({ originProtocolPolicy: "https-only", originSslProtocols: ["SSLv3"] })],
        }),
      ],
      compliant: [distribution({ origins: [origin({ originProtocolPolicy: "https-only" })] })],
      unknown: [
        distribution({
          origins: [origin({ originProtocolPolicy: UNKNOWN, originSslProtocols: ["TLSv1.2"] })],
        }),
        distribution({
          origins: [origin({ originProtocolPolicy: "https-only", originSslProtocols: UNKNOWN })],
        }),
      ],
    },
  },
});
