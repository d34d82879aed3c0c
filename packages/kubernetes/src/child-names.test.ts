/**
 * The logical name and type of every child of every component, for a representative set of arguments.
 * Pulumi identifies a resource by its URN (type, name and parent types), so changing one replaces it:
 * for a namespace, that deletes everything in it.
 */
import { MockStack } from "@palisade/core/test-support";
import { describe, expect, it } from "vitest";
import { ClusterBaseline } from "./cluster-baseline";
import { IsolatedService } from "./isolated-service";
import { RuntimeSecurity } from "./runtime-security";
import { ZeroTrustNamespace } from "./zero-trust-namespace";

const flows = {
  ingress: [{ from: [{ namespace: "gateway" }], ports: [{ port: 8443 }] }],
  egress: [{ toCidrs: ["10.40.0.0/16"], ports: [{ port: 5432 }] }],
  serviceAccounts: [
    { name: "loader", rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get" as const] }] },
    { name: "reader" },
  ],
};

describe("child names and types", () => {
  it("stay as committed", async () => {
    const stack = await MockStack.start();
    new ZeroTrustNamespace("inference", { namespace: "inference", ...flows });
    new IsolatedService("api", {
      image: "ghcr.io/example/model-server@sha256:" + "a".repeat(64),
      port: 8443,
      callers: [{ namespace: "gateway" }],
      egress: flows.egress,
      rules: flows.serviceAccounts[0]?.rules,
    });
    new RuntimeSecurity("runtime");
    new RuntimeSecurity("falco", { engine: "falco", namespace: "falco" });
    new ClusterBaseline("baseline", {
      namespaces: [{ namespace: "ingest", ...flows }],
      existingNamespaces: [{ name: "default" }, { name: "legacy", level: "baseline" }],
    });
    await stack.settle();
    // As Pulumi qualifies a URN: every ancestor's type, so a child moved to another parent is renamed too.
    // (The recorded parent is the runtime's own URN; MockStack's `urn` keeps the immediate parent only.)
    const urns = stack.registrations
      .map((r) => {
        const ancestors = r.parent.split("::")[2];
        return `${ancestors && !ancestors.startsWith("pulumi:pulumi:Stack") ? `${ancestors}$` : ""}${r.type}::${r.name}`;
      })
      .sort();
    // A rename must ship with `aliases` on the renamed child (so Pulumi moves it instead of replacing
    // it); update this file only in the same change.
    await expect(`${JSON.stringify(urns, null, 2)}\n`).toMatchFileSnapshot(
      "./__snapshots__/child-names.json",
    );
  });
});
