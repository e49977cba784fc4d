// Hover: the schema's documentation and the type facts (type, values, pattern in words, range,
// length, required, default) of the element or attribute under the cursor, and the markdown
// the editor shows for them.
import { attributesOf, declarationOf, documentationOf, simpleTypeDefinition, textTypeOf } from '../schema-model/queries';
import type { Facets, SchemaModel, SimpleTypeDefinition } from '../schema-model/types';
import { patternDescriptionKey } from '../schema-model/pattern-descriptions';
import { attributeNameSpan, attributeValueSpan, elementNameSpan, type XmlDocumentNode } from '../xml/model';
import { innermostElementAt } from '../xml/element-path';
import type { MessageTranslator } from '../i18n/core';
import { escapeMarkdown } from './markdown';

export interface HoverInfo {
  /** Markdown-free parts; hoverMarkdown formats them. */
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
      facts: declared ? typeFacts(simpleTypeDefinition(model, declared.type) ?? declared.type) : [],
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

/** The hover's markdown blocks: the name (and namespace), the documentation (or its absence), the facts as a list. */
export function hoverMarkdown(info: HoverInfo, translate: MessageTranslator): string[] {
  const blocks = [`**${escapeMarkdown(info.title)}**${info.namespace ? ` — \`${info.namespace}\`` : ''}`];
  blocks.push(info.documentation ? escapeMarkdown(info.documentation) : `*${escapeMarkdown(translate('xml.hover.noDocumentation'))}*`);
  if (info.facts.length > 0) {
    blocks.push(info.facts.map((fact) => `- ${escapeMarkdown(translate(`xml.hover.${fact.key}`, fact.params))}`).join('\n'));
  }
  return blocks;
}
