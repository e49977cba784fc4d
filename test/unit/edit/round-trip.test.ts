// Every fixture file survives parse -> no-op edits -> serialise byte for byte: setting every
// element's text and every attribute to the value it already has, and renaming every element
// to its own name, produce no edit at all, and re-encoding gives back the same bytes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyTextEdits, renameElement, setAttribute, setText, type TextEdit } from '../../../shared/common/edit/index';
import { parseXml, textContent, walkElements } from '../../../shared/common/xml/index';
import { decodeText, encodeText } from '../../../shared/node/files/encoding';
import { ROOT, listFiles } from './support';

const files = [...listFiles(path.join(ROOT, 'test/fixtures/corpus')), ...listFiles(path.join(ROOT, 'test/fixtures/files'))];

describe('no-op edits leave every fixture byte-identical', () => {
  it('finds the fixtures', () => {
    expect(files.length).toBeGreaterThan(400);
  });

  for (const file of files) {
    it(path.relative(path.join(ROOT, 'test/fixtures'), file), () => {
      const bytes = readFileSync(file);
      const decoded = decodeText(bytes);
      const parsed = parseXml(decoded.text);
      let edits: TextEdit[] = [];
      if (parsed.ok) {
        const document = parsed.document;
        for (const element of walkElements(document.root)) {
          const outcomes = [renameElement(document, element, element.name)];
          if (!element.children.some((child) => child.kind === 'element')) outcomes.push(setText(document, element, textContent(element)));
          for (const attribute of element.attributes) {
            if (attribute.name !== 'xmlns' && !attribute.name.startsWith('xmlns:')) outcomes.push(setAttribute(document, element, attribute.name, attribute.value));
          }
          for (const outcome of outcomes) {
            expect(outcome.ok).toBe(true);
            if (outcome.ok) edits = edits.concat(outcome.edits);
          }
        }
      }
      expect(edits).toEqual([]);
      const text = applyTextEdits(decoded.text, edits);
      expect(Buffer.compare(encodeText(text, decoded.encoding), bytes)).toBe(0);
    });
  }
});
