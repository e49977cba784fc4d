// Things still to fill in: values a template or "Add child" wrote in place of the user's own
// (what a placeholder is: schema-model/placeholders.ts). PS-L035 (error) where Windows refuses
// the file or does something the user did not mean with the placeholder; PS-L036 (warning) for
// every other placeholder: Windows applies it as written, but it is not a real value. `provstudio
// validate` fails on both unless --allow-placeholders; the app lists them under "To fill in".
import type { MessageKey } from '../i18n/index';
import { BUNDLED_SCHEMA_MODEL } from '../schema-model/bundled';
import { isPlaceholderType, placeholderKind, type PlaceholderKind } from '../schema-model/placeholders';
import { attributesOf, childDeclaration, declarationOf, textTypeOf } from '../schema-model/queries';
import type { ElementDeclaration, SchemaModel } from '../schema-model/types';
import { NAMESPACES } from '../xml/namespaces';
import { attributeValueSpan, childElements, elementNameSpan, textContent, textSpan, walkElements, type Span, type XmlElementNode } from '../xml/model';
import type { LintContext, LintRule } from './rules';

const { carrierControlV1: CC, wwan: WWAN, plans: PLANS } = NAMESPACES;

/** The lint codes of placeholders (the CLI's --allow-placeholders, the app's "To fill in" list). */
export const PLACEHOLDER_CODES = { refused: 'PS-L035', sample: 'PS-L036' } as const;

/** Where a placeholder makes Windows refuse the file or misbehave, and the message saying why. */
interface HarmfulPlace {
  namespace: string;
  element: string;
  /** The attribute holding the value; the element's text when absent. */
  attribute?: string;
  kinds: readonly PlaceholderKind[];
  messageKey: MessageKey;
}

const HARMFUL_PLACES: readonly HarmfulPlace[] = [
  // Windows keys the operator's profiles on CarrierId: files sharing the nil GUID replace and remove each other's profiles.
  { namespace: CC, element: 'CarrierId', kinds: ['zeroGuid'], messageKey: 'lint.placeholder.carrierId' },
  // A DeviceId restricts the file to that device; no device has an identifier of zeros.
  { namespace: CC, element: 'DeviceId', kinds: ['zeros'], messageKey: 'lint.placeholder.deviceId' },
  // An empty pattern matches every message: the rule would read every SMS from its senders.
  { namespace: WWAN, element: 'Pattern', kinds: ['empty', 'sampleLetters'], messageKey: 'lint.placeholder.smsPattern' },
  // Windows finds a plan by its Name (AssociatedPlan, later usage updates).
  { namespace: PLANS, element: 'Plan', attribute: 'Name', kinds: ['empty'], messageKey: 'lint.placeholder.planName' },
  // Windows fetches the next version of the file from RefreshURL.
  { namespace: CC, element: 'RefreshURL', kinds: ['exampleDomain'], messageKey: 'lint.placeholder.refreshUrl' },
];

function harmfulPlace(element: XmlElementNode, attribute: string | undefined, kind: PlaceholderKind): HarmfulPlace | undefined {
  return HARMFUL_PLACES.find(
    (place) => place.namespace === element.namespaceUri && place.element === element.localName && place.attribute === attribute && place.kinds.includes(kind),
  );
}

function typeAllowsPlaceholder(model: SchemaModel, typeKey: string | { builtin: string; facets: { enumeration?: string[] } }): boolean {
  const type = typeof typeKey === 'string' ? model.types[typeKey] : undefined;
  if (typeof typeKey !== 'string') return isPlaceholderType(typeKey.builtin, (typeKey.facets.enumeration?.length ?? 0) > 0);
  if (!type) return isPlaceholderType(typeKey, false);
  if (type.kind !== 'simple') return false;
  return isPlaceholderType(type.builtin, (type.facets.enumeration?.length ?? 0) > 0);
}

/** One placeholder found in a document. */
export interface FoundPlaceholder {
  element: XmlElementNode;
  /** The attribute's name when the placeholder is an attribute value. */
  attribute?: string;
  kind: PlaceholderKind;
  value: string;
  span: Span;
  /** Set where Windows refuses the file or misbehaves with it. */
  harmful?: HarmfulPlace;
}

/**
 * Whether any of the element's own values (attributes, or its text when it has no child elements)
 * has the form of a placeholder. Every placeholder findPlaceholders reports passes this test, so
 * the elements that fail it, most of a document, skip the schema model's lookups.
 */
function mayHoldPlaceholder(element: XmlElementNode): boolean {
  for (const attribute of element.attributes) {
    if (attribute.prefix !== 'xmlns' && attribute.name !== 'xmlns' && placeholderKind(attribute.value)) return true;
  }
  if (element.children.some((child) => child.kind === 'element')) return false;
  return placeholderKind(textContent(element)) !== undefined;
}

/** Every placeholder value in the document's text and attributes, by the schema model's types. */
export function findPlaceholders(root: XmlElementNode, model: SchemaModel = BUNDLED_SCHEMA_MODEL): FoundPlaceholder[] {
  const found: FoundPlaceholder[] = [];
  // Declarations top-down, each from its parent's (declarationOf would follow the path from the
  // root again for every element: quadratic in the depth, seconds on a 1 MB document).
  const declarations = new Map<XmlElementNode, ElementDeclaration | undefined>();
  const declarationFor = (element: XmlElementNode): ElementDeclaration | undefined => {
    if (declarations.has(element)) return declarations.get(element);
    const parentDeclaration = element.parent && element !== root ? declarationFor(element.parent) : undefined;
    const declaration =
      element === root || !element.parent ? declarationOf(model, element) : parentDeclaration && childDeclaration(model, parentDeclaration.key, { namespace: element.namespaceUri, localName: element.localName });
    declarations.set(element, declaration);
    return declaration;
  };
  for (const element of walkElements(root)) {
    // The signature is written by the signing tool, and its values are not the user's to fill in
    // (Reference URI="" means "this whole document").
    if (element.namespaceUri === NAMESPACES.xmlDsig || !mayHoldPlaceholder(element)) continue;
    const declaration = declarationFor(element);
    if (!declaration) {
      // Content the model does not declare (lax slots such as EAP settings): only the kinds that
      // cannot be real values anywhere (the nil GUID, an example domain).
      if (childElements(element).length > 0) continue;
      const value = textContent(element);
      const kind = placeholderKind(value);
      if (kind === 'zeroGuid' || kind === 'exampleDomain') found.push({ element, kind, value, span: textSpan(element) });
      continue;
    }
    const declaredAttributes = attributesOf(model, declaration.key);
    for (const attribute of element.attributes) {
      if (attribute.prefix === 'xmlns' || attribute.name === 'xmlns') continue;
      const declared = declaredAttributes.find((candidate) => candidate.name === attribute.localName);
      if (!declared || declared.fixed !== undefined || !typeAllowsPlaceholder(model, declared.type)) continue;
      const kind = placeholderKind(attribute.value);
      if (!kind) continue;
      found.push({ element, attribute: attribute.localName, kind, value: attribute.value, span: attributeValueSpan(attribute), harmful: harmfulPlace(element, attribute.localName, kind) });
    }
    const textType = textTypeOf(model, declaration);
    if (textType === undefined || declaration.fixed !== undefined || childElements(element).length > 0 || !typeAllowsPlaceholder(model, textType)) continue;
    const value = textContent(element);
    const kind = placeholderKind(value);
    if (!kind) continue;
    // An empty element that carries attributes is a flag they describe (<Realm Enabled="true"/>).
    if (kind === 'empty' && element.attributes.some((attribute) => attribute.prefix !== 'xmlns' && attribute.name !== 'xmlns') && !harmfulPlace(element, undefined, kind)) continue;
    const span = value.length > 0 ? textSpan(element) : elementNameSpan(element);
    found.push({ element, kind, value, span, harmful: harmfulPlace(element, undefined, kind) });
  }
  return found;
}

const KIND_KEYS: Readonly<Record<PlaceholderKind, MessageKey>> = {
  empty: 'placeholder.kind.empty',
  zeroGuid: 'placeholder.kind.zeroGuid',
  zeros: 'placeholder.kind.zeros',
  sampleLetters: 'placeholder.kind.sampleLetters',
  exampleDomain: 'placeholder.kind.exampleDomain',
  zeroBase64: 'placeholder.kind.zeroBase64',
  sampleDate: 'placeholder.kind.sampleDate',
};

/** One scan per document for both rules (they report different halves of the same list). */
const scans = new WeakMap<LintContext, FoundPlaceholder[]>();
function placeholdersOf(context: LintContext): FoundPlaceholder[] {
  let found = scans.get(context);
  if (!found) scans.set(context, (found = findPlaceholders(context.root)));
  return found;
}

function subject(placeholder: FoundPlaceholder): string {
  return placeholder.attribute ? `${placeholder.element.localName}/@${placeholder.attribute}` : placeholder.element.localName;
}

export const PLACEHOLDER_RULES: readonly LintRule[] = [
  {
    code: PLACEHOLDER_CODES.refused,
    severity: 'error',
    title: 'Placeholder Windows refuses or misapplies',
    messageKeys: HARMFUL_PLACES.map((place) => place.messageKey),
    values: 'own',
    check(context) {
      for (const placeholder of placeholdersOf(context)) {
        if (placeholder.harmful) context.report(this, placeholder.harmful.messageKey, { element: subject(placeholder), value: placeholder.value }, placeholder.span);
      }
    },
  },
  {
    code: PLACEHOLDER_CODES.sample,
    severity: 'warning',
    title: 'Placeholder still to fill in',
    messageKeys: ['lint.placeholder.value'],
    values: 'own',
    check(context) {
      for (const placeholder of placeholdersOf(context)) {
        if (!placeholder.harmful) context.report(this, 'lint.placeholder.value', { element: subject(placeholder), kindKey: KIND_KEYS[placeholder.kind] }, placeholder.span);
      }
    },
  },
];
