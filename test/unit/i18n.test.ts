import { describe, expect, it } from 'vitest';
import { pluralCategory } from '../../shared/common/i18n/core';
import { CATALOGUES, LANGUAGES, formatMessage, languageFromLocales, translate } from '../../shared/common/i18n/index';

/** Every parameter a message reads: `{name}` and the number of a plural (`{count, plural, …}`), once each. */
const placeholders = (text: string) => [...new Set([...text.matchAll(/(?<!(?:=\d+|\b(?:zero|one|two|few|many|other))\s*)\{(\w+)(?:\}|,\s*plural,)/g)].map((match) => match[1]))].sort();

describe('i18n catalogues', () => {
  const english = CATALOGUES.en;

  it.each(LANGUAGES)('%s has exactly the English keys', (language) => {
    expect(Object.keys(CATALOGUES[language]).sort()).toEqual(Object.keys(english).sort());
  });

  it.each(LANGUAGES)('%s uses the same placeholders as English in every message', (language) => {
    for (const [key, text] of Object.entries(CATALOGUES[language])) {
      expect(placeholders(text), `${language} ${key}`).toEqual(placeholders(english[key as keyof typeof english]));
    }
  });

  it.each(['fr', 'pt'] as const)('%s is translated, not copied (menus and dialogs)', (language) => {
    const copied = Object.entries(CATALOGUES[language]).filter(
      ([key, text]) => (key.startsWith('menu.') || key.startsWith('confirm.') || key.startsWith('error.')) && text === english[key as keyof typeof english],
    );
    expect(copied.map(([key]) => key)).toEqual(['error.ok']);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(formatMessage('Ln {line}, Col {column}', { line: 3, column: 9 })).toBe('Ln 3, Col 9');
    expect(formatMessage('{missing} stays', {})).toBe('{missing} stays');
    expect(translate('fr', 'menu.file')).toBe('Fichier');
  });

  it.each(LANGUAGES)('%s has no "(s)"-style plural: counts go through plural rules', (language) => {
    // "file(s)", "erreur(s)", "item(ns)", "alteração(ões)", "character(s)": a word with a plural ending in parentheses.
    const bracketed = Object.entries(CATALOGUES[language]).filter(([, text]) => /\p{L}\((?:s|es|x|ns|ões|ães|is)\)/u.test(text) || /\(s\)/.test(text));
    expect(bracketed.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });

  it('chooses plural branches with each language\'s rules (Intl.PluralRules)', () => {
    expect(translate('en', 'inspector.summaryFailed', { failed: 1, applied: 3 })).toBe('1 item failed, 3 applied.');
    expect(translate('en', 'inspector.summaryFailed', { failed: 2, applied: 0 })).toBe('2 items failed, 0 applied.');
    expect(translate('en', 'schema.tooShort', { element: 'Name', length: 0, limit: 1 })).toBe('Name is too short: 0 characters where at least 1 character is required.');
    // French and Brazilian Portuguese put 0 and 1 in the "one" category; English only 1.
    expect(translate('fr', 'cli.validate.totals', { files: 1, errors: 0, warnings: 2, infos: 1 })).toBe('1 fichier vérifié : 0 erreur, 2 avertissements, 1 remarque.');
    expect(translate('pt', 'cli.validate.totals', { files: 2, errors: 1, warnings: 0, infos: 3 })).toBe('2 arquivos verificados: 1 erro, 0 aviso, 3 notas.');
    expect(translate('en', 'cli.validate.totals', { files: 1, errors: 0, warnings: 1, infos: 2 })).toBe('1 file checked: 0 errors, 1 warning, 2 notes.');
    expect(formatMessage('{n, plural, =0 {none} one {# thing} other {# things}}', { n: 0 })).toBe('none');
    expect(formatMessage('{n, plural, one {# thing} other {# things}}', {})).toBe('{n}');
  });

  it("answers English integers as ICU's plural rules do, without them", () => {
    const icu = new Intl.PluralRules('en');
    for (let count = -1100; count <= 1100; count++) expect(pluralCategory('en', count), String(count)).toBe(icu.select(count));
    for (const count of [1e6, 1e21, -0, 0.5, 1.5, 1.0000001, Number.MAX_SAFE_INTEGER]) expect(pluralCategory('en', count), String(count)).toBe(icu.select(count));
    expect(pluralCategory('fr', 0)).toBe(new Intl.PluralRules('fr').select(0));
  });

  it.each(LANGUAGES)('%s: every plural message has an "other" branch and parses', (language) => {
    for (const [key, text] of Object.entries(CATALOGUES[language])) {
      for (const match of text.matchAll(/\{(\w+),\s*plural,/g)) {
        expect(text.slice(match.index), `${language} ${key}`).toMatch(/other\s*\{/);
      }
      const filled = formatMessage(text, Object.fromEntries(placeholders(text).map((name) => [name, 2])), CATALOGUES[language]['i18n.locale']);
      expect(filled, `${language} ${key}`).not.toMatch(/plural,/);
    }
  });

  it('picks the language from OS locale tags', () => {
    expect(languageFromLocales(['fr-CA', 'en-US'])).toBe('fr');
    expect(languageFromLocales(['pt_BR.UTF-8'])).toBe('pt');
    expect(languageFromLocales(['de-DE', 'pt-PT'])).toBe('pt');
    expect(languageFromLocales(['de-DE'])).toBe('en');
  });
});
