import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { webAppTls } from "./web";

const app = (props: Record<string, unknown>, type = "azure-native:web:WebApp"): KitResource => ({
  type,
  name: "app",
  props: {
    resourceGroupName: "rg",
    serverFarmId: UNKNOWN,
    httpsOnly: true,
    siteConfig: { ftpsState: "Disabled", linuxFxVersion: "NODE|22-lts" },
    ...props,
  },
});
const config = (siteConfig: Record<string, unknown>) =>
  app({ siteConfig: { ftpsState: "Disabled", ...siteConfig } });

describeRule(webAppTls, {
  baseline: hipaa,
  compliant: [
    app({}),
    app({ kind: "functionapp" }, "azure-native:web:WebAppSlot"),
    config({ ftpsState: "FtpsOnly", minTlsVersion: "1.2", scmMinTlsVersion: "1.3", appSettings: UNKNOWN }),
  ],
  requirements: {
    "https-only": {
      violating: [app({ httpsOnly: false }), app({ httpsOnly: undefined })],
      unknown: [app({ httpsOnly: UNKNOWN })],
    },
    "minimum-tls": {
      violating: [
        config({ minTlsVersion: "1.0" }),
        config({ minTlsVersion: "1.1" }),
        config({ scmMinTlsVersion: "1.1" }),
        config({ minTlsVersion: "1.0", scmMinTlsVersion: "1.0" }),
      ],
      unknown: [config({ minTlsVersion: UNKNOWN }), config({ scmMinTlsVersion: UNKNOWN })],
    },
    "no-plain-ftp": {
      violating: [
        config({ ftpsState: "AllAllowed" }),
        app({ siteConfig: { linuxFxVersion: "NODE|22-lts" } }),
        app({ siteConfig: undefined }),
      ],
      unknown: [config({ ftpsState: UNKNOWN })],
    },
  },
});
