import { describe, expect, it } from 'vitest';
import { changedSpan } from '../../../shared/common/edit/text-edits';

/** Applies a span to the text, as an editor would. */
function apply(text: string, span: { start: number; end: number; text: string } | null): string {
  return span ? text.slice(0, span.start) + span.text + text.slice(span.end) : text;
}

describe('changedSpan (the part of a replacement that really changes)', () => {
  it('keeps the common prefix and suffix out of the change', () => {
    const text = '<Name>Contoso</Name>';
    const span = changedSpan(text, 0, text.length, '<Name>Fabrikam</Name>');
    expect(span).toEqual({ start: 6, end: 13, text: 'Fabrikam' });
  });

  it('says null when nothing changes', () => {
    expect(changedSpan('<a/>', 0, 4, '<a/>')).toBeNull();
  });

  it('never cuts a CRLF or a surrogate pair in half', () => {
    const crlf = 'a\r\nb';
    const crlfSpan = changedSpan(crlf, 0, crlf.length, 'a\nb');
    expect(crlfSpan && crlf.charCodeAt(crlfSpan.start - 1)).not.toBe(13);
    expect(apply(crlf, crlfSpan)).toBe('a\nb');
    const emoji = 'x\u{1F600}y';
    const emojiSpan = changedSpan(emoji, 0, emoji.length, 'x\u{1F601}y');
    expect(emojiSpan).toEqual({ start: 1, end: 3, text: '\u{1F601}' });
  });

  it('rebuilds the new text on every pair of small edits of a line', () => {
    const base = 'ab\r\ncd\u{1F600}ef';
    for (let start = 0; start <= base.length; start++) {
      for (let end = start; end <= base.length; end++) {
        for (const insert of ['', 'Z', '\r\n', '\u{1F601}']) {
          const after = base.slice(0, start) + insert + base.slice(end);
          expect(apply(base, changedSpan(base, 0, base.length, after))).toBe(after);
        }
      }
    }
  });
});
