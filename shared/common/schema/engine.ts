// What the schema participant needs of a libxml2: compile a schema set once, then validate UTF-8
// bytes against it as often as needed. Two engines answer it: libxml2 compiled to WebAssembly
// (libxml.ts; the app's page worker, Electron, and the CLI's fallback) and the system's native
// libxml2 through our N-API addon (shared/node/native-xsd.ts; the CLI). Both report libxml2's own
// findings in the same shape, so the verdict and the diagnostics do not depend on the engine.

export interface LibxmlIssue {
  message: string;
  /** 1 = warning, 2 = error, 3 = fatal (libxml2's levels). */
  level: number;
  line: number;
  /** libxml2's path to the node, e.g. "/*\/*[2]/*" or "/*[1]/*[2]"; absent for parse errors. */
  path: string | undefined;
  /** True when libxml2 could not even parse the document. */
  parseError: boolean;
}

export class SchemaCompileError extends Error {
  constructor(
    message: string,
    readonly issues: LibxmlIssue[],
  ) {
    super(message);
  }
}

/** What libxml2 saw while it streamed a whole document through the validator. */
export interface StreamedValidation {
  /** libxml2's findings, as validate() gives them: parse errors alone when the document is malformed. */
  issues: LibxmlIssue[];
  /** The root element, or null when libxml2 stopped before it. */
  root: { localName: string; namespaceUri: string } | null;
  /** A DOCTYPE was met (libxml2 stopped there; our own scanner reports it). */
  doctype: boolean;
}

/** A compiled schema set; reuse it for every validation and dispose it when done. */
export interface CompiledSchemaSet {
  /** Validates UTF-8 bytes; returns libxml2's findings (empty when valid). Never throws for bad input. */
  validate(bytes: Uint8Array): LibxmlIssue[];
  /**
   * Streams a file from disk through the validator without holding it (engines that can; the
   * path is handed to the engine as it is). Throws an error with `code` 'ENOENT' or 'EIO' when the
   * file cannot be opened.
   */
  validateFile?(path: string): StreamedValidation;
  dispose(): void;
}

export interface XsdEngine {
  /** 'libxml2-wasm' or 'libxml2-native'. */
  readonly name: string;
  /** Compiles `files` (file name -> XSD text) starting from `entry`. Throws SchemaCompileError. */
  compile(files: Readonly<Record<string, string>>, entry: string): CompiledSchemaSet;
}
