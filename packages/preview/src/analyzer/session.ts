/**
 * Speaks the Analyzer gRPC protocol to one started pack, in the engine's order: GetAnalyzerInfo,
 * Configure, ConfigureStack, Analyze for each resource, AnalyzeStack once.
 */
import { isExemptedReason, splitExemptedReasons, splitUndeterminedMessage } from "@palisade/core/findings";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { PreviewError } from "../errors";
import type { CapturedResource, Mode } from "../model";
import type { Project } from "../project";
import type { StartedPack } from "./pack-process";

// The stubs, grpc-js and google-protobuf that ship with @pulumi/pulumi (one copy in the workspace), so the
// client, its credentials and its messages all come from the same modules.
import * as grpc from "@grpc/grpc-js";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

export type EnforcementLevel = "advisory" | "mandatory" | "disabled" | "remediate";
export type Severity = "" | "low" | "medium" | "high" | "critical";
const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "disabled", "remediate"];
const SEVERITIES: Severity[] = ["", "low", "medium", "high", "critical"];

export interface PolicyInfo {
  name: string;
  description: string;
  enforcementLevel: EnforcementLevel;
  severity: Severity;
  framework?: { name: string; version: string; reference: string; specification: string };
  remediationSteps: string;
  url: string;
  tags: string[];
  configSchema?: { properties: Record<string, unknown>; required: string[] };
}

export interface PackInfo {
  name: string;
  version: string;
  policies: PolicyInfo[];
}

export interface Diagnostic {
  policyPack: string;
  policyPackVersion: string;
  policy: string;
  description: string;
  message: string;
  urn: string;
  enforcementLevel: EnforcementLevel;
  severity: Severity;
}

/**
 * What a pack answered for one Analyze or AnalyzeStack call: its diagnostics (exempted findings among
 * them), and the policies that said they did not apply to what they were asked about (their scope).
 */
export interface Answer {
  diagnostics: Diagnostic[];
  outOfScope: string[];
}

/** `{ "<policy>": level | { enforcementLevel?, ...properties }, "all"?: level }`, as `pulumi preview --policy-pack-config`. */
export type PolicyConfigFile = Record<string, unknown>;

type Callback<Res> = (error: grpc.ServiceError | null, response: Res) => void;

export class AnalyzerSession {
  private readonly client: analyzerGrpc.AnalyzerClient;
  /** How to fail each call in flight. */
  private readonly inFlight = new Set<(why: string) => void>();
  /** How the pack exited, once it has. */
  private exited: string | undefined;

  constructor(
    private readonly pack: StartedPack,
    /** How long one call may take before the pack is stopped and the preview fails. */
    private readonly callTimeoutMs: number,
  ) {
    this.client = new analyzerGrpc.AnalyzerClient(
      `127.0.0.1:${pack.port}`,
      grpc.credentials.createInsecure(),
      {
        "grpc.max_receive_message_length": 400 * 1024 * 1024,
        "grpc.max_send_message_length": 400 * 1024 * 1024,
      },
    );
    void pack.exited.then((how) => {
      this.exited = how;
      for (const fail of [...this.inFlight]) fail(`exited (${how})`);
    });
  }

  /**
   * Calls one RPC; a pack that dies or fails the call ends the preview with the pack's stderr. Each call
   * in flight is failed by the pack's exit through `inFlight`, and leaves it when it ends, so nothing of a
   * finished call (its response above all) stays reachable for the rest of the run.
   */
  private call<Res>(
    method: string,
    invoke: (callback: Callback<Res>) => unknown,
    subject?: string,
  ): Promise<Res> {
    return new Promise((resolve, reject) => {
      const during = subject ? `${method} of ${subject}` : method;
      const end = () => {
        clearTimeout(timer);
        this.inFlight.delete(fail);
      };
      const fail = (why: string) => {
        end();
        reject(
          new PreviewError(
            `policy pack ${this.pack.dir} ${why} during ${during}`,
            this.pack.stderr().trim() || undefined,
          ),
        );
      };
      // A policy that never resolves or loops forever must end the run, not hang it.
      const timer = setTimeout(() => {
        this.pack.stop();
        fail(`did not answer within ${this.callTimeoutMs / 1000} s (raise --analyze-timeout if it is slow)`);
      }, this.callTimeoutMs);
      if (this.exited !== undefined) return fail(`exited (${this.exited})`);
      this.inFlight.add(fail);
      invoke((error, response) => {
        if (error) return fail(`failed: ${error.details || error.message}`);
        end();
        resolve(response);
      });
    });
  }

  async info(): Promise<PackInfo> {
    const info = await this.call<pb.AnalyzerInfo>("getAnalyzerInfo", (cb) =>
      this.client.getAnalyzerInfo(new Empty(), cb),
    );
    return {
      name: info.getName(),
      version: info.getVersion(),
      policies: info.getPoliciesList().map((p): PolicyInfo => {
        const framework = p.getFramework();
        const schema = p.getConfigschema();
        return {
          name: p.getName(),
          description: p.getDescription(),
          enforcementLevel: LEVELS[p.getEnforcementlevel()] ?? "advisory",
          severity: SEVERITIES[p.getSeverity()] ?? "",
          framework: framework
            ? {
                name: framework.getName(),
                version: framework.getVersion(),
                reference: framework.getReference(),
                specification: framework.getSpecification(),
              }
            : undefined,
          remediationSteps: p.getRemediationSteps(),
          url: p.getUrl(),
          tags: p.getTagsList(),
          configSchema: schema
            ? {
                properties: schema.getProperties()?.toJavaScript() ?? {},
                required: schema.getRequiredList(),
              }
            : undefined,
        };
      }),
    };
  }

  /**
   * Validates the policy config against each of this pack's policies' schemas (entries for another
   * pack's policies are that pack's; {@link checkPolicyConfigNames} refuses names no pack has), then sends it (with defaults) to the pack.
   * Returns the level each policy runs at.
   */
  async configure(pack: PackInfo, file: PolicyConfigFile): Promise<Map<string, EnforcementLevel>> {
    const levels = new Map<string, EnforcementLevel>();
    const allLevel = parseLevel("all", file.all);
    // Formats (date, uri, ...) are checked as the engine checks them, not ignored.
    const ajv = addFormats(new Ajv({ allErrors: true, useDefaults: true, strict: false }));
    // Policies of one pack mostly share a schema (the exemptions list and a setting or two): compiling
    // each distinct one once took a second off every run of the HIPAA pack (bench/preview at 500).
    const validators = new Map<string, ValidateFunction>();
    const compile = (schema: object): ValidateFunction => {
      const key = JSON.stringify(schema);
      const known = validators.get(key);
      if (known) return known;
      const validate = ajv.compile(schema);
      validators.set(key, validate);
      return validate;
    };
    const request = new pb.ConfigureAnalyzerRequest();
    for (const policy of pack.policies) {
      const entry = file[policy.name];
      const level = typeof entry === "string" ? parseLevel(policy.name, entry) : undefined;
      const object =
        typeof entry === "object" && entry !== null ? { ...(entry as Record<string, unknown>) } : {};
      const explicitLevel = parseLevel(policy.name, object.enforcementLevel);
      delete object.enforcementLevel;
      if (policy.configSchema) {
        const validate = compile({
          type: "object",
          properties: policy.configSchema.properties,
          required: policy.configSchema.required,
        });
        if (!validate(object)) {
          const problems = (validate.errors ?? []).map(
            (e) => `${e.instancePath || "(config)"} ${e.message ?? "is invalid"}`,
          );
          throw new PreviewError(
            `policy config for ${pack.name}/${policy.name} is invalid: ${problems.join("; ")}`,
          );
        }
      } else if (Object.keys(object).length > 0) {
        throw new PreviewError(
          `policy config for ${pack.name}/${policy.name} sets ${Object.keys(object).join(", ")}, but the policy takes no configuration`,
        );
      }
      const config = new pb.PolicyConfig();
      const effective = explicitLevel ?? level ?? allLevel ?? policy.enforcementLevel;
      levels.set(policy.name, effective);
      config.setEnforcementlevel(LEVELS.indexOf(effective));
      config.setProperties(Struct.fromJavaScript(object as Record<string, never>));
      request.getPolicyconfigMap().set(policy.name, config);
    }
    await this.call<Empty>("configure", (cb) => this.client.configure(request, cb));
    return levels;
  }

  async configureStack(project: Project, mode: Mode): Promise<void> {
    const request = new pb.AnalyzerStackConfigureRequest();
    request.setStack(project.stack);
    request.setProject(project.name);
    request.setOrganization("organization");
    request.setDryRun(mode === "preview");
    for (const [key, value] of Object.entries(project.config)) request.getConfigMap().set(key, value);
    request.setConfigSecretKeysList(project.secretKeys);
    await this.call<pb.AnalyzerStackConfigureResponse>("configureStack", (cb) =>
      this.client.configureStack(request, cb),
    );
  }

  async analyze(resource: CapturedResource, provider: CapturedProvider | undefined): Promise<Answer> {
    const request = new pb.AnalyzeRequest();
    request.setType(resource.type);
    request.setProperties(Struct.fromJavaScript(resource.inputs as Record<string, never>));
    request.setUrn(resource.urn);
    request.setName(resource.name);
    request.setOptions(resourceOptions(resource));
    if (provider) request.setProvider(providerResource(provider));
    const response = await this.call<pb.AnalyzeResponse>(
      "analyze",
      (cb) => this.client.analyze(request, cb),
      resource.urn,
    );
    // As the engine does, a resource policy's finding belongs to the resource analyzed.
    return answer(response, resource.urn);
  }

  async analyzeStack(
    resources: CapturedResource[],
    providerOf: (r: CapturedResource) => CapturedProvider | undefined,
  ): Promise<Answer> {
    const request = new pb.AnalyzeStackRequest();
    request.setResourcesList(
      resources.map((r) => {
        const resource = new pb.AnalyzerResource();
        resource.setType(r.type);
        resource.setProperties(Struct.fromJavaScript((r.outputs ?? r.inputs) as Record<string, never>));
        resource.setUrn(r.urn);
        resource.setName(r.name);
        resource.setOptions(resourceOptions(r));
        const provider = providerOf(r);
        if (provider) resource.setProvider(providerResource(provider));
        resource.setParent(r.parent);
        resource.setDependenciesList(r.options.dependsOn);
        for (const [key, urns] of Object.entries(r.propertyDependencies)) {
          const deps = new pb.AnalyzerPropertyDependencies();
          deps.setUrnsList(urns);
          resource.getPropertydependenciesMap().set(key, deps);
        }
        return resource;
      }),
    );
    const response = await this.call<pb.AnalyzeResponse>(
      "analyzeStack",
      (cb) => this.client.analyzeStack(request, cb),
      `the stack (${resources.length} resources)`,
    );
    return answer(response, "");
  }
}

/**
 * Reads one response, one diagnostic per requirement. Not-applicable entries are of two kinds (see @palisade/core's findings): an
 * exempted reason is a finding the pack excused, kept visible as a diagnostic (one per exemption) so it
 * never fails a preview; any other reason says the policy did not apply here, which is its scope.
 */
function answer(response: pb.AnalyzeResponse, urn: string): Answer {
  // A policy that could not read several requirements says so in one message: one finding each.
  const diagnostics = response.getDiagnosticsList().flatMap((d) => {
    const diagnostic = { ...toDiagnostic(d), urn: d.getUrn() || urn };
    return splitUndeterminedMessage(diagnostic.message).map((message) => ({ ...diagnostic, message }));
  });
  const outOfScope: string[] = [];
  for (const n of response.getNotApplicableList()) {
    const reason = n.getReason();
    if (!isExemptedReason(reason)) {
      outOfScope.push(n.getPolicyName());
      continue;
    }
    // A stack policy's exemptions share one entry, one a line: each is its own finding.
    for (const message of splitExemptedReasons(reason))
      diagnostics.push({
        policyPack: "",
        policyPackVersion: "",
        policy: n.getPolicyName(),
        description: "",
        message,
        urn,
        enforcementLevel: "advisory",
        severity: "",
      });
  }
  return { diagnostics, outOfScope };
}

/** The provider a resource is managed by: an explicit provider resource, or the default one from config. */
export interface CapturedProvider {
  type: string;
  urn: string;
  name: string;
  properties: Record<string, unknown>;
}

function resourceOptions(r: CapturedResource): pb.AnalyzerResourceOptions {
  const options = new pb.AnalyzerResourceOptions();
  options.setProtect(r.options.protect);
  options.setIgnorechangesList(r.options.ignoreChanges);
  options.setDeletebeforereplace(r.options.deleteBeforeReplace);
  options.setDeletebeforereplacedefined(r.options.deleteBeforeReplace);
  options.setAdditionalsecretoutputsList(r.options.additionalSecretOutputs);
  options.setParent(r.parent);
  return options;
}

function providerResource(p: CapturedProvider): pb.AnalyzerProviderResource {
  const provider = new pb.AnalyzerProviderResource();
  provider.setType(p.type);
  provider.setProperties(Struct.fromJavaScript(p.properties as Record<string, never>));
  provider.setUrn(p.urn);
  provider.setName(p.name);
  return provider;
}

function toDiagnostic(d: pb.AnalyzeDiagnostic): Diagnostic {
  return {
    policyPack: d.getPolicypackname(),
    policyPackVersion: d.getPolicypackversion(),
    policy: d.getPolicyname(),
    description: d.getDescription(),
    message: d.getMessage(),
    urn: d.getUrn(),
    enforcementLevel: LEVELS[d.getEnforcementlevel()] ?? "advisory",
    severity: SEVERITIES[d.getSeverity()] ?? "",
  };
}

function parseLevel(policy: string, value: unknown): EnforcementLevel | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && (LEVELS as string[]).includes(value)) return value as EnforcementLevel;
  throw new PreviewError(
    `policy config for "${policy}": enforcementLevel ${JSON.stringify(value)} must be one of ${LEVELS.join(", ")}`,
  );
}

/**
 * Refuses a policy config entry that names no policy of any pack run (a typo would otherwise configure
 * nothing, silently): one config file serves every pack, each reading its own policies' entries.
 */
export function checkPolicyConfigNames(file: PolicyConfigFile, packs: readonly PackInfo[]): void {
  const names = new Set(packs.flatMap((p) => p.policies.map((policy) => policy.name)));
  const unknown = Object.keys(file).filter((key) => key !== "all" && !names.has(key));
  if (unknown.length > 0)
    throw new PreviewError(
      `policy config names ${unknown.map((k) => `"${k}"`).join(", ")}, which ${unknown.length > 1 ? "are not policies" : "is not a policy"} of ${packs.map((p) => p.name).join(" or ")}`,
    );
}
