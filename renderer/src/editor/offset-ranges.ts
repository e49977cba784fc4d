// Offsets (UTF-16, into the model's text, as shared/common/language returns them) as Monaco ranges.
import { monaco } from './monaco';

export function rangeBetween(model: monaco.editor.ITextModel, start: number, end: number): monaco.Range {
  const from = model.getPositionAt(start);
  const to = model.getPositionAt(end);
  return new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column);
}
