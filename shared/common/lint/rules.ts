// Lint rules: what Windows checks (or silently does) beyond the XSDs. Each rule has a stable
// code, a severity and the message keys it may use; docs/validation.md explains why each exists.
import type { MessageKey, MessageParams } from '../i18n/index';
import { createDiagnostic, type Diagnostic, type Severity } from '../xml/diagnostic';
import {
  attributeValueSpan,
  childElements,
  findAttribute,
  findChild,
  rangeOf,
  startTagSpan,
  textContent,
  textSpan,
  walkElements,
  type Span,
  type XmlAttributeNode,
  type XmlDocumentNode,
  type XmlElementNode,
} from '../xml/model';
import { EAP_NAMESPACES, NAMESPACES } from '../xml/namespaces';
import { DEFAULT_TARGET, type WindowsTarget } from '../windows/targets';
import type { LaxSlotChecker } from '../windows/lax-slots';
import { looksLikeIccid, looksLikeImei, looksLikeImsi, luhnCheckDigit, passesLuhn, startsWithPlausibleMcc } from './identifiers';
import { placeholderKind } from '../schema-model/placeholders';
import { analysePattern, analyseTimestampFormat, readSmsMessage, type PatternAnalysis } from './sms-rules';

/**
 * Which values (an element's text, or an attribute's value) a rule reads, so that the findings of
 * one edited value can be re-checked without linting the whole document (validation/incremental.ts):
 * - 'none': the rule reads only the document's structure (names, nesting, which attributes exist);
 * - 'own': each value on its own: the findings for an element depend only on its own values and
 *   declaration (the rule runs on that element alone, `LintContext.root`);
 * - a function: whether the rule reads this element's text (attribute undefined) or this attribute.
 * A rule without it is assumed to read anything: every value edit waits for the full validation.
 */
export type ValuesRead = 'none' | 'own' | ((element: XmlElementNode, attribute: XmlAttributeNode | undefined) => boolean);

export interface LintRule {
  code: string;
  severity: Severity;
  /** Short English title (SARIF rule name, docs). */
  title: string;
  messageKeys: readonly MessageKey[];
  values?: ValuesRead;
  /**
   * For an edit of a value the rule reads (`values`): the element whose subtree holds every finding
   * of this rule that the value can change, so that the rule run with that element as the
   * context's root (looking for what it reports with `LintContext.elementsInScope`) finds exactly
   * those; undefined (or no method): the whole document. E.g. a Wi-Fi profile's name appears only
   * in the messages of findings inside that profile.
   */
  scopeOfValue?(element: XmlElementNode, attribute: XmlAttributeNode | undefined): XmlElementNode | undefined;
  check(context: LintContext): void;
}

/** Every element of a subtree by namespace and local name, in document order. */
export type ElementIndex = ReadonlyMap<string, XmlElementNode[]>;

const indexes = new WeakMap<XmlDocumentNode, ElementIndex>();

/** The index of a document's elements, built once per document (its structure never changes; values may). */
export function elementIndexOf(document: XmlDocumentNode): ElementIndex {
  let index = indexes.get(document);
  if (!index) indexes.set(document, (index = indexElements(document.root)));
  return index;
}

/** The elements of a list in document order that lie inside `root` (one run of the list: binary search). */
function within(elements: readonly XmlElementNode[], root: XmlElementNode): XmlElementNode[] {
  const firstAtOrAfter = (offset: number) => {
    let low = 0;
    let high = elements.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (elements[middle]!.start < offset) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return elements.slice(firstAtOrAfter(root.start), firstAtOrAfter(root.end));
}

function indexElements(root: XmlElementNode): ElementIndex {
  const byName = new Map<string, XmlElementNode[]>();
  for (const element of walkElements(root)) {
    const key = `${element.namespaceUri} ${element.localName}`;
    const list = byName.get(key);
    if (list) list.push(element);
    else byName.set(key, [element]);
  }
  return byName;
}

export class LintContext {
  readonly diagnostics: Diagnostic[] = [];
  private readonly byName: ElementIndex;

  constructor(
    readonly document: XmlDocumentNode,
    /** The Windows version the document is checked for. */
    readonly target: WindowsTarget = DEFAULT_TARGET,
    /** XSD validation of lax-slot content against what we know (given by the validator; PS-L027). */
    readonly laxSlotChecker?: LaxSlotChecker,
    /** Where 'own' rules look (one element when re-checking its values); the document's root by default. */
    root?: XmlElementNode,
  ) {
    this.root = root ?? document.root;
    this.byName = elementIndexOf(document);
  }

  /** The subtree the 'own' rules check (see ValuesRead). */
  readonly root: XmlElementNode;

  /** Every element with this namespace and local name, in document order. */
  elements(namespaceUri: string, localName: string): XmlElementNode[] {
    return this.byName.get(`${namespaceUri} ${localName}`) ?? [];
  }

  /** The same, inside the context's root only (every one when the root is the document's; see LintRule.scopeOfValue). */
  elementsInScope(namespaceUri: string, localName: string): XmlElementNode[] {
    const all = this.elements(namespaceUri, localName);
    return this.root === this.document.root ? all : within(all, this.root);
  }

  report(rule: LintRule, messageKey: MessageKey, params: MessageParams, span: Span): void {
    this.diagnostics.push(createDiagnostic('lint', rule.code, rule.severity, messageKey, params, rangeOf(this.document, span)));
  }

  lineOf(element: XmlElementNode): number {
    return rangeOf(this.document, startTagSpan(element)).start.line;
  }
}

const { carrierControlV1: CC, wwan: WWAN, plans: PLANS, wlanV1: WLAN, wlanV2: WLAN2, hotspot: HOTSPOT, xmlDsig: DSIG } = NAMESPACES;

const EAP_USER_CREDENTIALS = EAP_NAMESPACES.hostUserCredentials;
/** Local names of EAP user-credential leaves that hold a secret. */
const SECRET_NAME = /password|passphrase|secret|pin$|privatekey/i;

/** Text with XSD token whitespace rules applied (how Windows compares names). */
function collapsed(value: string): string {
  return value.replace(/[\t\n\r ]+/g, ' ').trim();
}

function childText(element: XmlElementNode, localName: string, namespaceUri: string): string | undefined {
  const child = findChild(element, localName, namespaceUri);
  return child ? collapsed(textContent(child)) : undefined;
}

interface ProfileRef {
  kind: 'MBN' | 'WLAN';
  element: XmlElementNode;
  name: string | undefined;
  nameElement: XmlElementNode | undefined;
  associatedPlan: XmlElementNode | undefined;
}

/** Where a profile's name and plan are: found once per document (its structure never changes; values may). */
type ProfilePlaces = Omit<ProfileRef, 'name'>;
const profilePlaces = new WeakMap<XmlDocumentNode, ProfilePlaces[]>();

function profilePlacesOf(context: LintContext): ProfilePlaces[] {
  let places = profilePlaces.get(context.document);
  if (!places) {
    places = [];
    for (const localName of ['DefaultProfile', 'PurchaseProfile']) {
      for (const element of context.elements(WWAN, localName)) {
        places.push({ kind: 'MBN', element, nameElement: findChild(element, 'Name', WWAN), associatedPlan: findChild(element, 'AssociatedPlan', WWAN) });
      }
    }
    for (const element of context.elements(WLAN, 'WLANProfile')) {
      places.push({ kind: 'WLAN', element, nameElement: findChild(element, 'name', WLAN), associatedPlan: findChild(element, 'AssociatedPlan', WLAN) });
    }
    places.sort((a, b) => a.element.start - b.element.start);
    profilePlaces.set(context.document, places);
  }
  return places;
}

/** The document's profiles in document order, with their names as they read now; `inScope`: only those inside the context's root. */
function profilesOf(context: LintContext, inScope = false): ProfileRef[] {
  const root = context.root;
  const places = inScope && root !== context.document.root ? profilePlacesOf(context).filter(({ element }) => element.start >= root.start && element.end <= root.end) : profilePlacesOf(context);
  return places.map((place) => ({ ...place, name: place.nameElement && collapsed(textContent(place.nameElement)) }));
}

/** The profile (MBN or Wi-Fi) an element is a direct child of, if any. */
function profileHolding(element: XmlElementNode): XmlElementNode | undefined {
  const parent = element.parent;
  if (!parent) return undefined;
  const isProfile = (parent.namespaceUri === WWAN && (parent.localName === 'DefaultProfile' || parent.localName === 'PurchaseProfile')) || (parent.namespaceUri === WLAN && parent.localName === 'WLANProfile');
  return isProfile ? parent : undefined;
}

/** The Wi-Fi profile an element lies in, if any. */
function wlanProfileAround(element: XmlElementNode): XmlElementNode | undefined {
  for (let current: XmlElementNode | null = element; current; current = current.parent) {
    if (current.namespaceUri === WLAN && current.localName === 'WLANProfile') return current;
  }
  return undefined;
}

function planNames(context: LintContext): Map<string, XmlElementNode> {
  const names = new Map<string, XmlElementNode>();
  for (const plan of context.elements(PLANS, 'Plan')) {
    const name = findAttribute(plan, 'Name');
    if (name && !names.has(collapsed(name.value))) names.set(collapsed(name.value), plan);
  }
  return names;
}

/** A place whose value rules read: an element's text, or one of its attributes (ValuesRead). */
interface ValuePlace {
  namespaces: readonly string[];
  element: string;
  /** The attribute read; the element's text when absent. */
  attribute?: string;
  /** Only under a parent of one of these local names. */
  parents?: readonly string[];
}

/** A ValuesRead for the values at these places. */
export function valuesAt(...places: readonly ValuePlace[]): ValuesRead {
  return (element, attribute) =>
    places.some(
      (place) =>
        place.element === element.localName &&
        place.namespaces.includes(element.namespaceUri) &&
        (place.attribute === undefined ? attribute === undefined : attribute !== undefined && attribute.localName === place.attribute && attribute.namespaceUri === '') &&
        (place.parents === undefined || (element.parent !== null && place.parents.includes(element.parent.localName))),
    );
}

/** Rules that read several places: any of them. */
export function anyOf(...reads: readonly ValuesRead[]): ValuesRead {
  return (element, attribute) => reads.some((read) => typeof read === 'function' && read(element, attribute));
}

const PROFILE_NAMES: ValuePlace[] = [
  { namespaces: [WWAN], element: 'Name', parents: ['DefaultProfile', 'PurchaseProfile'] },
  { namespaces: [WLAN], element: 'name', parents: ['WLANProfile'] },
];
const ASSOCIATED_PLANS: ValuePlace = { namespaces: [WWAN, WLAN], element: 'AssociatedPlan' };
const PLAN_NAME: ValuePlace = { namespaces: [PLANS], element: 'Plan', attribute: 'Name' };
const SMS_PATTERN: ValuePlace = { namespaces: [WWAN], element: 'Pattern' };
const WLAN_SECURITY: ValuePlace[] = ['authentication', 'encryption'].map((element) => ({ namespaces: [WLAN], element, parents: ['authEncryption'] }));
const WLAN_KEY: ValuePlace[] = ['keyType', 'protected', 'keyMaterial'].map((element) => ({ namespaces: [WLAN], element, parents: ['sharedKey'] }));

/** Group/UnitGroup of any field of an SMS rule (PS-L008, PS-L009). */
const readsSmsGroups: ValuesRead = (element, attribute) =>
  attribute !== undefined && attribute.namespaceUri === '' && (attribute.localName === 'Group' || attribute.localName === 'UnitGroup') && element.parent?.localName === 'Fields' && element.parent.namespaceUri === WWAN;

/** Inside EAP user credentials (PS-L005 reads every secret-bearing leaf there). */
function insideEapCredentials(element: XmlElementNode): boolean {
  for (let current: XmlElementNode | null = element; current; current = current.parent) if (current.namespaceUri === EAP_USER_CREDENTIALS) return true;
  return false;
}

/** The parents of SSID names PS-L023 measures. */
const SSID_PARENTS = new Set([`${WLAN} SSID`, `${WLAN2} SSID`, `${WLAN2} SSIDPrefix`, `${HOTSPOT} SSID`]);

const USAGE_FIELDS = ['Usage', 'UsagePercentage', 'UsageOverage', 'UsageOveragePercentage'] as const;
const LIMIT_DEPENDENT_FIELDS = ['UsagePercentage', 'UsageOverage', 'UsageOveragePercentage', 'DataLimit', 'OverDataLimit'] as const;

/** The SMS rules (wwan:Message) with their Pattern text and Fields element. */
interface SmsRule {
  message: XmlElementNode;
  pattern: XmlElementNode | undefined;
  /** The pattern's analysis (compiled once per lint run, shared by the SMS rules). */
  analysis: PatternAnalysis | undefined;
  fields: XmlElementNode | undefined;
}

const smsRulesByContext = new WeakMap<LintContext, SmsRule[]>();

/** The document's SMS rules, read and analysed once per lint run. */
function smsRules(context: LintContext): SmsRule[] {
  let rules = smsRulesByContext.get(context);
  if (!rules) {
    rules = context.elements(WWAN, 'Message').map((message) => {
      const { pattern, fields } = readSmsMessage(message);
      return { message, pattern, analysis: pattern && analysePattern(textContent(pattern)), fields };
    });
    smsRulesByContext.set(context, rules);
  }
  return rules;
}

function positiveIntegerAttribute(element: XmlElementNode, name: string): { value: number; span: Span } | undefined {
  const attribute = findAttribute(element, name);
  if (!attribute || !/^\s*\+?\d+\s*$/.test(attribute.value)) return undefined;
  return { value: Number(attribute.value), span: attributeValueSpan(attribute) };
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (const character of text) {
    const code = character.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

export const CORE_LINT_RULES: readonly LintRule[] = [
  {
    code: 'PS-L001',
    severity: 'error',
    title: 'Profile refers to a plan the file does not define',
    messageKeys: ['lint.planReferenceMissing'],
    values: valuesAt(ASSOCIATED_PLANS, PLAN_NAME, ...PROFILE_NAMES),
    // A profile's name or plan reference changes only that profile's finding; a plan's name, any.
    scopeOfValue: (element, attribute) => (attribute ? undefined : profileHolding(element)),
    check(context) {
      const plans = planNames(context);
      for (const profile of profilesOf(context, true)) {
        if (!profile.associatedPlan) continue;
        const plan = collapsed(textContent(profile.associatedPlan));
        if (plan && !plans.has(plan)) {
          context.report(this, 'lint.planReferenceMissing', { profile: profile.name ?? '', plan }, textSpan(profile.associatedPlan));
        }
      }
    },
  },
  {
    code: 'PS-L002',
    severity: 'warning',
    title: 'Plan that no profile in the file refers to',
    messageKeys: ['lint.planUnreferenced'],
    values: valuesAt(ASSOCIATED_PLANS, PLAN_NAME),
    check(context) {
      const profiles = profilesOf(context);
      // A plans-only file updates plans of profiles already on the PC: nothing to compare with.
      if (profiles.length === 0) return;
      const referenced = new Set(profiles.map((profile) => (profile.associatedPlan ? collapsed(textContent(profile.associatedPlan)) : '')));
      for (const [name, plan] of planNames(context)) {
        const nameAttribute = findAttribute(plan, 'Name');
        if (!referenced.has(name)) context.report(this, 'lint.planUnreferenced', { plan: name }, (nameAttribute ? attributeValueSpan(nameAttribute) : startTagSpan(plan)));
      }
    },
  },
  {
    code: 'PS-L003',
    severity: 'warning',
    title: 'Empty WLANProfiles deletes every operator Wi-Fi profile',
    messageKeys: ['lint.wlanProfilesEmpty'],
    values: 'none',
    check(context) {
      for (const section of context.elements(CC, 'WLANProfiles')) {
        if (childElements(section).length === 0) context.report(this, 'lint.wlanProfilesEmpty', {}, startTagSpan(section));
      }
    },
  },
  {
    code: 'PS-L004',
    severity: 'warning',
    title: 'Branding Logo and Name are ignored since Windows 10 1709',
    messageKeys: ['lint.brandingIgnored'],
    values: 'none',
    check(context) {
      for (const branding of context.elements(WWAN, 'Branding')) {
        for (const child of childElements(branding)) {
          if (child.namespaceUri === WWAN && (child.localName === 'Logo' || child.localName === 'Name')) {
            context.report(this, 'lint.brandingIgnored', { element: child.localName }, startTagSpan(child));
          }
        }
      }
    },
  },
  {
    code: 'PS-L005',
    severity: 'info',
    title: 'Password or key in clear text',
    messageKeys: ['lint.cleartextSecret'],
    values: anyOf(valuesAt({ namespaces: [WWAN, CC, HOTSPOT, NAMESPACES.carrierControlV2], element: 'Password' }, { namespaces: [WLAN], element: 'protected', parents: ['sharedKey'] }), (element) => insideEapCredentials(element)),
    check(context) {
      const namespaces = [WWAN, CC, HOTSPOT, NAMESPACES.carrierControlV2];
      for (const namespaceUri of namespaces) {
        for (const password of context.elements(namespaceUri, 'Password')) {
          if (textContent(password).trim() !== '') {
            const parent = password.parent?.localName ?? '';
            context.report(this, 'lint.cleartextSecret', { element: parent ? `${parent}/Password` : 'Password' }, textSpan(password));
          }
        }
      }
      for (const sharedKey of context.elements(WLAN, 'sharedKey')) {
        const keyMaterial = findChild(sharedKey, 'keyMaterial', WLAN);
        if (keyMaterial && childText(sharedKey, 'protected', WLAN) === 'false') {
          context.report(this, 'lint.cleartextSecret', { element: 'sharedKey/keyMaterial' }, textSpan(keyMaterial));
        }
      }
      // EAP user credentials (EAP-TTLS, PEAP/MSCHAPv2, EAP-TLS...): every secret-bearing leaf counts,
      // whatever the method's namespace.
      for (const credentials of context.elements(EAP_USER_CREDENTIALS, 'EapHostUserCredentials')) {
        for (const element of walkElements(credentials)) {
          if (childElements(element).length === 0 && SECRET_NAME.test(element.localName) && textContent(element).trim() !== '') {
            context.report(this, 'lint.cleartextSecret', { element: `${element.parent?.localName ?? 'EapHostUserCredentials'}/${element.localName}` }, textSpan(element));
          }
        }
      }
    },
  },
  {
    code: 'PS-L006',
    severity: 'error',
    title: 'SMS pattern is not a valid regular expression',
    messageKeys: ['lint.smsPatternInvalid'],
    values: valuesAt(SMS_PATTERN),
    check(context) {
      for (const { pattern, analysis } of smsRules(context)) {
        if (!pattern || !analysis) continue;
        if (analysis.compileError) context.report(this, 'lint.smsPatternInvalid', { detail: analysis.compileError }, textSpan(pattern));
      }
    },
  },
  {
    code: 'PS-L007',
    severity: 'warning',
    title: 'SMS pattern uses a construct outside the common ECMAScript grammar',
    messageKeys: ['lint.smsPatternNonPortable'],
    values: valuesAt(SMS_PATTERN),
    check(context) {
      for (const { pattern, analysis } of smsRules(context)) {
        if (!pattern || !analysis) continue;
        for (const construct of analysis.nonPortable) {
          context.report(this, 'lint.smsPatternNonPortable', { construct }, textSpan(pattern));
        }
      }
    },
  },
  {
    code: 'PS-L008',
    severity: 'error',
    title: 'Field reads a capture group the pattern does not have',
    messageKeys: ['lint.smsGroupOutOfRange'],
    values: anyOf(valuesAt(SMS_PATTERN), readsSmsGroups),
    check(context) {
      for (const { analysis, fields } of smsRules(context)) {
        if (!analysis || !fields) continue;
        if (analysis.compileError) continue;
        for (const field of childElements(fields)) {
          for (const attributeName of ['Group', 'UnitGroup']) {
            const group = positiveIntegerAttribute(field, attributeName);
            if (group && group.value > analysis.captureGroups) {
              context.report(this, 'lint.smsGroupOutOfRange', { field: `${field.localName}/@${attributeName}`, group: group.value, count: analysis.captureGroups }, group.span);
            }
          }
        }
      }
    },
  },
  {
    code: 'PS-L009',
    severity: 'info',
    title: 'Capture group not mapped to any field',
    messageKeys: ['lint.smsGroupUnused'],
    values: anyOf(valuesAt(SMS_PATTERN), readsSmsGroups),
    check(context) {
      for (const { pattern, analysis, fields } of smsRules(context)) {
        if (!pattern || !analysis || !fields) continue;
        if (analysis.compileError) continue;
        const used = new Set<number>();
        for (const field of childElements(fields)) {
          for (const attributeName of ['Group', 'UnitGroup']) {
            const group = positiveIntegerAttribute(field, attributeName);
            if (group) used.add(group.value);
          }
        }
        for (let group = 1; group <= analysis.captureGroups; group++) {
          if (!used.has(group)) context.report(this, 'lint.smsGroupUnused', { group }, textSpan(pattern));
        }
      }
    },
  },
  {
    code: 'PS-L010',
    severity: 'error',
    title: 'Usage field without UsageTimestamp',
    messageKeys: ['lint.smsUsageWithoutTimestamp'],
    values: 'none',
    check(context) {
      for (const { fields } of smsRules(context)) {
        if (!fields || findChild(fields, 'UsageTimestamp', WWAN)) continue;
        for (const name of USAGE_FIELDS) {
          const field = findChild(fields, name, WWAN);
          if (field) context.report(this, 'lint.smsUsageWithoutTimestamp', { field: name }, startTagSpan(field));
        }
      }
    },
  },
  {
    code: 'PS-L011',
    severity: 'warning',
    title: 'UsageTimestamp without any Usage field',
    messageKeys: ['lint.smsTimestampWithoutUsage'],
    values: 'none',
    check(context) {
      for (const { fields } of smsRules(context)) {
        const timestamp = fields && findChild(fields, 'UsageTimestamp', WWAN);
        if (timestamp && !USAGE_FIELDS.some((name) => findChild(fields, name, WWAN))) {
          context.report(this, 'lint.smsTimestampWithoutUsage', {}, startTagSpan(timestamp));
        }
      }
    },
  },
  {
    code: 'PS-L012',
    severity: 'error',
    title: 'Invalid UsageTimestamp format string',
    messageKeys: ['lint.smsTimestampFormatInvalid', 'lint.smsTimestampFormatEmpty'],
    values: valuesAt({ namespaces: [WWAN], element: 'UsageTimestamp', attribute: 'Format' }),
    check(context) {
      for (const timestamp of context.elements(WWAN, 'UsageTimestamp')) {
        const format = findAttribute(timestamp, 'Format');
        if (!format) continue;
        const analysis = analyseTimestampFormat(format.value);
        for (const token of analysis.invalidTokens) {
          context.report(this, 'lint.smsTimestampFormatInvalid', { format: format.value, token }, attributeValueSpan(format));
        }
        if (analysis.invalidTokens.length === 0 && analysis.identifiers.length === 0) {
          context.report(this, 'lint.smsTimestampFormatEmpty', { format: format.value }, attributeValueSpan(format));
        }
      }
    },
  },
  {
    code: 'PS-L013',
    severity: 'warning',
    title: '12-hour clock without AM/PM in UsageTimestamp format',
    messageKeys: ['lint.smsTimestamp12HourWithoutMeridiem'],
    values: valuesAt({ namespaces: [WWAN], element: 'UsageTimestamp', attribute: 'Format' }),
    check(context) {
      for (const timestamp of context.elements(WWAN, 'UsageTimestamp')) {
        const format = findAttribute(timestamp, 'Format');
        if (!format) continue;
        const { identifiers } = analyseTimestampFormat(format.value);
        if (identifiers.includes('I') && !identifiers.includes('p')) context.report(this, 'lint.smsTimestamp12HourWithoutMeridiem', {}, attributeValueSpan(format));
      }
    },
  },
  {
    code: 'PS-L014',
    severity: 'warning',
    title: 'SMS usage field needs a data limit but the plan type is Unrestricted',
    messageKeys: ['lint.smsFieldNeedsDataLimit'],
    values: valuesAt({ namespaces: [WWAN], element: 'PlanType', attribute: 'Default' }),
    check(context) {
      for (const { fields } of smsRules(context)) {
        const planType = fields && findChild(fields, 'PlanType', WWAN);
        if (!planType || findAttribute(planType, 'Group')) continue; // read from the message: unknown here
        const planTypeValue = findAttribute(planType, 'Default')?.value.trim();
        if (planTypeValue !== 'Unrestricted') continue;
        for (const name of LIMIT_DEPENDENT_FIELDS) {
          const field = findChild(fields, name, WWAN);
          if (field) context.report(this, 'lint.smsFieldNeedsDataLimit', { field: name, planType: planTypeValue }, startTagSpan(field));
        }
      }
    },
  },
  {
    code: 'PS-L015',
    severity: 'warning',
    title: 'Plan type and data limit disagree',
    messageKeys: ['lint.planUnrestrictedWithLimit', 'lint.planFixedWithoutLimit'],
    values: valuesAt({ namespaces: [PLANS], element: 'Description', attribute: 'PlanType' }, PLAN_NAME),
    check(context) {
      for (const plan of context.elements(PLANS, 'Plan')) {
        const description = findChild(plan, 'Description', PLANS);
        const planType = description && findAttribute(description, 'PlanType')?.value.trim();
        if (!description || !planType) continue;
        const name = findAttribute(plan, 'Name')?.value ?? '';
        const limit = findChild(description, 'DataLimitInMegabytes', PLANS);
        if (planType === 'Unrestricted' && limit) context.report(this, 'lint.planUnrestrictedWithLimit', { plan: name }, startTagSpan(limit));
        if (planType === 'Fixed' && !limit) context.report(this, 'lint.planFixedWithoutLimit', { plan: name }, startTagSpan(description));
      }
    },
  },
  {
    code: 'PS-L016',
    severity: 'warning',
    title: 'RefreshParameters without TrustedCertificates',
    messageKeys: ['lint.refreshWithoutTrustedCertificates'],
    values: 'none',
    check(context) {
      for (const provisioning of context.elements(CC, 'Provisioning')) {
        const refresh = findChild(provisioning, 'RefreshParameters', CC);
        if (refresh && !findChild(provisioning, 'TrustedCertificates', CC)) context.report(this, 'lint.refreshWithoutTrustedCertificates', {}, startTagSpan(refresh));
      }
    },
  },
  {
    code: 'PS-L017',
    severity: 'error',
    title: 'Signature nested inside the document instead of last child of the root',
    messageKeys: ['lint.signatureMisplaced'],
    values: 'none',
    check(context) {
      for (const signature of context.elements(DSIG, 'Signature')) {
        // Directly under the root the schema already places it (last, at most once).
        if (signature.parent && signature.parent !== context.document.root) {
          context.report(this, 'lint.signatureMisplaced', { parent: signature.parent.localName }, startTagSpan(signature));
        }
      }
    },
  },
  {
    code: 'PS-L018',
    severity: 'error',
    title: 'Two profiles with the same name',
    messageKeys: ['lint.duplicateProfileName'],
    values: valuesAt(...PROFILE_NAMES),
    check(context) {
      const seen = new Map<string, ProfileRef>();
      for (const profile of profilesOf(context)) {
        if (!profile.name || !profile.nameElement) continue;
        const key = `${profile.kind} ${profile.name}`;
        const first = seen.get(key);
        if (first) {
          context.report(this, 'lint.duplicateProfileName', { kind: profile.kind, name: profile.name, line: context.lineOf(first.nameElement!) }, textSpan(profile.nameElement));
        } else {
          seen.set(key, profile);
        }
      }
    },
  },
  {
    code: 'PS-L019',
    severity: 'warning',
    title: 'DeviceId does not look like an IMEI',
    messageKeys: ['lint.deviceIdImeiChecksum', 'lint.deviceIdLooksLikeImsi'],
    values: valuesAt({ namespaces: [CC], element: 'DeviceId' }),
    check(context) {
      for (const deviceId of context.elements(CC, 'DeviceId')) {
        const value = textContent(deviceId).trim();
        if (!/^\d{15}$/.test(value) || passesLuhn(value) || placeholderKind(value)) continue;
        if (startsWithPlausibleMcc(value)) context.report(this, 'lint.deviceIdLooksLikeImsi', { value }, textSpan(deviceId));
        else context.report(this, 'lint.deviceIdImeiChecksum', { value, expected: luhnCheckDigit(value.slice(0, 14)) }, textSpan(deviceId));
      }
    },
  },
  {
    code: 'PS-L020',
    severity: 'warning',
    title: 'SubscriberId looks like an ICCID or an IMEI rather than an IMSI',
    messageKeys: ['lint.subscriberIdLooksLikeIccid', 'lint.subscriberIdLooksLikeImei'],
    values: valuesAt({ namespaces: [CC], element: 'SubscriberId' }),
    check(context) {
      for (const subscriberId of context.elements(CC, 'SubscriberId')) {
        const value = textContent(subscriberId).trim();
        // A placeholder (zeros) is no identifier yet: PS-L036 says to fill it in.
        if (placeholderKind(value)) continue;
        if (looksLikeIccid(value)) context.report(this, 'lint.subscriberIdLooksLikeIccid', { value }, textSpan(subscriberId));
        else if (looksLikeImei(value) && !looksLikeImsi(value)) context.report(this, 'lint.subscriberIdLooksLikeImei', { value }, textSpan(subscriberId));
      }
    },
  },
  {
    code: 'PS-L021',
    severity: 'error',
    title: 'Wi-Fi profile with a pre-shared key or WEP but no sharedKey',
    messageKeys: ['lint.wlanSharedKeyMissing'],
    values: valuesAt(...WLAN_SECURITY, PROFILE_NAMES[1]!),
    // Its findings are about one profile's security, and name that profile.
    scopeOfValue: (element) => wlanProfileAround(element),
    check(context) {
      for (const security of context.elementsInScope(WLAN, 'security')) {
        const authEncryption = findChild(security, 'authEncryption', WLAN);
        if (!authEncryption || findChild(security, 'sharedKey', WLAN)) continue;
        const authentication = childText(authEncryption, 'authentication', WLAN) ?? '';
        const encryption = childText(authEncryption, 'encryption', WLAN) ?? '';
        if (authentication === 'WPAPSK' || authentication === 'WPA2PSK' || encryption === 'WEP') {
          const profile = security.parent?.parent;
          const name = profile ? (childText(profile, 'name', WLAN) ?? '') : '';
          context.report(this, 'lint.wlanSharedKeyMissing', { profile: name, security: `${authentication}/${encryption}` }, startTagSpan(authEncryption));
        }
      }
    },
  },
  {
    code: 'PS-L022',
    severity: 'error',
    title: 'Wi-Fi key has the wrong length for its type',
    messageKeys: ['lint.wlanKeyMaterialLength'],
    values: valuesAt(...WLAN_SECURITY, ...WLAN_KEY, PROFILE_NAMES[1]!),
    scopeOfValue: (element) => wlanProfileAround(element),
    check(context) {
      for (const sharedKey of context.elementsInScope(WLAN, 'sharedKey')) {
        if (childText(sharedKey, 'protected', WLAN) !== 'false') continue; // encrypted blob: length says nothing
        const keyMaterial = findChild(sharedKey, 'keyMaterial', WLAN);
        const security = sharedKey.parent;
        const authEncryption = security && findChild(security, 'authEncryption', WLAN);
        if (!keyMaterial || !authEncryption) continue;
        const key = textContent(keyMaterial);
        const keyType = childText(sharedKey, 'keyType', WLAN);
        const authentication = childText(authEncryption, 'authentication', WLAN) ?? '';
        const encryption = childText(authEncryption, 'encryption', WLAN) ?? '';
        let expected: string | undefined;
        if (encryption === 'WEP') {
          const fits = keyType === 'networkKey' ? [5, 13].includes(key.length) || (/^[0-9a-fA-F]+$/.test(key) && [10, 26].includes(key.length)) : true;
          if (!fits) expected = '5 or 13 characters, or 10 or 26 hexadecimal digits';
        } else if (authentication === 'WPAPSK' || authentication === 'WPA2PSK') {
          if (keyType === 'passPhrase' && (key.length < 8 || key.length > 63)) expected = '8 to 63 characters';
          if (keyType === 'networkKey' && !(key.length === 64 && /^[0-9a-fA-F]+$/.test(key))) expected = '64 hexadecimal digits';
        }
        if (expected) {
          const profile = security.parent?.parent;
          const name = profile ? (childText(profile, 'name', WLAN) ?? '') : '';
          context.report(this, 'lint.wlanKeyMaterialLength', { profile: name, expected, actual: key.length }, textSpan(keyMaterial));
        }
      }
    },
  },
  {
    code: 'PS-L023',
    severity: 'warning',
    title: 'SSID name longer than 32 bytes in UTF-8',
    messageKeys: ['lint.wlanSsidTooManyBytes'],
    values: (element, attribute) => attribute === undefined && (element.localName === 'name' || element.localName === 'namePrefix') && element.parent !== null && SSID_PARENTS.has(`${element.parent.namespaceUri} ${element.parent.localName}`),
    check(context) {
      const ssids = [...context.elements(WLAN, 'SSID'), ...context.elements(WLAN2, 'SSID'), ...context.elements(WLAN2, 'SSIDPrefix'), ...context.elements(HOTSPOT, 'SSID')];
      for (const ssid of ssids) {
        for (const child of childElements(ssid)) {
          if (child.localName !== 'name' && child.localName !== 'namePrefix') continue;
          const name = textContent(child);
          const bytes = utf8Length(name);
          if (bytes > 32 && name.length <= 32) context.report(this, 'lint.wlanSsidTooManyBytes', { name, bytes }, textSpan(child));
        }
      }
    },
  },
  {
    code: 'PS-L024',
    severity: 'warning',
    title: 'Signature relies on SHA-1',
    messageKeys: ['lint.weakSignatureAlgorithm'],
    values: valuesAt({ namespaces: [DSIG], element: 'SignatureMethod', attribute: 'Algorithm' }, { namespaces: [DSIG], element: 'DigestMethod', attribute: 'Algorithm' }),
    check(context) {
      const weak = new Set(['http://www.w3.org/2000/09/xmldsig#rsa-sha1', 'http://www.w3.org/2000/09/xmldsig#sha1', 'http://www.w3.org/2000/09/xmldsig#dsa-sha1']);
      for (const localName of ['SignatureMethod', 'DigestMethod']) {
        for (const method of context.elements(DSIG, localName)) {
          const algorithm = findAttribute(method, 'Algorithm');
          if (algorithm && weak.has(algorithm.value.trim())) context.report(this, 'lint.weakSignatureAlgorithm', { algorithm: algorithm.value.trim() }, attributeValueSpan(algorithm));
        }
      }
    },
  },
];
