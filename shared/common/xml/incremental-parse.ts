// The parse of a text after one edit, derived from the parse before it, for the edits that cannot
// change the document's structure: characters typed into, or deleted from, one text node or one
// attribute value. What the full parse would build is then known without scanning the text: the
// same nodes, that one value changed, every offset after it moved by the edit's length change.
// Anything else (markup characters, entity or character references, line-ending or whitespace
// normalisation, namespace declarations, XML 1.1) is declined (null) and the caller parses in full.
//
// The document before the edit is not changed (others may hold it): the tree is copied with the
// offsets moved, which on a 1 MB file costs a fraction of a full parse (docs/performance.md).
// test/unit/xml/incremental-parse.test.ts compares every answer with a full parse of the new text.
import type { XmlAttributeNode, XmlChildNode, XmlDocumentNode, XmlElementNode, XmlTextNode } from './model';

/** One text edit: `length` characters at `offset` replaced by `text`. */
export interface SimpleTextEdit {
  offset: number;
  length: number;
  text: string;
}

/** Where the edit lands: the one value it changes. */
type EditedValue = { kind: 'text'; node: XmlTextNode } | { kind: 'attribute'; node: XmlAttributeNode };

const LESS = 0x3c;
const AMPERSAND = 0x26;
const TAB = 0x09;
const NEWLINE = 0x0a;

/**
 * Whether `value` reads the same raw as the parser's value of it, with the characters the parser
 * takes as they are: no reference (`&`), no markup (`<`), no carriage return (line-ending
 * normalisation), no control character but tab and newline (newline: text only; attribute values
 * normalise it), nothing outside the Basic Multilingual Plane's plain characters (no surrogates,
 * no C1 controls, no U+FFFE/U+FFFF), and no `]]>` in text or the attribute's own quote in a value.
 */
function takenAsWritten(value: string, where: 'text' | 'attribute', quote: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x20) {
      if (where === 'text' && (code === TAB || code === NEWLINE)) continue;
      return false;
    }
    if (code === LESS || code === AMPERSAND) return false;
    if (code >= 0x7f && code < 0xa0) return false;
    if (code >= 0xd800 && code < 0xe000) return false;
    if (code >= 0xfffe) return false;
  }
  if (where === 'text') return !value.includes(']]>');
  return !value.includes(quote);
}

/** The innermost element that holds [start, end] after its `<`, searched from the root by offsets. */
function innermostElement(root: XmlElementNode, start: number, end: number): XmlElementNode | null {
  if (start <= root.start || end > root.end) return null;
  let current = root;
  for (;;) {
    // The last child that begins before `start`.
    const children = current.children;
    let low = 0;
    let high = children.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (children[middle]!.start < start) low = middle + 1;
      else high = middle - 1;
    }
    const candidate = high >= 0 ? children[high]! : null;
    if (!candidate || candidate.kind !== 'element' || start >= candidate.end || end > candidate.end) return current;
    current = candidate;
  }
}

/** The text node or attribute value that holds the whole edit, when there is one. */
function editedValue(document: XmlDocumentNode, edit: SimpleTextEdit): EditedValue | null {
  const start = edit.offset;
  const end = edit.offset + edit.length;
  const element = innermostElement(document.root, start, end);
  if (!element) return null;
  if (start < element.startTagEnd) {
    for (const attribute of element.attributes) {
      if (attribute.valueStart <= start && end <= attribute.valueEnd) return { kind: 'attribute', node: attribute };
    }
    return null;
  }
  for (const child of element.children) {
    if (child.kind === 'text' && child.start <= start && end <= child.end) return { kind: 'text', node: child };
  }
  return null;
}

/** The new value when the edit keeps the value taken as written, or null. */
function newValueOf(document: XmlDocumentNode, edited: EditedValue, edit: SimpleTextEdit): string | null {
  const text = document.text;
  const [valueStart, valueEnd] = edited.kind === 'text' ? [edited.node.start, edited.node.end] : [edited.node.valueStart, edited.node.valueEnd];
  const before = text.slice(valueStart, valueEnd);
  if (edited.node.value !== before) return null;
  const after = before.slice(0, edit.offset - valueStart) + edit.text + before.slice(edit.offset + edit.length - valueStart);
  if (edited.kind === 'text') {
    // An emptied text node is no node at all in the full parse.
    if (after.length === 0 || !takenAsWritten(after, 'text', '')) return null;
    return after;
  }
  const attribute = edited.node;
  // A namespace declaration's value changes the names of the elements in its scope.
  if (attribute.prefix === 'xmlns' || attribute.name === 'xmlns') return null;
  return takenAsWritten(after, 'attribute', attribute.quote) ? after : null;
}

/** Line starts of the new text: those before the edit kept, those after it moved, its own added. */
function shiftedLineStarts(lineStarts: readonly number[], edit: SimpleTextEdit, delta: number): number[] {
  const editEnd = edit.offset + edit.length;
  const result: number[] = [];
  let index = 0;
  while (index < lineStarts.length && lineStarts[index]! <= edit.offset) result.push(lineStarts[index++]!);
  for (let at = edit.text.indexOf('\n'); at >= 0; at = edit.text.indexOf('\n', at + 1)) result.push(edit.offset + at + 1);
  // A line start inside (offset, editEnd] followed a newline the edit removed.
  while (index < lineStarts.length && lineStarts[index]! <= editEnd) index++;
  while (index < lineStarts.length) result.push(lineStarts[index++]! + delta);
  return result;
}

/**
 * The parse of the text after `edit`, or null when the edit might change more than one value (the
 * caller then parses the new text in full). `document` must be the parse of the text the edit was
 * made against; it is not changed.
 */
export function parseAfterEdit(document: XmlDocumentNode, edit: SimpleTextEdit): XmlDocumentNode | null {
  if (document.declaration?.version === '1.1') return null;
  if (edit.offset < 0 || edit.length < 0 || edit.offset + edit.length > document.text.length) return null;
  const edited = editedValue(document, edit);
  if (!edited) return null;
  const newValue = newValueOf(document, edited, edit);
  if (newValue === null) return null;
  const delta = edit.text.length - edit.length;
  // Every offset at or after the edited value's end moves; every offset before it stays.
  const pivot = edited.kind === 'text' ? edited.node.end : edited.node.valueEnd;
  const move = (offset: number): number => (offset >= pivot ? offset + delta : offset);

  // Object literals with the parser's fields in the parser's order: the copies share its shapes
  // (spreading made dictionary-like objects and cost twice as much).
  const copyAttribute = (attribute: XmlAttributeNode): XmlAttributeNode => ({
    kind: 'attribute',
    name: attribute.name,
    prefix: attribute.prefix,
    localName: attribute.localName,
    namespaceUri: attribute.namespaceUri,
    value: attribute === edited.node ? newValue : attribute.value,
    quote: attribute.quote,
    start: move(attribute.start),
    end: move(attribute.end),
    // An empty value starts where it ends, at the pivot; the edited value's start stays.
    valueStart: attribute === edited.node ? attribute.valueStart : move(attribute.valueStart),
    valueEnd: move(attribute.valueEnd),
  });
  const copyElement = (element: XmlElementNode, parent: XmlElementNode | null): XmlElementNode => {
    const attributes: XmlAttributeNode[] = [];
    for (const attribute of element.attributes) attributes.push(copyAttribute(attribute));
    const copy: XmlElementNode = {
      kind: 'element',
      name: element.name,
      prefix: element.prefix,
      localName: element.localName,
      namespaceUri: element.namespaceUri,
      attributes,
      children: [],
      parent,
      start: move(element.start),
      end: move(element.end),
      startTagEnd: move(element.startTagEnd),
      endTagStart: element.endTagStart < 0 ? element.endTagStart : move(element.endTagStart),
    };
    const children = copy.children;
    for (const child of element.children) children.push(copyChild(child, copy));
    return copy;
  };
  const copyChild = (child: XmlChildNode, parent: XmlElementNode | null): XmlChildNode => {
    switch (child.kind) {
      case 'element':
        return copyElement(child, parent);
      case 'text':
        return { kind: 'text', value: child === edited.node ? newValue : child.value, start: move(child.start), end: move(child.end), parent: parent! };
      case 'cdata':
        return { kind: 'cdata', value: child.value, start: move(child.start), end: move(child.end), parent: parent! };
      case 'comment':
        return { kind: 'comment', value: child.value, start: move(child.start), end: move(child.end), parent };
      case 'processingInstruction':
        return { kind: 'processingInstruction', target: child.target, body: child.body, start: move(child.start), end: move(child.end), parent };
    }
  };

  const children: XmlChildNode[] = [];
  let root: XmlElementNode | null = null;
  for (const child of document.children) {
    const copy = copyChild(child, null);
    if (child === document.root) root = copy as XmlElementNode;
    children.push(copy);
  }
  if (!root) return null;
  const text = document.text.slice(0, edit.offset) + edit.text + document.text.slice(edit.offset + edit.length);
  const declaration = document.declaration && { ...document.declaration, start: move(document.declaration.start), end: move(document.declaration.end) };
  return { kind: 'document', text, declaration, children, root, lineStarts: shiftedLineStarts(document.lineStarts, edit, delta) };
}
