// Translation: one function, three catalogues. Keys are typed, so a missing key is a compile error.
// core.ts holds what needs English only; load.ts loads a single catalogue on demand.
import { ENGLISH, formatMessage, isMessageKey, translateWith, type Catalogue, type Language, type MessageKey, type MessageParams } from './core';
import { fr } from './fr';
import { pt } from './pt';

export {
  ENGLISH,
  LANGUAGES,
  formatMessage,
  isMessageKey,
  languageFromLocales,
  resolveLanguage,
  translateEnglish,
  translateWith,
  type Catalogue,
  type Language,
  type LanguageSetting,
  type MessageKey,
  type MessageParams,
  type MessageTranslator,
} from './core';

export const CATALOGUES: Record<Language, Catalogue> = { en: ENGLISH, fr, pt };

export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  return translateWith(CATALOGUES[language], key, params);
}

/** A translator bound to one language; unknown keys (from a newer host, say) are shown as-is. */
export function translator(language: Language): (key: string, params?: MessageParams) => string {
  return (key, params) => (isMessageKey(key) ? translate(language, key, params) : formatMessage(key, params));
}
