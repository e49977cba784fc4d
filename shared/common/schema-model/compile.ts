// Reads our XSD files (the XSD 1.0 subset they use) into the schema model. Pure: it takes the
// files' text and returns data, so the build script, the staleness test and anyone else get
// exactly the same result. It reads the XSDs with our own positioned parser.
//
// Understood: schema (targetNamespace, elementFormDefault), import, element (name/ref, type,
// inline types, minOccurs/maxOccurs, default/fixed, abstract, substitutionGroup), complexType
// (mixed; sequence/choice/all/group/any; attribute/attributeGroup/anyAttribute; complexContent
// extension/restriction; simpleContent extension), simpleType (restriction with facets, list,
// union), group and attributeGroup definitions and references, annotation/documentation.
// Anything else is ignored rather than fatal; problems are returned as warnings.
import { parseXml } from '../xml/parse';
import { XMLNS_NAMESPACE, XML_NAMESPACE, childElements, textContent, type XmlElementNode } from '../xml/model';
import {
  SCHEMA_MODEL_FORMAT,
  XSD_NAMESPACE,
  type AnyAttribute,
  type AttributeDeclaration,
  type ComplexTypeDefinition,
  type ElementDeclaration,
  type Facets,
  type MaxOccurs,
  type Particle,
  type ProcessContents,
  type SchemaModel,
  type SimpleTypeDefinition,
  type TypeDefinition,
  type WildcardNamespaces,
} from './types';

export interface SchemaCompilation {
  model: SchemaModel;
  /** Things the reader did not understand or could not resolve; empty for our schemas. */
  warnings: string[];
}

/** A top-level XSD component, remembered with the file it came from. */
interface Component {
  node: XmlElementNode;
  schema: SchemaFile;
}

interface SchemaFile {
  name: string;
  targetNamespace: string;
  qualifiedElements: boolean;
}


function isXsd(node: XmlElementNode, localName: string): boolean {
  return node.namespaceUri === XSD_NAMESPACE && node.localName === localName;
}

function xsdChildren(node: XmlElementNode, localName?: string): XmlElementNode[] {
  return childElements(node).filter((child) => child.namespaceUri === XSD_NAMESPACE && (localName === undefined || child.localName === localName));
}

function attributeValue(node: XmlElementNode, name: string): string | undefined {
  return node.attributes.find((attribute) => attribute.name === name)?.value;
}

/** The namespace a prefix is bound to at `node` ('' prefix = default namespace). */
function namespaceForPrefix(node: XmlElementNode, prefix: string): string | undefined {
  const declaration = prefix === '' ? 'xmlns' : `xmlns:${prefix}`;
  for (let current: XmlElementNode | null = node; current; current = current.parent) {
    const found = current.attributes.find((attribute) => attribute.namespaceUri === XMLNS_NAMESPACE && attribute.name === declaration);
    if (found) return found.value;
  }
  if (prefix === 'xml') return XML_NAMESPACE;
  return prefix === '' ? '' : undefined;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** English documentation of a component (xml:lang="en" or no language), whitespace collapsed. */
function documentationOf(node: XmlElementNode): string | undefined {
  const parts: string[] = [];
  for (const annotation of xsdChildren(node, 'annotation')) {
    for (const documentation of xsdChildren(annotation, 'documentation')) {
      const language = documentation.attributes.find((attribute) => attribute.localName === 'lang' && attribute.namespaceUri === XML_NAMESPACE)?.value;
      if (language === undefined || language.toLowerCase().startsWith('en')) {
        const text = collapse(textContent(documentation));
        if (text) parts.push(text);
      }
    }
  }
  return parts.length > 0 ? parts.join(' ') : undefined;
}

function parseMaxOccurs(value: string | undefined): MaxOccurs {
  if (value === undefined) return 1;
  if (value === 'unbounded') return 'unbounded';
  const number = Number(value);
  return Number.isInteger(number) && number >= 0 ? number : 1;
}

function parseMinOccurs(value: string | undefined): number {
  const number = Number(value ?? '1');
  return Number.isInteger(number) && number >= 0 ? number : 1;
}

function parseProcessContents(value: string | undefined): ProcessContents {
  return value === 'lax' || value === 'skip' ? value : 'strict';
}

function parseWildcardNamespaces(value: string | undefined, targetNamespace: string): WildcardNamespaces {
  const tokens = (value ?? '##any').split(/\s+/).filter((token) => token.length > 0);
  if (tokens.includes('##any')) return { mode: 'any' };
  if (tokens.length === 1 && tokens[0] === '##other') return { mode: 'other', targetNamespace };
  return {
    mode: 'list',
    uris: tokens.map((token) => (token === '##targetNamespace' ? targetNamespace : token === '##local' ? '' : token)),
  };
}

const FACET_NAMES = new Set([
  'enumeration',
  'pattern',
  'minInclusive',
  'maxInclusive',
  'minExclusive',
  'maxExclusive',
  'length',
  'minLength',
  'maxLength',
  'totalDigits',
  'fractionDigits',
  'whiteSpace',
]);

/** The facets written in one `xs:restriction`. */
function readOwnFacets(restriction: XmlElementNode): Facets {
  const facets: Facets = {};
  const enumeration: string[] = [];
  const patterns: string[] = [];
  for (const facet of xsdChildren(restriction)) {
    if (!FACET_NAMES.has(facet.localName)) continue;
    const value = attributeValue(facet, 'value') ?? '';
    switch (facet.localName) {
      case 'enumeration':
        enumeration.push(value);
        break;
      case 'pattern':
        patterns.push(value);
        break;
      case 'minInclusive':
      case 'maxInclusive':
      case 'minExclusive':
      case 'maxExclusive':
        facets[facet.localName] = value;
        break;
      case 'length':
      case 'minLength':
      case 'maxLength':
      case 'totalDigits':
      case 'fractionDigits':
        facets[facet.localName] = Number(value);
        break;
      case 'whiteSpace':
        if (value === 'preserve' || value === 'replace' || value === 'collapse') facets.whiteSpace = value;
        break;
    }
  }
  if (enumeration.length > 0) facets.enumeration = enumeration;
  if (patterns.length > 0) facets.patterns = [patterns.length === 1 ? patterns[0]! : patterns.map((pattern) => `(${pattern})`).join('|')];
  return facets;
}

/** Base facets overridden by the restriction's own; patterns accumulate (all must match). */
function mergeFacets(base: Facets, own: Facets): Facets {
  const merged: Facets = { ...base, ...own };
  const patterns = [...(base.patterns ?? []), ...(own.patterns ?? [])];
  if (patterns.length > 0) merged.patterns = patterns;
  return merged;
}

/** The built-in `whiteSpace` of the string-like built-ins (everything else collapses). */
function builtinWhiteSpace(builtin: string): Facets['whiteSpace'] {
  if (builtin === 'xs:string') return 'preserve';
  if (builtin === 'xs:normalizedString') return 'replace';
  return 'collapse';
}

class SchemaReader {
  readonly warnings: string[] = [];
  private readonly elements = new Map<string, Component>();
  private readonly complexTypes = new Map<string, Component>();
  private readonly simpleTypes = new Map<string, Component>();
  private readonly groups = new Map<string, Component>();
  private readonly attributeGroups = new Map<string, Component>();
  private readonly globalAttributes = new Map<string, Component>();

  private readonly model: SchemaModel = { format: SCHEMA_MODEL_FORMAT, elements: {}, types: {}, substitutionGroups: {}, namespaces: {} };
  private readonly typesInProgress = new Set<string>();

  addFile(name: string, text: string): void {
    const parsed = parseXml(text);
    if (!parsed.ok) {
      this.warnings.push(`${name}: not well-formed (${parsed.error.message})`);
      return;
    }
    const root = parsed.document.root;
    if (!isXsd(root, 'schema')) {
      this.warnings.push(`${name}: the root is not xs:schema`);
      return;
    }
    const schema: SchemaFile = {
      name,
      targetNamespace: attributeValue(root, 'targetNamespace') ?? '',
      qualifiedElements: attributeValue(root, 'elementFormDefault') === 'qualified',
    };
    const documentation = documentationOf(root);
    this.model.namespaces[schema.targetNamespace] = documentation ? { file: name, documentation } : { file: name };
    const tables: Record<string, Map<string, Component>> = {
      element: this.elements,
      complexType: this.complexTypes,
      simpleType: this.simpleTypes,
      group: this.groups,
      attributeGroup: this.attributeGroups,
      attribute: this.globalAttributes,
    };
    for (const child of xsdChildren(root)) {
      const table = tables[child.localName];
      const componentName = attributeValue(child, 'name');
      if (!table || componentName === undefined) continue;
      table.set(`{${schema.targetNamespace}}${componentName}`, { node: child, schema });
    }
  }

  compile(): SchemaModel {
    for (const [key, component] of this.elements) this.compileGlobalElement(key, component);
    for (const key of this.complexTypes.keys()) this.typeKey(key, undefined);
    for (const key of this.simpleTypes.keys()) this.typeKey(key, undefined);
    this.collectSubstitutionGroups();
    return this.model;
  }

  /** Resolves a QName attribute value (`base:GUID`) written on `node` to `{namespace}local` or `xs:local`. */
  private resolveQName(node: XmlElementNode, qualifiedName: string): string {
    const colon = qualifiedName.indexOf(':');
    const prefix = colon < 0 ? '' : qualifiedName.slice(0, colon);
    const localName = colon < 0 ? qualifiedName : qualifiedName.slice(colon + 1);
    const namespace = namespaceForPrefix(node, prefix);
    if (namespace === undefined) {
      this.warnings.push(`unbound prefix in "${qualifiedName}"`);
      return `{}${localName}`;
    }
    return namespace === XSD_NAMESPACE ? `xs:${localName}` : `{${namespace}}${localName}`;
  }

  /** Makes sure a named type is compiled and returns its key (built-ins are returned as they are). */
  private typeKey(key: string, referencedFrom: string | undefined): string {
    if (key.startsWith('xs:') || this.model.types[key] || this.typesInProgress.has(key)) return key;
    const complex = this.complexTypes.get(key);
    const simple = this.simpleTypes.get(key);
    if (!complex && !simple) {
      this.warnings.push(`unknown type ${key}${referencedFrom ? ` (used by ${referencedFrom})` : ''}`);
      return 'xs:anyType';
    }
    this.typesInProgress.add(key);
    const definition = complex ? this.compileComplexType(key, complex.node, complex.schema) : this.compileSimpleType(key, simple!.node, simple!.schema);
    this.typesInProgress.delete(key);
    this.model.types[key] = definition;
    return key;
  }

  private compileGlobalElement(key: string, component: Component): void {
    if (this.model.elements[key]) return;
    const { node, schema } = component;
    const declaration: ElementDeclaration = {
      key,
      localName: attributeValue(node, 'name') ?? '',
      namespace: schema.targetNamespace,
      global: true,
      type: 'xs:anyType',
      abstract: attributeValue(node, 'abstract') === 'true',
    };
    this.model.elements[key] = declaration; // before the type: recursive content refers back by key
    this.fillElementDeclaration(declaration, node, schema);
    const head = attributeValue(node, 'substitutionGroup');
    if (head !== undefined) declaration.substitutionGroup = this.resolveQName(node, head);
  }

  private fillElementDeclaration(declaration: ElementDeclaration, node: XmlElementNode, schema: SchemaFile): void {
    const typeName = attributeValue(node, 'type');
    const inlineComplex = xsdChildren(node, 'complexType')[0];
    const inlineSimple = xsdChildren(node, 'simpleType')[0];
    if (typeName !== undefined) declaration.type = this.typeKey(this.resolveQName(node, typeName), declaration.key);
    else if (inlineComplex || inlineSimple) {
      const key = `${declaration.key}#type`;
      this.model.types[key] = inlineComplex ? this.compileComplexType(key, inlineComplex, schema) : this.compileSimpleType(key, inlineSimple!, schema);
      declaration.type = key;
    } else if (declaration.substitutionGroup === undefined) {
      const head = attributeValue(node, 'substitutionGroup');
      // An element without a type takes its substitution head's type, else anyType.
      if (head !== undefined) {
        const headKey = this.resolveQName(node, head);
        const headComponent = this.elements.get(headKey);
        if (headComponent) {
          this.compileGlobalElement(headKey, headComponent);
          declaration.type = this.model.elements[headKey]?.type ?? 'xs:anyType';
        }
      }
    }
    const defaultValue = attributeValue(node, 'default');
    const fixedValue = attributeValue(node, 'fixed');
    if (defaultValue !== undefined) declaration.default = defaultValue;
    if (fixedValue !== undefined) declaration.fixed = fixedValue;
    const documentation = documentationOf(node);
    if (documentation) declaration.documentation = documentation;
  }

  private compileSimpleType(key: string, node: XmlElementNode, schema: SchemaFile): SimpleTypeDefinition {
    const documentation = documentationOf(node);
    const definition: SimpleTypeDefinition = { kind: 'simple', key, base: 'xs:anySimpleType', builtin: 'xs:anySimpleType', facets: {} };
    if (documentation) definition.documentation = documentation;
    const restriction = xsdChildren(node, 'restriction')[0];
    const list = xsdChildren(node, 'list')[0];
    const union = xsdChildren(node, 'union')[0];
    if (restriction) {
      let baseKey: string;
      const baseName = attributeValue(restriction, 'base');
      const inlineBase = xsdChildren(restriction, 'simpleType')[0];
      if (baseName !== undefined) baseKey = this.typeKey(this.resolveQName(restriction, baseName), key);
      else if (inlineBase) {
        baseKey = `${key}#base`;
        this.model.types[baseKey] = this.compileSimpleType(baseKey, inlineBase, schema);
      } else baseKey = 'xs:anySimpleType';
      const base = this.model.types[baseKey];
      const baseFacets: Facets = base?.kind === 'simple' ? base.facets : { whiteSpace: builtinWhiteSpace(baseKey) };
      definition.base = baseKey;
      definition.builtin = base?.kind === 'simple' ? base.builtin : baseKey;
      if (base?.kind === 'simple' && base.itemType) definition.itemType = base.itemType;
      definition.facets = mergeFacets(baseFacets, readOwnFacets(restriction));
    } else if (list) {
      const itemName = attributeValue(list, 'itemType');
      const inlineItem = xsdChildren(list, 'simpleType')[0];
      let itemKey = 'xs:anySimpleType';
      if (itemName !== undefined) itemKey = this.typeKey(this.resolveQName(list, itemName), key);
      else if (inlineItem) {
        itemKey = `${key}#item`;
        this.model.types[itemKey] = this.compileSimpleType(itemKey, inlineItem, schema);
      }
      definition.base = 'xs:anySimpleType';
      definition.builtin = 'xs:anySimpleType';
      definition.itemType = itemKey;
      definition.facets = { whiteSpace: 'collapse' };
    } else if (union) {
      // Not used by our schemas; a union is kept as "any simple value" so nothing is refused wrongly.
      definition.facets = {};
    } else {
      this.warnings.push(`simple type ${key} has no restriction, list or union`);
    }
    return definition;
  }

  private compileComplexType(key: string, node: XmlElementNode, schema: SchemaFile): ComplexTypeDefinition {
    const definition: ComplexTypeDefinition = { kind: 'complex', key, mixed: attributeValue(node, 'mixed') === 'true', content: null, attributes: [] };
    const documentation = documentationOf(node);
    if (documentation) definition.documentation = documentation;

    const complexContent = xsdChildren(node, 'complexContent')[0];
    const simpleContent = xsdChildren(node, 'simpleContent')[0];
    if (complexContent) {
      if (attributeValue(complexContent, 'mixed') === 'true') definition.mixed = true;
      const derivation = xsdChildren(complexContent)[0];
      if (derivation && (derivation.localName === 'extension' || derivation.localName === 'restriction')) {
        const baseKey = this.typeKey(this.resolveQName(derivation, attributeValue(derivation, 'base') ?? 'xs:anyType'), key);
        const base = this.model.types[baseKey];
        definition.base = baseKey;
        const own = this.readContentAndAttributes(derivation, key, schema);
        if (derivation.localName === 'extension' && base?.kind === 'complex') {
          definition.content = own.content && base.content ? { kind: 'sequence', minOccurs: 1, maxOccurs: 1, particles: [base.content, own.content] } : (own.content ?? base.content);
          definition.attributes = mergeAttributes(base.attributes, own.attributes);
          definition.mixed ||= base.mixed;
          const anyAttribute = own.anyAttribute ?? base.anyAttribute;
          if (anyAttribute) definition.anyAttribute = anyAttribute;
        } else {
          definition.content = own.content;
          definition.attributes = base?.kind === 'complex' ? mergeAttributes(base.attributes, own.attributes) : own.attributes;
          if (own.anyAttribute) definition.anyAttribute = own.anyAttribute;
        }
      }
    } else if (simpleContent) {
      const derivation = xsdChildren(simpleContent)[0];
      if (derivation) {
        const baseKey = this.typeKey(this.resolveQName(derivation, attributeValue(derivation, 'base') ?? 'xs:string'), key);
        const base = this.model.types[baseKey];
        definition.base = baseKey;
        definition.textType = base?.kind === 'complex' ? (base.textType ?? 'xs:string') : baseKey;
        const own = this.readContentAndAttributes(derivation, key, schema);
        definition.attributes = base?.kind === 'complex' ? mergeAttributes(base.attributes, own.attributes) : own.attributes;
        if (own.anyAttribute) definition.anyAttribute = own.anyAttribute;
      }
    } else {
      const own = this.readContentAndAttributes(node, key, schema);
      definition.content = own.content;
      definition.attributes = own.attributes;
      if (own.anyAttribute) definition.anyAttribute = own.anyAttribute;
    }
    return definition;
  }

  /** The model group and attribute uses directly inside a complexType / extension / restriction. */
  private readContentAndAttributes(
    node: XmlElementNode,
    ownerKey: string,
    schema: SchemaFile,
  ): { content: Particle | null; attributes: AttributeDeclaration[]; anyAttribute?: AnyAttribute } {
    let content: Particle | null = null;
    const attributes: AttributeDeclaration[] = [];
    let anyAttribute: AnyAttribute | undefined;
    const localNames = new Map<string, number>();
    for (const child of xsdChildren(node)) {
      switch (child.localName) {
        case 'sequence':
        case 'choice':
        case 'all':
        case 'group':
          content = this.readParticle(child, ownerKey, schema, localNames);
          break;
        case 'attribute':
        case 'attributeGroup':
          attributes.push(...this.readAttributeUses(child, schema));
          break;
        case 'anyAttribute':
          anyAttribute = {
            namespace: parseWildcardNamespaces(attributeValue(child, 'namespace'), schema.targetNamespace),
            processContents: parseProcessContents(attributeValue(child, 'processContents')),
          };
          break;
      }
    }
    return anyAttribute ? { content, attributes, anyAttribute } : { content, attributes };
  }

  private readAttributeUses(node: XmlElementNode, schema: SchemaFile): AttributeDeclaration[] {
    if (node.localName === 'attributeGroup') {
      const reference = attributeValue(node, 'ref');
      const group = reference !== undefined ? this.attributeGroups.get(this.resolveQName(node, reference)) : undefined;
      if (!group) {
        this.warnings.push(`unknown attribute group ${reference ?? '(no ref)'}`);
        return [];
      }
      const uses: AttributeDeclaration[] = [];
      for (const child of xsdChildren(group.node)) if (child.localName === 'attribute' || child.localName === 'attributeGroup') uses.push(...this.readAttributeUses(child, group.schema));
      return uses;
    }
    const reference = attributeValue(node, 'ref');
    let declarationNode = node;
    let declarationSchema = schema;
    if (reference !== undefined) {
      const global = this.globalAttributes.get(this.resolveQName(node, reference));
      if (!global) {
        this.warnings.push(`unknown attribute ${reference}`);
        return [];
      }
      declarationNode = global.node;
      declarationSchema = global.schema;
    }
    const name = attributeValue(declarationNode, 'name') ?? '';
    const use = attributeValue(node, 'use');
    const typeName = attributeValue(declarationNode, 'type');
    const inlineType = xsdChildren(declarationNode, 'simpleType')[0];
    let type = 'xs:anySimpleType';
    if (typeName !== undefined) type = this.typeKey(this.resolveQName(declarationNode, typeName), `@${name}`);
    else if (inlineType) {
      type = `{${declarationSchema.targetNamespace}}@${name}#type`;
      this.model.types[type] = this.compileSimpleType(type, inlineType, declarationSchema);
    }
    const attribute: AttributeDeclaration = { name, use: use === 'required' || use === 'prohibited' ? use : 'optional', type };
    const defaultValue = attributeValue(node, 'default') ?? attributeValue(declarationNode, 'default');
    const fixedValue = attributeValue(node, 'fixed') ?? attributeValue(declarationNode, 'fixed');
    if (defaultValue !== undefined) attribute.default = defaultValue;
    if (fixedValue !== undefined) attribute.fixed = fixedValue;
    const documentation = documentationOf(node) ?? documentationOf(declarationNode);
    if (documentation) attribute.documentation = documentation;
    return [attribute];
  }

  private readParticle(node: XmlElementNode, ownerKey: string, schema: SchemaFile, localNames: Map<string, number>): Particle | null {
    const occurrence = { minOccurs: parseMinOccurs(attributeValue(node, 'minOccurs')), maxOccurs: parseMaxOccurs(attributeValue(node, 'maxOccurs')) };
    switch (node.localName) {
      case 'sequence':
      case 'choice':
      case 'all': {
        const particles: Particle[] = [];
        for (const child of xsdChildren(node)) {
          const particle = this.readParticle(child, ownerKey, schema, localNames);
          if (particle) particles.push(particle);
        }
        return { kind: node.localName, ...occurrence, particles };
      }
      case 'group': {
        const reference = attributeValue(node, 'ref');
        const group = reference !== undefined ? this.groups.get(this.resolveQName(node, reference)) : undefined;
        const inner = group ? xsdChildren(group.node).find((child) => ['sequence', 'choice', 'all'].includes(child.localName)) : undefined;
        if (!group || !inner) {
          this.warnings.push(`unknown group ${reference ?? '(no ref)'}`);
          return null;
        }
        const particle = this.readParticle(inner, ownerKey, group.schema, localNames);
        if (!particle) return null;
        // The reference's occurrence applies to the group as a whole.
        return occurrence.minOccurs === 1 && occurrence.maxOccurs === 1 ? particle : { kind: 'sequence', ...occurrence, particles: [particle] };
      }
      case 'any':
        return {
          kind: 'any',
          ...occurrence,
          namespace: parseWildcardNamespaces(attributeValue(node, 'namespace'), schema.targetNamespace),
          processContents: parseProcessContents(attributeValue(node, 'processContents')),
        };
      case 'element': {
        const reference = attributeValue(node, 'ref');
        if (reference !== undefined) {
          const key = this.resolveQName(node, reference);
          const component = this.elements.get(key);
          if (!component) {
            this.warnings.push(`unknown element ${reference}`);
            return null;
          }
          this.compileGlobalElement(key, component);
          const documentation = documentationOf(node);
          return documentation ? { kind: 'element', ...occurrence, element: key, documentation } : { kind: 'element', ...occurrence, element: key };
        }
        const localName = attributeValue(node, 'name') ?? '';
        const seen = (localNames.get(localName) ?? 0) + 1;
        localNames.set(localName, seen);
        const key = `${ownerKey}/${localName}${seen > 1 ? `~${seen}` : ''}`;
        const form = attributeValue(node, 'form');
        const qualified = form ? form === 'qualified' : schema.qualifiedElements;
        const declaration: ElementDeclaration = { key, localName, namespace: qualified ? schema.targetNamespace : '', global: false, type: 'xs:anyType', abstract: false };
        this.model.elements[key] = declaration;
        this.fillElementDeclaration(declaration, node, schema);
        return { kind: 'element', ...occurrence, element: key };
      }
      default:
        return null;
    }
  }

  private collectSubstitutionGroups(): void {
    const direct = new Map<string, string[]>();
    for (const declaration of Object.values(this.model.elements)) {
      if (!declaration.substitutionGroup) continue;
      const members = direct.get(declaration.substitutionGroup) ?? [];
      members.push(declaration.key);
      direct.set(declaration.substitutionGroup, members);
    }
    for (const head of direct.keys()) {
      const all: string[] = [];
      const pending = [...(direct.get(head) ?? [])];
      while (pending.length > 0) {
        const member = pending.shift()!;
        if (all.includes(member)) continue;
        all.push(member);
        pending.push(...(direct.get(member) ?? []));
      }
      this.model.substitutionGroups[head] = all;
    }
  }
}

/** Derived attributes replace base attributes of the same name; new ones are appended. */
function mergeAttributes(base: readonly AttributeDeclaration[], own: readonly AttributeDeclaration[]): AttributeDeclaration[] {
  const merged = base.filter((attribute) => !own.some((ownAttribute) => ownAttribute.name === attribute.name));
  return [...merged, ...own.filter((attribute) => attribute.use !== 'prohibited')];
}

/**
 * Compiles XSD files (file name -> text) into the schema model. Files are read in name order
 * so the output does not depend on how the caller listed them.
 */
/** Schemas of other documents than provisioning files, kept out of the forms' model (the APN database and COSA answer file the web-site tools export). */
export const SCHEMAS_OUTSIDE_THE_MODEL: readonly string[] = ['no-namespace.xsd', 'apn-database.xsd', 'windows-customizations.xsd', 'icd-package-config.xsd', 'windows-provisioning.xsd'];

export function compileSchemaModel(files: Readonly<Record<string, string>>): SchemaCompilation {
  const reader = new SchemaReader();
  for (const name of Object.keys(files).sort()) if (!SCHEMAS_OUTSIDE_THE_MODEL.includes(name)) reader.addFile(name, files[name]!);
  const model = reader.compile();
  return { model: sortModel(model), warnings: reader.warnings };
}

/** Stable key order, so the generated JSON only changes when the schemas do. */
function sortModel(model: SchemaModel): SchemaModel {
  const sortRecord = <T>(record: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    format: model.format,
    elements: sortRecord(model.elements),
    types: sortRecord(model.types) as Record<string, TypeDefinition>,
    substitutionGroups: sortRecord(model.substitutionGroups),
    namespaces: sortRecord(model.namespaces),
  };
}
