import { describe, expect, it } from 'vitest';
import { parseXml } from '../../../shared/common/xml/parse';
import type { XmlDocumentNode } from '../../../shared/common/xml/model';
import { ancestorPaths, innermostElementAt, pathAtOffset, pathKey, pathOf, resolvePath, samePath } from '../../../shared/common/xml/element-path';

const TEXT = `<?xml version="1.0"?>
<!-- head -->
<a xmlns="urn:x">
  <b>one</b>
  <!-- between -->
  <c k="v">
    <d/>
    <e>two<f/>three</e>
  </c>
</a>
`;

function parse(text: string): XmlDocumentNode {
  const result = parseXml(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.document;
}

describe('element paths', () => {
  const document = parse(TEXT);

  it('resolves paths of element children, ignoring text and comments', () => {
    expect(resolvePath(document, [])?.localName).toBe('a');
    expect(resolvePath(document, [0])?.localName).toBe('b');
    expect(resolvePath(document, [1])?.localName).toBe('c');
    expect(resolvePath(document, [1, 1, 0])?.localName).toBe('f');
    expect(resolvePath(document, [2])).toBeNull();
    expect(resolvePath(document, [0, 0])).toBeNull();
  });

  it('round-trips every element through pathOf and resolvePath', () => {
    const visit = (path: number[]): number => {
      const element = resolvePath(document, path)!;
      expect(pathOf(element)).toEqual(path);
      let count = 1;
      element.children.filter((child) => child.kind === 'element').forEach((_, index) => (count += visit([...path, index])));
      return count;
    };
    expect(visit([])).toBe(6);
  });

  it('finds the innermost element at an offset (start inclusive, end exclusive)', () => {
    const at = (needle: string, delta = 0) => innermostElementAt(document, TEXT.indexOf(needle) + delta)?.localName ?? null;
    expect(at('<a ')).toBe('a');
    expect(at('<b>')).toBe('b');
    expect(at('one')).toBe('b');
    expect(at('</b>', 4)).toBe('a'); // just past </b>
    expect(at('between')).toBe('a'); // a comment belongs to its parent
    expect(at('k="v"')).toBe('c');
    expect(at('<d/>', 2)).toBe('d');
    expect(at('three')).toBe('e');
    expect(at('<f/>')).toBe('f');
    expect(at('head')).toBeNull(); // before the root
    expect(innermostElementAt(document, TEXT.length - 1)).toBeNull(); // after the root
    expect(pathAtOffset(document, TEXT.indexOf('three'))).toEqual([1, 1]);
  });

  it('stays fast and exact on a 10 000-child element', () => {
    const items = Array.from({ length: 10_000 }, (_, index) => `<i>${index}</i>`).join('\n');
    const text = `<r>\n${items}\n</r>`;
    const big = parse(text);
    const offset = text.indexOf('<i>7777</i>') + 4;
    expect(pathAtOffset(big, offset)).toEqual([7777]);
  });

  it('compares and lists ancestors', () => {
    expect(samePath([1, 2], [1, 2])).toBe(true);
    expect(samePath([1, 2], [1])).toBe(false);
    expect(samePath(null, null)).toBe(true);
    expect(samePath([], null)).toBe(false);
    expect(ancestorPaths([3, 1, 4])).toEqual([[], [3], [3, 1]]);
    expect(pathKey([3, 1])).toBe('3/1');
  });
});
