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

export const LANGUAGES: readonly Language[] = ['en', 'fr', 'pt'];

export const ENGLISH: Catalogue = en;

/** Fills `{name}` placeholders; a placeholder without a value stays visible rather than vanishing. */
export function formatMessage(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** The message from `catalogue`, or the English one when the catalogue lacks it. */
export function translateWith(catalogue: Catalogue, key: MessageKey, params?: MessageParams): string {
  return formatMessage(catalogue[key] ?? en[key], params);
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
