// Element paths: an element's place in a document as child-element indexes from the root (`[]`
// is the root, `[2, 0]` the first element child of the root's third element child). A path
// survives re-parses as long as the structure above the element does not change, and it is plain
// data (fits in React state, compares cheaply). The forms address elements by path, and the
// renderer's views share their selection as one.
import { childElements, type XmlDocumentNode, type XmlElementNode } from './model';

export type ElementPath = number[];

/** Whether two paths name the same element; two absent paths are the same (nothing selected). */
export function samePath(a: readonly number[] | null | undefined, b: readonly number[] | null | undefined): boolean {
  if (!a || !b) return a === b;
  return a.length === b.length && a.every((index, position) => index === b[position]);
}

export function pathKey(path: ElementPath): string {
  return path.join('/');
}

/** The element at `path`, or null when the document has no such element. */
export function resolvePath(document: XmlDocumentNode, path: readonly number[]): XmlElementNode | null {
  let current: XmlElementNode = document.root;
  for (const index of path) {
    let seen = 0;
    let next: XmlElementNode | null = null;
    for (const child of current.children) {
      if (child.kind !== 'element') continue;
      if (seen++ === index) {
        next = child;
        break;
      }
    }
    if (!next) return null;
    current = next;
  }
  return current;
}

/** The path of an element of a parsed document (its position among its parent's element children, up to the root). */
export function pathOf(element: XmlElementNode): ElementPath {
  const path: ElementPath = [];
  for (let current = element; current.parent; current = current.parent) {
    path.push(childElements(current.parent).indexOf(current));
  }
  return path.reverse();
}

/**
 * The innermost element whose text contains `offset` (start <= offset < end; an offset just
 * past an element's end belongs to its parent), or null outside the root. Descends by binary
 * search among the children, so it stays cheap on a 10 000-child element.
 */
export function innermostElementAt(document: XmlDocumentNode, offset: number): XmlElementNode | null {
  const root = document.root;
  if (offset < root.start || offset >= root.end) return null;
  let current = root;
  for (;;) {
    const children = current.children;
    let low = 0;
    let high = children.length - 1;
    let found: XmlElementNode | null = null;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const child = children[middle]!;
      if (offset < child.start) high = middle - 1;
      else if (offset >= child.end) low = middle + 1;
      else {
        if (child.kind === 'element') found = child;
        break;
      }
    }
    if (!found) return current;
    current = found;
  }
}

/** The path of the innermost element at `offset`, or null outside the root. */
export function pathAtOffset(document: XmlDocumentNode, offset: number): ElementPath | null {
  const element = innermostElementAt(document, offset);
  return element ? pathOf(element) : null;
}

/** Whether `prefix` is `path` or the path of one of its ancestors. */
export function isPathPrefix(prefix: readonly number[], path: readonly number[]): boolean {
  return prefix.length <= path.length && prefix.every((value, index) => value === path[index]);
}

/** Every proper ancestor path of `path` ([] first), e.g. to expand a tree down to it. */
export function ancestorPaths(path: ElementPath): ElementPath[] {
  return path.map((_, length) => path.slice(0, length));
}
