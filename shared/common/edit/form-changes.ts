// Form changes as text edits: what a form control asks for (set an attribute or a text, add,
// remove, move or switch a child) applied through the edit engine, each one a minimal edit.
// Several changes are chained through an edit session and collapse into one edit, so one form
// action is one undo step. The forms build their specs in ../forms/; they never edit text.
import { insertElement, moveDown, moveUp, removeAttribute, removeElement, setAttribute, setText, type EditOutcome } from './operations';
import { EditSession } from './session';
import { replacementEdit, type TextEdit } from './text-edits';
import type { MessageKey } from '../i18n/index';
import type { SchemaModel } from '../schema-model/types';
import { childElements, type XmlDocumentNode, type XmlElementNode } from '../xml/model';
import { parseXml } from '../xml/parse';
import { pathOf, resolvePath, type ElementPath } from '../xml/element-path';

export type FormChange =
  | { kind: 'setAttribute'; path: ElementPath; name: string; value: string | null }
  | { kind: 'setText'; path: ElementPath; value: string }
  /** Sets the text of a simple child (inserted when absent; removed when emptied and optional). */
  | { kind: 'setChildText'; path: ElementPath; namespace: string; localName: string; value: string; removeWhenEmpty: boolean }
  | { kind: 'addChild'; path: ElementPath; namespace: string; localName: string; text?: string }
  | { kind: 'remove'; path: ElementPath }
  | { kind: 'moveUp'; path: ElementPath }
  | { kind: 'moveDown'; path: ElementPath }
  /** Replaces one branch of a choice by another (e.g. BasicAuth -> ExtAuth): removes the old, adds the new. */
  | { kind: 'replaceChild'; path: ElementPath; namespace: string; localName: string };

export interface FormChangeResult {
  ok: boolean;
  /** One minimal edit (common prefix and suffix kept) against the text the change was computed on. */
  edits: TextEdit[];
  text: string;
  /** Path of the element the change created or touched, for selection. */
  focusPath?: ElementPath;
  error?: { messageKey: MessageKey; params: Record<string, string> };
}

function failure(outcome: EditOutcome | null, fallbackText: string): FormChangeResult {
  if (outcome && !outcome.ok) return { ok: false, edits: [], text: fallbackText, error: { messageKey: outcome.messageKey, params: outcome.params } };
  return { ok: false, edits: [], text: fallbackText, error: { messageKey: 'forms.error.noElement', params: {} } };
}

/** The single edit that turns `before` into `after`, trimmed to what differs. */
export function minimalEdit(document: XmlDocumentNode, after: string): TextEdit[] {
  const edit = replacementEdit(document, 0, document.text.length, after);
  return edit ? [edit] : [];
}

function reparse(text: string): XmlDocumentNode | null {
  const result = parseXml(text);
  return result.ok ? result.document : null;
}

/** Finds the element whose start is at `offset` in a freshly parsed document. */
function elementStartingAt(document: XmlDocumentNode, offset: number): XmlElementNode | null {
  const visit = (element: XmlElementNode): XmlElementNode | null => {
    if (element.start === offset) return element;
    for (const child of childElements(element)) if (child.start <= offset && offset < child.end) return visit(child);
    return null;
  };
  return visit(document.root);
}

/**
 * Applies one form change to the document and returns the minimal text edit. Steps that need
 * several engine operations (insert then set the text) are chained on re-parses and collapsed
 * into one edit, so one form action is one undo step.
 */
export function applyFormChange(model: SchemaModel, document: XmlDocumentNode, change: FormChange): FormChangeResult {
  const element = resolvePath(document, change.path);
  if (!element) return failure(null, document.text);
  const finish = (text: string, focus?: ElementPath): FormChangeResult => {
    const result: FormChangeResult = { ok: true, edits: minimalEdit(document, text), text };
    if (focus) result.focusPath = focus;
    return result;
  };
  switch (change.kind) {
    case 'setAttribute': {
      const outcome = change.value === null ? removeAttribute(document, element, change.name) : setAttribute(document, element, change.name, change.value);
      return outcome.ok ? { ok: true, edits: outcome.edits, text: outcome.text, focusPath: change.path } : failure(outcome, document.text);
    }
    case 'setText': {
      const outcome = setText(document, element, change.value);
      return outcome.ok ? { ok: true, edits: outcome.edits, text: outcome.text, focusPath: change.path } : failure(outcome, document.text);
    }
    case 'setChildText': {
      const existing = childElements(element).find((child) => child.localName === change.localName && child.namespaceUri === change.namespace);
      if (existing) {
        if (change.value === '' && change.removeWhenEmpty) {
          const outcome = removeElement(document, existing);
          return outcome.ok ? finish(outcome.text, change.path) : failure(outcome, document.text);
        }
        const outcome = setText(document, existing, change.value);
        return outcome.ok ? { ok: true, edits: outcome.edits, text: outcome.text, focusPath: pathOf(existing) } : failure(outcome, document.text);
      }
      if (change.value === '' && change.removeWhenEmpty) return { ok: true, edits: [], text: document.text };
      return addChild(model, document, element, change.namespace, change.localName, change.value, finish);
    }
    case 'addChild':
      return addChild(model, document, element, change.namespace, change.localName, change.text, finish);
    case 'remove': {
      const outcome = removeElement(document, element);
      return outcome.ok ? finish(outcome.text, change.path.slice(0, -1)) : failure(outcome, document.text);
    }
    case 'moveUp':
    case 'moveDown': {
      const outcome = change.kind === 'moveUp' ? moveUp(document, element) : moveDown(document, element);
      if (!outcome.ok) return failure(outcome, document.text);
      const last = change.path[change.path.length - 1]!;
      return finish(outcome.text, [...change.path.slice(0, -1), change.kind === 'moveUp' ? last - 1 : last + 1]);
    }
    case 'replaceChild': {
      // The element at `path` is replaced by a new sibling named namespace/localName (a choice switch).
      const parent = element.parent;
      if (!parent) return failure(null, document.text);
      const removed = removeElement(document, element);
      if (!removed.ok) return failure(removed, document.text);
      const next = reparse(removed.text);
      const parentAfter = next ? resolvePath(next, change.path.slice(0, -1)) : null;
      if (!next || !parentAfter) return failure(null, document.text);
      const added = addChild(model, next, parentAfter, change.namespace, change.localName, undefined, (text, focus) => ({ ok: true, edits: [], text, ...(focus ? { focusPath: focus } : {}) }));
      if (!added.ok) return { ...added, text: document.text };
      return finish(added.text, added.focusPath);
    }
  }
}

function addChild(
  model: SchemaModel,
  document: XmlDocumentNode,
  parent: XmlElementNode,
  namespace: string,
  localName: string,
  text: string | undefined,
  finish: (text: string, focus?: ElementPath) => FormChangeResult,
): FormChangeResult {
  const inserted = insertElement(document, parent, { namespace, localName }, { model });
  if (!inserted.ok) return failure(inserted, document.text);
  const next = reparse(inserted.text);
  const created = next && inserted.focus ? elementStartingAt(next, inserted.focus.offset) : null;
  if (!next || !created) return finish(inserted.text);
  if (text === undefined) return finish(inserted.text, pathOf(created));
  const filled = setText(next, created, text);
  if (!filled.ok) return failure(filled, document.text);
  return finish(filled.text, pathOf(created));
}

/** Applies a list of changes one after another (each on the previous result); one edit in the end. */
export function applyFormChanges(model: SchemaModel, document: XmlDocumentNode, changes: readonly FormChange[]): FormChangeResult {
  // Chained through an edit session: a change is applied to the parse of the text the previous
  // change produced, parsed only when that next change needs it; the last text is never parsed here
  // (the view parses the new version once, for everyone).
  const session = new EditSession(document.text, document);
  let focus: ElementPath | undefined;
  let edits: TextEdit[] = [];
  for (const change of changes) {
    const current = session.document;
    if (!current) return { ok: false, edits: [], text: document.text, error: { messageKey: 'forms.error.noElement', params: {} } };
    const result = applyFormChange(model, current, change);
    if (!result.ok) return { ...result, text: document.text, edits: [] };
    if (result.focusPath) focus = result.focusPath;
    edits = result.edits;
    session.replaceText(result.text);
  }
  // One change: its own minimal edit. Several: one edit from the first text to the last.
  const result: FormChangeResult = { ok: true, edits: changes.length === 1 ? edits : minimalEdit(document, session.text), text: session.text };
  if (focus) result.focusPath = focus;
  return result;
}
