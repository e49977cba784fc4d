// The tree model: the pure helpers behind the tree view (no DOM, no Monaco): which children the
// schema lets the user add, duplicating an element as an exact copy, the validation badge of each
// element and a row's preview.
import type { EditOutcome } from '../edit/operations';
import { indentationBefore, lineEndingOf, makeEdit } from '../edit/text-edits';
import { childNames, childrenAllowedAt, insertionIndexFor, possibleChildren, type AllowedChild } from '../schema-model/queries';
import type { SchemaModel } from '../schema-model/types';
import type { Diagnostic, Severity } from '../xml/diagnostic';
import { childElements, startTagSpan, textSpan, type XmlDocumentNode, type XmlElementNode } from '../xml/model';
import { innermostElementAt } from '../xml/element-path';

/**
 * The children that may be added to `element` somewhere among its current children (the
 * engine's insertElement puts them at the schema-correct index). Elements allowed only through
 * a wildcard are hidden unless the content model names nothing else.
 */
export function addableChildren(model: SchemaModel, element: XmlElementNode): AllowedChild[] {
  const candidates = possibleChildren(model, element);
  const named = candidates.filter((candidate) => !candidate.viaWildcard);
  const offered = named.length > 0 ? named : candidates;
  const existing = childNames(element);
  return offered.filter((candidate) => insertionIndexFor(model, element, existing, candidate) !== null);
}

/** Whether the schema allows one more copy of `element` right after it. */
export function canDuplicate(model: SchemaModel, element: XmlElementNode): boolean {
  const parent = element.parent;
  if (!parent) return false;
  const siblings = childElements(parent);
  const index = siblings.indexOf(element);
  return childrenAllowedAt(model, parent, siblings, index + 1).some(
    (candidate) => candidate.localName === element.localName && candidate.namespace === element.namespaceUri,
  );
}

/**
 * Inserts an exact copy of the element's text (attributes, comments inside, formatting) right
 * after it: on its own line with the same indentation when the element has its line to
 * itself, else inline.
 */
export function duplicateElement(document: XmlDocumentNode, element: XmlElementNode): EditOutcome {
  if (!element.parent) return { ok: false, code: 'rootElement', messageKey: 'edit.error.rootElement', params: {} };
  const text = document.text;
  const copy = text.slice(element.start, element.end);
  const indentation = indentationBefore(text, element.start);
  const before = indentation === null ? '' : lineEndingOf(text) + indentation;
  const edit = makeEdit(document, element.end, element.end, before + copy);
  const newText = text.slice(0, element.end) + before + copy + text.slice(element.end);
  return { ok: true, edits: [edit], text: newText, focus: { offset: element.end + before.length, length: copy.length } };
}

export interface BadgeCounts {
  errors: number;
  warnings: number;
  infos: number;
  worst: Severity;
}

/**
 * Diagnostics per element: those whose range starts inside the element's own start tag or its
 * own text value (not its descendants'), keyed by the element. `document` should be the parse
 * the diagnostics were computed on; others are matched by offset as well as can be.
 */
export function badgesOf(document: XmlDocumentNode, diagnostics: readonly Diagnostic[]): Map<XmlElementNode, BadgeCounts> {
  const badges = new Map<XmlElementNode, BadgeCounts>();
  for (const diagnostic of diagnostics) {
    const offset = diagnostic.range.start.offset;
    const element = innermostElementAt(document, offset);
    if (!element) continue;
    const tag = startTagSpan(element);
    const value = textSpan(element);
    const inTag = offset >= tag.start && offset < tag.end;
    const inValue = offset >= value.start && offset <= value.end && childElements(element).length === 0;
    if (!inTag && !inValue) continue;
    const counts = badges.get(element) ?? { errors: 0, warnings: 0, infos: 0, worst: 'info' as Severity };
    if (diagnostic.severity === 'error') counts.errors++;
    else if (diagnostic.severity === 'warning') counts.warnings++;
    else counts.infos++;
    counts.worst = counts.errors > 0 ? 'error' : counts.warnings > 0 ? 'warning' : 'info';
    badges.set(element, counts);
  }
  return badges;
}

/** A short preview for a tree row: the text of a leaf, else the text of a `Name`/`name` child or attribute. */
export function previewOf(element: XmlElementNode): string {
  const elements = childElements(element);
  let raw = '';
  if (elements.length === 0) {
    for (const child of element.children) if (child.kind === 'text' || child.kind === 'cdata') raw += child.value;
  } else {
    const named = elements.find((child) => child.localName === 'Name' || child.localName === 'name');
    if (named && childElements(named).length === 0) {
      for (const child of named.children) if (child.kind === 'text' || child.kind === 'cdata') raw += child.value;
    } else {
      raw = element.attributes.find((attribute) => attribute.localName === 'Name' && attribute.namespaceUri === '')?.value ?? '';
    }
  }
  const value = raw.trim().replace(/\s+/g, ' ');
  return value.length > 48 ? `${value.slice(0, 47)}…` : value;
}
