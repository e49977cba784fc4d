// Numbers, sizes, durations and counted phrases in the reader's language: Intl for the numbers and
// units, Intl.PluralRules to choose between a key's ".one" and ".other" forms.
import { translate, type Language, type MessageParams } from '../i18n/index';
import { countedKey, LOCALES } from '../i18n/plural';

export function formatNumber(language: Language, value: string | number): string {
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? new Intl.NumberFormat(LOCALES[language]).format(number) : String(value);
}

function unit(language: Language, value: number, name: string, display: 'long' | 'short'): string {
  return new Intl.NumberFormat(LOCALES[language], { style: 'unit', unit: name, unitDisplay: display }).format(value);
}

export function formatMegabytes(language: Language, value: string): string {
  const number = Number(value);
  return Number.isFinite(number) ? unit(language, number, 'megabyte', 'short') : value;
}

export function formatKbps(language: Language, value: string): string {
  const number = Number(value);
  return Number.isFinite(number) ? unit(language, number, 'kilobit-per-second', 'short') : value;
}

export function formatDays(language: Language, value: string): string {
  const number = Number(value);
  return Number.isFinite(number) ? unit(language, number, 'day', 'long') : value;
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const DURATION_UNITS = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'] as const;

/** An ISO 8601 duration (P1M, PT30S) in words ("1 month", "30 seconds"); the text itself when it cannot be read. */
export function formatDuration(language: Language, text: string): string {
  const match = DURATION.exec(text.trim());
  if (!match || text.trim() === 'P' || text.trim().endsWith('T')) return text;
  const parts: string[] = [];
  DURATION_UNITS.forEach((name, index) => {
    const amount = match[index + 1];
    if (amount !== undefined) parts.push(unit(language, Number(amount), name, 'long'));
  });
  if (parts.length === 0) return text;
  return new Intl.ListFormat(LOCALES[language], { style: 'long', type: 'unit' }).format(parts);
}

/** "a, b and c" (and) or "a, b, c" (comma) in the reader's language. */
export function formatList(language: Language, items: readonly string[], style: 'and' | 'comma' = 'and'): string {
  return new Intl.ListFormat(LOCALES[language], style === 'and' ? { style: 'long', type: 'conjunction' } : { style: 'short', type: 'unit' }).format(items);
}

/** Translates `${base}.one` or `${base}.other` as the language's plural rules choose for `count`. */
export function translateCounted(language: Language, base: string, count: number, params: MessageParams = {}): string {
  const counted = countedKey(language, base, count);
  return translate(language, counted.key, { ...params, count: counted.count });
}
