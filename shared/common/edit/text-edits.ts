// Text edits as Monaco takes them, how to apply them, and the small text facts the operations
// need (line ending, indentation, escaping). Offsets are UTF-16 offsets into the text that was
// parsed, like every range of the positioned parse.
import { rangeOf, type XmlDocumentNode, type XmlElementNode } from '../xml/model';
import type { Range } from '../xml/positions';

/** 1-based, end-exclusive; the shape of Monaco's IRange. */
export interface MonacoRange {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/** A positioned parse's range (1-based lines and columns) as a Monaco range. */
export function toMonacoRange(range: Range): MonacoRange {
  return { startLineNumber: range.start.line, startColumn: range.start.column, endLineNumber: range.end.line, endColumn: range.end.column };
}

/** Replace `length` characters at `offset` (in the text before any edit of the same batch) by `text`. */
export interface TextEdit {
  offset: number;
  length: number;
  text: string;
  range: MonacoRange;
}

/** Where something ended up in the new text, e.g. the inserted element (for selecting it). */
export interface TextSpan {
  offset: number;
  length: number;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** The part of text[start, end) that really changes when it becomes `replacement`. */
export interface ChangedSpan {
  start: number;
  end: number;
  text: string;
}

/**
 * text[start, end) replaced by `replacement`, shrunk to the part that really changes (common
 * prefix and suffix removed, never splitting a surrogate pair or a CRLF); null when nothing changes.
 */
export function changedSpan(text: string, start: number, end: number, replacement: string): ChangedSpan | null {
  let prefix = 0;
  const maxPrefix = Math.min(end - start, replacement.length);
  while (prefix < maxPrefix && text.charCodeAt(start + prefix) === replacement.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const maxSuffix = Math.min(end - start, replacement.length) - prefix;
  while (suffix < maxSuffix && text.charCodeAt(end - 1 - suffix) === replacement.charCodeAt(replacement.length - 1 - suffix)) suffix++;
  // Do not cut between the halves of a surrogate pair or of a CRLF.
  while (prefix > 0 && (isHighSurrogate(text.charCodeAt(start + prefix - 1)) || (text.charCodeAt(start + prefix - 1) === 13 && text.charCodeAt(start + prefix) === 10))) prefix--;
  while (suffix > 0 && (isHighSurrogate(text.charCodeAt(end - suffix - 1)) || (text.charCodeAt(end - suffix - 1) === 13 && text.charCodeAt(end - suffix) === 10))) suffix--;
  const span = { start: start + prefix, end: end - suffix, text: replacement.slice(prefix, replacement.length - suffix) };
  return span.start === span.end && span.text.length === 0 ? null : span;
}

/** The edit that turns text[start, end) into `replacement`, shrunk to the part that really changes. */
export function replacementEdit(document: XmlDocumentNode, start: number, end: number, replacement: string): TextEdit | null {
  const span = changedSpan(document.text, start, end, replacement);
  return span && makeEdit(document, span.start, span.end, span.text);
}

export function makeEdit(document: XmlDocumentNode, start: number, end: number, text: string): TextEdit {
  const { start: from, end: to } = rangeOf(document, { start, end });
  return {
    offset: start,
    length: end - start,
    text,
    range: { startLineNumber: from.line, startColumn: from.column, endLineNumber: to.line, endColumn: to.column },
  };
}

/** Applies non-overlapping edits (all relative to `text`). Throws if they overlap. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset || a.length - b.length);
  let result = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.offset < cursor) throw new Error('overlapping text edits');
    result += text.slice(cursor, edit.offset) + edit.text;
    cursor = edit.offset + edit.length;
  }
  return result + text.slice(cursor);
}

/** True when no two edits overlap (touching is fine unless both insert at the same point). */
export function editsAreDisjoint(edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset || a.length - b.length);
  for (let index = 1; index < sorted.length; index++) {
    const previous = sorted[index - 1]!;
    const current = sorted[index]!;
    if (current.offset < previous.offset + previous.length) return false;
    if (current.offset === previous.offset && previous.length === 0 && current.length === 0) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Lines and indentation

function isLineBreak(code: number): boolean {
  return code === 10 || code === 13;
}

function isHorizontalSpace(code: number): boolean {
  return code === 32 || code === 9;
}

/** The document's line ending: that of its first line break (LF when it has none). */
export function lineEndingOf(text: string): string {
  const index = text.search(/[\r\n]/);
  if (index < 0) return '\n';
  if (text[index] === '\r') return text[index + 1] === '\n' ? '\r\n' : '\r';
  return '\n';
}

export function lineStartBefore(text: string, offset: number): number {
  let index = offset;
  while (index > 0 && !isLineBreak(text.charCodeAt(index - 1))) index--;
  return index;
}

export function lineEndAfter(text: string, offset: number): number {
  let index = offset;
  while (index < text.length && !isLineBreak(text.charCodeAt(index))) index++;
  return index;
}

/** Length of the line break at `offset` (2 for CRLF, 1 for LF or CR, 0 at the end). */
export function lineBreakLengthAt(text: string, offset: number): number {
  if (text.charCodeAt(offset) === 13) return text.charCodeAt(offset + 1) === 10 ? 2 : 1;
  return text.charCodeAt(offset) === 10 ? 1 : 0;
}

/** The spaces/tabs before `offset` on its line when nothing else precedes it there; else null. */
export function indentationBefore(text: string, offset: number): string | null {
  const start = lineStartBefore(text, offset);
  for (let index = start; index < offset; index++) if (!isHorizontalSpace(text.charCodeAt(index))) return null;
  return text.slice(start, offset);
}

export function isBlank(text: string): boolean {
  return /^[ \t\r\n]*$/.test(text);
}

/** Leading spaces/tabs of the line that contains `offset`. */
export function lineIndentation(text: string, offset: number): string {
  const start = lineStartBefore(text, offset);
  let index = start;
  while (index < text.length && isHorizontalSpace(text.charCodeAt(index))) index++;
  return text.slice(start, index);
}

export function elementIndentation(text: string, element: XmlElementNode): string {
  return indentationBefore(text, element.start) ?? lineIndentation(text, element.start);
}

const indentUnitCache = new WeakMap<XmlDocumentNode, string>();

/**
 * The document's indentation step, from how far children are indented under their parents in
 * the first elements of the file (the most frequent step wins). Two spaces when nothing tells.
 */
export function indentUnitOf(document: XmlDocumentNode): string {
  const cached = indentUnitCache.get(document);
  if (cached !== undefined) return cached;
  const counts = new Map<string, number>();
  const text = document.text;
  let examined = 0;
  const stack: XmlElementNode[] = [document.root];
  while (stack.length > 0 && examined < 500) {
    const parent = stack.pop()!;
    const parentIndent = indentationBefore(text, parent.start);
    for (const child of parent.children) {
      if (child.kind !== 'element') continue;
      examined++;
      stack.push(child);
      if (parentIndent === null) continue;
      const childIndent = indentationBefore(text, child.start);
      if (childIndent !== null && childIndent.length > parentIndent.length && childIndent.startsWith(parentIndent)) {
        const step = childIndent.slice(parentIndent.length);
        counts.set(step, (counts.get(step) ?? 0) + 1);
      }
    }
  }
  let unit = '  ';
  let best = 0;
  for (const [step, count] of counts) {
    if (count > best) {
      unit = step;
      best = count;
    }
  }
  indentUnitCache.set(document, unit);
  return unit;
}

/** The quote character most attributes of the document use (checked on its first elements). */
export function preferredQuoteOf(document: XmlDocumentNode): string {
  let double = 0;
  let single = 0;
  const stack: XmlElementNode[] = [document.root];
  let examined = 0;
  while (stack.length > 0 && examined < 200) {
    const element = stack.pop()!;
    examined++;
    for (const attribute of element.attributes) {
      if (attribute.quote === "'") single++;
      else double++;
    }
    for (const child of element.children) if (child.kind === 'element') stack.push(child);
  }
  return single > double ? "'" : '"';
}

// ---------------------------------------------------------------------------------------------
// Escaping

/** Characters XML 1.0 cannot carry at all (not even as a character reference). */
export function hasCharacterXmlForbids(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x20 && code !== 9 && code !== 10 && code !== 13) return true;
    if (code === 0xfffe || code === 0xffff) return true;
    if (isHighSurrogate(code)) {
      const next = value.charCodeAt(index + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      index++;
    } else if (code >= 0xdc00 && code <= 0xdfff) return true;
  }
  return false;
}

/**
 * Element text: `&`, `<` and `>` as entity references; line breaks written with the document's
 * line ending (the parser reads them back as LF); a lone CR as `&#13;` so it survives.
 */
export function escapeText(value: string, lineEnding: string): string {
  return value.replace(/\r\n|[&<>\r\n]/g, (match) => {
    switch (match) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '\r':
        return '&#13;';
      default:
        return lineEnding;
    }
  });
}

/** An attribute value inside `quote`: also the quote itself and the white space attribute normalisation would eat. */
export function escapeAttributeValue(value: string, quote: string): string {
  return value.replace(/[&<"'\t\n\r]/g, (match) => {
    switch (match) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '"':
        return quote === '"' ? '&quot;' : '"';
      case "'":
        return quote === "'" ? '&apos;' : "'";
      case '\t':
        return '&#9;';
      case '\n':
        return '&#10;';
      default:
        return '&#13;';
    }
  });
}

const NAME_PART = '[\\p{L}_][\\p{L}\\p{Nd}\\p{Mn}\\p{Mc}._\\-\\u00B7]*';
const QUALIFIED_NAME = new RegExp(`^${NAME_PART}(?::${NAME_PART})?$`, 'u');

export function isQualifiedName(name: string): boolean {
  return QUALIFIED_NAME.test(name);
}
