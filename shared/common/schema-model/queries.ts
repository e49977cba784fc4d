// Questions the editor asks the schema model. All pure functions over the model's data.
//
// "May X go here?" uses a relaxed reading of the content model: every minOccurs counts as 0,
// while order and maxOccurs are kept. A list of children passes when it can still be completed
// into a valid one by adding elements, so an editor can offer the next child of a document that
// is not finished yet (a profile still missing its Name can get a Context), but never one that
// breaks the order or exceeds a maximum.
import { childElements, type XmlElementNode } from '../xml/model';
import {
  elementKeyOf,
  type AttributeDeclaration,
  type ComplexTypeDefinition,
  type ElementDeclaration,
  type ElementKey,
  type Facets,
  type GroupParticle,
  type Particle,
  type ProcessContents,
  type QualifiedName,
  type SchemaModel,
  type SimpleTypeDefinition,
  type WildcardNamespaces,
} from './types';
import { EXAMPLE_URL, SAMPLE_DATE_TIME, ZERO_BASE64, ZERO_GUID } from './placeholders';

// ---------------------------------------------------------------------------------------------
// Declarations

export function elementDeclaration(model: SchemaModel, key: ElementKey): ElementDeclaration | undefined {
  return model.elements[key];
}

export function complexTypeOf(model: SchemaModel, declaration: ElementDeclaration): ComplexTypeDefinition | undefined {
  const type = model.types[declaration.type];
  return type?.kind === 'complex' ? type : undefined;
}

/** The simple type definition `typeKey` names, or undefined (a built-in, a complex type, no key). */
export function simpleTypeDefinition(model: SchemaModel, typeKey: string | undefined): SimpleTypeDefinition | undefined {
  const type = typeKey ? model.types[typeKey] : undefined;
  return type?.kind === 'simple' ? type : undefined;
}

/** The simple type of an element's text (its own type, or a complex type's simple content). */
export function textTypeOf(model: SchemaModel, declaration: ElementDeclaration): SimpleTypeDefinition | string | undefined {
  const type = model.types[declaration.type];
  if (!type) return declaration.type.startsWith('xs:') && declaration.type !== 'xs:anyType' ? declaration.type : undefined;
  if (type.kind === 'simple') return type;
  if (type.textType) return simpleTypeDefinition(model, type.textType) ?? type.textType;
  return undefined;
}

function wildcardAccepts(namespaces: WildcardNamespaces, namespace: string): boolean {
  switch (namespaces.mode) {
    case 'any':
      return true;
    case 'other':
      return namespace !== namespaces.targetNamespace && namespace !== '';
    case 'list':
      return namespaces.uris.includes(namespace);
  }
}

/** The global elements (not abstract) that may appear in place of `key`, itself included. */
function substitutes(model: SchemaModel, key: ElementKey): ElementDeclaration[] {
  const result: ElementDeclaration[] = [];
  const own = model.elements[key];
  if (own && !own.abstract) result.push(own);
  for (const member of model.substitutionGroups[key] ?? []) {
    const declaration = model.elements[member];
    if (declaration && !declaration.abstract) result.push(declaration);
  }
  return result;
}

function sameName(declaration: ElementDeclaration, name: QualifiedName): boolean {
  return declaration.localName === name.localName && declaration.namespace === name.namespace;
}

/** What a child name matches inside one content model: a declaration, a wildcard, or nothing. */
function findInContent(model: SchemaModel, particle: Particle, name: QualifiedName): { declaration?: ElementDeclaration; wildcard?: ProcessContents } | undefined {
  switch (particle.kind) {
    case 'element': {
      const match = substitutes(model, particle.element).find((candidate) => sameName(candidate, name));
      return match ? { declaration: match } : undefined;
    }
    case 'any':
      return wildcardAccepts(particle.namespace, name.namespace) ? { wildcard: particle.processContents } : undefined;
    default: {
      let wildcardMatch: { wildcard: ProcessContents } | undefined;
      for (const inner of particle.particles) {
        const found = findInContent(model, inner, name);
        if (found?.declaration) return found;
        if (found?.wildcard) wildcardMatch ??= { wildcard: found.wildcard };
      }
      return wildcardMatch;
    }
  }
}

/** The declaration of a child named `name` inside an element declared by `parentKey`. */
export function childDeclaration(model: SchemaModel, parentKey: ElementKey, name: QualifiedName): ElementDeclaration | undefined {
  return childDeclarationMatch(model, parentKey, name)?.declaration;
}

/** childDeclaration, and the wildcard's processContents when a wildcard lets the child in (then its global declaration, if any). */
export function childDeclarationMatch(model: SchemaModel, parentKey: ElementKey, name: QualifiedName): { declaration: ElementDeclaration | undefined; wildcard?: ProcessContents } | undefined {
  const parent = model.elements[parentKey];
  const type = parent ? complexTypeOf(model, parent) : undefined;
  if (!type?.content) return undefined;
  const found = findInContent(model, type.content, name);
  if (found?.declaration) return { declaration: found.declaration };
  // A wildcard lets in any global element of a suitable namespace; it is validated by its own declaration.
  if (found?.wildcard) return { declaration: model.elements[elementKeyOf(name)], wildcard: found.wildcard };
  return undefined;
}

/** The declaration that governs an element of a parsed document (follows the path from the root). */
export function declarationOf(model: SchemaModel, element: XmlElementNode): ElementDeclaration | undefined {
  const path: XmlElementNode[] = [];
  for (let current: XmlElementNode | null = element; current; current = current.parent) path.unshift(current);
  let declaration = model.elements[elementKeyOf({ namespace: path[0]!.namespaceUri, localName: path[0]!.localName })];
  for (let index = 1; declaration && index < path.length; index++) {
    const step = path[index]!;
    declaration = childDeclaration(model, declaration.key, { namespace: step.namespaceUri, localName: step.localName });
  }
  return declaration;
}

function nameOf(element: XmlElementNode): QualifiedName {
  return { namespace: element.namespaceUri, localName: element.localName };
}

// ---------------------------------------------------------------------------------------------
// Content-model matching over "reachable position" sets.
//
// A set is a Uint8Array of length n+1: reach[p] = 1 when the first p children can be consumed.
// Each particle turns the set of start positions into the set of end positions. In strict mode
// minOccurs and maxOccurs both count; in relaxed mode every minOccurs is taken as 0.

type Reach = Uint8Array;

/** 'strict': the children must be valid as they are; 'completable': valid once elements are added. */
export type MatchMode = 'strict' | 'completable';

class ContentMatcher {
  constructor(
    private readonly model: SchemaModel,
    private readonly names: readonly QualifiedName[],
    private readonly strict: boolean,
  ) {}

  private accepts(particle: Particle, name: QualifiedName): boolean {
    if (particle.kind === 'element') return substitutes(this.model, particle.element).some((candidate) => sameName(candidate, name));
    if (particle.kind === 'any') return wildcardAccepts(particle.namespace, name.namespace);
    return false;
  }

  private minimum(particle: Particle): number {
    return this.strict ? particle.minOccurs : 0;
  }

  /** All end positions reachable from `starts` through `particle` (with its occurrence range). */
  advance(particle: Particle, starts: Reach): Reach {
    if (particle.kind === 'element' || particle.kind === 'any') return this.strict ? this.advanceLeafStrict(particle, starts) : this.advanceLeafRelaxed(particle, starts);
    if (particle.kind === 'all') return this.advanceAll(particle, starts);
    const once = (from: Reach): Reach => (particle.kind === 'sequence' ? this.sequenceOnce(particle.particles, from) : this.choiceOnce(particle.particles, from));
    const minimum = this.minimum(particle);
    const limit = particle.maxOccurs === 'unbounded' ? Infinity : particle.maxOccurs;
    // The first `minimum` rounds are compulsory; after that every round is optional, and a
    // position already reached with fewer rounds never needs to be explored again.
    let frontier = starts;
    let round = 0;
    for (; round < minimum && round < limit; round++) {
      frontier = once(frontier);
      if (!frontier.includes(1)) return frontier;
    }
    const result = frontier.slice();
    for (; round < limit; round++) {
      const next = once(frontier);
      let grew = false;
      for (let position = 0; position < next.length; position++) {
        if (next[position] && !result[position]) {
          result[position] = 1;
          grew = true;
        } else next[position] = 0;
      }
      if (!grew) break;
      frontier = next;
    }
    return result;
  }

  private sequenceOnce(particles: readonly Particle[], starts: Reach): Reach {
    let current = starts;
    for (const particle of particles) current = this.advance(particle, current);
    return current;
  }

  private choiceOnce(particles: readonly Particle[], starts: Reach): Reach {
    const result = this.strict ? new Uint8Array(starts.length) : starts.slice(); // relaxed: any branch may stay empty
    for (const particle of particles) {
      const reached = this.advance(particle, starts);
      for (let position = 0; position < reached.length; position++) if (reached[position]) result[position] = 1;
    }
    return result;
  }

  /** Relaxed: runs of up to maxOccurs consecutive matching names, in linear time. */
  private advanceLeafRelaxed(particle: Particle, starts: Reach): Reach {
    const result = new Uint8Array(starts.length);
    const limit = particle.maxOccurs === 'unbounded' ? Infinity : particle.maxOccurs;
    let latestStart = -1; // latest reachable start whose run of matches reaches the current position
    for (let position = 0; position < starts.length; position++) {
      if (position > 0 && !this.accepts(particle, this.names[position - 1]!)) latestStart = -1;
      if (starts[position]) latestStart = position;
      if (latestStart >= 0 && position - latestStart <= limit) result[position] = 1;
    }
    return result;
  }

  /** Strict: runs of minOccurs..maxOccurs matching names from each reachable start. */
  private advanceLeafStrict(particle: Particle, starts: Reach): Reach {
    const result = new Uint8Array(starts.length);
    const limit = particle.maxOccurs === 'unbounded' ? Infinity : particle.maxOccurs;
    let coveredUpTo = -1; // a run from an earlier start already walked these positions
    for (let start = 0; start < starts.length; start++) {
      if (!starts[start]) continue;
      let count = 0;
      for (let position = start; ; position++) {
        if (count >= particle.minOccurs) result[position] = 1;
        if (count >= limit || position >= this.names.length || !this.accepts(particle, this.names[position]!)) break;
        // An unbounded run from an earlier start covers everything a later start could reach.
        if (limit === Infinity && position < coveredUpTo && count >= particle.minOccurs) break;
        count++;
      }
      coveredUpTo = Math.max(coveredUpTo, start + count);
    }
    return result;
  }

  /** xs:all: each member at most once, in any order; in strict mode every required member present. */
  private advanceAll(group: GroupParticle, starts: Reach): Reach {
    const members = group.particles;
    const result = this.minimum(group) === 0 ? starts.slice() : new Uint8Array(starts.length);
    for (let start = 0; start < starts.length; start++) {
      if (!starts[start]) continue;
      const used = new Set<number>();
      const complete = (): boolean => !this.strict || members.every((member, index) => member.minOccurs === 0 || used.has(index));
      if (complete()) result[start] = 1;
      for (let position = start; position < this.names.length; position++) {
        const member = members.findIndex((candidate, index) => !used.has(index) && this.accepts(candidate, this.names[position]!));
        if (member < 0) break;
        used.add(member);
        if (complete()) result[position + 1] = 1;
      }
    }
    return result;
  }
}

/**
 * True when `names` is a valid child list of `content` ('strict'), or can be completed into one
 * by adding elements ('completable').
 */
export function fitsContentModel(model: SchemaModel, content: Particle | null, names: readonly QualifiedName[], mode: MatchMode = 'completable'): boolean {
  if (!content) return names.length === 0;
  const starts = new Uint8Array(names.length + 1);
  starts[0] = 1;
  return new ContentMatcher(model, names, mode === 'strict').advance(content, starts)[names.length] === 1;
}

// ---------------------------------------------------------------------------------------------
// What may be inserted, and where

export interface AllowedChild extends QualifiedName {
  /** Key of the declaration the new element will be validated against. */
  element: ElementKey;
  /** True when it is allowed only through a wildcard (`xs:any`), not named by the content model. */
  viaWildcard: boolean;
  documentation?: string;
}

/** Every element name the content model could ever accept, in model order, without duplicates. */
function candidateChildren(model: SchemaModel, content: Particle): AllowedChild[] {
  const found: AllowedChild[] = [];
  const seen = new Set<string>();
  const add = (declaration: ElementDeclaration, viaWildcard: boolean, documentation?: string): void => {
    const id = elementKeyOf(declaration);
    if (seen.has(id)) return;
    seen.add(id);
    const child: AllowedChild = { namespace: declaration.namespace, localName: declaration.localName, element: declaration.key, viaWildcard };
    const text = documentation ?? declaration.documentation;
    if (text) child.documentation = text;
    found.push(child);
  };
  const wildcards: WildcardNamespaces[] = [];
  const visit = (particle: Particle): void => {
    if (particle.kind === 'element') {
      for (const declaration of substitutes(model, particle.element)) add(declaration, false, declaration.key === particle.element ? particle.documentation : undefined);
    } else if (particle.kind === 'any') wildcards.push(particle.namespace);
    else particle.particles.forEach(visit);
  };
  visit(content);
  for (const namespaces of wildcards) {
    for (const declaration of Object.values(model.elements)) {
      if (declaration.global && !declaration.abstract && wildcardAccepts(namespaces, declaration.namespace)) add(declaration, true);
    }
  }
  return found;
}

/** Every element the parent's content model names, then (flagged viaWildcard) what its wildcards let in. */
export function possibleChildren(model: SchemaModel, parent: ElementKey | XmlElementNode): AllowedChild[] {
  const declaration = typeof parent === 'string' ? model.elements[parent] : declarationOf(model, parent);
  const type = declaration ? complexTypeOf(model, declaration) : undefined;
  return type?.content ? candidateChildren(model, type.content) : [];
}

function withInserted(names: readonly QualifiedName[], index: number, name: QualifiedName): QualifiedName[] {
  return [...names.slice(0, index), name, ...names.slice(index)];
}

export interface PlacementOptions {
  /**
   * 'strict': the children must stay valid as they are after the insertion. 'completable':
   * they must only stay completable (required elements may still be missing, e.g. the first
   * element of an optional group whose other members are required). Default 'auto': strict
   * when the existing children are valid, completable otherwise.
   */
  mode?: MatchMode | 'auto';
}

function effectiveMode(model: SchemaModel, content: Particle, names: readonly QualifiedName[], options: PlacementOptions): MatchMode {
  if (options.mode === 'strict' || options.mode === 'completable') return options.mode;
  return fitsContentModel(model, content, names, 'strict') ? 'strict' : 'completable';
}

/**
 * Names that may be inserted among `existingChildren` (the parent's element children, in order)
 * at `insertionIndex` (0 = before the first) so that the child list stays valid (see
 * PlacementOptions). `parent` is the parent's declaration key or the parsed parent element.
 */
export function childrenAllowedAt(
  model: SchemaModel,
  parent: ElementKey | XmlElementNode,
  existingChildren: readonly QualifiedName[] | readonly XmlElementNode[],
  insertionIndex: number,
  options: PlacementOptions = {},
): AllowedChild[] {
  const declaration = typeof parent === 'string' ? model.elements[parent] : declarationOf(model, parent);
  const type = declaration ? complexTypeOf(model, declaration) : undefined;
  if (!type?.content) return [];
  const names = existingChildren.map((child) => ('kind' in child ? nameOf(child) : child));
  const index = Math.max(0, Math.min(insertionIndex, names.length));
  const candidates = candidateChildren(model, type.content);
  const mode = effectiveMode(model, type.content, names, options);
  if (fitsContentModel(model, type.content, names, mode)) {
    return candidates.filter((candidate) => fitsContentModel(model, type.content, withInserted(names, index, candidate), mode));
  }
  // The children are already out of order: judge only against the two neighbours.
  const before = index > 0 ? [names[index - 1]!] : [];
  const after = index < names.length ? [names[index]!] : [];
  return candidates.filter((candidate) => fitsContentModel(model, type.content, [...before, candidate, ...after]));
}

/**
 * Where a new child named `newChild` goes among `existingChildren` so the child list stays
 * valid (see PlacementOptions): the last such index, so a repeated element lands after its
 * siblings. Null when it fits nowhere. When the strict reading finds no place, the completable
 * reading is tried (a required partner can then be added next).
 */
export function insertionIndexFor(
  model: SchemaModel,
  parent: ElementKey | XmlElementNode,
  existingChildren: readonly QualifiedName[] | readonly XmlElementNode[],
  newChild: QualifiedName,
  options: PlacementOptions = {},
): number | null {
  const declaration = typeof parent === 'string' ? model.elements[parent] : declarationOf(model, parent);
  const type = declaration ? complexTypeOf(model, declaration) : undefined;
  if (!type?.content) return null;
  const names = existingChildren.map((child) => ('kind' in child ? nameOf(child) : child));
  const modes: MatchMode[] = options.mode === 'strict' ? ['strict'] : options.mode === 'completable' ? ['completable'] : ['strict', 'completable'];
  for (const mode of modes) {
    for (let index = names.length; index >= 0; index--) {
      if (fitsContentModel(model, type.content, withInserted(names, index, newChild), mode)) return index;
    }
  }
  return null;
}

/** The element children of a parsed element as names (convenience for the two queries above). */
export function childNames(element: XmlElementNode): QualifiedName[] {
  return childElements(element).map(nameOf);
}

// ---------------------------------------------------------------------------------------------
// Minimal skeletons

export interface SkeletonAttribute {
  name: string;
  value: string;
}

export interface SkeletonElement extends QualifiedName {
  element: ElementKey;
  attributes: SkeletonAttribute[];
  /** Placeholder text for simple content; undefined for element-only content. */
  text?: string;
  children: SkeletonElement[];
}

const MAX_SKELETON_DEPTH = 12;

/** The first alternative that needs nothing we cannot produce (no mandatory wildcard). */
function producible(model: SchemaModel, particle: Particle, depth: number): boolean {
  if (depth > MAX_SKELETON_DEPTH) return false;
  if (particle.minOccurs === 0) return true;
  switch (particle.kind) {
    case 'any':
      return false;
    case 'element':
      return substitutes(model, particle.element).length > 0;
    case 'choice':
      return particle.particles.some((inner) => producible(model, inner, depth + 1));
    default:
      return particle.particles.every((inner) => producible(model, inner, depth + 1));
  }
}

function requiredChildrenOf(model: SchemaModel, particle: Particle, depth: number): ElementDeclaration[] {
  if (particle.minOccurs === 0 || depth > MAX_SKELETON_DEPTH) return [];
  const once = (): ElementDeclaration[] => {
    switch (particle.kind) {
      case 'any':
        return [];
      case 'element': {
        const choice = substitutes(model, particle.element)[0];
        return choice ? [choice] : [];
      }
      case 'choice': {
        const branch = particle.particles.find((inner) => producible(model, inner, depth + 1)) ?? particle.particles[0];
        return branch ? requiredChildrenOf(model, { ...branch, minOccurs: Math.max(branch.minOccurs, 1) }, depth + 1) : [];
      }
      default:
        return particle.particles.flatMap((inner) => requiredChildrenOf(model, inner, depth + 1));
    }
  };
  const result: ElementDeclaration[] = [];
  for (let count = 0; count < particle.minOccurs; count++) result.push(...once());
  return result;
}

/**
 * The smallest valid element for a declaration: required attributes and required children,
 * recursively, with placeholder values that satisfy the facets where we can find one.
 */
export function mandatoryChildren(model: SchemaModel, key: ElementKey, depth = 0): SkeletonElement | undefined {
  const declaration = model.elements[key];
  if (!declaration) return undefined;
  const skeleton: SkeletonElement = { namespace: declaration.namespace, localName: declaration.localName, element: key, attributes: [], children: [] };
  const type = complexTypeOf(model, declaration);
  for (const attribute of type?.attributes ?? []) {
    if (attribute.use !== 'required') continue;
    skeleton.attributes.push({ name: attribute.name, value: attribute.fixed ?? attribute.default ?? placeholderValue(model, attribute.type) });
  }
  if (type?.content && depth < MAX_SKELETON_DEPTH) {
    for (const child of requiredChildrenOf(model, type.content, 0)) {
      const childSkeleton = mandatoryChildren(model, child.key, depth + 1);
      if (childSkeleton) skeleton.children.push(childSkeleton);
    }
  }
  const textType = textTypeOf(model, declaration);
  if (textType !== undefined) skeleton.text = declaration.fixed ?? declaration.default ?? placeholderValue(model, typeof textType === 'string' ? textType : textType.key);
  return skeleton;
}

// ---------------------------------------------------------------------------------------------
// Placeholder values

// The values are placeholders.ts's, so lint and the "To fill in" list find what the inserts write.

const BUILTIN_PLACEHOLDERS: Record<string, string> = {
  'xs:boolean': 'false',
  'xs:integer': '0',
  'xs:int': '0',
  'xs:long': '0',
  'xs:short': '0',
  'xs:byte': '0',
  'xs:decimal': '0',
  'xs:float': '0',
  'xs:double': '0',
  'xs:nonNegativeInteger': '0',
  'xs:unsignedInt': '0',
  'xs:unsignedLong': '0',
  'xs:unsignedShort': '0',
  'xs:unsignedByte': '0',
  'xs:positiveInteger': '1',
  'xs:negativeInteger': '-1',
  'xs:nonPositiveInteger': '0',
  'xs:duration': 'PT0S',
  'xs:dateTime': SAMPLE_DATE_TIME,
  'xs:date': '2000-01-01',
  'xs:time': '00:00:00',
  'xs:hexBinary': '00',
  'xs:base64Binary': ZERO_BASE64,
  'xs:anyURI': EXAMPLE_URL,
  'xs:language': 'en',
  'xs:Name': 'name',
  'xs:NCName': 'name',
  'xs:ID': 'id1',
  'xs:QName': 'name',
};

/** The integer built-ins and their implicit bounds (null: unbounded), as libxml2 checks them in the lexical step. */
export const INTEGER_BOUNDS: Readonly<Record<string, readonly [bigint | null, bigint | null]>> = {
  'xs:integer': [null, null],
  'xs:long': [-(2n ** 63n), 2n ** 63n - 1n],
  'xs:int': [-(2n ** 31n), 2n ** 31n - 1n],
  'xs:short': [-32768n, 32767n],
  'xs:byte': [-128n, 127n],
  'xs:unsignedLong': [0n, 2n ** 64n - 1n],
  'xs:unsignedInt': [0n, 2n ** 32n - 1n],
  'xs:unsignedShort': [0n, 65535n],
  'xs:unsignedByte': [0n, 255n],
  'xs:nonNegativeInteger': [0n, null],
  'xs:positiveInteger': [1n, null],
  'xs:nonPositiveInteger': [null, 0n],
  'xs:negativeInteger': [null, -1n],
};

export const INTEGER_BUILTINS: ReadonlySet<string> = new Set(Object.keys(INTEGER_BOUNDS));

/** XSD's multi-character escapes as JavaScript (`u` flag) class contents. XSD `\\w` = not P, Z or C. */
const XSD_CLASS_ESCAPES: Record<string, string> = {
  w: '\\p{L}\\p{M}\\p{N}\\p{S}',
  d: '\\p{Nd}',
  i: '\\p{L}_:',
  c: '\\p{L}\\p{Nd}\\p{M}._:\\-',
  s: ' \\t\\n\\r',
};

/**
 * XSD regular expressions are implicitly anchored and mostly JavaScript-compatible; `\\w`, `\\d`,
 * `\\i`, `\\c`, `\\s` are translated (inside and outside character classes). Good enough for
 * checking a placeholder. Returns undefined when the pattern does not translate.
 */
export function xsdPatternToRegExp(pattern: string): RegExp | undefined {
  let translated = '';
  let inClass = false;
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index]!;
    if (character === '\\' && index + 1 < pattern.length) {
      const next = pattern[++index]!;
      const replacement = XSD_CLASS_ESCAPES[next];
      if (replacement !== undefined) translated += inClass ? replacement : `[${replacement}]`;
      else translated += `\\${next}`;
      continue;
    }
    if (character === '[') inClass = true;
    else if (character === ']') inClass = false;
    translated += character;
  }
  try {
    return new RegExp(`^(?:${translated})$`, 'u');
  } catch {
    return undefined;
  }
}

/** Seconds in an ISO 8601 duration (months as 30 days, years as 365), or NaN. Good enough to compare bounds. */
export function durationSeconds(value: string): number {
  const match = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value.trim());
  if (!match || value.trim() === 'P' || value.trim().endsWith('T')) return NaN;
  const [, minus, years, months, days, hours, minutes, seconds] = match;
  const total =
    Number(years ?? 0) * 365 * 86400 + Number(months ?? 0) * 30 * 86400 + Number(days ?? 0) * 86400 + Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0);
  return minus ? -total : total;
}

export function lengthFits(value: string, facets: Facets, builtin: string): boolean {
  const length = builtin === 'xs:hexBinary' ? value.length / 2 : [...value].length;
  if (facets.length !== undefined && length !== facets.length) return false;
  if (facets.minLength !== undefined && length < facets.minLength) return false;
  if (facets.maxLength !== undefined && length > facets.maxLength) return false;
  return true;
}

export function patternsFit(value: string, facets: Facets): boolean {
  for (const pattern of facets.patterns ?? []) {
    const expression = xsdPatternToRegExp(pattern);
    if (expression && !expression.test(value)) return false;
  }
  return true;
}

export function rangeFits(value: string, facets: Facets, builtin: string): boolean {
  const measure = builtin === 'xs:duration' ? durationSeconds : Number;
  const number = measure(value);
  if (Number.isNaN(number)) return true;
  const bound = (limit: string | undefined): number => (limit === undefined ? NaN : measure(limit));
  if (number < bound(facets.minInclusive)) return false;
  if (number > bound(facets.maxInclusive)) return false;
  if (number <= bound(facets.minExclusive)) return false;
  if (number >= bound(facets.maxExclusive)) return false;
  return true;
}

const NUMERIC_LOOKING = new Set([...INTEGER_BUILTINS, 'xs:decimal', 'xs:float', 'xs:double', 'xs:hexBinary']);

function placeholderCandidates(builtin: string, facets: Facets): string[] {
  const candidates: string[] = [];
  if (facets.minInclusive !== undefined) candidates.push(facets.minInclusive);
  if (facets.minExclusive !== undefined && INTEGER_BUILTINS.has(builtin) && /^-?\d+$/.test(facets.minExclusive)) {
    candidates.push(String(BigInt(facets.minExclusive) + 1n));
  }
  const builtinValue = BUILTIN_PLACEHOLDERS[builtin];
  if (builtinValue !== undefined) candidates.push(builtinValue);
  if (builtin === 'xs:duration') candidates.push('PT1S', 'PT1M', 'PT1H', 'P1D', 'P30D');
  if (builtin === 'xs:hexBinary') candidates.push('00'.repeat(Math.max(facets.minLength ?? facets.length ?? 1, 1)));
  if (facets.patterns) candidates.push(ZERO_GUID, ZERO_GUID.slice(1, -1), EXAMPLE_URL);
  const minimum = Math.max(facets.minLength ?? facets.length ?? 1, 1);
  const maximum = Math.max(facets.maxLength ?? facets.length ?? 32, minimum);
  for (let length = minimum; length <= Math.min(maximum, minimum + 40); length++) {
    candidates.push(...(NUMERIC_LOOKING.has(builtin) ? ['0'.repeat(length)] : ['a'.repeat(length), 'A'.repeat(length), '0'.repeat(length)]), '0'.repeat(length * 2));
  }
  if (builtin === 'xs:string' || builtin === 'xs:token' || builtin === 'xs:normalizedString') candidates.unshift('');
  return candidates;
}

/** A value that satisfies the type's facets where we can find one (else a best guess, maybe ''). */
export function placeholderValue(model: SchemaModel, typeKey: string): string {
  const type = model.types[typeKey];
  if (!type) return BUILTIN_PLACEHOLDERS[typeKey] ?? '';
  if (type.kind === 'complex') return '';
  if (type.facets.enumeration && type.facets.enumeration.length > 0) return type.facets.enumeration[0]!;
  if (type.itemType) return placeholderValue(model, type.itemType);
  const facets = type.facets;
  const candidates = placeholderCandidates(type.builtin, facets);
  const fits = (value: string): boolean =>
    lengthFits(value, facets, type.builtin) && patternsFit(value, facets) && (!INTEGER_BUILTINS.has(type.builtin) || /^-?\d+$/.test(value)) && rangeFits(value, facets, type.builtin);
  return candidates.find(fits) ?? candidates[0] ?? '';
}

// ---------------------------------------------------------------------------------------------
// Attributes and documentation

export function attributesOf(model: SchemaModel, element: ElementKey | XmlElementNode): AttributeDeclaration[] {
  const declaration = typeof element === 'string' ? model.elements[element] : declarationOf(model, element);
  if (!declaration) return [];
  return complexTypeOf(model, declaration)?.attributes ?? [];
}

/** Documentation of an element declaration (falling back to its type's) or of a type. */
export function documentationOf(model: SchemaModel, key: ElementKey | XmlElementNode): string | undefined {
  if (typeof key !== 'string') {
    const declaration = declarationOf(model, key);
    return declaration ? documentationOf(model, declaration.key) : undefined;
  }
  const declaration = model.elements[key];
  if (declaration) return declaration.documentation ?? model.types[declaration.type]?.documentation;
  return model.types[key]?.documentation;
}
