// Completion: what the schema allows at the cursor (elements, attributes, enumeration values),
// as plain completion items with offsets; the renderer's Monaco adapter converts them.
import { namespacesInScope } from '../edit/operations';
import { attributesOf, childrenAllowedAt, declarationOf, simpleTypeDefinition, textTypeOf, type AllowedChild } from '../schema-model/queries';
import type { AttributeDeclaration, SchemaModel } from '../schema-model/types';
import { childElements, type XmlDocumentNode, type XmlElementNode } from '../xml/model';
import type { MessageTranslator } from '../i18n/core';
import { NAME_CHAR, completionContextAt, nameEnd, type CompletionContext } from './completion-context';
import { escapeMarkdown } from './markdown';

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

/** Enumeration values for an attribute value or an element's text at the context. */
export function valueSuggestions(model: SchemaModel, context: Extract<CompletionContext, { kind: 'attributeValue' | 'text' }>): string[] {
  if (context.kind === 'attributeValue') {
    const attribute = attributesOf(model, context.element).find((candidate) => candidate.name === context.attribute);
    return simpleTypeDefinition(model, attribute?.type)?.facets.enumeration ?? [];
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
// Completion items: plain data the editor adapter converts

export interface CompletionItem {
  kind: 'element' | 'attribute' | 'value';
  label: string;
  /** Shown beside the label (an element's namespace, shortened). */
  description?: string;
  insertText: string;
  /** The insert text is a snippet (`$0` is where the cursor goes). */
  snippet: boolean;
  filterText?: string;
  sortText: string;
  detail?: string;
  /** Markdown (schema prose, escaped). */
  documentation?: string;
  /** Offsets of the text the item replaces. */
  replaceStart: number;
  replaceEnd: number;
}

const NETWORKING_NAMESPACE_BASE = /^http:\/\/www\.microsoft\.com\/networking\//;

function elementItems(model: SchemaModel, context: Extract<CompletionContext, { kind: 'element' }>): CompletionItem[] {
  return elementSuggestions(model, context).map((suggestion, index) => ({
    kind: 'element',
    label: suggestion.label,
    description: suggestion.namespace.replace(NETWORKING_NAMESPACE_BASE, ''),
    insertText: suggestion.snippet,
    snippet: true,
    filterText: `${context.withBracket ? '<' : ''}${suggestion.label}`,
    sortText: String(index).padStart(4, '0'),
    replaceStart: context.replaceStart,
    replaceEnd: context.replaceEnd,
    ...(suggestion.documentation ? { documentation: escapeMarkdown(suggestion.documentation) } : {}),
  }));
}

/**
 * What completion offers at `offset` of `text`: elements, attributes or values, best first.
 * `parsedText`: the caller's parse of `text` (null when it does not parse), read instead of parsing
 * again (see completionContextAt).
 */
export function completionItemsAt(model: SchemaModel, text: string, offset: number, translate: MessageTranslator, parsedText?: () => XmlDocumentNode | null): CompletionItem[] {
  const context = completionContextAt(text, offset, parsedText);
  if (!context) return [];
  switch (context.kind) {
    case 'element':
      return elementItems(model, context);
    case 'attribute':
      return attributeSuggestions(model, context).map((attribute) => ({
        kind: 'attribute',
        label: attribute.name,
        insertText: `${attribute.name}="$0"`,
        snippet: true,
        sortText: `${attribute.use === 'required' ? '0' : '1'}${attribute.name}`,
        replaceStart: context.replaceStart,
        replaceEnd: context.replaceEnd,
        ...(attribute.use === 'required' ? { detail: translate('xml.hover.required') } : {}),
        ...(attribute.documentation ? { documentation: escapeMarkdown(attribute.documentation) } : {}),
      }));
    case 'attributeValue':
    case 'text': {
      const values = valueSuggestions(model, context);
      if (values.length === 0 && context.kind === 'text') {
        const elementContext = elementContextInContent(model, text, context, offset);
        return elementContext ? elementItems(model, elementContext) : [];
      }
      return values.map((value, index) => ({
        kind: 'value',
        label: value,
        insertText: value,
        snippet: false,
        sortText: String(index).padStart(4, '0'),
        replaceStart: context.replaceStart,
        replaceEnd: context.replaceEnd,
      }));
    }
  }
}
