// Every corpus file through our validator: the verdict must match the file name, and the
// first error must sit on a line of the file where an element starts (never line 0).
// test/fixtures/corpus is the windows10 target (the published schemas' verdict);
// test/fixtures/corpus-windows11 holds what Windows 11 adds. windows11 = windows10 + additions, so
// the windows10 corpus gives the same verdicts under windows11, except the files that use an addition.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { elementSpan, rangeOf, walkElements } from '../../../shared/common/xml/model';
import type { WindowsTarget } from '../../../shared/common/windows/targets';
import { CORPUS_DIRECTORY, WINDOWS11_CORPUS_DIRECTORY, listFiles, sharedValidator } from './schema-files';

const corpus = listFiles(CORPUS_DIRECTORY, '.xml').filter((file) => /\.(valid|invalid)\.xml$/.test(file));
const windows11Corpus = listFiles(WINDOWS11_CORPUS_DIRECTORY, '.xml');
/** windows10 corpus files that Windows 11's schemas accept (they use an addition). */
const VALID_FROM_WINDOWS11 = new Set(['wlan/hotspot2-needs-windows11.invalid.xml']);

const cases: [string, string, WindowsTarget, boolean][] = [
  ...corpus.map((file): [string, string, WindowsTarget, boolean] => [`windows10 ${path.relative(CORPUS_DIRECTORY, file)}`, file, 'windows10', file.endsWith('.valid.xml')]),
  ...corpus.map((file): [string, string, WindowsTarget, boolean] => [`windows11 ${path.relative(CORPUS_DIRECTORY, file)}`, file, 'windows11', file.endsWith('.valid.xml') || VALID_FROM_WINDOWS11.has(path.relative(CORPUS_DIRECTORY, file))]),
  ...windows11Corpus.map((file): [string, string, WindowsTarget, boolean] => [`windows11 ${path.relative(WINDOWS11_CORPUS_DIRECTORY, file)}`, file, 'windows11', file.endsWith('.valid.xml')]),
  ...windows11Corpus.map((file): [string, string, WindowsTarget, boolean] => [`windows10 refuses ${path.relative(WINDOWS11_CORPUS_DIRECTORY, file)}`, file, 'windows10', false]),
];

describe('corpus verdicts', () => {
  it('has files to check', () => {
    expect(corpus.length).toBeGreaterThan(100);
    expect(windows11Corpus.length).toBeGreaterThan(10);
  });

  it.each(cases)('%s', (_name, file, target, expectedValid) => {
    const text = readFileSync(file, 'utf8');
    const result = sharedValidator(target).validate(text, { lint: false });
    expect(result.target).toBe(target);
    const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    expect(result.valid, errors.map((error) => `${error.range.start.line}:${error.range.start.column} ${error.code} ${error.message}`).join('\n')).toBe(expectedValid);
    if (!expectedValid) {
      const first = errors[0]!;
      expect(first.range.start.line).toBeGreaterThan(0);
      expect(first.range.start.column).toBeGreaterThan(0);
      if (result.document) {
        const elementLines = new Set<number>();
        for (const element of walkElements(result.document.root)) {
          const range = rangeOf(result.document, elementSpan(element));
          for (let line = range.start.line; line <= range.end.line; line++) elementLines.add(line);
        }
        expect(elementLines.has(first.range.start.line)).toBe(true);
      }
    }
  });
});
