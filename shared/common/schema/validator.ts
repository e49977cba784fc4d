// The whole check of one document, in the order Windows applies it:
//   1. well-formedness (our scanner, check-only: no tree; DOCTYPE refused here, so libxml2
//      never sees a DTD),
//   2. the root must be CarrierProvisioning or CarrierProvisioningResult,
//   3. XSD validation by libxml2 against the compiled driver schema (UTF-8 bytes, once),
//   4. (optionally) the lint rules the XSDs cannot express.
// Steps 1-3 decide the verdict ("would Windows accept this file?"); lint only advises, although
// some lint findings are errors because Windows rejects them at apply time.
//
// Fast path: a text with no "<!DOCTYPE" cannot declare entities, so when its root (read by
// peekRoot) is an accepted one, libxml2 goes first and our scan (1) runs only if libxml2 finds
// the text malformed, to report the error at its exact place with our own message.
//
// The positioned tree is the expensive part on large files, so it is built only when
// something needs it: libxml2 found issues to place, lint runs, or a caller reads
// `result.document` (built then, on first access). A valid file validated without lint costs
// the check-only scan plus libxml2.
import { parserLimitMessage } from './parser-limits';
import { lintDocument } from '../lint/index';
import { compareDiagnostics, createDiagnostic, type Diagnostic } from '../xml/diagnostic';
import type { XmlDocumentNode } from '../xml/model';
import { checkXml, parseXml } from '../xml/parse';
import { PositionMapper } from '../xml/positions';
import { decodeUtf8, encodeUtf8, now } from './environment';
import { CompiledXsd, SchemaCompileError } from './libxml';
import { SCHEMA_CODES, issuesToDiagnostics } from './map-issues';
import { ACCEPTED_ROOTS, DRIVER_SCHEMA, NAMESPACES, RESULTS_DRIVER_SCHEMA, RESULTS_INSPECTOR_ROOTS, documentKindOf, type AcceptedRoot, type DocumentKind } from './roots';
import { DEFAULT_TARGET, authoringSchemaSet, schemaSetFor, type SchemaLibrary, type WindowsTarget } from './targets';
import { createLaxSlotChecker, type LaxSlotChecker } from './authoring-check';
import { nearMissNamespaceDiagnostics } from '../lint/namespaces';

export interface ValidationTimings {
  /** Well-formedness check (no tree). */
  parseMs: number;
  /** libxml2: UTF-8 encoding, instance parse and XSD validation. */
  schemaMs: number;
  lintMs: number;
  totalMs: number;
  /** Building the positioned tree (0 when nothing needed it). */
  treeMs?: number;
  /** Placing libxml2's findings in the tree (0 when there were none). */
  mapMs?: number;
}

export interface ValidationResult {
  diagnostics: Diagnostic[];
  /** True when Windows would accept the file: no XML or schema error (lint is advisory). */
  valid: boolean;
  documentKind: DocumentKind | null;
  /** The Windows version whose schemas gave the verdict. */
  target: WindowsTarget;
  timings: ValidationTimings;
  /** The positioned tree, when the text was well-formed (built on first access if not yet). */
  readonly document: XmlDocumentNode | null;
}

export interface ValidateOptions {
  /** Run the lint rules too (default true). */
  lint?: boolean;
}

export { SchemaCompileError };

export class ProvisioningValidator {
  private constructor(
    private readonly xsd: CompiledXsd,
    /** How long compiling the schema set took, in milliseconds. */
    readonly compileMs: number,
    /** The Windows version whose published schemas (and documented additions) give the verdict. */
    readonly target: WindowsTarget,
    private readonly roots: readonly AcceptedRoot[],
    /** Lax-slot content against what we know (lint PS-L027); absent for the results inspector. */
    private readonly laxSlotChecker?: LaxSlotChecker,
  ) {}

  /**
   * Windows' verdict for one target: compiles the target's schema set once from the schema
   * library (every .xsd under schemas/, by relative path; see targets.ts). Throws SchemaCompileError.
   */
  static create(library: SchemaLibrary, target: WindowsTarget = DEFAULT_TARGET): ProvisioningValidator {
    const started = now();
    const xsd = CompiledXsd.compile(schemaSetFor(library, target), DRIVER_SCHEMA);
    const checker = createLaxSlotChecker(xsd, () => authoringSchemaSet(library));
    return new ProvisioningValidator(xsd, now() - started, target, ACCEPTED_ROOTS, checker);
  }

  /** The results inspector's reading: results v1 and v2 (v2 from its element pages, not a published schema). */
  static forResultsInspector(library: SchemaLibrary): ProvisioningValidator {
    const started = now();
    const xsd = CompiledXsd.compile(schemaSetFor(library, DEFAULT_TARGET), RESULTS_DRIVER_SCHEMA);
    return new ProvisioningValidator(xsd, now() - started, DEFAULT_TARGET, RESULTS_INSPECTOR_ROOTS);
  }

  validate(text: string, options: ValidateOptions = {}): ValidationResult {
    const started = now();
    const timings: ValidationTimings = { parseMs: 0, schemaMs: 0, lintMs: 0, totalMs: 0, treeMs: 0, mapMs: 0 };
    let tree: XmlDocumentNode | null = null;
    /** The positioned tree, built once, on demand; the text is known to be well-formed. */
    const buildTree = (): XmlDocumentNode => {
      if (tree) return tree;
      const treeStarted = now();
      const parsed = parseXml(text);
      timings.treeMs! += now() - treeStarted;
      if (!parsed.ok) throw new Error(`the scanner's two modes disagree: ${parsed.error.message}`);
      tree = parsed.document;
      return tree;
    };
    const finish = (diagnostics: Diagnostic[], wellFormed: boolean, documentKind: DocumentKind | null): ValidationResult => {
      diagnostics.sort(compareDiagnostics);
      timings.totalMs = now() - started;
      const valid = !diagnostics.some((diagnostic) => diagnostic.severity === 'error' && diagnostic.source !== 'lint');
      return {
        diagnostics,
        valid,
        documentKind,
        target: this.target,
        timings,
        get document(): XmlDocumentNode | null {
          return wellFormed ? buildTree() : null;
        },
      };
    };

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
      if (!issues.some((issue) => issue.parseError)) return this.finishWellFormed(text, issues, fastKind, options, timings, buildTree, finish);
    }

    const checkStarted = now();
    const checked = checkXml(text);
    timings.parseMs = now() - checkStarted;
    if (!checked.ok) return finish([checked.error], false, null);

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
      const diagnostics = [diagnostic];
      // A namespace that is almost one we know (https, case, trailing slash, version digit): say
      // which one was meant, with its fix (lint, so it never changes the verdict).
      if (options.lint !== false) diagnostics.push(...nearMissNamespaceDiagnostics(buildTree()));
      return finish(diagnostics, true, null);
    }

    const schemaStarted = now();
    const issues = this.xsd.validate(encodeUtf8(text));
    timings.schemaMs = now() - schemaStarted;
    return this.finishWellFormed(text, issues, documentKind, options, timings, buildTree, finish);
  }

  /**
   * The schema verdict straight from UTF-8 bytes, for `validate --schema-only` of large files: no
   * text is decoded and the bytes are not copied again, so the process holds the file's bytes and
   * libxml2's tree, nothing more. Returns the result when libxml2 finds nothing (the common case)
   * and null when positions or our own checks need the text: a DOCTYPE, a root we do not accept,
   * or any finding. The caller then decodes the bytes and calls validate(text), which places the
   * findings. The caller must have checked that `bytes` are well-formed UTF-8 (a BOM is allowed).
   */
  validateUtf8WithoutFindings(bytes: Uint8Array): ValidationResult | null {
    const started = now();
    if (containsAscii(bytes, '<!DOCTYPE')) return null;
    const peeked = peekRoot(decodeUtf8(bytes.subarray(0, ROOT_PEEK_BYTES)));
    const documentKind = peeked ? documentKindOf(peeked.localName, peeked.namespaceUri, this.roots) : null;
    if (!documentKind) return null;
    const schemaStarted = now();
    const issues = this.xsd.validate(bytes);
    const schemaMs = now() - schemaStarted;
    if (issues.length > 0) return null;
    let tree: XmlDocumentNode | null = null;
    return {
      diagnostics: [],
      valid: true,
      documentKind,
      target: this.target,
      timings: { parseMs: 0, schemaMs, lintMs: 0, totalMs: now() - started, treeMs: 0, mapMs: 0 },
      get document(): XmlDocumentNode | null {
        if (tree) return tree;
        const parsed = parseXml(decodeUtf8(bytes));
        if (!parsed.ok) throw new Error(`libxml2 and our scanner disagree: ${parsed.error.message}`);
        tree = parsed.document;
        return tree;
      },
    };
  }

  /** Places libxml2's findings (building the tree only if there are some) and runs lint. */
  private finishWellFormed(
    text: string,
    issues: ReturnType<CompiledXsd['validate']>,
    documentKind: DocumentKind,
    options: ValidateOptions,
    timings: ValidationTimings,
    buildTree: () => XmlDocumentNode,
    finish: (diagnostics: Diagnostic[], wellFormed: boolean, documentKind: DocumentKind | null) => ValidationResult,
  ): ValidationResult {
    const diagnostics: Diagnostic[] = [];
    if (issues.length > 0) {
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
    }

    if (options.lint !== false) {
      const document = buildTree();
      const lintStarted = now();
      diagnostics.push(...lintDocument(document, documentKind, this.target, this.laxSlotChecker));
      timings.lintMs = now() - lintStarted;
    }
    return finish(diagnostics, true, documentKind);
  }

  dispose(): void {
    this.xsd.dispose();
  }
}

/** How much of a file's start peekRoot reads when validating bytes (the prolog and the root's start tag). */
const ROOT_PEEK_BYTES = 64 * 1024;

/** Whether `bytes` contain the ASCII string `needle`: a native search for its second byte ('!' for
 * '<!DOCTYPE', rare in these files), then a comparison around each hit. */
export function containsAscii(bytes: Uint8Array, needle: string): boolean {
  const anchor = needle.charCodeAt(1);
  for (let at = bytes.indexOf(anchor, 1); at !== -1; at = bytes.indexOf(anchor, at + 1)) {
    let matches = true;
    for (let index = 0; index < needle.length && matches; index++) matches = bytes[at - 1 + index] === needle.charCodeAt(index);
    if (matches) return true;
  }
  return false;
}

/**
 * The root element's name and namespace, read without a full scan: skips the prolog (XML
 * declaration, comments, processing instructions) and reads the first start tag's name and its
 * namespace declarations. Null when the text does not start like a document; the full scan then
 * gives the precise error. Only used when the text holds no DOCTYPE.
 */
export function peekRoot(text: string): { localName: string; namespaceUri: string } | null {
  let position = 0;
  for (;;) {
    position = text.indexOf('<', position);
    if (position === -1) return null;
    if (text.startsWith('<?', position)) {
      const end = text.indexOf('?>', position + 2);
      if (end === -1) return null;
      position = end + 2;
    } else if (text.startsWith('<!--', position)) {
      const end = text.indexOf('-->', position + 4);
      if (end === -1) return null;
      position = end + 3;
    } else if (text.startsWith('<!', position)) {
      return null;
    } else {
      break;
    }
  }
  const nameMatch = /^<([^\s/>]+)/.exec(text.slice(position, position + 256));
  if (!nameMatch) return null;
  const qualifiedName = nameMatch[1]!;
  const colon = qualifiedName.indexOf(':');
  const prefix = colon === -1 ? '' : qualifiedName.slice(0, colon);
  const localName = colon === -1 ? qualifiedName : qualifiedName.slice(colon + 1);
  // The start tag ends at the first '>' outside quotes.
  let end = position + nameMatch[0].length;
  let quote = '';
  for (; end < text.length; end++) {
    const character = text[end]!;
    if (quote) {
      if (character === quote) quote = '';
    } else if (character === '"' || character === "'") {
      quote = character;
    } else if (character === '>') {
      break;
    }
  }
  const tag = text.slice(position, end);
  const declaration = new RegExp(`\\sxmlns${prefix ? `:${prefix}` : ''}\\s*=\\s*(["'])(.*?)\\1`).exec(tag);
  return { localName, namespaceUri: declaration ? declaration[2]! : '' };
}
