// Translation: one function, three catalogues. Keys are typed, so a missing key is a compile error.
import { en, type MessageKey } from './en';
import { fr } from './fr';
import { pt } from './pt';

export type { MessageKey } from './en';
export type Language = 'en' | 'fr' | 'pt';
export type LanguageSetting = Language | 'system';

export const LANGUAGES: readonly Language[] = ['en', 'fr', 'pt'];

export const CATALOGUES: Record<Language, Record<MessageKey, string>> = { en, fr, pt };

export type MessageParams = Record<string, string | number>;

/** Fills `{name}` placeholders; a placeholder without a value stays visible rather than vanishing. */
export function formatMessage(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  return formatMessage(CATALOGUES[language][key] ?? en[key], params);
}

/** A translator bound to one language; unknown keys (from a newer host, say) are shown as-is. */
export function translator(language: Language): (key: string, params?: MessageParams) => string {
  return (key, params) => (isMessageKey(key) ? translate(language, key, params) : formatMessage(key, params));
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
