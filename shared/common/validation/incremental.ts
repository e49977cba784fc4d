// Validation of a document while it is edited: the text is kept here and changed by the edits
// the editor makes (no copy of the whole text per keystroke), and an edit whose effect on the
// verdict is known without re-validating gets its markers at once.
//
// Quick answers, after a full validation (the base), for every edit that stays inside one place:
// - inside one comment: the document's elements, attributes and text are as they were; XSD
//   validation and the lint rules do not read comments, so the findings are the base's, moved by
//   the edit;
// - inside one value (an element's text, an attribute's value): that value's schema findings from
//   its type in the schema model, the lint rules that read it run again, the other findings moved
//   (value-edit.ts; it declines whenever it could differ from the full check).
// Anything else (an edit of markup, several places at once, a comment that stops being one, a
// value the quick check cannot decide) has no quick answer and waits for the full validation. The
// full validation still runs after a quick answer (the caller decides when) and its result replaces
// it: it is the verdict.
import { now } from '../schema/environment';
import type { Diagnostic } from '../xml/diagnostic';
import type { XmlChildNode, XmlDocumentNode } from '../xml/model';
import { computeLineStarts, PositionMapper, type Position, type Range } from '../xml/positions';
import type { ProvisioningValidator, ValidateOptions, ValidationResult, ValidationTimings } from './validator';
import { valueAt, valueEditFindings, type EditedValue, type ValueEditBase } from './value-edit';

/** One replacement, as the editor reports it: `length` characters at `offset` become `text`. */
export interface TextChange {
  offset: number;
  length: number;
  text: string;
}

/** Applies changes in the order given (each offset refers to the text the previous one left). */
export function applyTextChanges(text: string, changes: readonly TextChange[]): string {
  let result = text;
  for (const change of changes) result = result.slice(0, change.offset) + change.text + result.slice(change.offset + change.length);
  return result;
}

export interface IncrementalOutcome {
  diagnostics: Diagnostic[];
  /** True when Windows would accept the file (no XML or schema error). */
  valid: boolean;
  /** How the answer was found: 'full' validation, or 'quick' (the base's findings moved by the edits). */
  kind: 'full' | 'quick';
  timings: ValidationTimings;
}

/** The part of the base text that every edit since the base stayed inside: a comment's content or one value. */
interface EditedRegion {
  /** Offsets in the base text: the comment's content (between `<!--` and `-->`) or the raw value. */
  start: number;
  end: number;
  /** Length now minus length in the base. */
  delta: number;
  /** The value edited (absent for a comment). */
  value?: EditedValue;
}

/** What quick answers need of the last full validation. */
interface Base extends ValueEditBase {
  text: string;
  valid: boolean;
  /** Content spans of every comment, in document order: start0, end0, start1, end1, ... */
  comments: Int32Array;
}

/** The content spans (between `<!--` and `-->`) of the document's comments, in document order. */
export function commentSpans(document: XmlDocumentNode): Int32Array {
  const spans: number[] = [];
  const visit = (nodes: readonly XmlChildNode[]): void => {
    for (const node of nodes) {
      if (node.kind === 'comment') spans.push(node.start + 4, node.end - 3);
      else if (node.kind === 'element') visit(node.children);
    }
  };
  visit(document.children);
  return Int32Array.from(spans);
}

/** The comment content span that holds [start, end], if any (binary search). */
export function commentContaining(spans: Int32Array, start: number, end: number): { start: number; end: number } | null {
  let low = 0;
  let high = spans.length / 2 - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const contentStart = spans[2 * middle]!;
    const contentEnd = spans[2 * middle + 1]!;
    if (end < contentStart) high = middle - 1;
    else if (start > contentEnd) low = middle + 1;
    else return contentStart <= start && end <= contentEnd ? { start: contentStart, end: contentEnd } : null;
  }
  return null;
}

/** Characters XML 1.0 does not allow (lone surrogates aside: the editor only writes pairs). */
const NOT_XML_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Whether `content` can stand between `<!--` and `-->` (XML 1.0 [15]: no `--`, no trailing `-`). */
export function isCommentContent(content: string): boolean {
  return !content.includes('--') && !content.endsWith('-') && !NOT_XML_CHARACTER.test(content);
}

function lineBreaks(text: string): number {
  return computeLineStarts(text).length - 1;
}

/**
 * Moves findings of the base text past an edit of its [start, end) region that left `newContent`
 * there. Null when a finding (or a fix's edit) points strictly inside the region: that one cannot
 * be moved without knowing what became of it.
 */
export function moveDiagnostics(base: PositionMapper, diagnostics: readonly Diagnostic[], start: number, end: number, newContent: string): Diagnostic[] | null {
  const delta = newContent.length - (end - start);
  const startPosition = base.positionAt(start);
  const oldEnd = base.positionAt(end);
  const starts = computeLineStarts(newContent);
  const lastLineStart = starts[starts.length - 1]!;
  const newEndLine = startPosition.line + starts.length - 1;
  const newEndColumn = starts.length === 1 ? startPosition.column + newContent.length : newContent.length - lastLineStart + 1;
  const lineDelta = newEndLine - oldEnd.line;
  let movable = true;
  const movePosition = (position: Position): Position => {
    if (position.offset <= start) return position;
    if (position.offset < end) {
      movable = false;
      return position;
    }
    return {
      offset: position.offset + delta,
      line: position.line + lineDelta,
      column: position.line === oldEnd.line ? position.column - oldEnd.column + newEndColumn : position.column,
    };
  };
  const moveOffset = (offset: number): number => movePosition(base.positionAt(offset)).offset;
  const moveRange = (range: Range): Range => ({ start: movePosition(range.start), end: movePosition(range.end) });
  const moved = diagnostics.map((diagnostic): Diagnostic => {
    const next: Diagnostic = { ...diagnostic, range: moveRange(diagnostic.range) };
    if (diagnostic.fix) next.fix = { ...diagnostic.fix, edits: diagnostic.fix.edits.map((edit) => ({ ...edit, start: moveOffset(edit.start), end: moveOffset(edit.end) })) };
    return next;
  });
  return movable ? moved : null;
}

/**
 * One document's validation state: its current text and the last full validation. `edit` keeps the
 * text current and answers at once when it can; `validate` runs the full check on the current text.
 */
export class IncrementalValidation {
  private current = '';
  private base: Base | null = null;
  private region: EditedRegion | null = null;
  /** False once an edit left the text without a quick answer (until the next full validation). */
  private followsBase = false;
  /** Edits and new texts so far: a check in steps is of the text it started with only while this stays. */
  private edits = 0;

  constructor(
    private readonly validator: ProvisioningValidator,
    private readonly options: ValidateOptions = {},
  ) {}

  get text(): string {
    return this.current;
  }

  /** A new text (opened, replaced, or re-sent to resynchronise): no quick answers until validated. */
  reset(text: string): void {
    this.edits++;
    this.current = text;
    this.base = null;
    this.region = null;
    this.followsBase = false;
  }

  /** Whether the current text is the one last validated in full. */
  get upToDate(): boolean {
    return this.base !== null && this.followsBase && this.region === null;
  }

  /**
   * Applies the editor's changes of one edit. Returns the findings for the new text when they are
   * known without validating (see the file comment), else null (validate() gives them).
   */
  edit(changes: readonly TextChange[]): IncrementalOutcome | null {
    const started = now();
    const before = this.current;
    this.edits++;
    this.current = applyTextChanges(before, changes);
    if (!this.base || !this.followsBase || changes.length !== 1) {
      this.followsBase = false;
      return null;
    }
    const outcome = this.quickAnswer(changes[0]!, started);
    if (!outcome) this.followsBase = false;
    return outcome;
  }

  /** The full check of the current text; it becomes the base for quick answers. */
  validate(): IncrementalOutcome {
    return this.adopt(this.current, this.validator.validate(this.current, this.options));
  }

  /**
   * The full check in steps (ProvisioningValidator.validationSteps), for a caller that returns to
   * its event loop between them so that an edit is answered first (from the base it has). Ends with
   * null, adopting nothing, when the text was edited meanwhile: that check is of a text gone.
   */
  *validateSteps(): Generator<void, IncrementalOutcome | null, void> {
    const text = this.current;
    const edits = this.edits;
    const result = yield* this.validator.validationSteps(text, this.options);
    return this.edits === edits ? this.adopt(text, result) : null;
  }

  /** A full check's result, of `text` (the current text), becomes the base for quick answers. */
  private adopt(text: string, result: ValidationResult): IncrementalOutcome {
    const document = result.document;
    this.base = document
      ? {
          text,
          document,
          diagnostics: result.diagnostics,
          valid: result.valid,
          documentKind: result.documentKind,
          target: result.target,
          lint: this.options.lint !== false,
          positions: new PositionMapper(document.lineStarts),
          comments: commentSpans(document),
        }
      : null;
    this.region = null;
    this.followsBase = this.base !== null;
    return { diagnostics: result.diagnostics, valid: result.valid, kind: 'full', timings: result.timings };
  }


  private quickAnswer(change: TextChange, started: number): IncrementalOutcome | null {
    const base = this.base!;
    const changeEnd = change.offset + change.length;
    let region = this.region;
    if (region) {
      // Still inside the same comment or value? (It now runs from region.start to region.end + delta.)
      if (change.offset < region.start || changeEnd > region.end + region.delta) return null;
    } else {
      const comment = commentContaining(base.comments, change.offset, changeEnd);
      const value = comment ? null : valueAt(base.document, change.offset, changeEnd);
      if (comment) region = { start: comment.start, end: comment.end, delta: 0 };
      else if (value) region = { start: value.start, end: value.end, delta: 0, value };
      else return null;
    }
    const delta = region.delta + change.text.length - change.length;
    const content = this.current.slice(region.start, region.end + delta);
    // A changed line count could make a message that names a line out of date: let the full check answer.
    if (lineBreaks(content) !== lineBreaks(base.text.slice(region.start, region.end))) return null;
    let diagnostics: Diagnostic[] | null;
    if (region.value) diagnostics = valueEditFindings(base, region.value, content);
    else diagnostics = isCommentContent(content) ? moveDiagnostics(base.positions, base.diagnostics, region.start, region.end, content) : null;
    if (!diagnostics) return null;
    this.region = { ...region, delta };
    const totalMs = now() - started;
    const valid = region.value ? !diagnostics.some((diagnostic) => diagnostic.severity === 'error' && diagnostic.source !== 'lint') : base.valid;
    return { diagnostics, valid, kind: 'quick', timings: { parseMs: 0, schemaMs: 0, lintMs: 0, totalMs } };
  }
}
