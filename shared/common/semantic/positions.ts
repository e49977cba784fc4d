// Line and column of a model span. The model keeps offsets only; the last text's line starts are
// cached because a summary, a dry run or a diff asks for many spans of the same text.
import type { Span } from '../xml/model';
import { PositionMapper, type Range } from '../xml/positions';

let cached: { text: string; mapper: PositionMapper } | undefined;

export function rangeOf(text: string, span: Span): Range {
  if (cached?.text !== text) cached = { text, mapper: PositionMapper.forText(text) };
  return cached.mapper.rangeOf(span.start, span.end);
}

/**
 * The range of the element's start tag (from `<` to its `>`): what the app selects for a sentence,
 * so the cursor lands inside the element and the tree and the form follow it.
 */
export function startTagRangeOf(text: string, span: Span): Range {
  let quote = '';
  let end = span.start;
  for (; end < span.end; end++) {
    const character = text[end];
    if (quote) {
      if (character === quote) quote = '';
    } else if (character === '"' || character === "'") quote = character;
    else if (character === '>') break;
  }
  return rangeOf(text, { start: span.start, end: Math.min(end + 1, span.end) });
}
