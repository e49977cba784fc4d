// The schema model: what our XSDs say, compiled at build time into plain JSON so the renderer,
// the worker and the CLI can ask "what may go here, in which order, with which values" without
// parsing XSD at run time. Everything is data (no classes, no functions), keyed by strings.
//
// Keys
// - Element declarations: global ones are `{namespace}LocalName`; local ones are
//   `<owner type key>/<LocalName>` (e.g. `{…/v1}GlobalType/CarrierId`). Anonymous types are
//   `<element key>#type`. A second local declaration with the same name in one type gets `~2`.
// - Types: named ones are `{namespace}TypeName`; XML Schema built-ins are `xs:<name>`.

export const SCHEMA_MODEL_FORMAT = 1;
export { XSD_NAMESPACE } from '../xml/namespaces';

export type ElementKey = string;
export type TypeKey = string;

/** `'unbounded'` rather than Infinity, so the model survives JSON. */
export type MaxOccurs = number | 'unbounded';

export interface SchemaModel {
  format: typeof SCHEMA_MODEL_FORMAT;
  /** Every element declaration, global and local. */
  elements: Record<ElementKey, ElementDeclaration>;
  /** Every named or anonymous type (built-ins are not listed; they are `xs:<name>`). */
  types: Record<TypeKey, TypeDefinition>;
  /** Head element key -> keys of the global elements that may stand in for it (transitively). */
  substitutionGroups: Record<ElementKey, ElementKey[]>;
  /** Target namespace -> documentation of its schema file. */
  namespaces: Record<string, { file: string; documentation?: string }>;
}

export interface ElementDeclaration {
  key: ElementKey;
  localName: string;
  /** '' when the element is in no namespace (never the case in our schemas). */
  namespace: string;
  global: boolean;
  type: TypeKey;
  abstract: boolean;
  /** Key of the head element this one may replace. */
  substitutionGroup?: ElementKey;
  default?: string;
  fixed?: string;
  documentation?: string;
}

export type TypeDefinition = SimpleTypeDefinition | ComplexTypeDefinition;

export interface Facets {
  enumeration?: string[];
  /** Each entry must match (one per derivation step; alternatives of one step are joined with `|`). XSD regex syntax. */
  patterns?: string[];
  minInclusive?: string;
  maxInclusive?: string;
  minExclusive?: string;
  maxExclusive?: string;
  length?: number;
  minLength?: number;
  maxLength?: number;
  totalDigits?: number;
  fractionDigits?: number;
  whiteSpace?: 'preserve' | 'replace' | 'collapse';
}

export interface SimpleTypeDefinition {
  kind: 'simple';
  key: TypeKey;
  /** The type this one restricts (a built-in `xs:…` or another simple type key). */
  base: TypeKey;
  /** The built-in the derivation chain ends at, e.g. `xs:token`, `xs:positiveInteger`. */
  builtin: TypeKey;
  /** Facets in effect, merged along the derivation chain (the nearest restriction wins). */
  facets: Facets;
  /** For `xs:list` types: the item type. */
  itemType?: TypeKey;
  documentation?: string;
}

export interface AttributeDeclaration {
  /** Local name; attributes of our schemas are unqualified (no namespace). */
  name: string;
  use: 'optional' | 'required' | 'prohibited';
  type: TypeKey;
  default?: string;
  fixed?: string;
  documentation?: string;
}

export interface AnyAttribute {
  namespace: WildcardNamespaces;
  processContents: ProcessContents;
}

export interface ComplexTypeDefinition {
  kind: 'complex';
  key: TypeKey;
  /** Text may appear between child elements. */
  mixed: boolean;
  /** Element content; null when the type allows no child elements. */
  content: Particle | null;
  /** For simple content (`xs:simpleContent`): the type of the text. */
  textType?: TypeKey;
  attributes: AttributeDeclaration[];
  anyAttribute?: AnyAttribute;
  /** The complex type this one extends or restricts, when there is one. */
  base?: TypeKey;
  documentation?: string;
}

export type ProcessContents = 'strict' | 'lax' | 'skip';

/**
 * Which namespaces a wildcard accepts. `other` = any namespace except `targetNamespace` and
 * no namespace; `list` = exactly the URIs given ('' meaning "no namespace").
 */
export type WildcardNamespaces = { mode: 'any' } | { mode: 'other'; targetNamespace: string } | { mode: 'list'; uris: string[] };

export interface Occurrence {
  minOccurs: number;
  maxOccurs: MaxOccurs;
}

export interface ElementParticle extends Occurrence {
  kind: 'element';
  element: ElementKey;
  /** Documentation written on the reference itself (`<xs:element ref=… ><xs:annotation>`). */
  documentation?: string;
}

export interface WildcardParticle extends Occurrence {
  kind: 'any';
  namespace: WildcardNamespaces;
  processContents: ProcessContents;
}

export interface GroupParticle extends Occurrence {
  kind: 'sequence' | 'choice' | 'all';
  particles: Particle[];
}

export type Particle = ElementParticle | WildcardParticle | GroupParticle;

/** A namespace-qualified name as the queries take and return it. */
export interface QualifiedName {
  namespace: string;
  localName: string;
}

export function elementKeyOf(name: QualifiedName): ElementKey {
  return `{${name.namespace}}${name.localName}`;
}
