// Small helpers the COSA exporters share: escaping (the editor's own escaping rules), stable GUIDs,
// and reading children of our positioned XML tree by local name.
import { escapeAttributeValue, escapeText } from '../../edit/text-edits';
import type { XmlElementNode } from '../../xml/model';

export const attribute = (name: string, value: string | number | undefined): string => (value === undefined ? '' : ` ${name}="${escapeAttributeValue(String(value), '"')}"`);
export const element = (indent: string, name: string, value: string | number | undefined): string[] => (value === undefined ? [] : [`${indent}<${name}>${escapeText(String(value), '\n')}</${name}>`]);

/**
 * A GUID derived from a text (FNV-1a over four seeds), so that exporting the same entry twice
 * gives the same IDs. Not a security property: IDs only need to be stable and distinct.
 */
export function stableGuid(seed: string): string {
  const words = [0x811c9dc5, 0x050c5d1f, 0x1b873593, 0x27d4eb2f].map((basis) => {
    let hash = basis >>> 0;
    for (let index = 0; index < seed.length; index++) {
      hash ^= seed.charCodeAt(index);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash.toString(16).padStart(8, '0');
  });
  const hex = words.join('');
  // Version 4 / variant 1 bits, so the value reads as an ordinary GUID.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`.toUpperCase();
}

export function childElements(parent: XmlElementNode, localName?: string): XmlElementNode[] {
  return parent.children.filter((child): child is XmlElementNode => child.kind === 'element' && (localName === undefined || child.localName === localName));
}

export function childElement(parent: XmlElementNode | undefined, localName: string): XmlElementNode | undefined {
  return parent ? childElements(parent, localName)[0] : undefined;
}

export function textOf(node: XmlElementNode | undefined): string | undefined {
  if (!node) return undefined;
  return node.children.map((child) => (child.kind === 'text' || child.kind === 'cdata' ? child.value : '')).join('');
}

export function attributeOf(node: XmlElementNode | undefined, name: string): string | undefined {
  return node?.attributes.find((item) => item.localName === name && item.namespaceUri === '')?.value;
}
