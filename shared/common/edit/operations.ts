// Tree operations turned into minimal text edits. Each operation reads a parsed document (the
// text and the positioned tree of that same text) and returns the edits plus the new text; it
// never rewrites anything outside the range it changes, so comments, white space, attribute
// order and quotes, entity references, CDATA and unknown elements elsewhere stay byte for byte.
// Operations never throw on bad input: they return { ok: false, code } instead.
import {
  XMLNS_NAMESPACE,
  childElements,
  type XmlAttributeNode,
  type XmlCDataNode,
  type XmlTextNode,
  type XmlDocumentNode,
  type XmlElementNode,
} from '../xml/model';
import type { MessageKey } from '../i18n/index';
import { nodeEnd, nodeStart } from './node-ranges';
import { childDeclaration, declarationOf, insertionIndexFor, mandatoryChildren, type SkeletonElement } from '../schema-model/queries';
import type { QualifiedName, SchemaModel } from '../schema-model/types';
import {
  applyTextEdits,
  elementIndentation,
  escapeAttributeValue,
  escapeText,
  hasCharacterXmlForbids,
  indentUnitOf,
  indentationBefore,
  isBlank,
  isQualifiedName,
  lineBreakLengthAt,
  lineEndAfter,
  lineEndingOf,
  lineStartBefore,
  makeEdit,
  preferredQuoteOf,
  replacementEdit,
  type TextEdit,
  type TextSpan,
} from './text-edits';

export type EditErrorCode =
  | 'staleNode'
  | 'rootElement'
  | 'hasElementChildren'
  | 'noSibling'
  | 'invalidName'
  | 'unboundPrefix'
  | 'invalidCharacter'
  | 'notAllowedHere'
  | 'unknownElement'
  | 'namespaceDeclaration';

export const EDIT_ERROR_MESSAGES: Record<EditErrorCode, MessageKey> = {
  staleNode: 'edit.error.staleNode',
  rootElement: 'edit.error.rootElement',
  hasElementChildren: 'edit.error.hasElementChildren',
  noSibling: 'edit.error.noSibling',
  invalidName: 'edit.error.invalidName',
  unboundPrefix: 'edit.error.unboundPrefix',
  invalidCharacter: 'edit.error.invalidCharacter',
  notAllowedHere: 'edit.error.notAllowedHere',
  unknownElement: 'edit.error.unknownElement',
  namespaceDeclaration: 'edit.error.namespaceDeclaration',
};

export interface EditSuccess {
  ok: true;
  /** Non-overlapping edits against the document's text; empty when nothing changes. */
  edits: TextEdit[];
  /** The document's text with the edits applied. */
  text: string;
  /** Where the edited or inserted element is in the new text, when there is one. */
  focus?: TextSpan;
}

export interface EditFailure {
  ok: false;
  code: EditErrorCode;
  messageKey: MessageKey;
  params: Record<string, string>;
}

export type EditOutcome = EditSuccess | EditFailure;

function fail(code: EditErrorCode, params: Record<string, string> = {}): EditFailure {
  return { ok: false, code, messageKey: EDIT_ERROR_MESSAGES[code], params };
}

function succeed(document: XmlDocumentNode, edits: Array<TextEdit | null>, focus?: TextSpan): EditSuccess {
  const real = edits.filter((edit): edit is TextEdit => edit !== null);
  const result: EditSuccess = { ok: true, edits: real, text: real.length === 0 ? document.text : applyTextEdits(document.text, real) };
  if (focus) result.focus = focus;
  return result;
}

/** Guards against a node from another (older) parse: its start tag must still be where it says. */
function isCurrent(document: XmlDocumentNode, element: XmlElementNode): boolean {
  const start = element.start;
  return element.end <= document.text.length && document.text.startsWith(`<${element.name}`, start);
}

// ---------------------------------------------------------------------------------------------
// Namespaces

/** Prefix -> namespace bindings in scope at `element` ('' = the default namespace). */
export function namespacesInScope(element: XmlElementNode | null): Map<string, string> {
  const scope = new Map<string, string>();
  for (let current = element; current; current = current.parent) {
    for (const attribute of current.attributes) {
      if (attribute.namespaceUri !== XMLNS_NAMESPACE) continue;
      const prefix = attribute.name === 'xmlns' ? '' : attribute.localName;
      if (!scope.has(prefix)) scope.set(prefix, attribute.value);
    }
  }
  if (!scope.has('')) scope.set('', '');
  return scope;
}

interface NameChoice {
  qualifiedName: string;
  /** An `xmlns="…"` to write on the element, when no binding in scope fits. */
  declareDefault?: string;
}

/** How to write an element of `namespace` where `scope` is in effect (see docs/editing.md). */
function chooseName(localName: string, namespace: string, scope: Map<string, string>, parent: XmlElementNode | null): NameChoice {
  if (parent && parent.namespaceUri === namespace && scope.get(parent.prefix) === namespace) {
    return { qualifiedName: parent.prefix ? `${parent.prefix}:${localName}` : localName };
  }
  if (scope.get('') === namespace) return { qualifiedName: localName };
  for (const [prefix, uri] of scope) if (prefix !== '' && uri === namespace) return { qualifiedName: `${prefix}:${localName}` };
  return { qualifiedName: localName, declareDefault: namespace };
}

// ---------------------------------------------------------------------------------------------
// Serialising new elements

interface Layout {
  lineEnding: string;
  unit: string;
  quote: string;
}

function layoutOf(document: XmlDocumentNode): Layout {
  return { lineEnding: lineEndingOf(document.text), unit: indentUnitOf(document), quote: preferredQuoteOf(document) };
}

/** An element and its children as text; the first line is not indented, the rest are. */
function serializeSkeleton(skeleton: SkeletonElement, scope: Map<string, string>, parentForNaming: { namespace: string; prefix: string } | null, indent: string, layout: Layout): string {
  let choice: NameChoice;
  if (parentForNaming && parentForNaming.namespace === skeleton.namespace && scope.get(parentForNaming.prefix) === skeleton.namespace) {
    choice = { qualifiedName: parentForNaming.prefix ? `${parentForNaming.prefix}:${skeleton.localName}` : skeleton.localName };
  } else {
    choice = chooseName(skeleton.localName, skeleton.namespace, scope, null);
  }
  let innerScope = scope;
  let startTag = `<${choice.qualifiedName}`;
  if (choice.declareDefault !== undefined) {
    innerScope = new Map(scope);
    innerScope.set('', choice.declareDefault);
    startTag += ` xmlns=${layout.quote}${escapeAttributeValue(choice.declareDefault, layout.quote)}${layout.quote}`;
  }
  for (const attribute of skeleton.attributes) startTag += ` ${attribute.name}=${layout.quote}${escapeAttributeValue(attribute.value, layout.quote)}${layout.quote}`;
  const colon = choice.qualifiedName.indexOf(':');
  const naming = { namespace: skeleton.namespace, prefix: colon < 0 ? '' : choice.qualifiedName.slice(0, colon) };
  if (skeleton.children.length === 0) {
    if (skeleton.text === undefined) return `${startTag}/>`;
    return `${startTag}>${escapeText(skeleton.text, layout.lineEnding)}</${choice.qualifiedName}>`;
  }
  const childIndent = indent + layout.unit;
  const lines = skeleton.children.map((child) => layout.lineEnding + childIndent + serializeSkeleton(child, innerScope, naming, childIndent, layout));
  return `${startTag}>${lines.join('')}${layout.lineEnding}${indent}</${choice.qualifiedName}>`;
}

// ---------------------------------------------------------------------------------------------
// Blocks: an element with the comments written directly above it

/** Number of line breaks in a string (CRLF counts once). */
function countLineBreaks(text: string): number {
  return (text.match(/\r\n|\r|\n/g) ?? []).length;
}

/**
 * Where an element's block starts: at the first of the comments that sit on their own lines
 * directly above it (no blank line in between), else at the element itself.
 */
function blockStart(document: XmlDocumentNode, element: XmlElementNode): number {
  const text = document.text;
  if (indentationBefore(text, element.start) === null) return element.start;
  const siblings = element.parent?.children ?? [];
  let index = siblings.indexOf(element);
  let start = element.start;
  while (index >= 2) {
    const gap = siblings[index - 1]!;
    const comment = siblings[index - 2]!;
    if (gap.kind !== 'text' || comment.kind !== 'comment') break;
    const gapText = text.slice(nodeEnd(text, comment), gap.end);
    if (!isBlank(gapText) || countLineBreaks(gapText) !== 1) break;
    if (indentationBefore(text, comment.start) === null) break;
    start = comment.start;
    index -= 2;
  }
  return start;
}

// ---------------------------------------------------------------------------------------------
// Operations

/** Replaces an element's text (escaping as needed; CDATA stays CDATA when the value allows). */
export function setText(document: XmlDocumentNode, element: XmlElementNode, value: string): EditOutcome {
  if (!isCurrent(document, element)) return fail('staleNode');
  if (hasCharacterXmlForbids(value)) return fail('invalidCharacter');
  if (element.children.some((child) => child.kind === 'element')) return fail('hasElementChildren', { element: element.name });
  const text = document.text;
  const lineEnding = lineEndingOf(text);
  const focusOf = (result: EditSuccess): EditSuccess => {
    const delta = result.edits.reduce((sum, edit) => sum + edit.text.length - edit.length, 0);
    result.focus = { offset: element.start, length: element.end - element.start + delta };
    return result;
  };

  if (element.endTagStart < 0) {
    if (value === '') return focusOf(succeed(document, []));
    let slash = element.startTagEnd - 2; // the '/' of '/>'
    while (slash > (element.start + 1 + element.name.length) && /[ \t\r\n]/.test(text[slash - 1]!)) slash--;
    return focusOf(succeed(document, [replacementEdit(document, slash, element.startTagEnd, `>${escapeText(value, lineEnding)}</${element.name}>`)]));
  }

  const contentStart = element.startTagEnd;
  const contentEnd = element.endTagStart;
  const hasMarkup = element.children.some((child) => child.kind === 'comment' || child.kind === 'processingInstruction');
  const values = element.children.filter((child): child is XmlTextNode | XmlCDataNode => child.kind === 'text' || child.kind === 'cdata');
  const writeValue = (asCData: boolean): string => (asCData && !value.includes(']]>') ? `<![CDATA[${value}]]>` : escapeText(value, lineEnding));

  if (!hasMarkup) {
    const current = values.map((child) => child.value).join('');
    if (current === value) return focusOf(succeed(document, []));
    const wasCData = values.length === 1 && values[0]!.kind === 'cdata';
    return focusOf(succeed(document, [replacementEdit(document, contentStart, contentEnd, writeValue(wasCData))]));
  }
  // Comments or processing instructions inside: keep them; the value replaces the first
  // non-blank text (or goes just before the end tag) and other non-blank text is removed.
  const meaningful = values.filter((child) => child.kind === 'cdata' || !isBlank(text.slice(nodeStart(text, child), child.end)));
  if (meaningful.length === 1 && meaningful[0]!.value === value) return focusOf(succeed(document, []));
  if (meaningful.length === 0) {
    return focusOf(succeed(document, value === '' ? [] : [makeEdit(document, contentEnd, contentEnd, writeValue(false))]));
  }
  const edits: Array<TextEdit | null> = meaningful.map((child, index) =>
    index === 0
      ? replacementEdit(document, nodeStart(text, child), child.end, writeValue(child.kind === 'cdata'))
      : makeEdit(document, nodeStart(text, child), child.end, ''),
  );
  return focusOf(succeed(document, edits));
}

function findAttributeByName(element: XmlElementNode, name: string): XmlAttributeNode | undefined {
  return element.attributes.find((attribute) => attribute.name === name);
}

/**
 * Sets an attribute. An existing one keeps its place and quote style; a new one goes after the
 * last attribute with one space (or on its own line when the attributes are one per line).
 */
export function setAttribute(document: XmlDocumentNode, element: XmlElementNode, name: string, value: string): EditOutcome {
  if (!isCurrent(document, element)) return fail('staleNode');
  if (!isQualifiedName(name)) return fail('invalidName', { name });
  if (hasCharacterXmlForbids(value)) return fail('invalidCharacter');
  if (name === 'xmlns' || name.startsWith('xmlns:')) return fail('namespaceDeclaration', { name });
  const colon = name.indexOf(':');
  if (colon > 0) {
    const prefix = name.slice(0, colon);
    if (prefix !== 'xml' && !namespacesInScope(element).has(prefix)) return fail('unboundPrefix', { prefix });
  }
  const existing = findAttributeByName(element, name);
  if (existing) {
    if (existing.value === value) return succeed(document, []);
    return succeed(document, [replacementEdit(document, existing.valueStart, existing.valueEnd, escapeAttributeValue(value, existing.quote))]);
  }
  const text = document.text;
  const last = element.attributes[element.attributes.length - 1];
  const quote = last?.quote ?? preferredQuoteOf(document);
  const written = `${name}=${quote}${escapeAttributeValue(value, quote)}${quote}`;
  const at = last ? last.end : (element.start + 1 + element.name.length);
  const ownLineIndent = last && element.attributes.length > 1 ? indentationBefore(text, last.start) : null;
  const separator = ownLineIndent !== null ? lineEndingOf(text) + ownLineIndent : ' ';
  return succeed(document, [makeEdit(document, at, at, separator + written)]);
}

/** Removes an attribute and the white space before it; nothing happens when it is absent. */
export function removeAttribute(document: XmlDocumentNode, element: XmlElementNode, name: string): EditOutcome {
  if (!isCurrent(document, element)) return fail('staleNode');
  const existing = findAttributeByName(element, name);
  if (!existing) return succeed(document, []);
  if (existing.namespaceUri === XMLNS_NAMESPACE) return fail('namespaceDeclaration', { name });
  const text = document.text;
  let start = existing.start;
  while (start > (element.start + 1 + element.name.length) && /[ \t\r\n]/.test(text[start - 1]!)) start--;
  return succeed(document, [makeEdit(document, start, existing.end, '')]);
}

/**
 * Removes an element with its own indentation and line break when it sits on lines of its own;
 * otherwise the element and the spaces just before it. Comments around it stay.
 */
export function removeElement(document: XmlDocumentNode, element: XmlElementNode): EditOutcome {
  if (!isCurrent(document, element)) return fail('staleNode');
  if (!element.parent) return fail('rootElement');
  const text = document.text;
  const start = element.start;
  const end = element.end;
  const lineStart = lineStartBefore(text, start);
  const lineEnd = lineEndAfter(text, end);
  const onOwnLines = isBlank(text.slice(lineStart, start)) && isBlank(text.slice(end, lineEnd));
  if (onOwnLines && lineStart >= element.parent.startTagEnd) {
    const breakLength = lineBreakLengthAt(text, lineEnd);
    if (breakLength > 0 && lineEnd + breakLength <= (element.parent.endTagStart < 0 ? text.length : element.parent.endTagStart)) {
      return succeed(document, [makeEdit(document, lineStart, lineEnd + breakLength, '')]);
    }
  }
  let removeFrom = start;
  while (removeFrom > element.parent.startTagEnd && (text[removeFrom - 1] === ' ' || text[removeFrom - 1] === '\t')) removeFrom--;
  return succeed(document, [makeEdit(document, removeFrom, end, '')]);
}

/** Swaps two adjacent sibling elements (each with the comments directly above it). */
function swapWithPrevious(document: XmlDocumentNode, element: XmlElementNode, focusOn: 'first' | 'second'): EditOutcome {
  const siblings = childElements(element.parent!);
  const index = siblings.indexOf(element);
  const previous = siblings[index - 1];
  if (!previous) return fail('noSibling');
  const text = document.text;
  const previousStart = blockStart(document, previous);
  const previousEnd = previous.end;
  const elementStart = blockStart(document, element);
  const elementEnd = element.end;
  const movedUp = text.slice(elementStart, elementEnd);
  const between = text.slice(previousEnd, elementStart);
  const movedDown = text.slice(previousStart, previousEnd);
  const replacement = movedUp + between + movedDown;
  const focus =
    focusOn === 'second'
      ? { offset: previousStart + (element.start - elementStart), length: elementEnd - element.start }
      : { offset: previousStart + movedUp.length + between.length + (previous.start - previousStart), length: previousEnd - previous.start };
  return succeed(document, [replacementEdit(document, previousStart, elementEnd, replacement)], focus);
}

/**
 * Moves an element before its previous sibling element. Comments written directly above an
 * element (on their own lines, no blank line between) travel with it; the text between the two
 * elements stays where it is.
 */
export function moveUp(document: XmlDocumentNode, element: XmlElementNode): EditOutcome {
  if (!isCurrent(document, element)) return fail('staleNode');
  if (!element.parent) return fail('rootElement');
  return swapWithPrevious(document, element, 'second');
}

/** Moves an element after its next sibling element (see moveUp). */
export function moveDown(document: XmlDocumentNode, element: XmlElementNode): EditOutcome {
  if (!isCurrent(document, element)) return fail('staleNode');
  if (!element.parent) return fail('rootElement');
  const siblings = childElements(element.parent);
  const next = siblings[siblings.indexOf(element) + 1];
  if (!next) return fail('noSibling');
  return swapWithPrevious(document, next, 'first');
}

/** Renames an element in its start and end tags. A prefix in `newName` must be bound there. */
export function renameElement(document: XmlDocumentNode, element: XmlElementNode, newName: string): EditOutcome {
  if (!isCurrent(document, element)) return fail('staleNode');
  if (!isQualifiedName(newName)) return fail('invalidName', { name: newName });
  const colon = newName.indexOf(':');
  if (colon > 0 && !namespacesInScope(element).has(newName.slice(0, colon))) return fail('unboundPrefix', { prefix: newName.slice(0, colon) });
  if (newName === element.name) return succeed(document, []);
  const edits = [makeEdit(document, (element.start + 1), (element.start + 1 + element.name.length), newName)];
  if (element.endTagStart >= 0) {
    const endNameStart = element.endTagStart + 2;
    edits.push(makeEdit(document, endNameStart, endNameStart + element.name.length, newName));
  }
  const delta = newName.length - element.name.length;
  return succeed(document, edits, { offset: element.start, length: element.end - element.start + (element.endTagStart >= 0 ? 2 * delta : delta) });
}

export interface InsertOptions {
  /** Index among the parent's element children (0 = first). Default: the schema-correct place, else the end. */
  index?: number;
  /** Schema model: finds the position and the mandatory children. Without it the element is empty and appended. */
  model?: SchemaModel;
  /** Write the mandatory children (default true when a model is given). */
  withMandatoryChildren?: boolean;
}

/**
 * Inserts a new child element (with its mandatory children) into `parent`, laid out like its
 * neighbours: same indentation, the document's indent step and line ending, and the namespace
 * conventions in use (see docs/editing.md).
 */
export function insertElement(document: XmlDocumentNode, parent: XmlElementNode, name: QualifiedName, options: InsertOptions = {}): EditOutcome {
  if (!isCurrent(document, parent)) return fail('staleNode');
  if (!isQualifiedName(name.localName) || name.localName.includes(':')) return fail('invalidName', { name: name.localName });
  const siblings = childElements(parent);
  const model = options.model;

  let skeleton: SkeletonElement = { namespace: name.namespace, localName: name.localName, element: '', attributes: [], children: [] };
  let index = options.index;
  if (model) {
    const parentDeclaration = declarationOf(model, parent);
    const declaration = parentDeclaration ? childDeclaration(model, parentDeclaration.key, name) : undefined;
    if (parentDeclaration && !declaration) return fail('notAllowedHere', { element: name.localName, parent: parent.name });
    if (declaration && options.withMandatoryChildren !== false) skeleton = mandatoryChildren(model, declaration.key) ?? skeleton;
    if (index === undefined && parentDeclaration) {
      const found = insertionIndexFor(model, parentDeclaration.key, siblings, name);
      if (found === null) return fail('notAllowedHere', { element: name.localName, parent: parent.name });
      index = found;
    }
  }
  index = Math.max(0, Math.min(index ?? siblings.length, siblings.length));

  const text = document.text;
  const layout = layoutOf(document);
  const parentIndent = elementIndentation(text, parent);
  const neighbour = siblings[index] ?? siblings[index - 1];
  const neighbourIndent = neighbour ? indentationBefore(text, neighbour.start) : null;
  const childIndent = neighbourIndent ?? parentIndent + layout.unit;
  const scope = namespacesInScope(parent);
  const written = serializeSkeleton(skeleton, scope, { namespace: parent.namespaceUri, prefix: parent.prefix }, childIndent, layout);
  const eol = layout.lineEnding;

  const insertAt = (offset: number, before: string, after: string): EditOutcome =>
    succeed(document, [makeEdit(document, offset, offset, before + written + after)], { offset: offset + before.length, length: written.length });

  if (neighbour && neighbourIndent === null) {
    // Children written inline: stay inline.
    return index < siblings.length ? insertAt(siblings[index]!.start, '', '') : insertAt(neighbour.end, '', '');
  }
  if (index < siblings.length) {
    const start = blockStart(document, siblings[index]!);
    return insertAt(lineStartBefore(text, start), childIndent, eol);
  }
  if (neighbour) {
    // Append after the last element child (after a comment that ends its line, if any).
    const end = neighbour.end;
    const lineEnd = lineEndAfter(text, end);
    const rest = text.slice(end, lineEnd);
    const at = rest.length > 0 && /^(?:[ \t]*<!--(?:(?!-->)[\s\S])*-->)+[ \t]*$/.test(rest) && (parent.endTagStart < 0 || lineEnd <= parent.endTagStart) ? lineEnd - (rest.length - rest.trimEnd().length) : end;
    return insertAt(at, eol + childIndent, '');
  }
  // No element children yet.
  if (parent.endTagStart < 0) {
    let slash = parent.startTagEnd - 2;
    while (slash > (parent.start + 1 + parent.name.length) && /[ \t\r\n]/.test(text[slash - 1]!)) slash--;
    const before = `>${eol}${childIndent}`;
    return succeed(document, [makeEdit(document, slash, parent.startTagEnd, `${before}${written}${eol}${parentIndent}</${parent.name}>`)], {
      offset: slash + before.length,
      length: written.length,
    });
  }
  const contentStart = parent.startTagEnd;
  const contentEnd = parent.endTagStart;
  if (isBlank(text.slice(contentStart, contentEnd))) {
    const before = `${eol}${childIndent}`;
    const replacement = `${before}${written}${eol}${parentIndent}`;
    const edit = replacementEdit(document, contentStart, contentEnd, replacement);
    return succeed(document, [edit], { offset: contentStart + before.length, length: written.length });
  }
  if (indentationBefore(text, contentEnd) !== null) return insertAt(lineStartBefore(text, contentEnd), childIndent, eol);
  return insertAt(contentEnd, eol + childIndent, eol + parentIndent);
}
