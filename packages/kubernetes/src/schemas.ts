/**
 * The shapes of the Kubernetes components' shared arguments, checked with ajv through core's
 * `validateArgs`: wrong types, nulls, misspelt keys and Outputs where a plain value shapes the graph are
 * named before any rule runs. What a well-shaped value must mean is judged in rules.ts.
 */
import { shape, type ArgsSchema } from "@palisade/core";

export const LABELS_SCHEMA: ArgsSchema = shape.stringMap("must be an object of label keys to string values");

export const POD_PEER_SCHEMA: ArgsSchema = shape.object(
  { namespace: shape.string("must be a namespace name"), podLabels: LABELS_SCHEMA },
  { required: ["namespace"], description: "must be a peer: { namespace, podLabels? }" },
);

export const PORTS_SCHEMA: ArgsSchema = shape.array(
  shape.object(
    {
      port: shape.integer("must be a whole number from 1 to 65535", { minimum: 1, maximum: 65535 }),
      protocol: shape.oneOf(["TCP", "UDP"]),
    },
    { required: ["port"], description: "must be a port: { port, protocol? }" },
  ),
  "must list at least one port",
  { minItems: 1 },
);

const nonEmptyStrings = (description: string) =>
  shape.array(shape.string("must be a string"), description, { minItems: 1 });

export const RBAC_RULES_SCHEMA: ArgsSchema = shape.array(
  shape.object(
    {
      apiGroups: nonEmptyStrings('must list at least one API group ("" for the core group)'),
      resources: nonEmptyStrings("must list at least one resource"),
      verbs: nonEmptyStrings("must list at least one verb"),
      resourceNames: shape.array(shape.string("must be a string"), "must list object names"),
    },
    {
      required: ["apiGroups", "resources", "verbs"],
      description: "must be a rule: { apiGroups, resources, verbs, resourceNames? }",
    },
  ),
  "must grant at least one rule (omit the rules to grant nothing)",
  { minItems: 1 },
);

export const INGRESS_SCHEMA: ArgsSchema = shape.array(
  shape.object(
    {
      from: shape.array(
        POD_PEER_SCHEMA,
        "must name at least one peer (an empty list would admit no one, or everyone)",
        { minItems: 1 },
      ),
      toPodLabels: LABELS_SCHEMA,
      ports: PORTS_SCHEMA,
    },
    { required: ["from", "ports"], description: "must be an ingress rule: { from, toPodLabels?, ports }" },
  ),
  "must list ingress rules",
);

export const EGRESS_SCHEMA: ArgsSchema = shape.array(
  shape.object(
    {
      fromPodLabels: LABELS_SCHEMA,
      toCidrs: shape.array(shape.string("must be a CIDR"), "must list CIDRs"),
      toPods: shape.array(POD_PEER_SCHEMA, "must list peers"),
      ports: PORTS_SCHEMA,
    },
    {
      required: ["ports"],
      description: "must be an egress rule: { fromPodLabels?, toCidrs?, toPods?, ports }",
    },
  ),
  "must list egress rules",
);

const cpuAndMemory = shape.object(
  {
    cpu: shape.string("must be a quantity such as 500m"),
    memory: shape.string("must be a quantity such as 512Mi"),
  },
  { required: ["cpu", "memory"], description: "must be { cpu, memory }" },
);

export const CONTAINER_RESOURCES_SCHEMA: ArgsSchema = shape.object(
  { requests: cpuAndMemory, limits: cpuAndMemory },
  {
    required: ["requests", "limits"],
    description: "must be { requests: { cpu, memory }, limits: { cpu, memory } }",
  },
);
