// Document formatting: re-indent only, as minimal edits; text that does not parse is never
// formatted (the caller does not call this without a parse).
import { indentUnitOf, type TextEdit } from '../edit/text-edits';
import type { XmlDocumentNode, XmlElementNode } from '../xml/model';

/** A text edit by offsets only (the editor turns offsets into its own positions). */
export type OffsetEdit = Pick<TextEdit, 'offset' | 'length' | 'text'>;

/**
 * Re-indents element-only content with the file's indent unit: only the white space after the
 * last line break of a white-space-only text node between markup changes (before a child element,
 * comment, processing instruction or CDATA section, and before the end tag). Text values,
 * comments, attribute values, the inside of tags and mixed content are never touched. Returns
 * minimal edits (none when the indentation is already right).
 */
export function formatEdits(document: XmlDocumentNode, unit = indentUnitOf(document)): OffsetEdit[] {
  const edits: OffsetEdit[] = [];
  const text = document.text;
  const visit = (element: XmlElementNode, depth: number): void => {
    const children = element.children;
    const hasElements = children.some((child) => child.kind === 'element');
    const mixed = children.some((child) => child.kind === 'text' && child.value.trim() !== '');
    if (hasElements && !mixed && element.endTagStart >= 0) {
      const reindent = (whitespaceStart: number, whitespaceEnd: number, level: number) => {
        const raw = text.slice(whitespaceStart, whitespaceEnd);
        const lastBreak = Math.max(raw.lastIndexOf('\n'), raw.lastIndexOf('\r'));
        if (lastBreak < 0) return;
        const start = whitespaceStart + lastBreak + 1;
        const wanted = unit.repeat(level);
        if (text.slice(start, whitespaceEnd) !== wanted) edits.push({ offset: start, length: whitespaceEnd - start, text: wanted });
      };
      children.forEach((child, index) => {
        if (child.kind === 'text') return;
        const previous = children[index - 1];
        if (previous?.kind === 'text') reindent(previous.start, child.start, depth + 1);
      });
      const last = children[children.length - 1];
      if (last?.kind === 'text') reindent(last.start, element.endTagStart, depth);
    }
    for (const child of children) if (child.kind === 'element') visit(child, depth + 1);
  };
  visit(document.root, 0);
  return edits;
}
