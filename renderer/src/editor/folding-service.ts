// What the folding worker does, as plain functions, so Node tests run exactly the logic the browser
// worker runs (folding.worker.ts only wires this to postMessage). The worker keeps a copy of each
// open document's text, changed by the editor's edits as they happen (a few bytes per edit), and
// answers "the folding ranges of version N" by parsing that version once, off the main thread.
// A question for a version the worker does not hold (an edit is missing, or a later edit already
// arrived) gets no ranges: the editor never applies ranges computed for another text.
import { foldingRanges, type FoldingLines } from '../../../shared/common/language/folding';
import { applyTextChanges, type TextChange } from '../../../shared/common/validation/incremental';
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
        documents.set(message.document, { version: message.version, text: applyTextChanges(held.text, message.changes) });
        return null;
      }
      case 'close':
        documents.delete(message.document);
        return null;
      case 'folding': {
        const held = documents.get(message.document);
        if (!held || held.version !== message.version) return { kind: 'folding', document: message.document, version: message.version, ranges: null, held: false };
        if (held.ranges === undefined) {
          const parsed = parseXml(held.text);
          held.ranges = parsed.ok ? packFoldingLines(foldingRanges(parsed.document)) : null;
        }
        return { kind: 'folding', document: message.document, version: message.version, ranges: held.ranges, held: true };
      }
    }
  };
}
