/**
 * The shape of a provider lookup's result, read from the provider SDK's declarations in the program's own
 * project, so a missing-lookup error can print a stub with the right fields. Only the error path calls
 * this: loading TypeScript and parsing an SDK's declarations takes seconds.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import type * as TS from "typescript";

/** A field's placeholder: `"<string>"`, `["<string>"]`, `{ "field": "<number>" }`, `{ "<key>": "<string>" }`. */
export type Placeholder = string | Placeholder[] | { [field: string]: Placeholder };

export type LookupResultShape =
  | {
      found: true;
      /** The SDK package and version the shape was read from, e.g. `@pulumi/aws 7.48.0`. */
      sdk: string;
      /** The result interface, e.g. `GetAmiResult`. */
      typeName: string;
      /** Every field of the result, in declaration order, with its placeholder. */
      stub: Record<string, Placeholder>;
      /** The fields the SDK declares optional. */
      optional: string[];
    }
  | { found: false; reason: string };

/** The result's fields are level 1; objects nested deeper show as `"<object>"`, so the stub stays readable. */
const EXPANDED_LEVELS = 1;

/**
 * Where a function's declaration lives in a Pulumi Node SDK: tokens are `<package>:<module>:<function>`;
 * AWS/GCP-style modules end with the function's own name, which is not a directory
 * (`aws:ec2/getAmi:getAmi` → `ec2/getAmi.d.ts`), and the `index` module is the package root
 * (`aws:index/getRegion:getRegion` → `getRegion.d.ts`, `azure-native:resources:getResourceGroup` →
 * `resources/getResourceGroup.d.ts`).
 */
export function declarationPath(token: string): { sdkPackage: string; file: string } | undefined {
  const parts = token.split(":");
  if (parts.length !== 3 || parts.some((p) => !p)) return undefined;
  const [pkg, module, fn] = parts as [string, string, string];
  const segments = module.split("/");
  if (segments.length > 1 && segments.at(-1)?.toLowerCase() === fn.toLowerCase()) segments.pop();
  if (segments.join("/") === "index") segments.pop();
  return { sdkPackage: `@pulumi/${pkg}`, file: [...segments, `${fn}.d.ts`].join("/") };
}

/** TypeScript as the project has it, else the preview's own copy. */
function loadTypeScript(fromProject: NodeJS.Require): typeof TS {
  try {
    return fromProject("typescript") as typeof TS;
  } catch {
    return createRequire(__filename)("typescript") as typeof TS;
  }
}

const shapes = new Map<string, LookupResultShape>();

/** The result shape of the lookup `token` as the SDK installed in `projectDir` declares it; cached per token. */
export function lookupResultShape(token: string, projectDir: string): LookupResultShape {
  const key = `${projectDir}\0${token}`;
  let shape = shapes.get(key);
  if (!shape) {
    try {
      shape = readShape(token, projectDir);
    } catch (error) {
      // The stub is a courtesy: a broken SDK or compiler must not hide the missing-lookup guidance.
      shape = { found: false, reason: `its declaration could not be read (${(error as Error).message})` };
    }
    shapes.set(key, shape);
  }
  return shape;
}

function readShape(token: string, projectDir: string): LookupResultShape {
  const where = declarationPath(token);
  if (!where)
    return { found: false, reason: `${token} is not a provider function token (package:module:function)` };
  const fromProject = createRequire(path.join(projectDir, "package.json"));
  let manifest: string;
  try {
    manifest = fromProject.resolve(`${where.sdkPackage}/package.json`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw error;
    return { found: false, reason: `${where.sdkPackage} is not installed in the project (${projectDir})` };
  }
  const version = (JSON.parse(readFileSync(manifest, "utf8")) as { version?: string }).version ?? "";
  const sdk = `${where.sdkPackage} ${version}`.trim();
  const file = path.join(path.dirname(manifest), where.file);
  if (!existsSync(file)) return { found: false, reason: `${sdk} has no ${where.file}` };

  const fn = token.slice(token.lastIndexOf(":") + 1);
  const typeName = `${fn.charAt(0).toUpperCase()}${fn.slice(1)}Result`;
  const ts = loadTypeScript(fromProject);
  // No type checking, only the declarations the result needs: the SDK's own files (`../types/output`),
  // the ES library for arrays; other packages (`@pulumi/pulumi`) stay unresolved, which saves parsing them.
  const options: TS.CompilerOptions = {
    noEmit: true,
    skipLibCheck: true,
    types: [],
    lib: ["lib.es2020.d.ts"],
  };
  const host = ts.createCompilerHost(options);
  host.resolveModuleNames = (names, containing) =>
    names.map((name) =>
      name.startsWith(".") ? ts.resolveModuleName(name, containing, options, host).resolvedModule : undefined,
    );
  const program = ts.createProgram([file], options, host);
  const source = program.getSourceFile(file);
  const declaration = source?.statements.find(
    (s): s is TS.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === typeName,
  );
  if (!declaration) return { found: false, reason: `${sdk} declares no ${typeName} in ${where.file}` };

  const checker = program.getTypeChecker();
  const stub: Record<string, Placeholder> = {};
  const optional: string[] = [];
  for (const field of checker.getPropertiesOfType(checker.getTypeAtLocation(declaration.name))) {
    stub[field.name] = placeholder(ts, checker, checker.getTypeOfSymbolAtLocation(field, declaration), 1);
    if (field.flags & ts.SymbolFlags.Optional) optional.push(field.name);
  }
  return { found: true, sdk, typeName, stub, optional };
}

/** A readable stand-in for a value of `type`: scalars as `"<string>"`, arrays as one item, objects by field. */
function placeholder(ts: typeof TS, checker: TS.TypeChecker, type: TS.Type, level: number): Placeholder {
  const absent = ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void;
  const members = (type.isUnion() ? type.types : [type]).filter((t) => !(t.flags & absent));
  if (members.length === 0) return "<null>";
  if (members.every((t) => t.flags & ts.TypeFlags.BooleanLike)) return "<boolean>";
  if (members.length > 1) {
    // A union of literals (`"x86_64" | "arm64"`) lists them; anything else as TypeScript writes it.
    const names = members.map((t) => (t.isStringLiteral() ? t.value : checker.typeToString(t)));
    return `<${names.join(" | ")}>`;
  }
  const [only] = members as [TS.Type];
  if (only.flags & ts.TypeFlags.StringLike) return only.isStringLiteral() ? `<${only.value}>` : "<string>";
  if (only.flags & ts.TypeFlags.NumberLike) return "<number>";
  if (only.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return "<any>";
  const name = only.getSymbol()?.getName();
  if ((name === "Array" || name === "ReadonlyArray") && only.flags & ts.TypeFlags.Object) {
    const [item] = checker.getTypeArguments(only as TS.TypeReference);
    return item ? [placeholder(ts, checker, item, level)] : [];
  }
  if (!(only.flags & ts.TypeFlags.Object)) return "<object>";
  const fields = checker.getPropertiesOfType(only);
  // Maps (`{ [key: string]: string }`, tags) show at any depth: they are small.
  const values = checker.getIndexTypeOfType(only, ts.IndexKind.String);
  if (fields.length === 0 && values) return { "<key>": placeholder(ts, checker, values, level + 1) };
  if (level > EXPANDED_LEVELS) return "<object>";
  const declaration = only.getSymbol()?.declarations?.[0];
  if (fields.length === 0 || !declaration) return "<object>";
  return Object.fromEntries(
    fields.map((f) => [
      f.name,
      placeholder(ts, checker, checker.getTypeOfSymbolAtLocation(f, declaration), level + 1),
    ]),
  );
}
