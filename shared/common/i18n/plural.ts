// Counted phrases without a catalogue: Intl.PluralRules chooses a key's ".one" or ".other" form and
// the count is written in the reader's number format. Whoever holds the active catalogue
// translates the key (the CLI loads only that one; see load.ts).
import type { Language, MessageKey } from './core';

export const LOCALES: Record<Language, string> = { en: 'en-US', fr: 'fr-FR', pt: 'pt-BR' };

/** The key for `count` of `${base}` (".one" or ".other") and the count as the language writes it. */
export function countedKey(language: Language, base: string, count: number): { key: MessageKey; count: string } {
  const category = new Intl.PluralRules(LOCALES[language]).select(count);
  return { key: (category === 'one' ? `${base}.one` : `${base}.other`) as MessageKey, count: new Intl.NumberFormat(LOCALES[language]).format(count) };
}
