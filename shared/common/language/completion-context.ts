// Where the cursor is, for completion: in an element's content (with the element-child index
// there), typing an element name, an attribute name, an attribute value or text. Works on text
// that does not parse (the usual state while typing) with a forgiving scan of the open tags.
import { namespacesInScope } from '../edit/operations';
import { XMLNS_NAMESPACE, childElements, type XmlAttributeNode, type XmlDocumentNode, type XmlElementNode } from '../xml/model';
import { innermostElementAt } from '../xml/element-path';
import { parseXml } from '../xml/parse';

export type CompletionContext =
  | {
      kind: 'element';
      parent: XmlElementNode;
      /** Index among the parent's element children where the new element goes. */
      index: number;
      /** The parent's element children (all of them, or those before the cursor when the text does not parse). */
      siblings: XmlElementNode[];
      /** Offsets of the text the completion replaces (the name typed so far, or nothing). */
      replaceStart: number;
      replaceEnd: number;
      /** True when no `<` was typed: the completion writes it. */
      withBracket: boolean;
    }
  | { kind: 'attribute'; element: XmlElementNode; existing: string[]; replaceStart: number; replaceEnd: number }
  | { kind: 'attributeValue'; element: XmlElementNode; attribute: string; replaceStart: number; replaceEnd: number }
  | { kind: 'text'; element: XmlElementNode; replaceStart: number; replaceEnd: number };

/** A character of an XML name as completion sees it. */
export const NAME_CHAR = /[\w:.-]/;

/** The end of the name that continues at `offset`. */
export function nameEnd(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && NAME_CHAR.test(text[end]!)) end++;
  return end;
}

/** The element whose content (between its tags) contains `offset`, and the element-child index there. */
export function contentContainerAt(document: XmlDocumentNode, offset: number): { element: XmlElementNode; index: number } | null {
  let current = document.root;
  if (current.endTagStart < 0 || offset < current.startTagEnd || offset > current.endTagStart) return null;
  for (;;) {
    const children = childElements(current);
    let index = 0;
    let inner: XmlElementNode | null = null;
    for (const child of children) {
      if (child.end <= offset) {
        index++;
        continue;
      }
      if (child.endTagStart >= 0 && offset >= child.startTagEnd && offset <= child.endTagStart) inner = child;
      break;
    }
    if (!inner) return { element: current, index };
    current = inner;
  }
}

function tryParse(text: string): XmlDocumentNode | null {
  const result = parseXml(text);
  return result.ok ? result.document : null;
}

/**
 * The open elements before `offset` when the text does not parse: a forgiving scan of the tags
 * (comments, CDATA and processing instructions skipped) that builds stand-in element nodes with
 * their namespace declarations, parents and the element children seen so far.
 */
export function openElementsBefore(text: string, offset: number): XmlElementNode[] {
  const stack: XmlElementNode[] = [];
  const tag = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<(\/?)([\w:.-]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;
  const head = text.slice(0, offset);
  for (let match = tag.exec(head); match; match = tag.exec(head)) {
    const [whole, closing, name, attributeText, selfClosing] = match;
    if (!name) continue;
    if (closing) {
      const index = stack.map((element) => element.name).lastIndexOf(name);
      if (index >= 0) stack.length = index;
      continue;
    }
    const parent = stack[stack.length - 1] ?? null;
    const attributes: XmlAttributeNode[] = [];
    for (const attribute of (attributeText ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      const attributeName = attribute[1]!;
      const isNamespace = attributeName === 'xmlns' || attributeName.startsWith('xmlns:');
      const colon = attributeName.indexOf(':');
      attributes.push({
        kind: 'attribute',
        name: attributeName,
        prefix: colon < 0 ? '' : attributeName.slice(0, colon),
        localName: colon < 0 ? attributeName : attributeName.slice(colon + 1),
        namespaceUri: isNamespace ? XMLNS_NAMESPACE : '',
        value: attribute[2] ?? attribute[3] ?? '',
        quote: '"',
        start: 0,
        end: 0,
        valueStart: 0,
        valueEnd: 0,
      });
    }
    const colon = name.indexOf(':');
    const element: XmlElementNode = {
      kind: 'element',
      name,
      prefix: colon < 0 ? '' : name.slice(0, colon),
      localName: colon < 0 ? name : name.slice(colon + 1),
      namespaceUri: '',
      attributes,
      children: [],
      parent,
      start: match.index,
      end: match.index + whole.length,
      startTagEnd: match.index + whole.length,
      endTagStart: selfClosing ? -1 : match.index + whole.length,
    };
    element.namespaceUri = namespacesInScope(element).get(element.prefix) ?? '';
    parent?.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  return stack;
}

/**
 * What completion should offer at `offset` of `text`, or null (inside a comment, an end tag, ...).
 * `parsedText`: the parse of `text` itself when the caller already has it (the editor's parse of
 * the version, shared with the tree): in text content and in a complete tag of a text that parses,
 * completion then reads it instead of parsing the whole text again.
 */
export function completionContextAt(text: string, offset: number, parsedText?: () => XmlDocumentNode | null): CompletionContext | null {
  for (const [open, close] of [['<!--', '-->'], ['<![CDATA[', ']]>'], ['<?', '?>']] as const) {
    const start = text.lastIndexOf(open, offset - 1);
    if (start >= 0) {
      const end = text.indexOf(close, start + open.length);
      if (end < 0 || end + close.length > offset) return null;
    }
  }
  const lt = text.lastIndexOf('<', offset - 1);
  const gt = text.lastIndexOf('>', offset - 1);
  if (lt > gt) {
    const tagSoFar = text.slice(lt, offset);
    if (/^<[!?/]/.test(tagSoFar)) return null;
    const typingName = /^<([\w:.-]*)$/.exec(tagSoFar);
    if (typingName) {
      const end = nameEnd(text, offset);
      // The text without the tag being typed usually parses: it is what was there before.
      const rest = text.slice(end);
      const restIsTag = /^\s*\/?>/.test(rest) ? rest.replace(/^[^>]*>/, '') : rest;
      const document = tryParse(text.slice(0, lt) + restIsTag);
      const container = document ? contentContainerAt(document, lt) : null;
      // A `>` right after the name was closed automatically with the `<`: the completion replaces it.
      const replaceEnd = text[end] === '>' ? end + 1 : end;
      if (container) {
        return { kind: 'element', parent: container.element, index: container.index, siblings: childElements(container.element), replaceStart: lt + 1, replaceEnd, withBracket: false };
      }
      const open = openElementsBefore(text, lt);
      const parent = open[open.length - 1];
      if (!parent) return null;
      const siblings = childElements(parent);
      return { kind: 'element', parent, index: siblings.length, siblings, replaceStart: lt + 1, replaceEnd, withBracket: false };
    }
    const nameMatch = /^<([\w:.-]+)/.exec(tagSoFar);
    if (!nameMatch) return null;
    const close = text.slice(offset).search(/\/?>/);
    const tagEnd = close < 0 ? text.length : offset + close;
    const fullTag = text.slice(lt, tagEnd);
    // Quote state at the cursor.
    let quote: string | null = null;
    let valueStart = -1;
    for (let index = lt; index < offset; index++) {
      const char = text[index]!;
      if (quote) {
        if (char === quote) quote = null;
      } else if (char === '"' || char === "'") {
        quote = char;
        valueStart = index + 1;
      }
    }
    // The tag rebuilt from its name and its complete attributes (namespace declarations matter).
    // When the text parses as it is, its element at `<` is that tag's (the tag is complete).
    const elementAtTag = (document: XmlDocumentNode | null) => {
      const element = document ? innermostElementAt(document, lt) : null;
      return element && element.start === lt ? element : null;
    };
    const complete = [...fullTag.matchAll(/\s([\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))/g)].map((match) => match[1]!);
    const resolved =
      elementAtTag(parsedText?.() ?? null) ?? elementAtTag(tryParse(text.slice(0, lt) + `<${nameMatch[1]}${complete.map((attribute) => ` ${attribute}`).join('')}` + text.slice(tagEnd)));
    const fallback = (): XmlElementNode | null => {
      const open = openElementsBefore(text, lt);
      const parent = open[open.length - 1] ?? null;
      const colon = nameMatch[1]!.indexOf(':');
      const standIn: XmlElementNode = {
        kind: 'element',
        name: nameMatch[1]!,
        prefix: colon < 0 ? '' : nameMatch[1]!.slice(0, colon),
        localName: colon < 0 ? nameMatch[1]! : nameMatch[1]!.slice(colon + 1),
        namespaceUri: '',
        attributes: openElementsBefore(`${fullTag}>`, fullTag.length + 1)[0]?.attributes ?? [],
        children: [],
        parent,
        start: lt,
        end: tagEnd,
        startTagEnd: tagEnd,
        endTagStart: -1,
      };
      standIn.namespaceUri = namespacesInScope(standIn).get(standIn.prefix) ?? '';
      return standIn;
    };
    const target = resolved ?? fallback();
    if (!target) return null;
    if (quote) {
      const attributeName = /([\w:.-]+)\s*=\s*$/.exec(text.slice(lt, valueStart - 1));
      if (!attributeName) return null;
      const valueEnd = text.indexOf(quote, offset);
      return { kind: 'attributeValue', element: target, attribute: attributeName[1]!, replaceStart: valueStart, replaceEnd: valueEnd < 0 ? offset : valueEnd };
    }
    if (!/\s$/.test(text.slice(lt, offset).replace(/[\w:.-]+$/, ''))) return null;
    let start = offset;
    while (start > lt && NAME_CHAR.test(text[start - 1]!)) start--;
    const existing = [...fullTag.matchAll(/\s([\w:.-]+)\s*=/g)].map((match) => match[1]!);
    return { kind: 'attribute', element: target, existing, replaceStart: start, replaceEnd: nameEnd(text, offset) };
  }
  // In text content.
  const document = parsedText ? parsedText() : tryParse(text);
  if (!document) return null;
  const container = contentContainerAt(document, offset);
  if (!container) return null;
  const next = text.indexOf('<', offset);
  let replaceStart = gt + 1;
  let replaceEnd = next < 0 ? offset : next;
  while (replaceStart < offset && /\s/.test(text[replaceStart]!)) replaceStart++;
  while (replaceEnd > offset && /\s/.test(text[replaceEnd - 1]!)) replaceEnd--;
  return { kind: 'text', element: container.element, replaceStart, replaceEnd };
}
