// The generic form generator, as pure functions:
//   elementForm(model, key)                 -> what a form for that element declaration shows
//   fieldsOf / slotsOf on a parsed element  -> the current values and child elements
//   (field changes become text edits in ../edit/form-changes.ts)
//   diagnostics                             -> the field they belong to
// The renderer turns these into React controls; the unit tests run them on every element of the
// bundled schema model.
import { INTEGER_BUILTINS, complexTypeOf, declarationOf, textTypeOf } from '../schema-model/queries';
import type { ElementKey, Facets, MaxOccurs, Particle, SchemaModel } from '../schema-model/types';
import type { MessageKey } from '../i18n/index';
import { childElements, textContent, type XmlDocumentNode, type XmlElementNode } from '../xml/model';
import type { Diagnostic } from '../xml/diagnostic';
import { pathOf, type ElementPath } from '../xml/element-path';
import { helpKeyOf, humanize, labelKeyOf, widgetOverride, type WidgetKind } from './declarations';
import { patternDescriptionKey } from '../schema-model/pattern-descriptions';

// ---------------------------------------------------------------------------------------------
// Specs (from the schema model only)

export interface Limit {
  key: MessageKey;
  params: Record<string, string>;
}

export interface FieldSpec {
  /** `@Name` for an attribute, `#text` for the element's own text. */
  id: string;
  kind: 'attribute' | 'text';
  /** Attribute name, or the element's local name for text. */
  name: string;
  /** Element the field belongs to (namespace/localName of the owner). */
  ownerNamespace: string;
  ownerLocalName: string;
  label: string;
  labelKey?: MessageKey;
  help?: string;
  helpKey?: MessageKey;
  widget: WidgetKind;
  required: boolean;
  typeKey: string;
  builtin: string;
  facets: Facets;
  options?: string[];
  default?: string;
  fixed?: string;
  limits: Limit[];
}

export interface ChildSlot {
  element: ElementKey;
  namespace: string;
  localName: string;
  minOccurs: number;
  maxOccurs: MaxOccurs;
  /** Set when the slot is one branch of a choice: the choice's number within this form. */
  choice?: number;
  /** Simple-content children without attributes are edited inline as a field of the parent. */
  inline?: FieldSpec;
  label: string;
  labelKey?: MessageKey;
  help?: string;
  helpKey?: MessageKey;
}

export interface ElementFormSpec {
  element: ElementKey;
  namespace: string;
  localName: string;
  label: string;
  labelKey?: MessageKey;
  help?: string;
  helpKey?: MessageKey;
  attributes: FieldSpec[];
  /** The element's own text, for simple content (with attributes) or simple types. */
  text?: FieldSpec;
  children: ChildSlot[];
  /** The content model has an `xs:any`: children the form cannot name are shown read-only. */
  wildcard: boolean;
  /** A mixed or unknown content model the form cannot edit. */
  opaque: boolean;
}

const GUID_LIKE = /\\\{\[0-9a-fA-F\]\{8\}/;

function builtinOf(model: SchemaModel, typeKey: string): { builtin: string; facets: Facets; documentation?: string } {
  const type = model.types[typeKey];
  if (type?.kind === 'simple') return { builtin: type.builtin, facets: type.facets, ...(type.documentation ? { documentation: type.documentation } : {}) };
  return { builtin: typeKey, facets: {} };
}

/** Facets in the words the form shows under a field. */
export function limitsOf(builtin: string, facets: Facets): Limit[] {
  const limits: Limit[] = [];
  const implicitMin = builtin === 'xs:positiveInteger' ? '1' : builtin === 'xs:nonNegativeInteger' ? '0' : undefined;
  const min = facets.minInclusive ?? (facets.minExclusive !== undefined && INTEGER_BUILTINS.has(builtin) ? String(Number(facets.minExclusive) + 1) : undefined) ?? implicitMin;
  const max = facets.maxInclusive ?? (facets.maxExclusive !== undefined && INTEGER_BUILTINS.has(builtin) ? String(Number(facets.maxExclusive) - 1) : undefined);
  if (builtin === 'xs:duration') {
    if (facets.minInclusive !== undefined) limits.push({ key: 'forms.limit.min', params: { value: facets.minInclusive } });
    if (facets.minExclusive !== undefined) limits.push({ key: 'forms.limit.greaterThan', params: { value: facets.minExclusive } });
    if (facets.maxInclusive !== undefined) limits.push({ key: 'forms.limit.max', params: { value: facets.maxInclusive } });
    if (facets.maxExclusive !== undefined) limits.push({ key: 'forms.limit.lessThan', params: { value: facets.maxExclusive } });
  } else {
    if (min !== undefined) limits.push({ key: 'forms.limit.min', params: { value: min } });
    if (max !== undefined) limits.push({ key: 'forms.limit.max', params: { value: max } });
    if (!INTEGER_BUILTINS.has(builtin) && facets.minExclusive !== undefined) limits.push({ key: 'forms.limit.greaterThan', params: { value: facets.minExclusive } });
    if (!INTEGER_BUILTINS.has(builtin) && facets.maxExclusive !== undefined) limits.push({ key: 'forms.limit.lessThan', params: { value: facets.maxExclusive } });
  }
  const unit = builtin === 'xs:hexBinary' ? 'forms.limit.bytes' : 'forms.limit.characters';
  if (facets.length !== undefined) limits.push({ key: 'forms.limit.length', params: { value: String(facets.length), unitKey: unit } });
  if (facets.minLength !== undefined && facets.minLength > 0) limits.push({ key: 'forms.limit.minLength', params: { value: String(facets.minLength), unitKey: unit } });
  if (facets.maxLength !== undefined) limits.push({ key: 'forms.limit.maxLength', params: { value: String(facets.maxLength), unitKey: unit } });
  for (const pattern of facets.patterns ?? []) if (!GUID_LIKE.test(pattern)) limits.push({ key: 'forms.limit.pattern', params: { expectedKey: patternDescriptionKey([pattern]) } });
  return limits;
}

function chooseWidget(builtin: string, facets: Facets, override: WidgetKind | undefined, name: string): WidgetKind {
  if (override) return override;
  if (facets.enumeration && facets.enumeration.length > 0) return 'select';
  if (builtin === 'xs:boolean') return 'checkbox';
  if (INTEGER_BUILTINS.has(builtin)) return 'number';
  if (builtin === 'xs:duration') return 'duration';
  if (builtin === 'xs:base64Binary') return 'base64';
  if (builtin === 'xs:hexBinary') return 'hex';
  if (builtin === 'xs:dateTime') return 'dateTime';
  if (builtin === 'xs:anyURI') return 'url';
  if ((facets.patterns ?? []).some((pattern) => GUID_LIKE.test(pattern))) return 'guid';
  if (/password/i.test(name)) return 'password';
  return 'text';
}

function fieldSpec(
  model: SchemaModel,
  owner: { namespace: string; localName: string },
  kind: 'attribute' | 'text',
  name: string,
  typeKey: string,
  required: boolean,
  documentation: string | undefined,
  extra: { default?: string; fixed?: string } = {},
): FieldSpec {
  const { builtin, facets, documentation: typeDocumentation } = builtinOf(model, typeKey);
  const attribute = kind === 'attribute' ? name : undefined;
  const labelKey = labelKeyOf(owner.namespace, owner.localName, attribute);
  const helpKey = helpKeyOf(owner.namespace, owner.localName, attribute);
  const help = documentation ?? typeDocumentation;
  const spec: FieldSpec = {
    id: kind === 'attribute' ? `@${name}` : '#text',
    kind,
    name,
    ownerNamespace: owner.namespace,
    ownerLocalName: owner.localName,
    label: humanize(name),
    widget: chooseWidget(builtin, facets, widgetOverride(owner.namespace, owner.localName, attribute), name),
    required,
    typeKey,
    builtin,
    facets,
    limits: limitsOf(builtin, facets),
  };
  if (labelKey) spec.labelKey = labelKey;
  if (helpKey) spec.helpKey = helpKey;
  if (help) spec.help = help;
  if (facets.enumeration) spec.options = [...facets.enumeration];
  if (builtin === 'xs:boolean' && spec.widget === 'checkbox') spec.options = ['true', 'false'];
  if (extra.default !== undefined) spec.default = extra.default;
  if (extra.fixed !== undefined) spec.fixed = extra.fixed;
  return spec;
}

/** Flattens a content model into slots, multiplying occurrences through nested groups. */
function collectSlots(model: SchemaModel, particle: Particle, minFactor: number, maxFactor: MaxOccurs, choice: number | undefined, counter: { next: number }, out: ChildSlot[], wildcard: { found: boolean }): void {
  const multiply = (a: MaxOccurs, b: MaxOccurs): MaxOccurs => (a === 'unbounded' || b === 'unbounded' ? (a === 0 || b === 0 ? 0 : 'unbounded') : a * b);
  const min = particle.minOccurs * minFactor;
  const max = multiply(particle.maxOccurs, maxFactor);
  switch (particle.kind) {
    case 'any':
      wildcard.found = true;
      return;
    case 'element': {
      const head = model.elements[particle.element];
      const members = [particle.element, ...(model.substitutionGroups[particle.element] ?? [])]
        .map((key) => model.elements[key])
        .filter((declaration) => declaration && !declaration.abstract);
      const substitution = members.length > 1 || (head?.abstract ?? false);
      const slotChoice = substitution ? counter.next++ : choice;
      for (const declaration of members) {
        if (!declaration) continue;
        const existing = out.find((slot) => slot.element === declaration.key);
        if (existing) {
          existing.maxOccurs = existing.maxOccurs === 'unbounded' || max === 'unbounded' ? 'unbounded' : existing.maxOccurs + max;
          continue;
        }
        out.push(childSlot(model, declaration.key, substitution ? 0 : min, max, slotChoice, substitution ? undefined : particle.documentation));
        if (substitution && min > 0) out[out.length - 1]!.minOccurs = 0;
      }
      return;
    }
    case 'choice': {
      const id = counter.next++;
      for (const inner of particle.particles) collectSlots(model, inner, 0, max, id, counter, out, wildcard);
      return;
    }
    default:
      for (const inner of particle.particles) collectSlots(model, inner, min, max, choice, counter, out, wildcard);
  }
}

function isSimpleWithoutAttributes(model: SchemaModel, key: ElementKey): boolean {
  const declaration = model.elements[key];
  if (!declaration) return false;
  const type = model.types[declaration.type];
  if (!type) return declaration.type.startsWith('xs:') && declaration.type !== 'xs:anyType';
  if (type.kind === 'simple') return true;
  return type.textType !== undefined && type.attributes.length === 0 && !type.content;
}

function childSlot(model: SchemaModel, key: ElementKey, minOccurs: number, maxOccurs: MaxOccurs, choice: number | undefined, referenceDocumentation?: string): ChildSlot {
  const declaration = model.elements[key]!;
  const labelKey = labelKeyOf(declaration.namespace, declaration.localName);
  const helpKey = helpKeyOf(declaration.namespace, declaration.localName);
  const help = referenceDocumentation ?? declaration.documentation ?? model.types[declaration.type]?.documentation;
  const slot: ChildSlot = { element: key, namespace: declaration.namespace, localName: declaration.localName, minOccurs, maxOccurs, label: humanize(declaration.localName) };
  if (choice !== undefined) slot.choice = choice;
  if (labelKey) slot.labelKey = labelKey;
  if (helpKey) slot.helpKey = helpKey;
  if (help) slot.help = help;
  if (isSimpleWithoutAttributes(model, key)) {
    const textType = textTypeOf(model, declaration);
    const typeKey = typeof textType === 'string' ? textType : (textType?.key ?? 'xs:string');
    const field = fieldSpec(model, declaration, 'text', declaration.localName, typeKey, minOccurs > 0, help, {
      ...(declaration.default !== undefined ? { default: declaration.default } : {}),
      ...(declaration.fixed !== undefined ? { fixed: declaration.fixed } : {}),
    });
    slot.inline = field;
  }
  return slot;
}

const specCache = new WeakMap<SchemaModel, Map<ElementKey, ElementFormSpec>>();

/** The form of an element declaration: its attributes, its text, and its child slots. Never throws for a key of the model. */
export function elementForm(model: SchemaModel, key: ElementKey): ElementFormSpec {
  let cache = specCache.get(model);
  if (!cache) specCache.set(model, (cache = new Map()));
  const cached = cache.get(key);
  if (cached) return cached;
  const declaration = model.elements[key];
  if (!declaration) throw new Error(`unknown element ${key}`);
  const labelKey = labelKeyOf(declaration.namespace, declaration.localName);
  const helpKey = helpKeyOf(declaration.namespace, declaration.localName);
  const help = declaration.documentation ?? model.types[declaration.type]?.documentation;
  const spec: ElementFormSpec = {
    element: key,
    namespace: declaration.namespace,
    localName: declaration.localName,
    label: humanize(declaration.localName),
    attributes: [],
    children: [],
    wildcard: false,
    opaque: false,
  };
  if (labelKey) spec.labelKey = labelKey;
  if (helpKey) spec.helpKey = helpKey;
  if (help) spec.help = help;
  const type = complexTypeOf(model, declaration);
  if (!type) {
    const textType = textTypeOf(model, declaration);
    const typeKey = typeof textType === 'string' ? textType : (textType?.key ?? 'xs:string');
    spec.text = fieldSpec(model, declaration, 'text', declaration.localName, typeKey, true, help);
  } else {
    spec.attributes = type.attributes
      .filter((attribute) => attribute.use !== 'prohibited')
      .map((attribute) =>
        fieldSpec(model, declaration, 'attribute', attribute.name, attribute.type, attribute.use === 'required', attribute.documentation, {
          ...(attribute.default !== undefined ? { default: attribute.default } : {}),
          ...(attribute.fixed !== undefined ? { fixed: attribute.fixed } : {}),
        }),
      );
    if (type.textType) spec.text = fieldSpec(model, declaration, 'text', declaration.localName, type.textType, false, help);
    if (type.content) {
      const wildcard = { found: false };
      collectSlots(model, type.content, 1, 1, undefined, { next: 0 }, spec.children, wildcard);
      spec.wildcard = wildcard.found;
    }
    if (type.mixed && type.content) spec.opaque = true;
  }
  cache.set(key, spec);
  return spec;
}

// ---------------------------------------------------------------------------------------------
// Values of a parsed element

export function attributeValue(element: XmlElementNode, name: string): string | undefined {
  return element.attributes.find((attribute) => attribute.name === name)?.value;
}

/** Element children that match a slot. */
export function childrenInSlot(element: XmlElementNode, slot: ChildSlot): XmlElementNode[] {
  return childElements(element).filter((child) => child.localName === slot.localName && child.namespaceUri === slot.namespace);
}

/** Children the form has no slot for (wildcard content, unknown or misplaced elements). */
export function unslottedChildren(element: XmlElementNode, spec: ElementFormSpec): XmlElementNode[] {
  return childElements(element).filter((child) => !spec.children.some((slot) => slot.localName === child.localName && slot.namespace === child.namespaceUri));
}

export function fieldValue(element: XmlElementNode, field: FieldSpec): string | undefined {
  if (field.kind === 'attribute') return attributeValue(element, field.name);
  return textContent(element);
}

/** The declaration key for a parsed element, with the model (null when the schema does not know it). */
export function formFor(model: SchemaModel, element: XmlElementNode): ElementFormSpec | null {
  const declaration = declarationOf(model, element);
  return declaration ? elementForm(model, declaration.key) : null;
}

// ---------------------------------------------------------------------------------------------
// Diagnostics -> fields

export interface FieldLocation {
  path: ElementPath;
  /** `@Name`, `#text`, or undefined for the element as a whole. */
  field?: string;
}

/** Key used by the renderer to find a field: `1.0.2`, `1.0.2|@Name`, `1.0.2|#text`. */
export function fieldKey(path: readonly number[], field?: string): string {
  return `${path.join('.')}${field ? `|${field}` : ''}`;
}

/** The innermost element (and attribute or text) whose range contains the offset. */
export function locateOffset(document: XmlDocumentNode, offset: number): FieldLocation | null {
  const root = document.root;
  if (offset < root.start || offset > root.end) return null;
  let current = root;
  for (;;) {
    const next = childElements(current).find((child) => child.start <= offset && offset < child.end);
    if (!next) break;
    current = next;
  }
  const path = pathOf(current);
  const attribute = current.attributes.find((candidate) => candidate.start <= offset && offset <= candidate.end);
  if (attribute && !attribute.name.startsWith('xmlns')) return { path, field: `@${attribute.name}` };
  if (offset >= current.startTagEnd && (current.endTagStart < 0 || offset <= current.endTagStart) && childElements(current).length === 0) return { path, field: '#text' };
  return { path };
}

/** Groups diagnostics by the field key they belong to. */
export function diagnosticsByField(document: XmlDocumentNode, diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const map = new Map<string, Diagnostic[]>();
  for (const diagnostic of diagnostics) {
    const location = locateOffset(document, diagnostic.range.start.offset);
    if (!location) continue;
    const key = fieldKey(location.path, location.field);
    const list = map.get(key) ?? [];
    list.push(diagnostic);
    map.set(key, list);
  }
  return map;
}

