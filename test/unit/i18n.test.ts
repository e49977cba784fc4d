import { describe, expect, it } from 'vitest';
import { CATALOGUES, LANGUAGES, formatMessage, languageFromLocales, translate } from '../../shared/common/i18n/index';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

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

  it('picks the language from OS locale tags', () => {
    expect(languageFromLocales(['fr-CA', 'en-US'])).toBe('fr');
    expect(languageFromLocales(['pt_BR.UTF-8'])).toBe('pt');
    expect(languageFromLocales(['de-DE', 'pt-PT'])).toBe('pt');
    expect(languageFromLocales(['de-DE'])).toBe('en');
  });
});
