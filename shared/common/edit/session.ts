// One document being edited through the tree: the current text, and its parse, refreshed lazily.
//
// Every operation needs a parse of the text it edits (positions must be exact). After an edit
// the session keeps the new text and forgets the parse; the next operation (or a reader of
// `document`) parses again. A burst of edits that the caller computes from one parse can be
// applied together with applyEdits, which needs no parse in between.
import type { XmlDocumentNode } from '../xml/model';
import { parseXml, type XmlParseResult } from '../xml/parse';
import type { Diagnostic } from '../xml/diagnostic';
import type { EditOutcome } from './operations';
import { applyTextEdits, editsAreDisjoint, type TextEdit } from './text-edits';

export class EditSession {
  private currentText: string;
  private parsed: XmlParseResult | null = null;

  /** `document`: the parse of `text` when the caller already has it (one parse per text version). */
  constructor(text: string, document?: XmlDocumentNode) {
    this.currentText = text;
    if (document && document.text === text) this.parsed = { ok: true, document };
  }

  get text(): string {
    return this.currentText;
  }

  /** The parse of the current text (parsed now if the text changed since the last parse). */
  get parseResult(): XmlParseResult {
    this.parsed ??= parseXml(this.currentText);
    return this.parsed;
  }

  /** The current tree, or null when the text is not well-formed. */
  get document(): XmlDocumentNode | null {
    const result = this.parseResult;
    return result.ok ? result.document : null;
  }

  get parseError(): Diagnostic | null {
    const result = this.parseResult;
    return result.ok ? null : result.error;
  }

  /**
   * Runs one operation on the current tree and keeps its result. `operation` gets the current
   * document; when the text does not parse, nothing is run and null is returned.
   */
  run(operation: (document: XmlDocumentNode) => EditOutcome): EditOutcome | null {
    const document = this.document;
    if (!document) return null;
    const outcome = operation(document);
    if (outcome.ok && outcome.edits.length > 0) this.replaceText(outcome.text);
    return outcome;
  }

  /** Applies text edits made against the current text (e.g. from the text view). */
  applyEdits(edits: readonly TextEdit[]): boolean {
    if (!editsAreDisjoint(edits)) return false;
    if (edits.length > 0) this.replaceText(applyTextEdits(this.currentText, edits));
    return true;
  }

  replaceText(text: string): void {
    if (text === this.currentText) return;
    this.currentText = text;
    this.parsed = null;
  }
}
