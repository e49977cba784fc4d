// A tree operation of shared/common/edit written as data, and the one function that applies it:
// what the edit property test (test/unit/edit/property.test.ts) and the fuzzer (test/support/fuzz.ts)
// generate at random and run.
import {
  insertElement,
  moveDown,
  moveUp,
  removeAttribute,
  removeElement,
  renameElement,
  setAttribute,
  setText,
  type EditOutcome,
  type InsertOptions,
} from '../../shared/common/edit/index';
import type { XmlDocumentNode, XmlElementNode } from '../../shared/common/xml/model';

export type TreeEdit =
  | { kind: 'setText'; value: string }
  | { kind: 'setAttribute'; name: string; value: string }
  | { kind: 'removeAttribute'; name: string }
  | { kind: 'insert'; namespace: string; localName: string; options: InsertOptions }
  | { kind: 'remove' | 'moveUp' | 'moveDown' }
  | { kind: 'rename'; name: string };

export const TREE_EDIT_KINDS = ['setText', 'setAttribute', 'removeAttribute', 'insert', 'remove', 'moveUp', 'moveDown', 'rename'] as const;

export function applyTreeEdit(document: XmlDocumentNode, element: XmlElementNode, edit: TreeEdit): EditOutcome {
  switch (edit.kind) {
    case 'setText':
      return setText(document, element, edit.value);
    case 'setAttribute':
      return setAttribute(document, element, edit.name, edit.value);
    case 'removeAttribute':
      return removeAttribute(document, element, edit.name);
    case 'insert':
      return insertElement(document, element, { namespace: edit.namespace, localName: edit.localName }, edit.options);
    case 'remove':
      return removeElement(document, element);
    case 'moveUp':
      return moveUp(document, element);
    case 'moveDown':
      return moveDown(document, element);
    case 'rename':
      return renameElement(document, element, edit.name);
  }
}
