// Every corpus file through our validator: the verdict must match the file name, and the
// first error must sit on a line of the file where an element starts (never line 0).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { elementSpan, rangeOf, walkElements } from '../../../shared/common/xml/model';
import { CORPUS_DIRECTORY, listFiles, sharedValidator } from './schema-files';

const corpus = listFiles(CORPUS_DIRECTORY, '.xml').filter((file) => /\.(valid|invalid)\.xml$/.test(file));

describe('corpus verdicts', () => {
  it('has files to check', () => {
    expect(corpus.length).toBeGreaterThan(100);
  });

  it.each(corpus.map((file) => [path.relative(CORPUS_DIRECTORY, file), file]))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const result = sharedValidator().validate(text, { lint: false });
    const expectedValid = file.endsWith('.valid.xml');
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
