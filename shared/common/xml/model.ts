// The positioned XML tree. Plain data (objects, arrays, strings, numbers) so it can be kept,
// compared, sent to a worker and later edited; the only back-reference is `parent`.
// Every node carries half-open UTF-16 offsets into the exact text that was parsed.
import { PositionMapper, type Position, type Range } from './positions';
import { XML_NAMESPACE, XMLNS_NAMESPACE } from './namespaces';

export { XML_NAMESPACE, XMLNS_NAMESPACE };

/**
 * A half-open span of UTF-16 offsets into the parsed text. Nodes store offsets only (building
 * millions of line/column objects for a large file costs more than the parse itself); turn a
 * span into line/column with `rangeOf(document, span)` or a PositionMapper.
 */
export interface Span {
  start: number;
  end: number;
}

export interface XmlAttributeNode {
  kind: 'attribute';
  /** As written, e.g. `xmlns:b` or `Priority`. */
  name: string;
  prefix: string;
  localName: string;
  /** Resolved namespace URI; '' for unprefixed attributes (they are in no namespace). */
  namespaceUri: string;
  /** The value after entity and whitespace normalisation, as a schema validator sees it. */
  value: string;
  /** `"` or `'`. */
  quote: string;
  /** Offset of the first character of the name. */
  start: number;
  /** Offset just past the closing quote. */
  end: number;
  /** Between the quotes: the raw, unnormalised characters. */
  valueStart: number;
  valueEnd: number;
}

export interface XmlElementNode {
  kind: 'element';
  /** Qualified name as written, e.g. `b:ProviderID`. */
  name: string;
  prefix: string;
  localName: string;
  namespaceUri: string;
  attributes: XmlAttributeNode[];
  children: XmlChildNode[];
  parent: XmlElementNode | null;
  /** Offset of the `<` of the start tag. */
  start: number;
  /** Offset just past the `>` of the end tag (of the start tag when self-closing). */
  end: number;
  /** Offset just past the `>` of the start tag. */
  startTagEnd: number;
  /** Offset of the `<` of the end tag; -1 when the element is written `<x/>`. */
  endTagStart: number;
}

export interface XmlTextNode {
  kind: 'text';
  /** With entities and character references replaced and line endings normalised. */
  value: string;
  start: number;
  end: number;
  parent: XmlElementNode;
}

export interface XmlCDataNode {
  kind: 'cdata';
  value: string;
  start: number;
  end: number;
  parent: XmlElementNode;
}

export interface XmlCommentNode {
  kind: 'comment';
  value: string;
  start: number;
  end: number;
  parent: XmlElementNode | null;
}

export interface XmlProcessingInstructionNode {
  kind: 'processingInstruction';
  target: string;
  body: string;
  start: number;
  end: number;
  parent: XmlElementNode | null;
}

export type XmlChildNode = XmlElementNode | XmlTextNode | XmlCDataNode | XmlCommentNode | XmlProcessingInstructionNode;

export interface XmlDeclaration {
  version: string;
  encoding: string | undefined;
  standalone: string | undefined;
  start: number;
  end: number;
}

export interface XmlDocumentNode {
  kind: 'document';
  /** The text that was parsed; every offset points into it. */
  text: string;
  declaration: XmlDeclaration | null;
  /** Top-level nodes in order: comments, processing instructions and the root element. */
  children: XmlChildNode[];
  root: XmlElementNode;
  /** Offsets at which each line starts; turns any offset into line/column (see PositionMapper). */
  lineStarts: number[];
}

// ---- spans of the parts of a node ----------------------------------------------------------

export function elementSpan(element: XmlElementNode): Span {
  return { start: element.start, end: element.end };
}

export function startTagSpan(element: XmlElementNode): Span {
  return { start: element.start, end: element.startTagEnd };
}

/** null when the element is self-closing. */
export function endTagSpan(element: XmlElementNode): Span | null {
  return element.endTagStart < 0 ? null : { start: element.endTagStart, end: element.end };
}

/** The qualified name inside the start tag. */
export function elementNameSpan(element: XmlElementNode): Span {
  return { start: element.start + 1, end: element.start + 1 + element.name.length };
}

export function isSelfClosing(element: XmlElementNode): boolean {
  return element.endTagStart < 0;
}

export function attributeSpan(attribute: XmlAttributeNode): Span {
  return { start: attribute.start, end: attribute.end };
}

export function attributeNameSpan(attribute: XmlAttributeNode): Span {
  return { start: attribute.start, end: attribute.start + attribute.name.length };
}

export function attributeValueSpan(attribute: XmlAttributeNode): Span {
  return { start: attribute.valueStart, end: attribute.valueEnd };
}

const mappers = new WeakMap<XmlDocumentNode, PositionMapper>();

/** Line/column positions of a span of `document` (mapper cached per document). */
export function rangeOf(document: XmlDocumentNode, span: Span): Range {
  let mapper = mappers.get(document);
  if (!mapper) {
    mapper = new PositionMapper(document.lineStarts);
    mappers.set(document, mapper);
  }
  return mapper.rangeOf(span.start, span.end);
}

export function positionOf(document: XmlDocumentNode, offset: number): Position {
  return rangeOf(document, { start: offset, end: offset }).start;
}

/** Element children only. */
export function childElements(element: XmlElementNode): XmlElementNode[] {
  const result: XmlElementNode[] = [];
  for (const child of element.children) if (child.kind === 'element') result.push(child);
  return result;
}

export function findChild(element: XmlElementNode, localName: string, namespaceUri?: string): XmlElementNode | undefined {
  for (const child of element.children) {
    if (child.kind === 'element' && child.localName === localName && (namespaceUri === undefined || child.namespaceUri === namespaceUri)) return child;
  }
  return undefined;
}

export function findChildren(element: XmlElementNode, localName: string, namespaceUri?: string): XmlElementNode[] {
  return childElements(element).filter((child) => child.localName === localName && (namespaceUri === undefined || child.namespaceUri === namespaceUri));
}

/** Attribute in no namespace (how every attribute of our schemas is declared). */
export function findAttribute(element: XmlElementNode, localName: string): XmlAttributeNode | undefined {
  return element.attributes.find((attribute) => attribute.localName === localName && attribute.namespaceUri === '');
}

/** Concatenated text and CDATA content of an element (not of its descendants). */
export function textContent(element: XmlElementNode): string {
  let text = '';
  for (const child of element.children) if (child.kind === 'text' || child.kind === 'cdata') text += child.value;
  return text;
}

/**
 * Where an element's value is written: from the first to the last text/CDATA child. For an
 * element with no text, the empty span just after the start tag (or the whole tag when the
 * element is self-closing), so a "value is empty" message still has a place to go.
 */
export function textSpan(element: XmlElementNode): Span {
  let start = -1;
  let end = -1;
  for (const child of element.children) {
    if (child.kind === 'text' || child.kind === 'cdata') {
      if (start < 0) start = child.start;
      end = child.end;
    }
  }
  if (start >= 0) return { start, end };
  if (isSelfClosing(element)) return startTagSpan(element);
  return { start: element.startTagEnd, end: element.startTagEnd };
}

/** Depth-first, document order, the element itself first. */
export function* walkElements(element: XmlElementNode): Generator<XmlElementNode> {
  const stack: XmlElementNode[] = [element];
  while (stack.length > 0) {
    const current = stack.pop()!;
    yield current;
    for (let index = current.children.length - 1; index >= 0; index--) {
      const child = current.children[index]!;
      if (child.kind === 'element') stack.push(child);
    }
  }
}
