// Defensive node bounds over the positioned parse (shared/common/xml). An earlier version of
// the parser ended a comment before its final '>' and started the following text on it; the
// edit engine asks for comment and text bounds through these two functions, which give the
// true bounds either way, so a regression there cannot make an edit eat a '>'.
import type { XmlChildNode } from '../xml/model';

/** End of a node, just past its last character (for a comment: past `-->`). */
export function nodeEnd(text: string, node: XmlChildNode): number {
  if (node.kind !== 'comment') return node.end;
  const close = text.indexOf('-->', node.start + 4);
  return close < 0 ? node.end : close + 3;
}

/** Start of a node (for text right after a comment: after the comment's `>`). */
export function nodeStart(text: string, node: XmlChildNode): number {
  const start = node.start;
  if (node.kind !== 'text') return start;
  const siblings = node.parent.children;
  const previous = siblings[siblings.indexOf(node) - 1];
  return previous?.kind === 'comment' ? Math.min(Math.max(start, nodeEnd(text, previous)), node.end) : start;
}
