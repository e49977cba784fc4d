// What each xs:pattern of our schemas means, in words: problems, hover, forms and the CLI say
// "a GUID in braces, such as {…}" instead of showing the regular expression. Every xs:pattern in
// every schema under schemas/ must be here (test/unit/schema/pattern-descriptions.test.ts reads
// them all). Patterns declared together in one restriction (any one may match, as DeviceId's
// IMEI-or-MAC) share one description: libxml2 names only the last one it tried.
import type { MessageKey } from '../i18n/index';

const DESCRIPTIONS: Readonly<Record<string, MessageKey>> = {
  // base:GUID, cc:GUID (CarrierId, ProviderID in results…)
  '\\{[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\\}': 'pattern.guid',
  // icd-package-config BracedGuid, apn-database ApnBracedGuid
  '\\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\\}': 'pattern.guid',
  // base:SubscriberType (SubscriberId: IMSI, ICCID…)
  '\\w+': 'pattern.subscriberId',
  // base:ProviderIdType (MCC+MNC or SID)
  '\\d{1,6}': 'pattern.providerId',
  // cc:DeviceIdType: IMEI/ESN or MAC address (two patterns, either matches)
  '\\d{15,16}': 'pattern.deviceId',
  '([a-fA-F0-9]{2}:){5}[a-fA-F0-9]{2}': 'pattern.deviceId',
  // cc:HttpsUrlType (RefreshURL…)
  'https://.+': 'pattern.httpsUrl',
  // wwan:SimIccIDType
  '[a-zA-Z\\d]{1,20}': 'pattern.iccid',
  // wwan:LocaleType (SMS parsing locale)
  '\\w+(_[\\w ]+)?(\\.\\d+)?': 'pattern.locale',
  // results ErrorCodeType (HRESULT)
  '[0-9a-f]{8}': 'pattern.hresult',
  // xmldsig-profile and results Base64Text
  '([A-Za-z0-9+/=]|\\s)*': 'pattern.base64',
  // icd-package-config PackageVersion
  '[0-9]+(\\.[0-9]+){1,3}': 'pattern.version',
};

/** The description of one pattern exactly as the schema writes it. */
function describeOne(pattern: string): MessageKey | undefined {
  return Object.prototype.hasOwnProperty.call(DESCRIPTIONS, pattern) ? DESCRIPTIONS[pattern] : undefined;
}

/** "(a)|(b)" or "a|b" -> ["a", "b"]: the alternatives at the top level (outside parentheses and classes). */
function topLevelAlternatives(pattern: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index];
    if (character === '\\') index++;
    else if (inClass) inClass = character !== ']';
    else if (character === '[') inClass = true;
    else if (character === '(') depth++;
    else if (character === ')') depth--;
    else if (character === '|' && depth === 0) {
      parts.push(pattern.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(pattern.slice(start));
  return parts;
}

function withoutOuterGroup(pattern: string): string {
  if (!pattern.startsWith('(') || !pattern.endsWith(')')) return pattern;
  const inner = pattern.slice(1, -1);
  // Only when the parentheses enclose the whole alternative ("(a)(b)" is not one group).
  let depth = 0;
  for (let index = 0; index < inner.length; index++) {
    if (inner[index] === '\\') index++;
    else if (inner[index] === '(') depth++;
    else if (inner[index] === ')' && --depth < 0) return pattern;
  }
  return depth === 0 ? inner : pattern;
}

/**
 * The message keys describing a pattern: one for a pattern the schemas declare, or one per
 * alternative for patterns joined as "(a)|(b)" (how a restriction with several xs:pattern reads
 * in the schema model). Undefined when any part is unknown: the caller then says only "this value
 * does not have the required form", never the expression.
 */
export function patternDescriptionKeys(pattern: string): MessageKey[] | undefined {
  const whole = describeOne(pattern);
  if (whole) return [whole];
  const alternatives = topLevelAlternatives(pattern);
  if (alternatives.length < 2) return undefined;
  const keys: MessageKey[] = [];
  for (const alternative of alternatives) {
    const key = describeOne(withoutOuterGroup(alternative));
    if (!key) return undefined;
    if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

/** The single key describing every pattern a value must match (all apply), or 'pattern.unknown'. */
export function patternDescriptionKey(patterns: readonly string[]): MessageKey {
  const keys = patterns.flatMap((pattern) => patternDescriptionKeys(pattern) ?? ['pattern.unknown' as MessageKey]);
  const distinct = [...new Set(keys)];
  return distinct.length === 1 ? distinct[0]! : 'pattern.unknown';
}

/** Every pattern we describe (for the test that reads the schemas). */
export const DESCRIBED_PATTERNS: readonly string[] = Object.keys(DESCRIPTIONS);
