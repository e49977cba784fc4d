// What a placeholder is: a value put in a file to be replaced before it ships. The templates
// write these values where the user must put their own (ZERO_GUID for CarrierId, example domains,
// ZERO_IMSI), "Add child" and `provstudio insert` write them to satisfy the schema (queries.ts,
// placeholderValue), and lint (PS-L035 error, PS-L036 warning) and the app's "To fill in" list
// find them with placeholderKind. One definition for the three, so what one writes the other finds
// (test/unit/lint/placeholders.test.ts inserts every element of the schema and checks).
//
// Only text-like values are placeholders: a number, a boolean or an enumeration value is a choice
// the user can keep, so callers ask only for values of such types (see isPlaceholderType).

/** The nil GUID: the templates' CarrierId and every GUID "Add child" writes. */
export const ZERO_GUID = '{00000000-0000-0000-0000-000000000000}';
/** A subscriber identity of zeros (15 digits, the length of an IMSI): the templates' SubscriberId. */
export const ZERO_IMSI = '000000000000000';
/** The address the inserts write for a URL (RFC 2606 reserves example.com for examples). */
export const EXAMPLE_URL = 'https://example.com/';
/** The Base64 value the inserts write for binary content (one zero byte). */
export const ZERO_BASE64 = 'AA==';
/** The date the inserts write for a date and time. */
export const SAMPLE_DATE_TIME = '2000-01-01T00:00:00Z';

export type PlaceholderKind = 'empty' | 'zeroGuid' | 'zeros' | 'sampleLetters' | 'exampleDomain' | 'zeroBase64' | 'sampleDate';

const ZERO_GUID_FORM = /^\{?0{8}-0{4}-0{4}-0{4}-0{12}\}?$/;
/** All zeros, with or without separators (DeviceId, SSID hex, OUI, a MAC address 00:00:…). */
const ZEROS = /^0+(?:[:.-]0+)*$/;
/** What the inserts write where a text needs some letters: "a", "aaaa". */
const SAMPLE_LETTERS = /^a+$/;
/** Domains reserved for examples (RFC 2606, RFC 6761): example.com/.net/.org/.edu and the .example, .test, .invalid TLDs. */
const EXAMPLE_DOMAIN = /(?:^|[\s/@.:])(?:[a-z0-9-]+\.)*(?:example\.(?:com|net|org|edu)|[a-z0-9-]+\.(?:example|test|invalid))(?=$|[\s/:?#])/i;

/** The kind of placeholder `value` is, or undefined for a real value. */
export function placeholderKind(value: string): PlaceholderKind | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return 'empty';
  if (ZERO_GUID_FORM.test(trimmed)) return 'zeroGuid';
  if (ZEROS.test(trimmed)) return 'zeros';
  if (SAMPLE_LETTERS.test(trimmed)) return 'sampleLetters';
  if (trimmed === ZERO_BASE64) return 'zeroBase64';
  if (trimmed === SAMPLE_DATE_TIME) return 'sampleDate';
  if (EXAMPLE_DOMAIN.test(trimmed)) return 'exampleDomain';
  return undefined;
}

const CHOICE_BUILTINS = /^xs:(?:boolean|decimal|float|double|integer|int|long|short|byte|nonNegativeInteger|positiveInteger|negativeInteger|nonPositiveInteger|unsigned(?:Int|Long|Short|Byte)|duration|QName|NOTATION)$/;

/**
 * Whether a value of this type can be a placeholder: text, identifiers, binary, dates and URLs
 * can; numbers, booleans, durations and enumerations are choices (their inserted value is a valid
 * one the user may keep).
 */
export function isPlaceholderType(builtin: string, hasEnumeration: boolean): boolean {
  return !hasEnumeration && !CHOICE_BUILTINS.test(builtin);
}
