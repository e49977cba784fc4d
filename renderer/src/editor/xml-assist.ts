// Pure logic behind the XML language features of the editor (no Monaco, no DOM): what the cursor
// is in (for completion), hover facts from the schema model, the re-indenting formatter and the
// folding ranges. Monaco glue lives in xml-language.ts.
import { namespacesInScope } from '../../../shared/common/edit/operations';
import { indentUnitOf } from '../../../shared/common/edit/text-edits';
import {
  attributesOf,
  childrenAllowedAt,
  declarationOf,
  documentationOf,
  textTypeOf,
  type AllowedChild,
} from '../../../shared/common/schema-model/queries';
import type { AttributeDeclaration, Facets, SchemaModel, SimpleTypeDefinition } from '../../../shared/common/schema-model/types';
import {
  XMLNS_NAMESPACE,
  attributeNameSpan,
  attributeValueSpan,
  childElements,
  elementNameSpan,
  rangeOf,
  type XmlAttributeNode,
  type XmlDocumentNode,
  type XmlElementNode,
} from '../../../shared/common/xml/model';
import { parseXml } from '../../../shared/common/xml/parse';
import { innermostElementAt } from '../selection';
import { patternDescriptionKey } from '../../../shared/common/schema-model/pattern-descriptions';

// ---------------------------------------------------------------------------------------------
// Where the cursor is

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

const NAME_CHAR = /[\w:.-]/;

function nameEnd(text: string, offset: number): number {
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

/** What completion should offer at `offset` of `text`, or null (inside a comment, an end tag, ...). */
export function completionContextAt(text: string, offset: number): CompletionContext | null {
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
    const complete = [...fullTag.matchAll(/\s([\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))/g)].map((match) => match[1]!);
    const document = tryParse(text.slice(0, lt) + `<${nameMatch[1]}${complete.map((attribute) => ` ${attribute}`).join('')}` + text.slice(tagEnd));
    const element = document ? innermostElementAt(document, lt) : null;
    const resolved = element && element.start === lt ? element : null;
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
  const document = tryParse(text);
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

// ---------------------------------------------------------------------------------------------
// What to offer

export interface ElementSuggestion {
  label: string;
  /** Text for the part after `<` (or with it when the context asked for the bracket), `$0` = cursor. */
  snippet: string;
  documentation?: string;
  namespace: string;
}

/** How a new child of `parent` in `namespace` is written: the parent's prefix, a bound prefix, or a default declaration. */
export function qualifiedNameFor(parent: XmlElementNode, child: { namespace: string; localName: string }): { name: string; declaration: string } {
  const scope = namespacesInScope(parent);
  if (parent.namespaceUri === child.namespace && scope.get(parent.prefix) === child.namespace) {
    return { name: parent.prefix ? `${parent.prefix}:${child.localName}` : child.localName, declaration: '' };
  }
  if (scope.get('') === child.namespace) return { name: child.localName, declaration: '' };
  for (const [prefix, uri] of scope) if (prefix !== '' && uri === child.namespace) return { name: `${prefix}:${child.localName}`, declaration: '' };
  return { name: child.localName, declaration: ` xmlns="${child.namespace}"` };
}

/** The elements the schema allows at the context's position (wildcard-only ones hidden when others exist). */
export function elementSuggestions(model: SchemaModel, context: Extract<CompletionContext, { kind: 'element' }>): ElementSuggestion[] {
  const allowed: AllowedChild[] = childrenAllowedAt(model, context.parent, context.siblings, context.index);
  const named = allowed.filter((child) => !child.viaWildcard);
  const offered = named.length > 0 ? named : allowed;
  return offered.map((child) => {
    const { name, declaration } = qualifiedNameFor(context.parent, child);
    const snippet = `${context.withBracket ? '<' : ''}${name}${declaration}>$0</${name}>`;
    const suggestion: ElementSuggestion = { label: name, snippet, namespace: child.namespace };
    if (child.documentation) suggestion.documentation = child.documentation;
    return suggestion;
  });
}

export function attributeSuggestions(model: SchemaModel, context: Extract<CompletionContext, { kind: 'attribute' }>): AttributeDeclaration[] {
  return attributesOf(model, context.element).filter((attribute) => attribute.use !== 'prohibited' && !context.existing.includes(attribute.name));
}

function simpleTypeOf(model: SchemaModel, typeKey: string | undefined): SimpleTypeDefinition | undefined {
  const type = typeKey ? model.types[typeKey] : undefined;
  return type?.kind === 'simple' ? type : undefined;
}

/** Enumeration values for an attribute value or an element's text at the context. */
export function valueSuggestions(model: SchemaModel, context: Extract<CompletionContext, { kind: 'attributeValue' | 'text' }>): string[] {
  if (context.kind === 'attributeValue') {
    const attribute = attributesOf(model, context.element).find((candidate) => candidate.name === context.attribute);
    return simpleTypeOf(model, attribute?.type)?.facets.enumeration ?? [];
  }
  const declaration = declarationOf(model, context.element);
  const type = declaration ? textTypeOf(model, declaration) : undefined;
  return typeof type === 'object' ? (type.facets.enumeration ?? []) : [];
}

/** Context in element content with no `<` typed: offer elements (with the bracket) when the element has element content. */
export function elementContextInContent(model: SchemaModel, text: string, context: Extract<CompletionContext, { kind: 'text' }>, offset: number): Extract<CompletionContext, { kind: 'element' }> | null {
  const declaration = declarationOf(model, context.element);
  const type = declaration ? model.types[declaration.type] : undefined;
  if (type?.kind !== 'complex' || !type.content) return null;
  const siblings = childElements(context.element);
  const index = siblings.filter((sibling) => sibling.end <= offset).length;
  let start = offset;
  while (start > 0 && NAME_CHAR.test(text[start - 1]!)) start--;
  return { kind: 'element', parent: context.element, index, siblings, replaceStart: start, replaceEnd: nameEnd(text, offset), withBracket: true };
}

// ---------------------------------------------------------------------------------------------
// Hover

export interface HoverInfo {
  /** Markdown-free parts; the Monaco glue formats them. */
  title: string;
  namespace: string;
  documentation?: string;
  facts: Array<{ key: 'type' | 'values' | 'pattern' | 'range' | 'length' | 'required' | 'default'; params: Record<string, string> }>;
  start: number;
  end: number;
}

function typeFacts(type: SimpleTypeDefinition | string | undefined): HoverInfo['facts'] {
  if (!type) return [];
  if (typeof type === 'string') return [{ key: 'type', params: { type } }];
  const facts: HoverInfo['facts'] = [];
  const name = type.key.includes('#') ? type.builtin : `${type.key.replace(/^\{[^}]*\}/, '')} (${type.builtin})`;
  facts.push({ key: 'type', params: { type: name } });
  const f: Facets = type.facets;
  if (f.enumeration?.length) facts.push({ key: 'values', params: { values: f.enumeration.join(', ') } });
  // A pattern is said in words, never as the regular expression (pattern-descriptions.ts).
  if (f.patterns?.length) facts.push({ key: 'pattern', params: { expectedKey: patternDescriptionKey(f.patterns) } });
  const low = f.minInclusive !== undefined ? `≥ ${f.minInclusive}` : f.minExclusive !== undefined ? `> ${f.minExclusive}` : '';
  const high = f.maxInclusive !== undefined ? `≤ ${f.maxInclusive}` : f.maxExclusive !== undefined ? `< ${f.maxExclusive}` : '';
  if (low || high) facts.push({ key: 'range', params: { range: [low, high].filter(Boolean).join(', ') } });
  if (f.length !== undefined) facts.push({ key: 'length', params: { length: String(f.length) } });
  else if (f.minLength !== undefined || f.maxLength !== undefined) facts.push({ key: 'length', params: { length: `${f.minLength ?? 0}–${f.maxLength ?? '∞'}` } });
  return facts;
}

/** Documentation and type facts for the element or attribute name (or attribute value) at `offset`. */
export function hoverAt(model: SchemaModel, document: XmlDocumentNode, offset: number): HoverInfo | null {
  const element = innermostElementAt(document, offset);
  if (!element) return null;
  const name = elementNameSpan(element);
  const endName = element.endTagStart >= 0 ? { start: element.endTagStart + 2, end: element.endTagStart + 2 + element.name.length } : null;
  const declaration = declarationOf(model, element);
  if ((offset >= name.start && offset <= name.end) || (endName && offset >= endName.start && offset <= endName.end)) {
    const span = offset >= name.start && offset <= name.end ? name : endName!;
    const info: HoverInfo = { title: element.name, namespace: element.namespaceUri, facts: declaration ? typeFacts(textTypeOf(model, declaration)) : [], start: span.start, end: span.end };
    const documentation = declaration ? documentationOf(model, declaration.key) : undefined;
    if (documentation) info.documentation = documentation;
    if (declaration?.default !== undefined) info.facts.push({ key: 'default', params: { value: declaration.default } });
    return info;
  }
  if (offset >= element.startTagEnd) return null;
  for (const attribute of element.attributes) {
    const attributeName = attributeNameSpan(attribute);
    const value = attributeValueSpan(attribute);
    if (offset < attributeName.start || offset > value.end) continue;
    const declared = declaration ? attributesOf(model, declaration.key).find((candidate) => candidate.name === attribute.localName && attribute.namespaceUri === '') : undefined;
    const info: HoverInfo = {
      title: `@${attribute.name}`,
      namespace: attribute.namespaceUri,
      facts: declared ? typeFacts(simpleTypeOf(model, declared.type) ?? declared.type) : [],
      start: attributeName.start,
      end: value.end,
    };
    if (declared?.documentation) info.documentation = declared.documentation;
    if (declared?.use === 'required') info.facts.push({ key: 'required', params: {} });
    if (declared?.default !== undefined) info.facts.push({ key: 'default', params: { value: declared.default } });
    return info;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Formatting: re-indent only

export interface OffsetEdit {
  offset: number;
  length: number;
  text: string;
}

/**
 * Re-indents element-only content with the file's indent unit: only the white space after the
 * last line break of a white-space-only text node between markup changes (before a child element,
 * comment, processing instruction or CDATA section, and before the end tag). Text values,
 * comments, attribute values, the inside of tags and mixed content are never touched. Returns
 * minimal edits (none when the indentation is already right).
 */
export function formatEdits(document: XmlDocumentNode, unit = indentUnitOf(document)): OffsetEdit[] {
  const edits: OffsetEdit[] = [];
  const text = document.text;
  const visit = (element: XmlElementNode, depth: number): void => {
    const children = element.children;
    const hasElements = children.some((child) => child.kind === 'element');
    const mixed = children.some((child) => child.kind === 'text' && child.value.trim() !== '');
    if (hasElements && !mixed && element.endTagStart >= 0) {
      const reindent = (whitespaceStart: number, whitespaceEnd: number, level: number) => {
        const raw = text.slice(whitespaceStart, whitespaceEnd);
        const lastBreak = Math.max(raw.lastIndexOf('\n'), raw.lastIndexOf('\r'));
        if (lastBreak < 0) return;
        const start = whitespaceStart + lastBreak + 1;
        const wanted = unit.repeat(level);
        if (text.slice(start, whitespaceEnd) !== wanted) edits.push({ offset: start, length: whitespaceEnd - start, text: wanted });
      };
      children.forEach((child, index) => {
        if (child.kind === 'text') return;
        const previous = children[index - 1];
        if (previous?.kind === 'text') reindent(previous.start, child.start, depth + 1);
      });
      const last = children[children.length - 1];
      if (last?.kind === 'text') reindent(last.start, element.endTagStart, depth);
    }
    for (const child of children) if (child.kind === 'element') visit(child, depth + 1);
  };
  visit(document.root, 0);
  return edits;
}

// ---------------------------------------------------------------------------------------------
// Folding by element

export interface FoldingLines {
  start: number;
  end: number;
  comment: boolean;
}

/** One range per element or comment spanning several lines (the end tag's line stays visible). */
export function foldingRanges(document: XmlDocumentNode, limit = 5000): FoldingLines[] {
  const ranges: FoldingLines[] = [];
  const visit = (element: XmlElementNode): void => {
    if (ranges.length >= limit) return;
    const range = rangeOf(document, { start: element.start, end: element.end });
    if (range.end.line > range.start.line) {
      const end = element.endTagStart >= 0 ? rangeOf(document, { start: element.endTagStart, end: element.endTagStart }).start.line - 1 : range.end.line;
      if (end > range.start.line) ranges.push({ start: range.start.line, end, comment: false });
      for (const child of element.children) {
        if (child.kind === 'element') visit(child);
        else if (child.kind === 'comment') {
          const comment = rangeOf(document, { start: child.start, end: child.end });
          if (comment.end.line > comment.start.line) ranges.push({ start: comment.start.line, end: comment.end.line, comment: true });
        }
      }
    }
  };
  visit(document.root);
  return ranges;
}
