// Line and column of a model span. The model keeps offsets only; the last text's line starts are
// cached because a summary, a dry run or a diff asks for many spans of the same text.
import type { Span } from '../xml/model';
import { PositionMapper, type Range } from '../xml/positions';

let cached: { text: string; mapper: PositionMapper } | undefined;

export function rangeOf(text: string, span: Span): Range {
  if (cached?.text !== text) cached = { text, mapper: PositionMapper.forText(text) };
  return cached.mapper.rangeOf(span.start, span.end);
}
