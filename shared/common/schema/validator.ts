// The whole check of one document, in the order Windows applies it:
//   1. well-formedness (our positioned parse; DOCTYPE refused),
//   2. the root must be CarrierProvisioning or CarrierProvisioningResult,
//   3. XSD validation by libxml2 against the compiled driver schema,
//   4. (optionally) the lint rules the XSDs cannot express.
// Steps 1-3 decide the verdict ("would Windows accept this file?"); lint only advises, although
// some lint findings are errors because Windows rejects them at apply time.
import { lintDocument } from '../lint/index';
import { compareDiagnostics, createDiagnostic, type Diagnostic } from '../xml/diagnostic';
import { elementNameSpan, rangeOf, type XmlDocumentNode } from '../xml/model';
import { parseXml } from '../xml/parse';
import { PositionMapper } from '../xml/positions';
import { encodeUtf8, now } from './environment';
import { CompiledXsd, SchemaCompileError } from './libxml';
import { SCHEMA_CODES, issuesToDiagnostics } from './map-issues';
import { DRIVER_SCHEMA, documentKindOf, type DocumentKind } from './roots';

export interface ValidationTimings {
  parseMs: number;
  schemaMs: number;
  lintMs: number;
  totalMs: number;
}

export interface ValidationResult {
  diagnostics: Diagnostic[];
  /** True when Windows would accept the file: no XML or schema error (lint is advisory). */
  valid: boolean;
  documentKind: DocumentKind | null;
  timings: ValidationTimings;
  /** The positioned tree, when the text was well-formed. */
  document: XmlDocumentNode | null;
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
  ) {}

  /** Compiles the schema set once (file name -> XSD text). Throws SchemaCompileError. */
  static create(schemaFiles: Readonly<Record<string, string>>, entry: string = DRIVER_SCHEMA): ProvisioningValidator {
    const started = now();
    const xsd = CompiledXsd.compile(schemaFiles, entry);
    return new ProvisioningValidator(xsd, now() - started);
  }

  validate(text: string, options: ValidateOptions = {}): ValidationResult {
    const started = now();
    const timings: ValidationTimings = { parseMs: 0, schemaMs: 0, lintMs: 0, totalMs: 0 };
    const finish = (diagnostics: Diagnostic[], document: XmlDocumentNode | null, documentKind: DocumentKind | null): ValidationResult => {
      diagnostics.sort(compareDiagnostics);
      timings.totalMs = now() - started;
      const valid = !diagnostics.some((diagnostic) => diagnostic.severity === 'error' && diagnostic.source !== 'lint');
      return { diagnostics, valid, documentKind, timings, document };
    };

    const parsed = parseXml(text);
    timings.parseMs = now() - started;
    if (!parsed.ok) return finish([parsed.error], null, null);
    const document = parsed.document;

    const root = document.root;
    const documentKind = documentKindOf(root.localName, root.namespaceUri);
    if (!documentKind) {
      const diagnostic = createDiagnostic(
        'schema',
        SCHEMA_CODES.rootNotAllowed,
        'error',
        'schema.rootNotAllowed',
        { element: root.localName, namespace: root.namespaceUri || '—' },
        rangeOf(document, elementNameSpan(root)),
      );
      return finish([diagnostic], document, null);
    }

    const schemaStarted = now();
    const issues = this.xsd.validate(encodeUtf8(text));
    const diagnostics: Diagnostic[] = [];
    for (const issue of issues) {
      if (!issue.parseError) continue;
      // Our parser accepted the text but libxml2 did not: report libxml2's reason, on its line.
      const mapper = new PositionMapper(document.lineStarts);
      const start = mapper.lineStartOffset(Math.max(issue.line, 1));
      diagnostics.push(createDiagnostic('xml', SCHEMA_CODES.libxmlParse, 'error', 'xml.error.syntax', { detail: issue.message }, mapper.rangeOf(start, start)));
    }
    diagnostics.push(...issuesToDiagnostics(document, issues.filter((issue) => !issue.parseError)));
    timings.schemaMs = now() - schemaStarted;

    if (options.lint !== false) {
      const lintStarted = now();
      diagnostics.push(...lintDocument(document, documentKind));
      timings.lintMs = now() - lintStarted;
    }
    return finish(diagnostics, document, documentKind);
  }

  dispose(): void {
    this.xsd.dispose();
  }
}
