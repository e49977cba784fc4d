// What every user of the catalogues needs without loading more than English: the message
// format, the language choice, and English (the reference catalogue and every fallback).
// index.ts adds the French and Portuguese catalogues; load.ts fetches just one of them on demand
// (the CLI, which starts per call and must not parse catalogues nobody reads).
import { en, type MessageKey } from './en';

export type { MessageKey } from './en';
export type Language = 'en' | 'fr' | 'pt';
export type LanguageSetting = Language | 'system';
export type MessageParams = Record<string, string | number>;
export type Catalogue = Record<MessageKey, string>;
/** A message in the reader's language (the UI's `t`, or a bound `translate`). */
export type MessageTranslator = (key: MessageKey, params?: MessageParams) => string;

export const LANGUAGES: readonly Language[] = ['en', 'fr', 'pt'];

export const ENGLISH: Catalogue = en;

/**
 * Fills a message. `{name}` takes a parameter (a placeholder without a value stays visible rather
 * than vanishing). `{count, plural, one {# item failed} other {# items failed}}` picks the branch
 * the language's plural rules (Intl.PluralRules for `locale`) choose for the number `count`; `=0`
 * style exact branches come first; `#` in a branch is the number. Branches may hold `{name}`.
 */
export function formatMessage(template: string, params: MessageParams = {}, locale = 'en'): string {
  let result = '';
  let position = 0;
  for (;;) {
    const open = template.indexOf('{', position);
    if (open === -1) return result + template.slice(position);
    result += template.slice(position, open);
    const simple = /^\{(\w+)\}/.exec(template.slice(open));
    if (simple) {
      const name = simple[1]!;
      result += name in params ? String(params[name]) : simple[0];
      position = open + simple[0].length;
      continue;
    }
    const plural = /^\{(\w+),\s*plural,/.exec(template.slice(open));
    const end = plural ? matchingBrace(template, open) : -1;
    if (!plural || end === -1) {
      result += '{';
      position = open + 1;
      continue;
    }
    result += formatPlural(plural[1]!, template.slice(open + plural[0].length, end), params, locale);
    position = end + 1;
  }
}

/** The index of the `}` closing the `{` at `open`, or -1. */
function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    if (text[index] === '{') depth++;
    else if (text[index] === '}' && --depth === 0) return index;
  }
  return -1;
}

const pluralRules = new Map<string, Intl.PluralRules>();

/**
 * The plural category of `count` in `locale`. An English integer is answered without ICU (CLDR's
 * rule: "one" for 1 and -1, "other" for every other integer; a test compares it with
 * Intl.PluralRules): creating Intl.PluralRules maps about 2 MB of ICU's data, a visible part of a
 * short CLI run ("1 file checked", whole process about 60 MB). Anything else asks ICU.
 */
export function pluralCategory(locale: string, count: number): Intl.LDMLPluralRule {
  if (locale === 'en' && Number.isInteger(count)) return Math.abs(count) === 1 ? 'one' : 'other';
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(count);
}

/** The branches of a plural (`one {…} other {…}`), the one chosen for params[name], filled. */
function formatPlural(name: string, body: string, params: MessageParams, locale: string): string {
  const branches = new Map<string, string>();
  const branch = /\s*(=\d+|zero|one|two|few|many|other)\s*\{/g;
  let match: RegExpExecArray | null;
  while ((match = branch.exec(body))) {
    const open = match.index + match[0].length - 1;
    const close = matchingBrace(body, open);
    if (close === -1) break;
    branches.set(match[1]!, body.slice(open + 1, close));
    branch.lastIndex = close + 1;
  }
  const raw = params[name];
  const count = typeof raw === 'number' ? raw : Number(String(raw ?? '').replace(/[\s\u00a0\u202f,]/g, ''));
  if (raw === undefined || Number.isNaN(count)) return `{${name}}`;
  const chosen = branches.get(`=${count}`) ?? branches.get(pluralCategory(locale, count)) ?? branches.get('other') ?? '';
  return formatMessage(chosen.replace(/#/g, String(raw)), params, locale);
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** The message from `catalogue`, or the English one when the catalogue lacks it. */
export function translateWith(catalogue: Catalogue, key: MessageKey, params?: MessageParams): string {
  return formatMessage(catalogue[key] ?? en[key], params && withTranslatedParts(catalogue, params), catalogue['i18n.locale']);
}

/**
 * A parameter named `somethingKey` whose value is a message key is a part of the message said in
 * the reader's language: it fills `{something}` (so a finding made in one language, such as a
 * pattern's description, is shown in another).
 */
function withTranslatedParts(catalogue: Catalogue, params: MessageParams): MessageParams {
  let result = params;
  for (const [name, value] of Object.entries(params)) {
    if (!name.endsWith('Key') || typeof value !== 'string' || !isMessageKey(value)) continue;
    if (result === params) result = { ...params };
    // The part may have parts of its own (a value problem naming a pattern's description).
    const { [name]: _self, ...rest } = params;
    result[name.slice(0, -3)] = translateWith(catalogue, value, rest);
  }
  return result;
}

/** English text of a message: the `message` field of diagnostics and findings. */
export function translateEnglish(key: MessageKey, params?: MessageParams): string {
  return translateWith(en, key, params);
}

/** Picks our language from OS/browser locale tags such as "fr-CA" or "pt_BR.UTF-8"; English otherwise. */
export function languageFromLocales(locales: readonly string[]): Language {
  for (const locale of locales) {
    const primary = locale.toLowerCase().split(/[-_.]/)[0];
    if (primary === 'fr' || primary === 'pt' || primary === 'en') return primary;
  }
  return 'en';
}

export function resolveLanguage(setting: LanguageSetting, systemLocales: readonly string[]): Language {
  return setting === 'system' ? languageFromLocales(systemLocales) : setting;
}
