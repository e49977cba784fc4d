// The schema verdict on one simple value, as libxml2 gives it, for quick answers while typing
// (incremental.ts): the findings libxml2's XSD validation reports for that value (their codes,
// message keys and parameters as schema/map-issues.ts makes them), or `undefined` when this module
// cannot be sure of libxml2's answer. Only what is known exactly is decided: the string built-ins,
// booleans, integers (up to 18 digits), hexBinary; length, range, enumeration and pattern facets
// whose patterns translate exactly. Anything else (dates, durations, URIs, base64, lists, unions,
// IDs, digits facets, non-ASCII text against `\w`-like classes, fixed or default values) is left to
// the full validation, which runs anyway and stays the verdict.
//
// libxml2's order (xmlschemas.c, xmlSchemaVCheckCVCSimpleType and xmlSchemaValidateFacets): white
// space is normalised, then the built-in's lexical space is checked (a failure is the only finding:
// "not a valid value of the atomic type"); then every failing length or range facet, then the
// enumeration, then the first derivation step whose patterns all fail. The "not a valid value of
// the local atomic type" line libxml2 adds after a facet failure is dropped by map-issues.ts.
import type { MessageKey, MessageParams } from '../i18n/index';
import { INTEGER_BOUNDS, INTEGER_BUILTINS } from '../schema-model/queries';
import { patternDescriptionKey } from '../schema-model/pattern-descriptions';
import type { Facets, SchemaModel } from '../schema-model/types';
import { SCHEMA_CODES } from '../schema/map-issues';

export interface ValueFinding {
  code: string;
  messageKey: MessageKey;
  params: MessageParams;
}

const WHITE_SPACE_OF_BUILTIN: Readonly<Record<string, 'preserve' | 'replace' | 'collapse'>> = {
  'xs:string': 'preserve',
  'xs:normalizedString': 'replace',
};

/** The built-ins whose lexical space and facets this module knows exactly as libxml2 checks them. */
const STRING_BUILTINS = new Set(['xs:string', 'xs:normalizedString', 'xs:token']);
const DECIDED_BUILTINS = new Set([...STRING_BUILTINS, 'xs:boolean', 'xs:hexBinary', ...INTEGER_BUILTINS]);

function normalize(value: string, mode: 'preserve' | 'replace' | 'collapse'): string {
  if (mode === 'preserve') return value;
  const replaced = value.replace(/[\t\n\r]/g, ' ');
  return mode === 'replace' ? replaced : replaced.replace(/ +/g, ' ').replace(/^ | $/g, '');
}

/** `{ns}Name` -> `Name`; `xs:integer` -> `integer`; anonymous types (`…#type`) -> undefined. */
function reportedTypeName(typeKey: string): string | undefined {
  if (typeKey.includes('#type')) return undefined;
  if (typeKey.startsWith('xs:')) return typeKey.slice(3);
  const brace = typeKey.lastIndexOf('}');
  return brace >= 0 ? typeKey.slice(brace + 1) : typeKey;
}

/** XSD's class escapes as JavaScript class contents (XSD `\w` = not punctuation, separator or other). */
const CLASS_ESCAPES: Readonly<Record<string, string>> = {
  d: '\\p{Nd}',
  w: '\\p{L}\\p{M}\\p{N}\\p{S}',
  s: ' \\t\\n\\r',
};
/** Single-character escapes XSD allows, written the same way in JavaScript. */
const SINGLE_ESCAPES = new Set(['\\', '|', '.', '-', '^', '?', '*', '+', '{', '}', '(', ')', '[', ']', 'n', 'r', 't']);

interface TranslatedPattern {
  expression: RegExp;
  /** Uses classes whose Unicode tables may differ between libxml2 and JavaScript (`\d`, `\w`). */
  unicodeClasses: boolean;
}

const translated = new Map<string, TranslatedPattern | null>();

/**
 * An XSD pattern as an anchored JavaScript expression that accepts exactly what libxml2 accepts
 * (on ASCII text), or null when it uses anything beyond the plain subset: class subtraction, `\i`,
 * `\c`, `\p{…}`, block escapes.
 */
export function exactPattern(pattern: string): TranslatedPattern | null {
  if (translated.has(pattern)) return translated.get(pattern)!;
  let out = '';
  let inClass = false;
  let unicodeClasses = false;
  let result: TranslatedPattern | null = null;
  translate: {
    for (let index = 0; index < pattern.length; index++) {
      const character = pattern[index]!;
      if (character === '\\') {
        const next = pattern[++index];
        if (next === undefined) break translate;
        const escape = CLASS_ESCAPES[next];
        if (escape !== undefined) {
          unicodeClasses ||= next !== 's';
          out += inClass ? escape : `[${escape}]`;
        } else if (SINGLE_ESCAPES.has(next)) out += `\\${next}`;
        else break translate;
        continue;
      }
      if (inClass) {
        if (character === '[') break translate; // class subtraction
        if (character === ']') inClass = false;
        out += character;
        continue;
      }
      if (character === '[') {
        inClass = true;
        out += character;
        if (pattern[index + 1] === '^') out += pattern[++index];
        continue;
      }
      if (character === '.') out += '[^\\n\\r]';
      else if (character === '^' || character === '$') out += `\\${character}`;
      else out += character;
    }
    if (inClass) break translate;
    try {
      result = { expression: new RegExp(`^(?:${out})$`, 'u'), unicodeClasses };
    } catch {
      result = null;
    }
  }
  translated.set(pattern, result);
  return result;
}

const NON_ASCII = /[^\u0000-\u007f]/;

function lexicalFails(builtin: string, value: string): boolean | undefined {
  if (STRING_BUILTINS.has(builtin)) return false;
  if (builtin === 'xs:boolean') return !/^(?:true|false|1|0)$/.test(value);
  if (builtin === 'xs:hexBinary') return !/^(?:[0-9a-fA-F]{2})*$/.test(value);
  const bounds = INTEGER_BOUNDS[builtin];
  if (!bounds) return undefined;
  const match = /^([+-]?)0*(\d+)$/.exec(value);
  if (!match) return true;
  if (match[2]!.length > 18) return undefined;
  const number = BigInt(`${match[1]}${match[2]}`);
  return (bounds[0] !== null && number < bounds[0]) || (bounds[1] !== null && number > bounds[1]);
}

function integerOf(text: string): bigint | undefined {
  const match = /^\s*([+-]?)0*(\d{1,18})\s*$/.exec(text);
  return match ? BigInt(`${match[1]}${match[2]}`) : undefined;
}

/** The length and range facets that fail, as map-issues.ts reports them; undefined when unsure. */
function boundFindings(builtin: string, value: string, shown: string, facets: Facets, subject: string): ValueFinding[] | undefined {
  const findings: ValueFinding[] = [];
  if (facets.totalDigits !== undefined || facets.fractionDigits !== undefined) return undefined;
  if (facets.length !== undefined || facets.minLength !== undefined || facets.maxLength !== undefined) {
    const length = builtin === 'xs:hexBinary' ? value.length / 2 : STRING_BUILTINS.has(builtin) ? [...value].length : undefined;
    if (length === undefined) return undefined;
    const checks: Array<[number | undefined, boolean, MessageKey]> = [
      [facets.length, length !== facets.length, 'schema.wrongLength'],
      [facets.minLength, length < (facets.minLength ?? 0), 'schema.tooShort'],
      [facets.maxLength, length > (facets.maxLength ?? Infinity), 'schema.tooLong'],
    ];
    for (const [limit, fails, messageKey] of checks) {
      if (limit !== undefined && fails) findings.push({ code: SCHEMA_CODES.length, messageKey, params: { element: subject, length: String(length), limit: String(limit) } });
    }
  }
  const ranges = (['minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive'] as const).filter((facet) => facets[facet] !== undefined);
  if (ranges.length > 0) {
    if (!INTEGER_BUILTINS.has(builtin)) return undefined;
    const number = integerOf(value);
    if (number === undefined) return undefined;
    for (const facet of ranges) {
      const limit = integerOf(facets[facet]!);
      if (limit === undefined) return undefined;
      const fails = facet === 'minInclusive' ? number < limit : facet === 'maxInclusive' ? number > limit : facet === 'minExclusive' ? number <= limit : number >= limit;
      const comparison = { minInclusive: '≥', maxInclusive: '≤', minExclusive: '>', maxExclusive: '<' }[facet];
      if (fails) findings.push({ code: SCHEMA_CODES.range, messageKey: 'schema.range', params: { element: subject, value: shown, comparison, limit: facets[facet]! } });
    }
  }
  // Two findings of one code on one value: their order is libxml2's facet order, which the model does not keep.
  return new Set(findings.map((finding) => finding.code)).size === findings.length ? findings : undefined;
}

/**
 * libxml2's findings for `rawValue` (already entity-decoded, as the parser gives it) written where
 * the simple type `typeKey` governs (a model type key or a built-in `xs:…`); `subject` is how the
 * findings name the place (`SSID`, `Plan/@Name`). Undefined when the answer is not certain.
 */
export function valueVerdict(model: SchemaModel, typeKey: string, rawValue: string, subject: string): ValueFinding[] | undefined {
  const type = model.types[typeKey];
  if (type && type.kind !== 'simple') return undefined;
  if (type?.itemType) return undefined;
  const builtin = type ? type.builtin : typeKey;
  if (!DECIDED_BUILTINS.has(builtin)) return undefined;
  const facets: Facets = type ? type.facets : {};
  const value = normalize(rawValue, facets.whiteSpace ?? WHITE_SPACE_OF_BUILTIN[builtin] ?? 'collapse');
  // libxml2 normalises the value it reports only for types with patterns or enumerations
  // (XML_SCHEMAS_TYPE_NORMVALUENEEDED); the built-ins' own checks skip white space as they read.
  const shown = (facets.patterns?.length ?? 0) > 0 || (facets.enumeration?.length ?? 0) > 0 ? value : rawValue;
  const lexical = lexicalFails(builtin, value);
  if (lexical === undefined) return undefined;
  if (lexical) {
    const name = reportedTypeName(typeKey);
    return [
      name === undefined
        ? { code: SCHEMA_CODES.type, messageKey: 'schema.typeAnonymous', params: { element: subject, value: shown } }
        : { code: SCHEMA_CODES.type, messageKey: 'schema.type', params: { element: subject, value: shown, type: name } },
    ];
  }
  const findings = boundFindings(builtin, value, shown, facets, subject);
  if (!findings) return undefined;
  if (facets.enumeration && facets.enumeration.length > 0) {
    if (!STRING_BUILTINS.has(builtin)) return undefined;
    if (!facets.enumeration.includes(value)) {
      findings.push({ code: SCHEMA_CODES.enumeration, messageKey: 'schema.enumeration', params: { element: subject, value, allowed: facets.enumeration.map((item) => `'${item}'`).join(', ') } });
    }
  }
  // Pattern steps from the type itself towards the built-in (the model lists them base first).
  const steps = [...(facets.patterns ?? [])].reverse();
  for (const step of steps) {
    const pattern = exactPattern(step);
    if (!pattern || (pattern.unicodeClasses && NON_ASCII.test(value))) return undefined;
    if (!pattern.expression.test(value)) {
      findings.push({ code: SCHEMA_CODES.pattern, messageKey: 'schema.pattern', params: { element: subject, value, expectedKey: patternDescriptionKey([step]) } });
      break;
    }
  }
  return findings;
}
