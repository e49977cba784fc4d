// HRESULT reading and decoding. An HRESULT is 32 bits: S (bit 31, failure), R, C (bit 29,
// customer), N, X, an 11-bit facility (bits 16-26) and a 16-bit code. HRESULT_FROM_WIN32(e) is
// 0x80070000 | e. Texts are in hresult-table.ts; anything else is split into its parts and shown
// as unknown.
import type { Language } from '../i18n/index';
import { FACILITY_NAMES, HRESULT_TABLE, WIN32_TABLE, type TableEntry } from './hresult-table';
import type { DecodedHresult } from './types';

export type ErrorCodeDeviation = 'uppercase' | 'prefix' | 'short' | 'decimal' | 'symbol' | 'whitespace';

export interface ParsedErrorCode {
  /** Unsigned 32-bit value, when the text could be read. */
  value?: number;
  /** Eight lower-case hex digits, when the text could be read. */
  hex?: string;
  /** How the text differs from the schema form ([0-9a-f]{8}). Empty when it matches. */
  deviations: ErrorCodeDeviation[];
}

export function toHex(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}

/**
 * Reads an errorCode attribute value. Accepts the schema form and the deviations real files show:
 * upper-case hex, a 0x prefix, fewer than 8 digits, a signed decimal (-2147024891), the literal S_OK.
 */
export function parseErrorCode(raw: string): ParsedErrorCode {
  const deviations: ErrorCodeDeviation[] = [];
  const text = raw.trim();
  if (text !== raw) deviations.push('whitespace');
  if (/^S_OK$/i.test(text)) return { value: 0, hex: '00000000', deviations: [...deviations, 'symbol'] };
  if (/^-\d{1,10}$/.test(text)) {
    const signed = Number(text);
    if (signed >= -2147483648) return { value: signed >>> 0, hex: toHex(signed), deviations: [...deviations, 'decimal'] };
    return { deviations };
  }
  const match = /^(0[xX])?([0-9a-fA-F]{1,8})[lL]?$/.exec(text);
  if (!match) return { deviations };
  const digits = match[2] as string;
  if (match[1]) deviations.push('prefix');
  if (/[A-F]/.test(digits)) deviations.push('uppercase');
  if (digits.length < 8) deviations.push('short');
  const value = parseInt(digits, 16) >>> 0;
  return { value, hex: toHex(value), deviations };
}

function lookup(value: number): TableEntry | undefined {
  const direct = HRESULT_TABLE.get(value);
  if (direct) return direct;
  if ((value & 0xffff0000) >>> 0 === 0x80070000) return WIN32_TABLE.get(value & 0xffff);
  return undefined;
}

/** Splits and names an HRESULT. Never throws. */
export function decodeHresult(input: number): DecodedHresult {
  const value = input >>> 0;
  const failure = (value & 0x80000000) !== 0;
  const facility = (value >>> 16) & 0x7ff;
  const code = value & 0xffff;
  const entry = lookup(value);
  const facilityName = FACILITY_NAMES.get(facility);
  const decoded: DecodedHresult = {
    hex: toHex(value),
    value,
    kind: entry?.kind ?? (value === 0 ? 'success' : 'unknown'),
    known: !!entry,
    failure,
    customer: (value & 0x20000000) !== 0,
    facility,
    code,
  };
  if (entry) decoded.symbol = entry.symbol;
  if (entry?.alias) decoded.alias = entry.alias;
  if (facilityName) decoded.facilityName = facilityName;
  if (failure && facility === 7) decoded.win32 = code;
  return decoded;
}

export interface HresultDescription {
  /** "0x80070426" */
  display: string;
  /** Symbol (with alias), or a neutral label for unknown codes. */
  name: string;
  meaning: string;
  advice: string;
}

const LANGUAGE_INDEX: Record<Language, 0 | 1 | 2> = { en: 0, fr: 1, pt: 2 };

const UNKNOWN: Record<Language, { name: string; meaning: (d: DecodedHresult) => string; win32: (d: DecodedHresult) => string; advice: string }> = {
  en: {
    name: 'Unknown code',
    meaning: (d) => `Not in our table. ${d.failure ? 'Failure' : 'Success'} code, facility ${d.facility}${d.facilityName ? ` (${d.facilityName})` : ''}, code ${d.code} (0x${d.code.toString(16).padStart(4, '0')}).`,
    win32: (d) => `Win32 error ${d.code} (not in our table), returned as an HRESULT.`,
    advice: 'Look the code up in the Windows error reference and in the NetworkProvisioning event log; attach this report to the bug.',
  },
  fr: {
    name: 'Code inconnu',
    meaning: (d) => `Absent de notre table. Code ${d.failure ? 'd’échec' : 'de succès'}, facility ${d.facility}${d.facilityName ? ` (${d.facilityName})` : ''}, code ${d.code} (0x${d.code.toString(16).padStart(4, '0')}).`,
    win32: (d) => `Erreur Win32 ${d.code} (absente de notre table), renvoyée sous forme de HRESULT.`,
    advice: 'Recherchez le code dans la référence des erreurs Windows et dans le journal d’événements NetworkProvisioning ; joignez ce rapport au bogue.',
  },
  pt: {
    name: 'Código desconhecido',
    meaning: (d) => `Fora da nossa tabela. Código de ${d.failure ? 'falha' : 'sucesso'}, facility ${d.facility}${d.facilityName ? ` (${d.facilityName})` : ''}, código ${d.code} (0x${d.code.toString(16).padStart(4, '0')}).`,
    win32: (d) => `Erro Win32 ${d.code} (fora da nossa tabela), retornado como HRESULT.`,
    advice: 'Procure o código na referência de erros do Windows e no log de eventos NetworkProvisioning; anexe este relatório ao bug.',
  },
};

/** Name, meaning and advice of an HRESULT in one language. */
export function describeHresult(input: number | DecodedHresult, language: Language): HresultDescription {
  const decoded = typeof input === 'number' ? decodeHresult(input) : input;
  const display = `0x${decoded.hex}`;
  const entry = lookup(decoded.value);
  const index = LANGUAGE_INDEX[language];
  if (entry) {
    return {
      display,
      name: entry.alias ? `${entry.symbol} (${entry.alias})` : entry.symbol,
      meaning: entry.meaning[index],
      advice: entry.advice[index],
    };
  }
  const unknown = UNKNOWN[language];
  if (decoded.win32 !== undefined) {
    return { display, name: `HRESULT_FROM_WIN32(${decoded.win32})`, meaning: unknown.win32(decoded), advice: unknown.advice };
  }
  return { display, name: unknown.name, meaning: unknown.meaning(decoded), advice: unknown.advice };
}

/** Every HRESULT value our table knows (HRESULT table and HRESULT_FROM_WIN32 of the Win32 table). */
export function knownHresults(): number[] {
  return [...HRESULT_TABLE.keys(), ...[...WIN32_TABLE.keys()].map((code) => (0x80070000 | code) >>> 0)];
}
