/**
 * App Service rules (azure-native v3 web, API 2025-05-01), for web apps and function apps and their slots.
 * That API version's defaults: httpsOnly false, minTlsVersion and scmMinTlsVersion "1.2", public network
 * access on. It documents no default for ftpsState, so an omitted one is judged as plain FTP allowed.
 */
import type * as web from "@pulumi/azure-native/web";
import { resourceRule, type Props } from "../../rule";

type Site = Props<web.WebAppArgs>;
const SITES = ["azure-native:web:WebApp", "azure-native:web:WebAppSlot"];
const OLD_TLS = ["1.0", "1.1"];

export const webAppTls = resourceRule({
  id: "azure-web-app-tls",
  description: "Web and function apps serve HTTPS only, over TLS 1.2 or newer, and never plain FTP",
  target: "azure",
  types: SITES,
  requirements: [
    {
      id: "https-only",
      description: "HTTP requests are redirected to HTTPS (httpsOnly defaults to false)",
      remediation: "Set httpsOnly: true.",
      check: (props: Site) => (props.httpsOnly === true ? [] : ["httpsOnly is not true"]),
    },
    {
      id: "minimum-tls",
      description: "The app and its SCM (Kudu) site take TLS 1.2 or newer (both default to 1.2)",
      remediation:
        'Set siteConfig.minTlsVersion and siteConfig.scmMinTlsVersion "1.2" (or "1.3"), or leave them unset.',
      check: (props: Site) =>
        (["minTlsVersion", "scmMinTlsVersion"] as const).flatMap((key) =>
          OLD_TLS.includes(props.siteConfig?.[key]) ? [`siteConfig.${key} is older than 1.2`] : [],
        ),
    },
    {
      id: "no-plain-ftp",
      description: "FTP deployment is off or FTPS only (ftpsState Disabled or FtpsOnly)",
      remediation: 'Set siteConfig.ftpsState "Disabled" (or "FtpsOnly").',
      check: (props: Site) =>
        ["Disabled", "FtpsOnly"].includes(props.siteConfig?.ftpsState)
          ? []
          : ["siteConfig.ftpsState is not Disabled or FtpsOnly"],
    },
  ],
});
