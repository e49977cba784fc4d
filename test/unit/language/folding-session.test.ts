// The folding worker's logic (renderer/src/editor/folding-service.ts, what folding.worker.ts runs):
// a copy of each document's text kept in step by the editor's edits, and the folding ranges of
// the version asked for, which must be the ranges of that text (the pure function's), never of
// another version.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFoldingSession, packFoldingLines, unpackFoldingLines } from '../../../renderer/src/editor/folding-service';
import { foldingRanges } from '../../../shared/common/language/folding';
import { parseXml } from '../../../shared/common/xml/parse';
import { BLANK } from './support';

const CORPUS = path.resolve(import.meta.dirname, '../../fixtures/corpus');

/** The pure function's ranges, packed as the worker sends them. */
function expectedRanges(text: string) {
  const parsed = parseXml(text);
  return parsed.ok ? packFoldingLines(foldingRanges(parsed.document)) : null;
}

describe('folding session (worker logic)', () => {
  it('answers the ranges of the pure function for every corpus file', () => {
    const files = readdirSync(CORPUS, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.xml'));
    expect(files.length).toBeGreaterThan(400);
    const session = createFoldingSession();
    let withRanges = 0;
    for (const [index, file] of files.entries()) {
      const text = readFileSync(path.join(CORPUS, file), 'utf8');
      session({ kind: 'open', document: file, version: index + 1, text });
      const answer = session({ kind: 'folding', document: file, version: index + 1 });
      expect(answer, file).toEqual({ kind: 'folding', document: file, version: index + 1, ranges: expectedRanges(text), held: true });
      if (answer?.ranges?.length) withRanges++;
    }
    expect(withRanges).toBeGreaterThan(300);
  });

  it('packs ranges into one typed array and unpacks them as they were', () => {
    const parsed = parseXml(BLANK.replace('<Global>', '<!-- a\n b -->\n<Global>'));
    if (!parsed.ok) throw new Error('fixture does not parse');
    const ranges = foldingRanges(parsed.document);
    expect(ranges.some((range) => range.comment)).toBe(true);
    expect(ranges.some((range) => !range.comment)).toBe(true);
    const packed = packFoldingLines(ranges);
    expect(packed).toBeInstanceOf(Int32Array);
    expect(packed.length).toBe(ranges.length * 3);
    expect(unpackFoldingLines(packed)).toEqual(ranges);
    expect(unpackFoldingLines(packFoldingLines([]))).toEqual([]);
  });

  it('follows the editor’s edits: the answer for a version is that version’s text’s ranges', () => {
    const session = createFoldingSession();
    session({ kind: 'open', document: 'a', version: 1, text: BLANK });
    // Version 2: a new multi-line element before </Global>; version 3: a multi-line comment at the top.
    const insertAt = BLANK.indexOf('  </Global>');
    const added = '    <Extra>\n      <A/>\n    </Extra>\n';
    session({ kind: 'edit', document: 'a', version: 2, changes: [{ offset: insertAt, length: 0, text: added }] });
    const second = BLANK.slice(0, insertAt) + added + BLANK.slice(insertAt);
    expect(session({ kind: 'folding', document: 'a', version: 2 })?.ranges).toEqual(expectedRanges(second));
    const commentAt = second.indexOf('<CarrierProvisioning');
    session({ kind: 'edit', document: 'a', version: 3, changes: [{ offset: commentAt, length: 0, text: '<!-- a\n note -->\n' }] });
    const third = second.slice(0, commentAt) + '<!-- a\n note -->\n' + second.slice(commentAt);
    const answer = session({ kind: 'folding', document: 'a', version: 3 });
    expect(answer?.ranges).toEqual(expectedRanges(third));
    expect(answer?.ranges).not.toEqual(expectedRanges(second));
    // Several changes in one event apply in order.
    session({ kind: 'edit', document: 'a', version: 4, changes: [{ offset: 0, length: 17, text: '' }, { offset: 0, length: 0, text: '<!--x-->' }] });
    const fourth = '<!--x-->' + third.slice(17);
    expect(session({ kind: 'folding', document: 'a', version: 4 })?.ranges).toEqual(expectedRanges(fourth));
  });

  it('typing in values, with and without line breaks, questions skipped or not: always that version’s ranges', () => {
    const files = readdirSync(CORPUS, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.xml')).slice(0, 120);
    let state = 99;
    const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const typed = ['x', ' ', '\n', '\n\n  ', 'ab', '<', '&amp;', ''];
    for (const file of files) {
      let text = readFileSync(path.join(CORPUS, file), 'utf8');
      if (!parseXml(text).ok) continue;
      const session = createFoldingSession();
      session({ kind: 'open', document: file, version: 1, text });
      expect(session({ kind: 'folding', document: file, version: 1 })?.ranges).toEqual(expectedRanges(text));
      for (let version = 2; version < 14; version++) {
        // An edit at a text or attribute value's place (the places between '>' and '<', or between quotes).
        const places = [...text.matchAll(/>([^<]+)<|"([^"]*)"/g)];
        const place = places[Math.floor(next() * places.length)];
        if (!place) break;
        const from = place.index! + 1;
        const offset = from + Math.floor(next() * place[0].length - 1);
        const length = next() < 0.3 ? Math.min(1, from + place[0].length - 2 - offset) : 0;
        const change = { offset, length: Math.max(0, length), text: typed[Math.floor(next() * typed.length)]! };
        text = text.slice(0, change.offset) + change.text + text.slice(change.offset + change.length);
        session({ kind: 'edit', document: file, version, changes: [change] });
        if (next() < 0.6) expect(session({ kind: 'folding', document: file, version })?.ranges, `${file} v${version} ${JSON.stringify(change)}`).toEqual(expectedRanges(text));
      }
    }
  });

  it('never answers for a version it does not hold', () => {
    const session = createFoldingSession();
    session({ kind: 'open', document: 'a', version: 5, text: BLANK });
    session({ kind: 'edit', document: 'a', version: 6, changes: [{ offset: 0, length: 0, text: '<!--\n-->' }] });
    // An old version (the text moved on) and a future one: no ranges, "not held".
    expect(session({ kind: 'folding', document: 'a', version: 5 })).toEqual({ kind: 'folding', document: 'a', version: 5, ranges: null, held: false });
    expect(session({ kind: 'folding', document: 'a', version: 7 })).toMatchObject({ ranges: null, held: false });
    expect(session({ kind: 'folding', document: 'b', version: 1 })).toMatchObject({ ranges: null, held: false });
    // An edit that does not follow the version held leaves no copy until the text is sent again.
    session({ kind: 'edit', document: 'a', version: 6, changes: [{ offset: 0, length: 0, text: 'x' }] });
    expect(session({ kind: 'folding', document: 'a', version: 6 })).toMatchObject({ held: false });
    session({ kind: 'open', document: 'a', version: 8, text: BLANK });
    expect(session({ kind: 'folding', document: 'a', version: 8 })).toMatchObject({ ranges: expectedRanges(BLANK), held: true });
    session({ kind: 'close', document: 'a' });
    expect(session({ kind: 'folding', document: 'a', version: 8 })).toMatchObject({ held: false });
  });

  it('answers null ranges (Monaco then folds by indentation) for a text that does not parse', () => {
    const session = createFoldingSession();
    session({ kind: 'open', document: 'a', version: 1, text: '<a>\n<b>\n</a>' });
    expect(session({ kind: 'folding', document: 'a', version: 1 })).toEqual({ kind: 'folding', document: 'a', version: 1, ranges: null, held: true });
  });
});
