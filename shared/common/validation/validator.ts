// The whole check of one document: an orchestrator above its participants, which are peers that
// know nothing of each other.
//   - schema/  Windows' verdict: well-formedness, the root, XSD validation by libxml2;
//   - lint/    what the XSDs cannot express (advisory; some findings are errors because Windows
//              rejects them at apply time). On a well-formed document whose root Windows refuses,
//              only the near-miss namespace rule runs: it says which namespace was meant.
// Each participant runs inside its own guard: one that throws becomes a finding
// (VALIDATION_PARTICIPANT_FAILED) and the others' findings still arrive, the way LemMinX's
// diagnostics participants are isolated from each other.
//
// Only schema and XML errors decide `valid`; lint is advisory.
import { compareDiagnostics, createDiagnostic, type Diagnostic, type DiagnosticSource, type Severity } from '../xml/diagnostic';
import type { XmlDocumentNode } from '../xml/model';
import { parseXml } from '../xml/parse';
import { PositionMapper } from '../xml/positions';
import { lintSteps, nearMissNamespaceDiagnostics, type LintOptions } from '../lint/index';
import { documentKindOf, type DocumentKind } from '../schema/roots';
import { SchemaCompileError, SchemaValidator, type SchemaCheck } from '../schema/validator';
import type { SchemaLibrary, WindowsTarget } from '../windows/targets';
import type { XsdEngine } from '../schema/engine';
import { decodeUtf8, now } from '../schema/environment';
import { SCHEMA_CODES } from '../schema/map-issues';
import { valuesAfterOrderErrors } from './values-after-order-errors';

export const VALIDATION_PARTICIPANT_FAILED = 'VALIDATION_PARTICIPANT_FAILED';

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

/** A participant that threw: said where the document starts, so nothing is hidden. */
function participantFailure(source: DiagnosticSource, severity: Severity, participant: string, error: unknown, text: string): Diagnostic {
  const detail = error instanceof Error ? error.message : String(error);
  return createDiagnostic(source, VALIDATION_PARTICIPANT_FAILED, severity, 'validation.participantFailed', { participant, detail }, PositionMapper.forText(text).rangeOf(0, 0));
}

/** What the schema participant gives when it threw: the tree and root from our own scanner, no schema findings. */
function fallbackCheck(text: string): SchemaCheck {
  const parsed = parseXml(text);
  const document = parsed.ok ? parsed.document : null;
  return {
    diagnostics: parsed.ok ? [] : [parsed.error],
    wellFormed: parsed.ok,
    documentKind: document ? documentKindOf(document.root.localName, document.root.namespaceUri) : null,
    timings: { parseMs: 0, schemaMs: 0, treeMs: 0, mapMs: 0 },
    tree: () => document,
  };
}

/** What validation needs of the schema participant (a SchemaValidator). */
export type SchemaParticipant = Pick<SchemaValidator, 'check' | 'checkUtf8WithoutFindings' | 'checkFileWithoutFindings' | 'compileMs' | 'target' | 'laxSlotChecker' | 'dispose'>;

/**
 * The lint participant: findings for a well-formed document of the given kind (null: a root
 * Windows refuses); as a generator, one step per rule (see ProvisioningValidator.validationSteps).
 */
export type LintParticipant = (document: XmlDocumentNode, documentKind: DocumentKind | null, options: LintOptions) => Diagnostic[] | Generator<void, Diagnostic[], void>;

/** The lint rules on provisioning documents; on a refused root only the near-miss namespace rule,
 * which says which namespace was meant (lint, so it never changes the verdict). Results documents
 * (what Windows returns) have nothing to lint. */
export const lintParticipant: LintParticipant = (document, documentKind, options) => {
  if (documentKind === 'provisioning') return lintSteps(document, options);
  if (documentKind === null) return nearMissNamespaceDiagnostics(document);
  return [];
};

export class ProvisioningValidator {
  /** The participants are peers; tests give their own to show one's failure does not hide the other's findings. */
  constructor(
    private readonly schema: SchemaParticipant,
    private readonly lint: LintParticipant = lintParticipant,
  ) {}

  /** Windows' verdict for one target, plus lint, with the given libxml2 (schema/engine.ts). Throws SchemaCompileError. */
  static create(engine: XsdEngine, library: SchemaLibrary, target?: WindowsTarget): ProvisioningValidator {
    return new ProvisioningValidator(SchemaValidator.create(engine, library, target));
  }

  /** The results inspector's reading: results v1 and v2 (nothing to lint in what Windows returns). */
  static forResultsInspector(engine: XsdEngine, library: SchemaLibrary): ProvisioningValidator {
    return new ProvisioningValidator(SchemaValidator.forResultsInspector(engine, library));
  }

  /** How long compiling the schema set took, in milliseconds. */
  get compileMs(): number {
    return this.schema.compileMs;
  }

  /** The Windows version whose published schemas (and documented additions) give the verdict. */
  get target(): WindowsTarget {
    return this.schema.target;
  }

  validate(text: string, options: ValidateOptions = {}): ValidationResult {
    const steps = this.validationSteps(text, options);
    for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
  }

  /**
   * The same check in steps: libxml2's, the positioned tree, then each lint rule. A caller that
   * returns to its event loop between steps (the validation worker, after typing pauses) lets an
   * edit be answered first and can drop the rest (its text is no longer the editor's). Timings
   * count the steps' own time, not the time between them.
   */
  *validationSteps(text: string, options: ValidateOptions = {}): Generator<void, ValidationResult, void> {
    let active = 0;
    let resumed = now();
    const pause = function* (): Generator<void, void, void> {
      active += now() - resumed;
      yield;
      resumed = now();
    };
    const diagnostics: Diagnostic[] = [];
    let check: SchemaCheck;
    try {
      check = this.schema.check(text);
    } catch (error) {
      diagnostics.push(participantFailure('schema', 'error', 'schema', error, text));
      check = fallbackCheck(text);
    }
    diagnostics.push(...check.diagnostics);
    yield* pause();
    // libxml2 stops checking a parent's children at an element-order error: check their values too.
    if (check.wellFormed && check.diagnostics.some((diagnostic) => diagnostic.code === SCHEMA_CODES.unexpectedElement)) {
      try {
        const document = check.tree();
        if (document) diagnostics.push(...valuesAfterOrderErrors(document, check.diagnostics));
      } catch (error) {
        diagnostics.push(participantFailure('schema', 'error', 'values after order errors', error, text));
      }
    }

    let lintMs = 0;
    if (options.lint !== false && check.wellFormed) {
      try {
        const document = check.tree();
        yield* pause();
        let lintResumed = now();
        const linted = document ? this.lint(document, check.documentKind, { target: this.target, laxSlotChecker: this.schema.laxSlotChecker }) : [];
        if (Array.isArray(linted)) {
          diagnostics.push(...linted);
          lintMs = now() - lintResumed;
        } else {
          for (let step = linted.next(); ; step = linted.next()) {
            lintMs += now() - lintResumed;
            if (step.done) {
              diagnostics.push(...step.value);
              break;
            }
            yield* pause();
            lintResumed = now();
          }
        }
      } catch (error) {
        diagnostics.push(participantFailure('lint', 'warning', 'lint', error, text));
      }
    }

    diagnostics.sort(compareDiagnostics);
    const valid = !diagnostics.some((diagnostic) => diagnostic.severity === 'error' && diagnostic.source !== 'lint');
    const { parseMs, schemaMs, treeMs, mapMs } = check.timings;
    return {
      diagnostics,
      valid,
      documentKind: check.documentKind,
      target: this.target,
      timings: { parseMs, schemaMs, lintMs, totalMs: active + now() - resumed, treeMs, mapMs },
      get document(): XmlDocumentNode | null {
        return check.tree();
      },
    };
  }

  /**
   * The schema verdict straight from UTF-8 bytes, for `validate --schema-only` of large files (see
   * SchemaValidator.checkUtf8WithoutFindings). Null when positions or our own checks need the
   * text; the caller then decodes the bytes and calls validate(text), which places the findings.
   */
  validateUtf8WithoutFindings(bytes: Uint8Array): ValidationResult | null {
    const started = now();
    const checked = this.schema.checkUtf8WithoutFindings(bytes);
    if (!checked) return null;
    let tree: XmlDocumentNode | null = null;
    const decode = (): XmlDocumentNode => {
      if (tree) return tree;
      const parsed = parseXml(decodeUtf8(bytes));
      if (!parsed.ok) throw new Error(`libxml2 and our scanner disagree: ${parsed.error.message}`);
      tree = parsed.document;
      return tree;
    };
    return this.validWithoutFindings(checked, started, decode);
  }

  /**
   * The schema verdict of a file the engine streams from disk (SchemaValidator.checkFileWithoutFindings):
   * the file is not read into memory, so the result has no tree. Null when positions or our own
   * checks need the text (the caller then reads it and calls validate); undefined when the engine
   * cannot stream files. Throws the engine's error when the file cannot be opened.
   */
  validateFileWithoutFindings(path: string): ValidationResult | null | undefined {
    const started = now();
    const checked = this.schema.checkFileWithoutFindings(path);
    if (!checked) return checked;
    return this.validWithoutFindings(checked, started, () => null);
  }

  /** A valid result whose tree, if any, is made only when someone reads `document`. */
  private validWithoutFindings(
    checked: { documentKind: ValidationResult['documentKind']; schemaMs: number },
    started: number,
    documentOf: () => XmlDocumentNode | null,
  ): ValidationResult {
    return {
      diagnostics: [],
      valid: true,
      documentKind: checked.documentKind,
      target: this.target,
      timings: { parseMs: 0, schemaMs: checked.schemaMs, lintMs: 0, totalMs: now() - started, treeMs: 0, mapMs: 0 },
      get document(): XmlDocumentNode | null {
        return documentOf();
      },
    };
  }

  dispose(): void {
    this.schema.dispose();
  }
}
