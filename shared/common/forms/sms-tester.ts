// The SMS-rule tester: runs a Message rule's Pattern against a sample message the PM pastes, and
// shows what Windows would read from it — each capture group, each field mapping, the usage
// numbers with their units, and the UsageTimestamp read with the rule's Format. Reuses the lint
// helpers (analysePattern, analyseTimestampFormat) so the tester and the linter agree.
import { analysePattern, analyseTimestampFormat, readSmsMessage } from '../lint/sms-rules';
import { childElements, textContent, type XmlElementNode } from '../xml/model';

export const UNIT_MULTIPLIERS: Readonly<Record<string, number>> = {
  None: 1,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
};

export interface SmsFieldRule {
  /** Field element name: Usage, UsagePercentage, UsageTimestamp, DataLimit, OverDataLimit, PlanType, … */
  name: string;
  /** Attributes as written on the field element. */
  attributes: Readonly<Record<string, string>>;
}

export interface SmsRule {
  pattern: string;
  /** Units/@K, @M, … : space-separated tokens that stand for each multiplier in the message. */
  units?: Readonly<Record<string, string>>;
  fields: readonly SmsFieldRule[];
}

/** The tester's reading of a Message rule element (through the one reader the lint rules use too). */
export function smsRuleOf(message: XmlElementNode): SmsRule {
  const { pattern, units, fields } = readSmsMessage(message);
  return {
    pattern: pattern ? textContent(pattern) : '',
    ...(units ? { units: Object.fromEntries(units.attributes.filter((attribute) => !attribute.name.startsWith('xmlns')).map((attribute) => [attribute.name, attribute.value])) } : {}),
    fields: fields
      ? childElements(fields).map((field) => ({
          name: field.localName,
          attributes: Object.fromEntries(field.attributes.map((attribute) => [attribute.name, attribute.value])),
        }))
      : [],
  };
}

export interface SmsFieldResult {
  name: string;
  group?: number;
  /** The captured text ('' when the group did not participate). */
  raw?: string;
  /** What Windows would make of it, shown to the PM: a number, a flag, a plan type, a date. */
  value?: string | number | boolean;
  /** Usage-like numbers: the multiplier applied and the value in bytes / kbps. */
  unit?: string;
  bytes?: number;
  megabytes?: number;
  /** Set when the field could not be read (missing group, unparsable number, timestamp mismatch). */
  problem?: SmsFieldProblem;
  problemParams?: Record<string, string>;
}

export type SmsFieldProblem = 'noSuchGroup' | 'notANumber' | 'unknownUnit' | 'timestampMismatch' | 'badFormat' | 'tokenNotRecognised';

export interface SmsTestResult {
  compileError: string | null;
  matched: boolean;
  /** Group 0 (the whole match) then each capture group; undefined where a group did not participate. */
  groups: (string | undefined)[];
  fields: SmsFieldResult[];
  nonPortable: string[];
}

const NUMBER_FIELDS = new Set(['Usage', 'UsageOverage', 'DataLimit', 'InboundBandwidth', 'OutboundBandwidth']);
const PERCENT_FIELDS = new Set(['UsagePercentage', 'UsageOveragePercentage']);
const BOOLEAN_FIELDS = new Set(['OverDataLimit', 'Congested', 'RefreshProvisioning', 'ActivationComplete']);

function tokens(list: string | undefined): string[] {
  return (list ?? '').split(/\s+/).filter(Boolean);
}

/** Parses a number as an operator writes it: "1,234.5", "1 234,5" are refused unless unambiguous. */
export function parseUsageNumber(text: string): number {
  const clean = text.trim().replace(/,(?=\d{3}(\D|$))/g, '');
  return /^-?\d+(\.\d+)?$/.test(clean) ? Number(clean) : NaN;
}

/** Which multiplier a captured unit text stands for, by the rule's Units tokens, then by the multiplier names themselves. */
export function unitFor(text: string, units: Readonly<Record<string, string>> | undefined): string | undefined {
  const wanted = text.trim();
  if (wanted === '') return undefined;
  for (const [multiplier, list] of Object.entries(units ?? {})) if (tokens(list).includes(wanted)) return multiplier;
  if (UNIT_MULTIPLIERS[wanted] !== undefined) return wanted;
  const upper = wanted.toUpperCase();
  const guess: Record<string, string> = { KB: 'K', MB: 'M', GB: 'G', TB: 'T', KIB: 'Ki', MIB: 'Mi', GIB: 'Gi', TIB: 'Ti' };
  return guess[upper];
}

export interface ParsedTimestamp {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** ISO 8601 without zone (the message does not say which zone). */
  iso: string;
}

/** Reads a timestamp with the seed's % format (%d %H %I %m %M %S %y %Y %p and the %#x forms). Null on mismatch. */
export function parseTimestamp(text: string, format: string, amToken = 'AM', pmToken = 'PM'): ParsedTimestamp | null {
  const analysis = analyseTimestampFormat(format);
  if (analysis.invalidTokens.length > 0 || analysis.identifiers.length === 0) return null;
  let source = '';
  const order: string[] = [];
  const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (let index = 0; index < format.length; index++) {
    const character = format[index]!;
    if (character !== '%') {
      source += /\s/.test(character) ? '\\s+' : escape(character);
      continue;
    }
    if (format[index + 1] === '%') {
      source += '%';
      index++;
      continue;
    }
    const noZeros = format[index + 1] === '#';
    const letter = format[index + (noZeros ? 2 : 1)]!;
    index += noZeros ? 2 : 1;
    order.push(letter);
    if (letter === 'Y') source += noZeros ? '(\\d{1,4})' : '(\\d{4})';
    else if (letter === 'p') source += `(${escape(amToken)}|${escape(pmToken)})`;
    else source += noZeros ? '(\\d{1,2})' : '(\\d{2})';
  }
  const match = new RegExp(`^${source}$`, 'i').exec(text.trim());
  if (!match) return null;
  const now = { year: 2000, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  let hour12: number | undefined;
  let pm: boolean | undefined;
  order.forEach((letter, position) => {
    const raw = match[position + 1]!;
    const value = Number(raw);
    switch (letter) {
      case 'Y':
        now.year = value;
        break;
      case 'y':
        now.year = 2000 + value;
        break;
      case 'm':
        now.month = value;
        break;
      case 'd':
        now.day = value;
        break;
      case 'H':
        now.hour = value;
        break;
      case 'I':
        hour12 = value;
        break;
      case 'M':
        now.minute = value;
        break;
      case 'S':
        now.second = value;
        break;
      case 'p':
        pm = raw.toLowerCase() === pmToken.toLowerCase();
        break;
    }
  });
  if (hour12 !== undefined) {
    if (hour12 < 1 || hour12 > 12) return null;
    now.hour = (hour12 % 12) + (pm ? 12 : 0);
  }
  const daysInMonth = [31, now.year % 4 === 0 && (now.year % 100 !== 0 || now.year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (now.month < 1 || now.month > 12 || now.day < 1 || now.day > daysInMonth[now.month - 1]! || now.hour > 23 || now.minute > 59 || now.second > 59) return null;
  const two = (value: number) => String(value).padStart(2, '0');
  const iso = `${String(now.year).padStart(4, '0')}-${two(now.month)}-${two(now.day)}T${two(now.hour)}:${two(now.minute)}:${two(now.second)}`;
  return { ...now, iso };
}

function groupNumber(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

function readField(field: SmsFieldRule, groups: (string | undefined)[], rule: SmsRule): SmsFieldResult {
  const attributes = field.attributes;
  const result: SmsFieldResult = { name: field.name };
  const group = groupNumber(attributes.Group);
  if (group !== undefined) {
    result.group = group;
    if (group >= groups.length) return { ...result, problem: 'noSuchGroup', problemParams: { group: String(group) } };
    result.raw = groups[group] ?? '';
  }
  if (NUMBER_FIELDS.has(field.name)) {
    const number = parseUsageNumber(result.raw ?? '');
    if (Number.isNaN(number)) return { ...result, problem: 'notANumber', problemParams: { text: result.raw ?? '' } };
    let unit = attributes.DefaultUnit ?? 'None';
    const unitGroup = groupNumber(attributes.UnitGroup);
    if (unitGroup !== undefined) {
      if (unitGroup >= groups.length) return { ...result, problem: 'noSuchGroup', problemParams: { group: String(unitGroup) } };
      const unitText = groups[unitGroup] ?? '';
      if (unitText.trim() !== '') {
        const found = unitFor(unitText, rule.units);
        if (!found) return { ...result, value: number, problem: 'unknownUnit', problemParams: { text: unitText } };
        unit = found;
      }
    }
    const multiplier = UNIT_MULTIPLIERS[unit] ?? 1;
    result.value = number;
    result.unit = unit;
    result.bytes = number * multiplier;
    result.megabytes = (number * multiplier) / 1e6;
    return result;
  }
  if (PERCENT_FIELDS.has(field.name)) {
    const number = parseUsageNumber((result.raw ?? '').replace(/%$/, ''));
    if (Number.isNaN(number)) return { ...result, problem: 'notANumber', problemParams: { text: result.raw ?? '' } };
    result.value = number;
    return result;
  }
  if (field.name === 'UsageTimestamp') {
    const format = attributes.Format ?? '';
    const analysis = analyseTimestampFormat(format);
    if (analysis.invalidTokens.length > 0 || analysis.identifiers.length === 0) return { ...result, problem: 'badFormat', problemParams: { format } };
    const parsed = parseTimestamp(result.raw ?? '', format, attributes.AmToken, attributes.PmToken);
    if (!parsed) return { ...result, problem: 'timestampMismatch', problemParams: { format, text: result.raw ?? '' } };
    result.value = parsed.iso;
    return result;
  }
  if (BOOLEAN_FIELDS.has(field.name)) {
    const fallback = attributes.Default === 'true' || attributes.Default === '1';
    if (group === undefined) {
      result.value = fallback;
      return result;
    }
    const raw = (result.raw ?? '').trim();
    if (attributes.TrueToken !== undefined && raw === attributes.TrueToken) result.value = true;
    else if (attributes.FalseToken !== undefined && raw === attributes.FalseToken) result.value = false;
    else result.value = fallback;
    return result;
  }
  if (field.name === 'PlanType') {
    const raw = (result.raw ?? '').trim();
    for (const [planType, list] of [
      ['Unrestricted', attributes.UnrestrictedTokens],
      ['Fixed', attributes.FixedTokens],
      ['Variable', attributes.VariableTokens],
    ] as const) {
      if (raw !== '' && tokens(list).includes(raw)) {
        result.value = planType;
        return result;
      }
    }
    if (attributes.Default) result.value = attributes.Default;
    else if (group !== undefined) return { ...result, problem: 'tokenNotRecognised', problemParams: { text: raw } };
    return result;
  }
  return result;
}

/** Runs the rule on one sample message. */
export function testSmsRule(rule: SmsRule, message: string): SmsTestResult {
  const analysis = analysePattern(rule.pattern);
  if (analysis.compileError) return { compileError: analysis.compileError, matched: false, groups: [], fields: [], nonPortable: [] };
  const match = new RegExp(rule.pattern).exec(message);
  if (!match) return { compileError: null, matched: false, groups: [], fields: [], nonPortable: analysis.nonPortable };
  const groups = [...match];
  return { compileError: null, matched: true, groups, fields: rule.fields.map((field) => readField(field, groups, rule)), nonPortable: analysis.nonPortable };
}
