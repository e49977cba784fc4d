// The system's native libxml2 as an XSD engine (schema/engine.ts), through our N-API addon
// (native/xsd/provstudio_xsd.c, built by scripts/build-native.mjs into dist/native/). It streams
// a document through libxml2's parser with the schema validator plugged into its SAX events: no
// tree, and a file is read from disk in small blocks, so memory does not grow with the file.
//
// Only the CLI uses it (browsers cannot load addons; Electron keeps libxml2-wasm, see
// docs/performance.md). Where the addon was not built or cannot load (no libxml2 or C compiler
// at install time, Windows, another Node ABI), loadNativeXsdEngine says why and the caller uses
// libxml2-wasm, whose verdicts and findings are the same (test/unit/schema/engines.test.ts).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeUtf8 } from '../common/schema/environment';
import { SchemaCompileError, type CompiledSchemaSet, type LibxmlIssue, type StreamedValidation, type XsdEngine } from '../common/schema/engine';

export const NATIVE_ADDON_FILE = 'provstudio-xsd.node';

/** One finding as the addon reports it (libxml2's xmlError, plus our element path for schema findings). */
interface NativeIssue {
  domain: number;
  code: number;
  level: number;
  line: number;
  column: number;
  message: string;
  path: string | null;
  /** A schema validity finding (libxml2's domain XML_FROM_SCHEMASV); otherwise the parser's. */
  schema: boolean;
}

interface NativeRun {
  issues: NativeIssue[];
  root: { localName: string; namespaceUri: string } | null;
  doctype: boolean;
}

type NativeSchemaSet = { readonly __nativeSchemaSet: unique symbol };

interface NativeAddon {
  compile(files: Record<string, Uint8Array>, entry: string): NativeSchemaSet;
  validateFile(set: NativeSchemaSet, path: string): NativeRun;
  validateBytes(set: NativeSchemaSet, bytes: Uint8Array): NativeRun;
  dispose(set: NativeSchemaSet): void;
  libxmlVersion: string;
}

/** Where the build puts the addon, seen from this module: bundled in dist/cli/, or as source in shared/node/. */
export function nativeAddonCandidates(moduleUrl: string = import.meta.url): string[] {
  const here = path.dirname(fileURLToPath(moduleUrl));
  return [path.resolve(here, '..', 'native', NATIVE_ADDON_FILE), path.resolve(here, '..', '..', 'dist', 'native', NATIVE_ADDON_FILE)];
}

/**
 * libxml2's findings in the shape the WebAssembly engine gives them: when the parser reported an
 * error, only the parser's findings (libxml2-wasm stops at the parse and never validates); else
 * the validator's findings when at least one is an error (warnings alone make a valid document).
 */
export function issuesOf(run: NativeRun): LibxmlIssue[] {
  if (run.doctype) return [{ message: 'A DOCTYPE was met: libxml2 stopped before it', level: 3, line: 0, path: undefined, parseError: true }];
  const parser = run.issues.filter((issue) => !issue.schema);
  if (parser.some((issue) => issue.level >= 2)) {
    return parser.map((issue) => ({ message: issue.message.trim(), level: issue.level, line: issue.line, path: undefined, parseError: true }));
  }
  const schema = run.issues.filter((issue) => issue.schema);
  if (!schema.some((issue) => issue.level >= 2)) return [];
  return schema.map((issue) => ({ message: issue.message.trim(), level: issue.level, line: issue.line, path: issue.path ?? undefined, parseError: false }));
}

class NativeSchemaSetHandle implements CompiledSchemaSet {
  private disposed = false;

  constructor(
    private readonly addon: NativeAddon,
    private readonly set: NativeSchemaSet,
  ) {}

  validate(bytes: Uint8Array): LibxmlIssue[] {
    if (this.disposed) throw new Error('this schema set has been disposed');
    return issuesOf(this.addon.validateBytes(this.set, bytes));
  }

  validateFile(file: string): StreamedValidation {
    if (this.disposed) throw new Error('this schema set has been disposed');
    const run = this.addon.validateFile(this.set, file);
    return { issues: issuesOf(run), root: run.root, doctype: run.doctype };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.addon.dispose(this.set);
  }
}

function engineOf(addon: NativeAddon): XsdEngine {
  return {
    name: 'libxml2-native',
    compile(files, entry) {
      const bytes: Record<string, Uint8Array> = {};
      for (const [name, text] of Object.entries(files)) bytes[name] = encodeUtf8(text);
      try {
        return new NativeSchemaSetHandle(addon, addon.compile(bytes, entry));
      } catch (error) {
        const issues = ((error as { issues?: NativeIssue[] }).issues ?? []).map((issue) => ({
          message: issue.message.trim(),
          level: issue.level,
          line: issue.line,
          path: undefined,
          parseError: false,
        }));
        throw new SchemaCompileError(error instanceof Error ? error.message.trim() : String(error), issues);
      }
    },
  };
}

export type NativeXsdLoad = { engine: XsdEngine; libxmlVersion: string; file: string } | { engine: null; reason: string };

/** Loads the addon from the first of `candidates` that exists; says why when it cannot. */
export function loadNativeXsdEngineFrom(candidates: readonly string[]): NativeXsdLoad {
  const file = candidates.find((candidate) => existsSync(candidate));
  if (!file) return { engine: null, reason: `${NATIVE_ADDON_FILE} was not built (see scripts/build-native.mjs)` };
  try {
    // process.dlopen is what `require` of a .node file does, without loading node:module.
    const module = { exports: {} };
    process.dlopen(module, file);
    const addon = module.exports as NativeAddon;
    return { engine: engineOf(addon), libxmlVersion: addon.libxmlVersion, file };
  } catch (error) {
    return { engine: null, reason: `${file} could not be loaded: ${error instanceof Error ? error.message : String(error)}` };
  }
}

let loaded: NativeXsdLoad | undefined;

/** The build's addon (dist/native/), loaded once per process. */
export function loadNativeXsdEngine(): NativeXsdLoad {
  loaded ??= loadNativeXsdEngineFrom(nativeAddonCandidates());
  return loaded;
}
