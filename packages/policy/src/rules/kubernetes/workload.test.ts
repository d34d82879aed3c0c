import { hipaa } from "@palisade/core";
import { UNKNOWN, describeRule, type KitResource } from "../../test-support";
import { workloadImageDigest, workloadNamespaceOwned, workloadSecretsAsFiles } from "./workload";

const DIGEST = `sha256:${"a".repeat(64)}`;
const IMAGE = `registry.example.com/api:1.2.3@${DIGEST}`;
const deployment = (pod: Record<string, unknown>, metadata: Record<string, unknown> = {}): KitResource => ({
  type: "kubernetes:apps/v1:Deployment",
  name: "api",
  props: {
    metadata: { name: "api", namespace: "apps", ...metadata },
    spec: { template: { spec: { containers: [{ name: "c", image: IMAGE }], ...pod } } },
  },
});
const cronJob = (pod: Record<string, unknown>): KitResource => ({
  type: "kubernetes:batch/v1:CronJob",
  name: "job",
  props: { metadata: { name: "job" }, spec: { jobTemplate: { spec: { template: { spec: pod } } } } },
});

describeRule(workloadSecretsAsFiles, {
  baseline: hipaa,
  compliant: [
    deployment({}),
    deployment({
      containers: [
        {
          name: "c",
          image: IMAGE,
          env: [
            { name: "MODE", value: "prod" },
            { name: "CFG", valueFrom: { configMapKeyRef: { name: "cm", key: "k" } } },
          ],
          envFrom: [{ configMapRef: { name: "cm" } }],
          volumeMounts: [{ name: "creds", mountPath: "/var/run/creds" }],
        },
      ],
      volumes: [{ name: "creds", secret: { secretName: UNKNOWN } }],
    }),
  ],
  requirements: {
    "no-secret-env": {
      violating: [
        deployment({
          containers: [
            {
              name: "c",
              image: IMAGE,
              env: [{ name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "pw" } } }],
            },
          ],
        }),
        deployment({
          initContainers: [{ name: "i", image: IMAGE, envFrom: [{ secretRef: { name: "db" } }] }],
        }),
        cronJob({
          containers: [
            {
              name: "c",
              envFrom: [{ configMapRef: { name: "cm" } }, { prefix: "DB_", secretRef: { name: "db" } }],
            },
          ],
        }),
      ],
      unknown: [deployment({ containers: [{ name: "c", image: IMAGE, env: UNKNOWN }] })],
    },
  },
});

describeRule(workloadImageDigest, {
  baseline: hipaa,
  compliant: [deployment({}), cronJob({ containers: [{ name: "c", image: `busybox@${DIGEST}` }] })],
  requirements: {
    "pinned-digest": {
      violating: [
        deployment({ containers: [{ name: "c", image: "registry.example.com/api:1.2.3" }] }),
        deployment({ containers: [{ name: "c", image: "api:latest" }] }),
        deployment({ containers: [{ name: "c", image: `api@sha256:${"a".repeat(63)}` }] }),
        deployment({ containers: [{ name: "c", image: `api@sha256:${"a".repeat(64)}-x` }] }),
        deployment({ ephemeralContainers: [{ name: "debug", image: "busybox" }] }),
        deployment({ containers: [{ name: "c" }] }),
      ],
      unknown: [deployment({ containers: [{ name: "c", image: UNKNOWN }] })],
    },
  },
});

const namespace = (name: unknown = "apps"): KitResource => ({
  type: "kubernetes:core/v1:Namespace",
  name: "ns",
  props: { metadata: { name } },
});

describeRule(workloadNamespaceOwned, {
  baseline: hipaa,
  compliant: [
    [namespace(), deployment({})],
    // Joined through the dependency while the namespace's generated name is unknown.
    [
      namespace(UNKNOWN),
      { ...deployment({}, { namespace: UNKNOWN }), propertyDependencies: { metadata: ["ns"] } },
    ],
    // The provider's default namespace.
    [namespace(), { ...deployment({}, { namespace: undefined }), provider: { namespace: "apps" } }],
    [namespace("default"), deployment({}, { namespace: undefined })],
  ],
  requirements: {
    "declared-namespace": {
      violating: [
        [deployment({})],
        [deployment({}, { namespace: undefined })],
        [namespace("other"), deployment({})],
        [namespace(UNKNOWN), deployment({})],
        [{ ...namespace(), type: "kubernetes:core/v1:ConfigMap" }, deployment({})],
        [namespace(), deployment({}, { namespace: "elsewhere" })],
      ],
      unknown: [[namespace(), deployment({}, { namespace: UNKNOWN })]],
    },
  },
});
