// Windows' schema verdict on one document, in the order Windows applies it:
//   1. well-formedness (our scanner, check-only: no tree; DOCTYPE refused here, so libxml2
//      never sees a DTD),
//   2. the root must be CarrierProvisioning or CarrierProvisioningResult,
//   3. XSD validation by libxml2 against the compiled driver schema (UTF-8 bytes, once), by the
//      engine the host gives (engine.ts: libxml2 in WebAssembly, or the CLI's native libxml2).
// These decide the verdict ("would Windows accept this file?"). The lint rules are a peer of this
// module, not part of it: shared/common/validation/ runs both.
//
// Fast path: a text with no "<!DOCTYPE" cannot declare entities, so when its root (read by
// peekRoot) is an accepted one, libxml2 goes first and our scan (1) runs only if libxml2 finds
// the text malformed, to report the error at its exact place with our own message.
//
// The positioned tree is the expensive part on large files, so it is built only when
// something needs it: libxml2 found issues to place, or a caller asks for `tree()`.
import { parserLimitMessage } from './parser-limits';
import { createDiagnostic, type Diagnostic } from '../xml/diagnostic';
import type { XmlDocumentNode } from '../xml/model';
import { NAMESPACES } from '../xml/namespaces';
import { checkXml, parseXml } from '../xml/parse';
import { PositionMapper } from '../xml/positions';
import { ROOT_PEEK_BYTES, containsAscii, peekRoot } from '../xml/root-peek';
import { decodeUtf8, encodeUtf8, now } from './environment';
import { SchemaCompileError, type CompiledSchemaSet, type LibxmlIssue, type XsdEngine } from './engine';
import { SCHEMA_CODES, issuesToDiagnostics } from './map-issues';
import { ACCEPTED_ROOTS, DRIVER_SCHEMA, RESULTS_DRIVER_SCHEMA, RESULTS_INSPECTOR_ROOTS, documentKindOf, type AcceptedRoot, type DocumentKind } from './roots';
import { DEFAULT_TARGET, authoringSchemaSet, schemaSetFor, type SchemaLibrary, type WindowsTarget } from '../windows/targets';
import type { LaxSlotChecker } from '../windows/lax-slots';
import { createLaxSlotChecker } from './authoring-check';

export interface SchemaTimings {
  /** Well-formedness check (no tree). */
  parseMs: number;
  /** libxml2: UTF-8 encoding, instance parse and XSD validation. */
  schemaMs: number;
  /** Building the positioned tree (0 when nothing needed it yet). */
  treeMs: number;
  /** Placing libxml2's findings in the tree (0 when there were none). */
  mapMs: number;
}

/** What the schema check found, and the document's tree for whoever comes next. */
export interface SchemaCheck {
  /** Well-formedness and schema findings, in no particular order. */
  diagnostics: Diagnostic[];
  wellFormed: boolean;
  /** The accepted root the document has, or null (not well-formed, or a root Windows refuses). */
  documentKind: DocumentKind | null;
  timings: SchemaTimings;
  /** The positioned tree, built once on first call; null when the text is not well-formed. */
  tree(): XmlDocumentNode | null;
}

export { SchemaCompileError };

export class SchemaValidator {
  private constructor(
    private readonly xsd: CompiledSchemaSet,
    /** How long compiling the schema set took, in milliseconds. */
    readonly compileMs: number,
    /** The Windows version whose published schemas (and documented additions) give the verdict. */
    readonly target: WindowsTarget,
    private readonly roots: readonly AcceptedRoot[],
    /** Lax-slot content against what we know (lint PS-L027); absent for the results inspector. */
    readonly laxSlotChecker?: LaxSlotChecker,
  ) {}

  /**
   * Windows' verdict for one target: compiles the target's schema set once from the schema
   * library (every .xsd under schemas/, by relative path; see windows/targets.ts). Throws SchemaCompileError.
   */
  static create(engine: XsdEngine, library: SchemaLibrary, target: WindowsTarget = DEFAULT_TARGET): SchemaValidator {
    const started = now();
    const xsd = engine.compile(schemaSetFor(library, target), DRIVER_SCHEMA);
    const checker = createLaxSlotChecker(engine, xsd, () => authoringSchemaSet(library));
    return new SchemaValidator(xsd, now() - started, target, ACCEPTED_ROOTS, checker);
  }

  /** The results inspector's reading: results v1 and v2 (v2 from its element pages, not a published schema). */
  static forResultsInspector(engine: XsdEngine, library: SchemaLibrary): SchemaValidator {
    const started = now();
    const xsd = engine.compile(schemaSetFor(library, DEFAULT_TARGET), RESULTS_DRIVER_SCHEMA);
    return new SchemaValidator(xsd, now() - started, DEFAULT_TARGET, RESULTS_INSPECTOR_ROOTS);
  }

  check(text: string): SchemaCheck {
    const timings: SchemaTimings = { parseMs: 0, schemaMs: 0, treeMs: 0, mapMs: 0 };
    let tree: XmlDocumentNode | null = null;
    /** The positioned tree, built once, on demand; the text is known to be well-formed. */
    const buildTree = (): XmlDocumentNode => {
      if (tree) return tree;
      const treeStarted = now();
      const parsed = parseXml(text);
      timings.treeMs += now() - treeStarted;
      if (!parsed.ok) throw new Error(`the scanner's two modes disagree: ${parsed.error.message}`);
      tree = parsed.document;
      return tree;
    };
    const result = (diagnostics: Diagnostic[], wellFormed: boolean, documentKind: DocumentKind | null): SchemaCheck => ({
      diagnostics,
      wellFormed,
      documentKind,
      timings,
      tree: () => (wellFormed ? buildTree() : null),
    });

    // Fast path for the common case, a well-formed file: a text without "<!DOCTYPE" cannot
    // declare entities, so libxml2 may see it first; our own scan runs only when libxml2 finds the
    // text malformed (to place the error precisely) or the root needs a precise diagnostic.
    const mayHoldDtd = text.includes('<!DOCTYPE');
    const peeked = mayHoldDtd ? null : peekRoot(text);
    const fastKind = peeked ? documentKindOf(peeked.localName, peeked.namespaceUri, this.roots) : null;
    if (fastKind) {
      const schemaStarted = now();
      const issues = this.xsd.validate(encodeUtf8(text));
      timings.schemaMs = now() - schemaStarted;
      if (!issues.some((issue) => issue.parseError)) return result(this.placeIssues(text, issues, timings, buildTree), true, fastKind);
    }

    const checkStarted = now();
    const checked = checkXml(text);
    timings.parseMs = now() - checkStarted;
    if (!checked.ok) return result([checked.error], false, null);

    const root = checked.root;
    const documentKind = documentKindOf(root.localName, root.namespaceUri, this.roots);
    if (!documentKind) {
      const nameStart = root.start + 1;
      const unpublishedResults = root.localName === 'CarrierProvisioningResult' && root.namespaceUri === NAMESPACES.resultsV2;
      const diagnostic = createDiagnostic(
        'schema',
        SCHEMA_CODES.rootNotAllowed,
        'error',
        unpublishedResults ? 'schema.rootResultsV2NotPublished' : 'schema.rootNotAllowed',
        { element: root.localName, namespace: root.namespaceUri || '—' },
        PositionMapper.forText(text).rangeOf(nameStart, nameStart + root.name.length),
      );
      return result([diagnostic], true, null);
    }

    const schemaStarted = now();
    const issues = this.xsd.validate(encodeUtf8(text));
    timings.schemaMs = now() - schemaStarted;
    return result(this.placeIssues(text, issues, timings, buildTree), true, documentKind);
  }

  /**
   * The schema verdict straight from UTF-8 bytes, for `validate --schema-only` of large files: no
   * text is decoded and the bytes are not copied again, so the process holds the file's bytes and
   * libxml2's tree, nothing more. Returns the document kind and libxml2's time when libxml2 finds
   * nothing (the common case) and null when positions or our own checks need the text: a DOCTYPE,
   * a root we do not accept, or any finding. The caller must have checked that `bytes` are
   * well-formed UTF-8 (a BOM is allowed).
   */
  checkUtf8WithoutFindings(bytes: Uint8Array): { documentKind: DocumentKind; schemaMs: number } | null {
    if (containsAscii(bytes, '<!DOCTYPE')) return null;
    const peeked = peekRoot(decodeUtf8(bytes.subarray(0, ROOT_PEEK_BYTES)));
    const documentKind = peeked ? documentKindOf(peeked.localName, peeked.namespaceUri, this.roots) : null;
    if (!documentKind) return null;
    const schemaStarted = now();
    const issues = this.xsd.validate(bytes);
    const schemaMs = now() - schemaStarted;
    return issues.length > 0 ? null : { documentKind, schemaMs };
  }

  /**
   * The schema verdict of a file the engine streams from disk (`validate --schema-only` with the
   * native engine): neither the file's bytes nor a tree are held. Returns the document kind when
   * libxml2 finds nothing, met no DOCTYPE and the root is one we accept; null when positions or
   * our own checks need the text (the caller then reads it and calls check); undefined when the
   * engine cannot stream files. Throws the engine's error when the file cannot be opened.
   */
  checkFileWithoutFindings(path: string): { documentKind: DocumentKind; schemaMs: number } | null | undefined {
    if (!this.xsd.validateFile) return undefined;
    const schemaStarted = now();
    const streamed = this.xsd.validateFile(path);
    const schemaMs = now() - schemaStarted;
    if (streamed.doctype || streamed.issues.length > 0 || !streamed.root) return null;
    const documentKind = documentKindOf(streamed.root.localName, streamed.root.namespaceUri, this.roots);
    return documentKind ? { documentKind, schemaMs } : null;
  }

  /** Places libxml2's findings (building the tree only if there are some). */
  private placeIssues(text: string, issues: readonly LibxmlIssue[], timings: SchemaTimings, buildTree: () => XmlDocumentNode): Diagnostic[] {
    const diagnostics: Diagnostic[] = [];
    if (issues.length === 0) return diagnostics;
    const schemaIssues = issues.filter((issue) => !issue.parseError);
    const document = schemaIssues.length > 0 ? buildTree() : null;
    const mapStarted = now();
    let mapper: PositionMapper | null = null;
    for (const issue of issues) {
      if (!issue.parseError) continue;
      // Our scanner accepted the text but libxml2 did not: report libxml2's reason, on its line.
      mapper ??= document ? new PositionMapper(document.lineStarts) : PositionMapper.forText(text);
      const start = mapper.lineStartOffset(Math.max(issue.line, 1));
      // A parser limit is said as what the user can do, never as a libxml2 option to set.
      const limit = parserLimitMessage(issue.message);
      const [key, params] = limit ? [limit.messageKey, limit.params] : (['xml.error.syntax', { detail: issue.message }] as const);
      diagnostics.push(createDiagnostic('xml', limit ? SCHEMA_CODES.parserLimit : SCHEMA_CODES.libxmlParse, 'error', key, params, mapper.rangeOf(start, start)));
    }
    if (document) diagnostics.push(...issuesToDiagnostics(document, schemaIssues));
    timings.mapMs = now() - mapStarted;
    return diagnostics;
  }

  dispose(): void {
    this.xsd.dispose();
  }
}
