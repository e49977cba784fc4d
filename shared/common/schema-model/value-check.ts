// Checking one value against the simple type of the place it goes (an element's text or an
// attribute) before it is written, so a bad value is reported where it came from (a data row's
// column) instead of surfacing later as an XSD error. The checks follow XML Schema Part 2: white
// space is normalised as the built-in says, then the built-in's lexical space is checked, then the
// facets merged along the derivation chain. The XSD validation of the whole file still runs after;
// this is the early, well-located part of the same verdict.
//
// Problems never quote the value: values may be secrets (passwords, keys).
import type { MessageKey } from '../i18n/index';
import { durationSeconds, INTEGER_BOUNDS, INTEGER_BUILTINS, lengthFits, patternsFit, rangeFits } from './queries';
import type { Facets, SchemaModel } from './types';
import { patternDescriptionKey } from './pattern-descriptions';

export interface ValueProblem {
  messageKey: MessageKey;
  params: Record<string, string>;
}

const TIME_ZONE = '(?:Z|[+-](?:(?:0\\d|1[0-3]):[0-5]\\d|14:00))?';
const DATE = '-?(?:[1-9]\\d{3,}|0\\d{3})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])';
const TIME = '(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?|24:00:00(?:\\.0+)?)';

const LEXICAL: Record<string, RegExp> = {
  'xs:boolean': /^(?:true|false|1|0)$/,
  'xs:decimal': /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/,
  'xs:float': /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|-?INF|NaN)$/,
  'xs:double': /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|-?INF|NaN)$/,
  'xs:dateTime': new RegExp(`^${DATE}T${TIME}${TIME_ZONE}$`),
  'xs:date': new RegExp(`^${DATE}${TIME_ZONE}$`),
  'xs:time': new RegExp(`^${TIME}${TIME_ZONE}$`),
  'xs:hexBinary': /^(?:[0-9a-fA-F]{2})*$/,
  'xs:base64Binary': /^(?:(?:[A-Za-z0-9+/] ?){4})*(?:(?:[A-Za-z0-9+/] ?){2}[AEIMQUYcgkosw048] ?=|[A-Za-z0-9+/] ?[AQgw] ?= ?=)?$/,
  'xs:language': /^[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*$/,
  'xs:NCName': /^[\p{L}_][\p{L}\p{Nd}._\-\u00B7\u0300-\u036F\u203F-\u2040]*$/u,
  'xs:Name': /^[\p{L}_:][\p{L}\p{Nd}._:\-\u00B7\u0300-\u036F\u203F-\u2040]*$/u,
  'xs:NMTOKEN': /^[\p{L}\p{Nd}._:\-\u00B7\u0300-\u036F\u203F-\u2040]+$/u,
  'xs:ID': /^[\p{L}_][\p{L}\p{Nd}._\-\u00B7\u0300-\u036F\u203F-\u2040]*$/u,
};

/** The built-ins whose white space is kept as written (`preserve`) or only turned into spaces (`replace`). */
const WHITE_SPACE: Record<string, 'preserve' | 'replace'> = { 'xs:string': 'preserve', 'xs:normalizedString': 'replace', 'xs:anySimpleType': 'preserve' };

function normalizeWhiteSpace(value: string, mode: 'preserve' | 'replace' | 'collapse'): string {
  if (mode === 'preserve') return value;
  const replaced = value.replace(/[\t\n\r]/g, ' ');
  return mode === 'replace' ? replaced : replaced.replace(/ +/g, ' ').trim();
}

function typeName(typeKey: string): string {
  const brace = typeKey.lastIndexOf('}');
  return brace >= 0 ? typeKey.slice(brace + 1) : typeKey;
}

function lexicalProblem(builtin: string, value: string): boolean {
  if (INTEGER_BUILTINS.has(builtin)) {
    if (!/^[+-]?\d+$/.test(value)) return true;
    const range = INTEGER_BOUNDS[builtin];
    if (!range) return false;
    const number = BigInt(value);
    return (range[0] !== null && number < range[0]) || (range[1] !== null && number > range[1]);
  }
  if (builtin === 'xs:duration') return !/^-?P/.test(value) || Number.isNaN(durationSeconds(value));
  const expression = LEXICAL[builtin];
  return expression ? !expression.test(value) : false;
}

function facetProblem(value: string, facets: Facets, builtin: string, name: string): ValueProblem | null {
  if (facets.enumeration && facets.enumeration.length > 0 && !facets.enumeration.includes(value)) {
    return { messageKey: 'value.notInEnumeration', params: { type: name, values: facets.enumeration.join(', ') } };
  }
  if (!lengthFits(value, facets, builtin)) {
    const limits = [facets.length !== undefined ? `= ${facets.length}` : '', facets.minLength !== undefined ? `>= ${facets.minLength}` : '', facets.maxLength !== undefined ? `<= ${facets.maxLength}` : '']
      .filter(Boolean)
      .join(', ');
    return { messageKey: 'value.badLength', params: { type: name, limits } };
  }
  if (!patternsFit(value, facets)) return { messageKey: 'value.noPatternMatch', params: { type: name, expectedKey: patternDescriptionKey(facets.patterns ?? []) } };
  if (!rangeFits(value, facets, builtin)) {
    const limits = [
      facets.minInclusive !== undefined ? `>= ${facets.minInclusive}` : '',
      facets.minExclusive !== undefined ? `> ${facets.minExclusive}` : '',
      facets.maxInclusive !== undefined ? `<= ${facets.maxInclusive}` : '',
      facets.maxExclusive !== undefined ? `< ${facets.maxExclusive}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    return { messageKey: 'value.outOfRange', params: { type: name, limits } };
  }
  return null;
}

/**
 * Whether `value` is a valid lexical form of the simple type `typeKey` (a model type key or a
 * built-in `xs:…`). Null when it is, or when the type is unknown (the XSD validation decides).
 */
export function checkValue(model: SchemaModel, typeKey: string, value: string): ValueProblem | null {
  const type = model.types[typeKey];
  if (type?.kind === 'complex') return null;
  const builtin = type ? type.builtin : typeKey;
  const facets: Facets = type ? type.facets : {};
  const name = typeName(typeKey);
  if (type?.itemType) {
    const items = normalizeWhiteSpace(value, 'collapse');
    for (const item of items === '' ? [] : items.split(' ')) {
      const problem = checkValue(model, type.itemType, item);
      if (problem) return problem;
    }
    const count = items === '' ? 0 : items.split(' ').length;
    if ((facets.minLength !== undefined && count < facets.minLength) || (facets.maxLength !== undefined && count > facets.maxLength) || (facets.length !== undefined && count !== facets.length)) {
      return { messageKey: 'value.badLength', params: { type: name, limits: `${facets.minLength ?? facets.length ?? 0}..${facets.maxLength ?? facets.length ?? '∞'}` } };
    }
    return null;
  }
  const normalized = normalizeWhiteSpace(value, facets.whiteSpace ?? WHITE_SPACE[builtin] ?? 'collapse');
  if (lexicalProblem(builtin, normalized)) return { messageKey: 'value.notOfType', params: { type: name, builtin: typeName(builtin).replace(/^xs:/, '') } };
  return facetProblem(normalized, facets, builtin, name);
}
