import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { renderCatalog, serviceOf } from "./catalog";
import { resourceRule, type Target } from "./rule";
import { CATALOGS } from "./catalogs";

describe("the committed control catalogs", () => {
  it.each(Object.entries(CATALOGS))(
    "docs/controls/%s matches the code (run gen:catalog if this fails)",
    (file, definition) => {
      const committed = readFileSync(path.resolve(__dirname, "../../../docs/controls", file), "utf8");
      expect(committed).toBe(renderCatalog(definition));
    },
  );

  it("lists every control, every rule with its requirements, and what no preview check can cover", () => {
    const text = renderCatalog(CATALOGS["hipaa.md"]!);
    expect(text).toContain("| hipaa-no-public-data | 45 CFR 164.312(a)(1); 164.312(e)(1) |");
    expect(text).toContain("### `kubernetes-pod-security-restricted`");
    expect(text).toContain(
      "| `kubernetes-pod-security-restricted/host-ports` | No host ports, except those in allowedHostPorts",
    );
    expect(text).toContain(
      "| `aws-rds-instance-protected/deletion-protection` | The instance cannot be deleted",
    );
    expect(text).toContain("`maxKeyRotationDays` = `365`");
    expect(text).toContain("judged on the whole stack, with property dependencies (AnalyzeStack)");
    expect(text).toMatch(/`azure-storage-account-secure\/customer-key` .* after deployment when: /);
    expect(text).toContain("SSH (22)");
    expect(text).toContain("## Not coverable by a preview-time check");
    expect(text).toContain("164.308(b) business associate agreements");
  });

  it("counts each target's policies, requirements and services, and groups what it cannot cover by target", () => {
    const rule = (id: string, target: Target, types: string[], requirements = 1) =>
      resourceRule({
        id,
        description: id,
        target,
        types,
        requirements: Array.from({ length: requirements }, (_, i) => ({
          id: `r${i}`,
          description: "d",
          remediation: "r",
          check: () => [],
        })),
      });
    const definition = {
      ...CATALOGS["hipaa.md"]!,
      controls: [
        {
          ...CATALOGS["hipaa.md"]!.controls[0]!,
          rules: [
            rule("aws-a", "aws", ["aws:s3/bucketV2:BucketV2", "aws:rds/instance:Instance"], 2),
            rule("aws-b", "aws", ["aws:s3/bucketPolicy:BucketPolicy"]),
            rule("k8s-a", "kubernetes", ["kubernetes:apps/v1:Deployment", "kubernetes:core/v1:Pod"]),
          ],
        },
      ],
      notCoverable: [
        { item: "training" },
        { target: "kubernetes" as const, item: "etcd" },
        { target: "aws" as const, item: "SCPs" },
      ],
    };
    const text = renderCatalog(definition);
    expect(text).toContain("| AWS | 2 | 3 | 2: rds, s3 |");
    expect(text).toContain("| Kubernetes | 1 | 1 | 2: Deployment, Pod |");
    expect(text).not.toContain("| Azure |");
    expect(text.slice(text.indexOf("## Not coverable"))).toMatch(
      /### Any target\n\n- training\n\n### AWS\n\n- SCPs\n\n### Kubernetes\n\n- etcd\n$/,
    );
    expect(serviceOf("azure-native:storage:StorageAccount")).toBe("storage");
    expect(serviceOf("gcp:bigquery/table:Table")).toBe("bigquery");
    expect(serviceOf("aws:*/*")).toBe("every resource");
  });

  it("explains the pack's scope and marks what is judged once per stack", () => {
    const base = CATALOGS["hipaa.md"]!;
    const perStack = resourceRule({
      id: "aws-x-y",
      description: "d",
      target: "aws",
      types: ["aws:*/*"],
      requirements: [
        { id: "r", description: "a detector exists", remediation: "r", perStack: true, check: () => [] },
      ],
    });
    const text = renderCatalog({
      ...base,
      scope: ["First paragraph.", "Second paragraph."],
      controls: [{ ...base.controls[0]!, rules: [perStack] }],
    });
    expect(text).toContain(
      "## Scope\n\nFirst paragraph.\n\nSecond paragraph.\n\n## Rules and their requirements",
    );
    expect(text).toContain("| `aws-x-y/r` | Once per stack: a detector exists |");
    expect(text).toContain("| AWS | 1 | 1 | 1: every resource |");
    expect(renderCatalog(base)).not.toContain("## Scope");
  });

  it("lists each requirement of every rule once", () => {
    for (const definition of Object.values(CATALOGS)) {
      const text = renderCatalog(definition);
      for (const rule of definition.controls.flatMap((c) => c.rules))
        for (const r of rule.requirements) expect(text.split(`| \`${rule.id}/${r.id}\` |`)).toHaveLength(2);
    }
  });
});
