import { describe, expect, it } from 'vitest';
import { foldingRanges } from '../../../shared/common/language/folding';
import { walkElements, type XmlElementNode } from '../../../shared/common/xml/model';
import { BLANK, parse } from './support';

describe('folding', () => {
  const document = parse(BLANK);

  it('folds every multi-line element, keeping its end tag visible', () => {
    expect(foldingRanges(document)).toEqual([
      { start: 2, end: 6, comment: false },
      { start: 3, end: 5, comment: false },
    ]);
  });

  it('folds large documents within a limit', () => {
    const big = parse(`<r>\n${Array.from({ length: 100 }, () => '<a>\n<b/>\n</a>').join('\n')}\n</r>`);
    expect(foldingRanges(big, 10)).toHaveLength(10);
    const elements: XmlElementNode[] = [...walkElements(big.root)];
    expect(elements.length).toBe(201);
  });

  it('folds a multi-line comment as a comment, and leaves one-line elements and comments alone', () => {
    const text = `<r>
  <!-- one line -->
  <!-- a comment
       on three
       lines -->
  <a>one line</a>
  <b>
    <c/>
  </b>
</r>`;
    expect(foldingRanges(parse(text))).toEqual([
      { start: 1, end: 9, comment: false },
      { start: 3, end: 5, comment: true },
      { start: 7, end: 8, comment: false },
    ]);
  });
});
