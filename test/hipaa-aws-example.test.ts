/**
 * The README's main job, end to end: `palisade preview` runs the AWS HIPAA example with the HIPAA pack
 * (the real pack process, the real Analyzer protocol). The compliant example has no mandatory violation
 * and nothing undetermined; a mutated copy, with one insecure resource per AWS control, is caught by each
 * control's named policy. Needs `pnpm build` (done by `pnpm test`).
 */
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");
const example = path.join(root, "examples", "aws-hipaa-inference");
const mutant = path.join(example, ".mutants", "insecure");

interface Report {
  summary: Record<string, number>;
  diagnostics: { policy: string; urn: string; status: string; enforcementLevel: string; message: string }[];
}

function preview(dir: string): Promise<{ code: number | null; report: Report; stderr: string }> {
  const args = [
    path.join(root, "packages/preview/bin/palisade.js"),
    "preview",
    dir,
    "--policy-pack",
    path.join(root, "policy-packs/hipaa"),
    "--policy-config",
    path.join(example, "policy-config.json"),
    "--format",
    "json",
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("close", (code) =>
      resolve({
        code,
        stderr,
        report: (stdout ? JSON.parse(stdout) : { summary: {}, diagnostics: [] }) as Report,
      }),
    );
  });
}

/** One insecure resource per AWS control, appended to a copy of the compliant program. */
const MUTATIONS: Record<string, string> = {
  "aws-kms-key-rotation": `new Key("mutant-key", { enableKeyRotation: false });`,
  "aws-s3-bucket-sse-kms": `new Bucket("mutant-bucket", {});`,
  "aws-s3-bucket-public-access-block": `new Bucket("mutant-bucket-2", {});`,
  "aws-s3-bucket-versioning": `new Bucket("mutant-bucket-3", {});`,
  "aws-ec2-vpc-flow-logs": `new Vpc("mutant-vpc", { cidrBlock: "10.99.0.0/16" });`,
  "aws-cloudtrail-trail-secure": `new Trail("mutant-trail", { s3BucketName: "logs", isMultiRegionTrail: false });`,
  "aws-cloudwatch-log-group-protected": `new LogGroup("mutant-logs", { retentionInDays: 7 });`,
  "aws-ec2-instance-hardened": `new Instance("mutant-host", { ami: "ami-1", instanceType: "t3.micro", associatePublicIpAddress: true });`,
  "aws-eks-cluster-hardened": `new Cluster("mutant-eks", { roleArn: "arn:aws:iam::123456789012:role/r", vpcConfig: { subnetIds: ["s-1"] } });`,
  "aws-ec2-security-group-admin-ports-closed": `new SecurityGroup("mutant-sg", { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] });`,
  "aws-rds-instance-protected": `new DbInstance("mutant-db", { engine: "postgres", instanceClass: "db.t4g.micro", allocatedStorage: 20, storageEncrypted: true, backupRetentionPeriod: 1 });`,
  "aws-iam-least-privilege": `new RolePolicy("mutant-admin", { role: "r", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }) });`,
  "aws-lb-listener-tls": `new Listener("mutant-listener", { loadBalancerArn: "arn:lb", port: 80, protocol: "HTTP", defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }] });`,
};
const MUTANT_RESOURCE: Record<string, string> = {
  "aws-s3-bucket-public-access-block": "mutant-bucket-2",
  "aws-s3-bucket-versioning": "mutant-bucket-3",
};

describe.concurrent("palisade preview examples/aws-hipaa-inference --policy-pack policy-packs/hipaa", () => {
  beforeAll(() => {
    rmSync(mutant, { recursive: true, force: true });
    mkdirSync(mutant, { recursive: true });
    for (const file of ["Pulumi.yaml", "Pulumi.dev.yaml"])
      copyFileSync(path.join(example, file), path.join(mutant, file));
    const imports = [
      `import { Key } from "@pulumi/aws/kms";`,
      `import { Bucket } from "@pulumi/aws/s3";`,
      `import { Instance, SecurityGroup, Vpc } from "@pulumi/aws/ec2";`,
      `import { Trail } from "@pulumi/aws/cloudtrail";`,
      `import { LogGroup } from "@pulumi/aws/cloudwatch";`,
      `import { Cluster } from "@pulumi/aws/eks";`,
      `import { Instance as DbInstance } from "@pulumi/aws/rds";`,
      `import { RolePolicy } from "@pulumi/aws/iam";`,
      `import { Listener } from "@pulumi/aws/lb";`,
    ];
    const program = readFileSync(path.join(example, "index.ts"), "utf8").replace(
      /from "\.\//g,
      'from "../../',
    );
    writeFileSync(
      path.join(mutant, "index.ts"),
      [...imports, program, ...new Set(Object.values(MUTATIONS))].join("\n"),
    );
  });

  it("reports no mandatory violation and nothing undetermined; the sensor namespace's findings show as exempted", async () => {
    const { code, report, stderr } = await preview(example);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(report.summary).toMatchObject({
      resources: 153,
      mandatory: 0,
      advisory: 0,
      undetermined: 0,
      exempted: 2,
    });
    expect(
      report.diagnostics.every((d) => d.status === "exempted" && d.message.startsWith("[exempted]")),
    ).toBe(true);
  });

  it("catches each AWS control's mutation with the named policy", async () => {
    const { code, report } = await preview(mutant);
    expect(code).toBe(1);
    for (const policy of Object.keys(MUTATIONS)) {
      const resource = MUTANT_RESOURCE[policy] ?? MUTATIONS[policy]?.match(/"(mutant-[^"]+)"/)?.[1];
      const caught = report.diagnostics.filter(
        (d) => d.policy === policy && d.status === "violation" && d.enforcementLevel === "mandatory",
      );
      expect(
        caught.map((d) => d.urn.split("::").pop()),
        policy,
      ).toContain(resource);
    }
    // The compliant resources stay compliant next to the mutants.
    expect(
      report.diagnostics
        .filter((d) => d.status === "violation")
        .every((d) => /mutant-/.test(d.urn) || /mutant-/.test(d.message)),
    ).toBe(true);
  });
});
