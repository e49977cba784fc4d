// Who a mobile country code, a mobile network code and an ICCID country code belong to.
//
// MCC/MNC names come from the `mcc-mnc-list` package (kept up to date from the Wikipedia list of
// mobile network codes, with the country's ISO 3166 code for each network). Country calling codes
// (the digits after 89 in an ICCID, ITU-T E.118) come from libphonenumber-js' metadata. Country
// names are the runtime's own (Intl.DisplayNames), in the user's language.
//
// The MCC/MNC list is large (about 900 kB of JSON), so it is loaded on first use, never bundled
// into a page that does not need it.
import phoneMetadata from 'libphonenumber-js/min/metadata';
import type { Language } from '../i18n/index';

/** One network as the MCC/MNC list records it (the fields we use). */
export interface NetworkRecord {
  mcc: string;
  mnc: string;
  countryCode: string | null;
  countryName: string | null;
  brand: string | null;
  operator: string | null;
  status: string | null;
  type: string | null;
}

export interface NetworkName {
  brand: string | null;
  operator: string | null;
  status: string | null;
  /** ISO 3166-1 alpha-2 codes of the countries where this MCC+MNC is used (upper case). */
  countries: string[];
}

export interface NetworkDirectory {
  /** Whether the MCC is assigned (appears in the list). */
  knowsMcc(mcc: string): boolean;
  /** The countries (ISO codes) that use an MCC; empty for test and international codes. */
  countriesOfMcc(mcc: string): string[];
  /** The MNC lengths in use under an MCC (2, 3 or both). */
  mncLengths(mcc: string): number[];
  /** The network for MCC+MNC, or null when the list does not have it. */
  network(mcc: string, mnc: string): NetworkName | null;
}

export function createNetworkDirectory(records: readonly NetworkRecord[]): NetworkDirectory {
  const byMccMnc = new Map<string, NetworkRecord[]>();
  const countriesByMcc = new Map<string, Set<string>>();
  const lengthsByMcc = new Map<string, Set<number>>();
  for (const record of records) {
    if (!/^\d{3}$/.test(record.mcc) || !/^\d{2,3}$/.test(record.mnc)) continue;
    const key = `${record.mcc}-${record.mnc}`;
    byMccMnc.set(key, [...(byMccMnc.get(key) ?? []), record]);
    const countries = countriesByMcc.get(record.mcc) ?? new Set<string>();
    if (record.countryCode && /^[A-Za-z]{2}$/.test(record.countryCode)) countries.add(record.countryCode.toUpperCase());
    countriesByMcc.set(record.mcc, countries);
    lengthsByMcc.set(record.mcc, (lengthsByMcc.get(record.mcc) ?? new Set<number>()).add(record.mnc.length));
  }
  return {
    knowsMcc: (mcc) => countriesByMcc.has(mcc),
    countriesOfMcc: (mcc) => [...(countriesByMcc.get(mcc) ?? [])].sort(),
    mncLengths: (mcc) => [...(lengthsByMcc.get(mcc) ?? [])].sort(),
    network(mcc, mnc) {
      const found = byMccMnc.get(`${mcc}-${mnc}`);
      if (!found || found.length === 0) return null;
      // Prefer an operational entry when the list has several (one per territory, say).
      const first = found.find((record) => record.status === 'Operational') ?? (found[0] as NetworkRecord);
      const countries = [...new Set(found.map((record) => record.countryCode?.toUpperCase()).filter((code): code is string => !!code && /^[A-Z]{2}$/.test(code)))].sort();
      return { brand: first.brand || null, operator: first.operator || null, status: first.status || null, countries };
    },
  };
}

let directoryPromise: Promise<NetworkDirectory> | null = null;

/** The directory built from the installed `mcc-mnc-list` package, loaded once on first use. */
export function loadNetworkDirectory(): Promise<NetworkDirectory> {
  directoryPromise ??= import('mcc-mnc-list').then((module) => {
    const all = (module as { all?: () => NetworkRecord[] }).all ?? (module as { default: { all: () => NetworkRecord[] } }).default.all;
    return createNetworkDirectory(all());
  });
  return directoryPromise;
}

interface PhoneMetadata {
  country_calling_codes: Record<string, string[]>;
  nonGeographic?: Record<string, unknown>;
}

const CALLING_CODES: ReadonlyMap<string, string[]> = (() => {
  const metadata = phoneMetadata as unknown as PhoneMetadata;
  const codes = new Map<string, string[]>(Object.entries(metadata.country_calling_codes).map(([code, countries]) => [code, countries.filter((country) => country !== '001')]));
  // Non-geographic codes (882 and 883 international networks, for example) issue ICCIDs too.
  for (const code of Object.keys(metadata.nonGeographic ?? {})) if (!codes.has(code)) codes.set(code, []);
  return codes;
})();

/**
 * The ICCID country code at the start of `digits`: the E.164 country calling code (1 to 3 digits;
 * E.164 codes are a prefix code, so at most one length matches), with its countries (ISO codes,
 * main country first), or null.
 */
export function callingCodeAt(digits: string): { code: string; countries: string[] } | null {
  // E.118 usage: North American Numbering Plan countries write +1 as "01"; Canada uses 302 instead.
  if (digits.startsWith('01')) return { code: '01', countries: (CALLING_CODES.get('1') ?? []).filter((country) => country !== 'CA') };
  if (digits.startsWith('302')) return { code: '302', countries: ['CA'] };
  for (const length of [1, 2, 3]) {
    const code = digits.slice(0, length);
    const countries = CALLING_CODES.get(code);
    if (countries) return { code, countries };
  }
  return null;
}

const displayNames = new Map<Language, Intl.DisplayNames>();

/** A country's name in the user's language ("France", "França"), or its code if the runtime lacks it. */
export function countryName(isoCode: string, language: Language): string {
  let names = displayNames.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language === 'pt' ? 'pt-BR' : language], { type: 'region', fallback: 'code' });
    displayNames.set(language, names);
  }
  try {
    return names.of(isoCode) ?? isoCode;
  } catch {
    return isoCode;
  }
}
