// Folding by element: one range per element or comment spanning several lines.
import { rangeOf, type XmlDocumentNode, type XmlElementNode } from '../xml/model';

export interface FoldingLines {
  start: number;
  end: number;
  comment: boolean;
}

/** One range per element or comment spanning several lines (the end tag's line stays visible). */
export function foldingRanges(document: XmlDocumentNode, limit = 5000): FoldingLines[] {
  const ranges: FoldingLines[] = [];
  const visit = (element: XmlElementNode): void => {
    if (ranges.length >= limit) return;
    const range = rangeOf(document, { start: element.start, end: element.end });
    if (range.end.line > range.start.line) {
      const end = element.endTagStart >= 0 ? rangeOf(document, { start: element.endTagStart, end: element.endTagStart }).start.line - 1 : range.end.line;
      if (end > range.start.line) ranges.push({ start: range.start.line, end, comment: false });
      for (const child of element.children) {
        if (child.kind === 'element') visit(child);
        else if (child.kind === 'comment') {
          const comment = rangeOf(document, { start: child.start, end: child.end });
          if (comment.end.line > comment.start.line) ranges.push({ start: comment.start.line, end: comment.end.line, comment: true });
        }
      }
    }
  };
  visit(document.root);
  return ranges;
}
