// What the folding worker does, as plain functions, so Node tests run exactly the logic the browser
// worker runs (folding.worker.ts only wires this to postMessage). The worker keeps a copy of each
// open document's text, changed by the editor's edits as they happen (a few bytes per edit), and
// answers "the folding ranges of version N" by parsing that version once, off the main thread.
// A question for a version the worker does not hold (an edit is missing, or a later edit already
// arrived) gets no ranges: the editor never applies ranges computed for another text.
//
// The worker keeps the parse of the last version it answered for. The edits after it are kept too;
// when each stays inside one value (shared/common/xml/incremental-parse.ts derives the parse after
// it) and adds or removes no line break, no element or comment changed lines, so the answer is the
// previous one without a parse (typing in a value); otherwise the parse is derived where it can be,
// and made in full where it cannot.
import { foldingRanges, type FoldingLines } from '../../../shared/common/language/folding';
import { applyTextChanges, type TextChange } from '../../../shared/common/validation/incremental';
import { parseAfterEdit } from '../../../shared/common/xml/incremental-parse';
import type { XmlDocumentNode } from '../../../shared/common/xml/model';
import { parseXml } from '../../../shared/common/xml/parse';

/** The whole text of a document, at a version (on first use, or when the worker's copy is out of step). */
export interface FoldingOpenMessage {
  kind: 'open';
  document: string;
  version: number;
  text: string;
}

/** The editor's changes that took a document from the previous version to `version`. */
export interface FoldingEditMessage {
  kind: 'edit';
  document: string;
  version: number;
  changes: TextChange[];
}

export interface FoldingCloseMessage {
  kind: 'close';
  document: string;
}

export interface FoldingQuestion {
  kind: 'folding';
  document: string;
  version: number;
}

export type FoldingMessage = FoldingOpenMessage | FoldingEditMessage | FoldingCloseMessage | FoldingQuestion;

export interface FoldingAnswer {
  kind: 'folding';
  document: string;
  version: number;
  /** Null when the text of that version does not parse; else packed (packFoldingLines). */
  ranges: Int32Array | null;
  /** False when the worker does not hold that version (no ranges then: ask again after re-opening). */
  held: boolean;
}

interface HeldText {
  version: number;
  text: string;
  /** The answer for this version, once computed. */
  ranges?: Int32Array | null;
  /** The last parse answered from, and the edits made after it (one list per version), while they can be followed. */
  base?: { document: XmlDocumentNode; ranges: Int32Array; edits: TextChange[][] };
}

const LINE_BREAK = /[\n\r]/;
const MAX_FOLLOWED_EDITS = 8;

/** The answer for the held version: the base's when no edit since moved a line, else parsed (derived where it can be). */
function answerFor(held: HeldText): Int32Array | null {
  let document: XmlDocumentNode | null = held.base?.document ?? null;
  let linesKept = document !== null;
  for (const changes of held.base?.edits ?? []) {
    if (!document) break;
    for (const change of changes) {
      const next: XmlDocumentNode | null = parseAfterEdit(document, change);
      if (next && (LINE_BREAK.test(change.text) || LINE_BREAK.test(document.text.slice(change.offset, change.offset + change.length)))) linesKept = false;
      document = next;
      if (!document) break;
    }
  }
  if (document && linesKept && held.base) {
    held.base = { document, ranges: held.base.ranges, edits: [] };
    return held.base.ranges;
  }
  if (!document || document.text.length !== held.text.length) {
    const parsed = parseXml(held.text);
    document = parsed.ok ? parsed.document : null;
  }
  if (!document) {
    held.base = undefined;
    return null;
  }
  const ranges = packFoldingLines(foldingRanges(document));
  held.base = { document, ranges, edits: [] };
  return ranges;
}

/**
 * Folding ranges as [start, end, comment (1 or 0)] triples in one typed array: the main thread
 * receives bytes instead of thousands of objects to deserialize (about 10 ms per answer on a busy
 * core for a 1 MB file's 5,000 ranges).
 */
export function packFoldingLines(ranges: readonly FoldingLines[]): Int32Array {
  const packed = new Int32Array(ranges.length * 3);
  ranges.forEach((range, index) => {
    packed[index * 3] = range.start;
    packed[index * 3 + 1] = range.end;
    packed[index * 3 + 2] = range.comment ? 1 : 0;
  });
  return packed;
}

export function unpackFoldingLines(packed: Int32Array): FoldingLines[] {
  const ranges: FoldingLines[] = [];
  for (let index = 0; index + 2 < packed.length; index += 3) ranges.push({ start: packed[index]!, end: packed[index + 1]!, comment: packed[index + 2] === 1 });
  return ranges;
}

/** Returns the message handler: an answer for a question, nothing for the other messages. */
export function createFoldingSession(): (message: FoldingMessage) => FoldingAnswer | null {
  const documents = new Map<string, HeldText>();
  return (message) => {
    switch (message.kind) {
      case 'open':
        documents.set(message.document, { version: message.version, text: message.text });
        return null;
      case 'edit': {
        const held = documents.get(message.document);
        // An edit that does not follow the version held leaves no usable copy (the client re-opens).
        if (!held || message.version <= held.version) {
          documents.delete(message.document);
          return null;
        }
        // Past a few edits a parse costs less than deriving through them all.
        const base = held.base && held.base.edits.length < MAX_FOLLOWED_EDITS ? held.base : undefined;
        base?.edits.push(message.changes);
        documents.set(message.document, { version: message.version, text: applyTextChanges(held.text, message.changes), base });
        return null;
      }
      case 'close':
        documents.delete(message.document);
        return null;
      case 'folding': {
        const held = documents.get(message.document);
        if (!held || held.version !== message.version) return { kind: 'folding', document: message.document, version: message.version, ranges: null, held: false };
        if (held.ranges === undefined) held.ranges = answerFor(held);
        return { kind: 'folding', document: message.document, version: message.version, ranges: held.ranges, held: true };
      }
    }
  };
}
