/**
 * Where the user's code declared a resource: the innermost stack frame inside the project and outside
 * its node_modules, mapped back through the program's source map (tsx compiles TypeScript with one).
 * A child that a library component creates in its constructor is thereby placed on the line that
 * created the component; one created later, in a callback, has no user frame on its stack and none here.
 */
import { findSourceMap } from "node:module";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export interface SourcePosition {
  /** file:// URL, as the SDK sends source positions to the engine. */
  uri: string;
  line: number;
  column: number;
}

/** Deep enough for a resource declared inside a few layers of the user's own components. */
const FRAMES = 64;

const toPath = (file: string) => (file.startsWith("file://") ? fileURLToPath(file) : file);

export function declaringPosition(projectDir: string): SourcePosition | undefined {
  const root = path.resolve(projectDir) + path.sep;
  const modules = `${path.sep}node_modules${path.sep}`;
  // V8's structured call sites: no stack text is formatted or parsed.
  // Put back as it was, never called here.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  const holder: { stack?: unknown } = {};
  let sites: NodeJS.CallSite[];
  try {
    Error.prepareStackTrace = (_error, callSites) => callSites;
    Error.stackTraceLimit = FRAMES;
    Error.captureStackTrace(holder, declaringPosition);
    // The stack is prepared when first read: read it while the structured form is in place.
    sites = holder.stack as NodeJS.CallSite[];
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
  for (const site of sites) {
    const name = site.getFileName();
    const line = site.getLineNumber();
    const column = site.getColumnNumber();
    if (!name || line === null || column === null) continue;
    const file = toPath(name);
    if (!file.startsWith(root) || file.includes(modules)) continue;
    const entry = findSourceMap(file)?.findEntry(line - 1, column - 1);
    // findEntry answers {} where the map has no entry for the position.
    if (entry && "originalSource" in entry && entry.originalSource)
      return {
        uri: pathToFileURL(toPath(entry.originalSource)).href,
        line: entry.originalLine + 1,
        column: entry.originalColumn + 1,
      };
    return { uri: pathToFileURL(file).href, line, column };
  }
  return undefined;
}
