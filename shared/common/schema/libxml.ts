// libxml2 (compiled to WebAssembly by libxml2-wasm) as an XSD validator.
//
// Schemas come from memory: one input provider, registered once, serves every compiled schema
// set under its own private prefix ("provstudio-schemas/<n>/"), so the driver's
// `schemaLocation="base.xsd"` resolves to the sibling text we were given and never to a file
// or a URL. Instance documents are parsed with network access and external entities disabled
// (they never contain a DTD anyway: our own parser refuses DOCTYPE before libxml2 sees them).
import {
  ParseOption,
  XmlDocument,
  XmlValidateError,
  XsdValidator,
  xmlRegisterInputProvider,
  type ErrorDetail,
  type XmlInputProvider,
} from 'libxml2-wasm';
import { encodeUtf8 } from './environment';
import { SchemaCompileError, type CompiledSchemaSet, type LibxmlIssue, type XsdEngine } from './engine';

export { SchemaCompileError, type LibxmlIssue };

const PREFIX = 'provstudio-schemas/';

/** Serves in-memory files to libxml2's loader. */
class MemoryInputProvider implements XmlInputProvider {
  private readonly files = new Map<string, Uint8Array>();
  private readonly open_ = new Map<number, { bytes: Uint8Array; position: number }>();
  private nextHandle = 1;

  add(name: string, bytes: Uint8Array): void {
    this.files.set(name, bytes);
  }

  removeUnder(prefix: string): void {
    for (const name of [...this.files.keys()]) if (name.startsWith(prefix)) this.files.delete(name);
  }

  match(filename: string): boolean {
    return this.files.has(filename);
  }

  open(filename: string): number | undefined {
    const bytes = this.files.get(filename);
    if (!bytes) return undefined;
    const handle = this.nextHandle++;
    this.open_.set(handle, { bytes, position: 0 });
    return handle;
  }

  read(handle: number, buffer: Uint8Array): number {
    const file = this.open_.get(handle);
    if (!file) return -1;
    const count = Math.min(buffer.length, file.bytes.length - file.position);
    buffer.set(file.bytes.subarray(file.position, file.position + count));
    file.position += count;
    return count;
  }

  close(handle: number): boolean {
    return this.open_.delete(handle);
  }
}

let provider: MemoryInputProvider | undefined;
let compiledSets = 0;

function memoryProvider(): MemoryInputProvider {
  if (!provider) {
    provider = new MemoryInputProvider();
    if (!xmlRegisterInputProvider(provider)) throw new Error('libxml2 refused the in-memory schema loader');
  }
  return provider;
}

/**
 * Parse options for instance documents: no network, no external entities, big line numbers, and
 * libxml2's "huge" limits, so that a legitimate large base64 blob (activation data, a logo) of
 * 50 MB is one text node it accepts (the default limit is 10 MB). Documents with a DTD never get
 * here (our scanner refuses them first), so there is no entity expansion to bound.
 */
export const INSTANCE_PARSE_OPTIONS =
  ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE | ParseOption.XML_PARSE_BIG_LINES | ParseOption.XML_PARSE_HUGE;

function toIssues(details: readonly ErrorDetail[], parseError: boolean): LibxmlIssue[] {
  return details.map((detail) => {
    const withPath = detail as ErrorDetail & { xpath?: string; level?: number };
    return { message: detail.message.trim(), level: withPath.level ?? 2, line: detail.line, path: withPath.xpath || undefined, parseError };
  });
}

/** A compiled schema set; reuse it for every validation and dispose it when done. */
export class CompiledXsd implements CompiledSchemaSet {
  private disposed = false;

  private constructor(
    private readonly validator: XsdValidator,
    private readonly prefix: string,
  ) {}

  /** Compiles `files` (file name -> XSD text) starting from `entry`. Throws SchemaCompileError. */
  static compile(files: Readonly<Record<string, string>>, entry: string): CompiledXsd {
    const loader = memoryProvider();
    const prefix = `${PREFIX}${++compiledSets}/`;
    for (const [name, text] of Object.entries(files)) loader.add(prefix + name, encodeUtf8(text));
    const entryText = files[entry];
    if (entryText === undefined) throw new SchemaCompileError(`the schema set has no ${entry}`, []);
    let schemaDocument: XmlDocument | undefined;
    try {
      schemaDocument = XmlDocument.fromBuffer(encodeUtf8(entryText), { url: prefix + entry, option: INSTANCE_PARSE_OPTIONS });
      return new CompiledXsd(XsdValidator.fromDoc(schemaDocument), prefix);
    } catch (error) {
      loader.removeUnder(prefix);
      const details = (error as { details?: ErrorDetail[] }).details ?? [];
      throw new SchemaCompileError(error instanceof Error ? error.message.trim() : String(error), toIssues(details, false));
    } finally {
      schemaDocument?.dispose();
    }
  }

  /** Validates UTF-8 bytes; returns libxml2's findings (empty when valid). Never throws for bad input. */
  validate(bytes: Uint8Array): LibxmlIssue[] {
    if (this.disposed) throw new Error('this schema set has been disposed');
    let document: XmlDocument;
    try {
      document = XmlDocument.fromBuffer(bytes, { option: INSTANCE_PARSE_OPTIONS, encoding: 'utf-8' });
    } catch (error) {
      const details = (error as { details?: ErrorDetail[] }).details;
      if (details && details.length > 0) return toIssues(details, true);
      return [{ message: error instanceof Error ? error.message : String(error), level: 3, line: 0, path: undefined, parseError: true }];
    }
    try {
      this.validator.validate(document);
      return [];
    } catch (error) {
      if (error instanceof XmlValidateError) return toIssues(error.details, false);
      return [{ message: error instanceof Error ? error.message : String(error), level: 3, line: 0, path: undefined, parseError: false }];
    } finally {
      document.dispose();
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.validator.dispose();
    provider?.removeUnder(this.prefix);
  }
}

/** libxml2 compiled to WebAssembly: runs wherever JavaScript does (the app's page worker, Electron, the CLI's fallback). */
export const wasmXsdEngine: XsdEngine = {
  name: 'libxml2-wasm',
  compile: (files, entry) => CompiledXsd.compile(files, entry),
};
