// The three values Windows appends to the AccountExperienceURL, decoded and checked
// (seed 000, "Device information"):
//   SubId  GSM: IMSI (up to 15 digits)       CDMA: MIN or MIN(IRM) (10 digits)
//   DevId  GSM: IMEI (up to 15 digits)       CDMA: ESN (11 digits) or MEID (17 digits)
//   IccId  the SIM's ICCID (19-20 digits)
// Each decoder returns what the value is and the findings about it; nothing here throws.
import { luhnCheckDigit } from '../lint/identifiers';
import type { MessageKey, MessageParams } from '../i18n/index';
import { callingCodeAt, type NetworkDirectory, type NetworkName } from './networks';

export type UrlField = 'base' | 'SubId' | 'DevId' | 'IccId';
export type Severity = 'error' | 'warning' | 'info';
export type DeviceClass = 'gsm' | 'cdma';

export interface Finding {
  field: UrlField;
  severity: Severity;
  /** Stable identifier, e.g. "devid-imei-luhn". */
  code: string;
  key: MessageKey;
  params: MessageParams;
}

export type SubscriberId =
  | { kind: 'imsi'; digits: string; mcc: string; mnc: string | null; msin: string | null; mccCountries: string[]; network: NetworkName | null }
  | { kind: 'min'; digits: string }
  | { kind: 'invalid'; digits: string };

export type DeviceId =
  | { kind: 'imei'; digits: string; tac: string; serial: string; checkDigit: string | null }
  | { kind: 'esn'; digits: string; manufacturerCode: number; serial: number; hex: string }
  | { kind: 'meid'; digits: string; form: 'decimal-17' | 'decimal-18' | 'hex'; manufacturerCode: string | null; serial: string | null; hex: string | null }
  | { kind: 'invalid'; digits: string };

export interface Iccid {
  digits: string;
  valid: boolean;
  /** "89" followed by the country calling code, when one was found. */
  issuerPrefix: string | null;
  countryCode: string | null;
  countries: string[];
}

export function deviceClassOfSubscriber(id: SubscriberId): DeviceClass | null {
  return id.kind === 'imsi' ? 'gsm' : id.kind === 'min' ? 'cdma' : null;
}

export function deviceClassOfDevice(id: DeviceId): DeviceClass | null {
  return id.kind === 'imei' ? 'gsm' : id.kind === 'esn' || id.kind === 'meid' ? 'cdma' : null;
}

function finding(field: UrlField, severity: Severity, code: string, key: MessageKey, params: MessageParams = {}): Finding {
  return { field, severity, code, key, params };
}

// ---- SubId -----------------------------------------------------------------------------------

/**
 * Decodes a SubId. A 10-digit value is a CDMA MIN unless the DevId says the device is GSM (an IMEI),
 * in which case it is a short IMSI.
 */
export function decodeSubscriberId(value: string, directory: NetworkDirectory, deviceHint: DeviceClass | null): { id: SubscriberId; findings: Finding[] } {
  const findings: Finding[] = [];
  const invalid = (code: string, key: MessageKey, params: MessageParams = {}) => {
    findings.push(finding('SubId', 'error', code, key, params));
    return { id: { kind: 'invalid', digits: value } as SubscriberId, findings };
  };
  if (value === '') return invalid('subid-empty', 'website.subid.empty');
  if (!/^\d+$/.test(value)) return invalid('subid-not-digits', 'website.subid.notDigits');
  if (value.length > 15) return invalid('subid-too-long', 'website.subid.tooLong', { length: value.length });
  if (value.length === 10 && deviceHint !== 'gsm') return { id: { kind: 'min', digits: value }, findings };
  // MCC (3) + MNC (2-3) + at least one MSIN digit.
  if (value.length < 6) return invalid('subid-too-short', 'website.subid.tooShort', { length: value.length });
  const mcc = value.slice(0, 3);
  if (!directory.knowsMcc(mcc)) return invalid('subid-unknown-mcc', 'website.subid.unknownMcc', { mcc });
  // The MCC decides the MNC length; where the list has both lengths, the longer match wins.
  let mnc: string | null = null;
  let network: NetworkName | null = null;
  for (const length of [...directory.mncLengths(mcc)].sort((a, b) => b - a)) {
    const candidate = value.slice(3, 3 + length);
    const found = directory.network(mcc, candidate);
    if (found) {
      mnc = candidate;
      network = found;
      break;
    }
  }
  if (!mnc) findings.push(finding('SubId', 'warning', 'subid-unknown-mnc', 'website.subid.unknownMnc', { mcc }));
  const id: SubscriberId = { kind: 'imsi', digits: value, mcc, mnc, msin: mnc ? value.slice(3 + mnc.length) : null, mccCountries: directory.countriesOfMcc(mcc), network };
  return { id, findings };
}

// ---- DevId -----------------------------------------------------------------------------------

/** The Luhn check digit over hexadecimal digits (the MEID check digit, 3GPP2 X.S0008). */
export function hexLuhnCheckDigit(hexDigits: string): string {
  let sum = 0;
  for (let index = 0; index < hexDigits.length; index++) {
    let value = parseInt(hexDigits[hexDigits.length - 1 - index] as string, 16);
    if (index % 2 === 0) {
      value *= 2;
      value = Math.floor(value / 16) + (value % 16);
    }
    sum += value;
  }
  return ((16 - (sum % 16)) % 16).toString(16).toUpperCase();
}

const MAX_24_BITS = 0xffffff;

export function decodeDeviceId(value: string): { id: DeviceId; findings: Finding[] } {
  const findings: Finding[] = [];
  const invalid = (code: string, key: MessageKey, params: MessageParams = {}) => {
    findings.push(finding('DevId', 'error', code, key, params));
    return { id: { kind: 'invalid', digits: value } as DeviceId, findings };
  };
  if (value === '') return invalid('devid-empty', 'website.devid.empty');
  if (/^\d+$/.test(value)) {
    switch (value.length) {
      case 15: {
        const expected = String(luhnCheckDigit(value.slice(0, 14)));
        const actual = value.slice(14);
        if (expected !== actual) return invalid('devid-imei-luhn', 'website.devid.imeiLuhn', { expected, actual });
        return { id: { kind: 'imei', digits: value, tac: value.slice(0, 8), serial: value.slice(8, 14), checkDigit: actual }, findings };
      }
      case 14:
        findings.push(finding('DevId', 'warning', 'devid-imei-no-check-digit', 'website.devid.imeiNoCheckDigit', { expected: luhnCheckDigit(value) }));
        return { id: { kind: 'imei', digits: value, tac: value.slice(0, 8), serial: value.slice(8, 14), checkDigit: null }, findings };
      case 16:
        return invalid('devid-imeisv', 'website.devid.imeisv');
      case 11: {
        // Decimal ESN: 3-digit manufacturer code (8 bits) and 8-digit serial number (24 bits).
        const manufacturerCode = Number(value.slice(0, 3));
        const serial = Number(value.slice(3));
        if (manufacturerCode > 255 || serial > MAX_24_BITS) return invalid('devid-esn-range', 'website.devid.esnRange', { manufacturer: value.slice(0, 3), serial: value.slice(3) });
        const hex = ((manufacturerCode << 24) >>> 0) + serial;
        return { id: { kind: 'esn', digits: value, manufacturerCode, serial, hex: hex.toString(16).toUpperCase().padStart(8, '0') }, findings };
      }
      case 17:
        // The length Windows' documentation gives for a MEID; it is no standard MEID form, so the
        // value is accepted as documented but cannot be split into manufacturer code and serial.
        findings.push(finding('DevId', 'info', 'devid-meid-17', 'website.devid.meid17'));
        return { id: { kind: 'meid', digits: value, form: 'decimal-17', manufacturerCode: null, serial: null, hex: null }, findings };
      case 18: {
        // Decimal MEID: 10-digit manufacturer code (32 bits) and 8-digit serial number (24 bits).
        const manufacturer = Number(value.slice(0, 10));
        const serial = Number(value.slice(10));
        if (manufacturer > 0xffffffff || serial > MAX_24_BITS) return invalid('devid-meid-range', 'website.devid.meidRange');
        const hex = manufacturer.toString(16).toUpperCase().padStart(8, '0') + serial.toString(16).toUpperCase().padStart(6, '0');
        if (!/^[A-F]/.test(hex)) return invalid('devid-meid-region', 'website.devid.meidRegion', { hex });
        return { id: { kind: 'meid', digits: value, form: 'decimal-18', manufacturerCode: value.slice(0, 10), serial: value.slice(10), hex }, findings };
      }
      case 8:
        return invalid('devid-esn-hex', 'website.devid.esnHex', { decimal: esnDecimal(value) });
      default:
        return invalid('devid-length', 'website.devid.length', { length: value.length });
    }
  }
  if (/^[0-9A-Fa-f]+$/.test(value)) {
    const hex = value.toUpperCase();
    if (hex.length === 8) return invalid('devid-esn-hex', 'website.devid.esnHex', { decimal: esnDecimal(hex) });
    if (hex.length === 14 || hex.length === 15) {
      // A MEID's regional code (first two hex digits) is A0-FF; 00-99 would be an IMEI.
      if (!/^[A-F]/.test(hex)) return invalid('devid-meid-region', 'website.devid.meidRegion', { hex });
      if (hex.length === 15) {
        const expected = hexLuhnCheckDigit(hex.slice(0, 14));
        const actual = hex.slice(14);
        if (expected !== actual) return invalid('devid-meid-check', 'website.devid.meidCheck', { expected, actual });
      }
      findings.push(finding('DevId', 'warning', 'devid-meid-hex', 'website.devid.meidHex'));
      return { id: { kind: 'meid', digits: value, form: 'hex', manufacturerCode: hex.slice(0, 8), serial: hex.slice(8, 14), hex: hex.slice(0, 14) }, findings };
    }
  }
  return invalid('devid-not-digits', 'website.devid.notDigits');
}

function esnDecimal(hex: string): string {
  const value = parseInt(hex, 16);
  return String(value >>> 24).padStart(3, '0') + String(value & MAX_24_BITS).padStart(8, '0');
}

// ---- IccId -----------------------------------------------------------------------------------

/** Decodes an ICCID (ITU-T E.118): 89 (telecommunications), country calling code, issuer, account, Luhn check digit. */
export function decodeIccid(value: string): { id: Iccid; findings: Finding[] } {
  const findings: Finding[] = [];
  const id: Iccid = { digits: value, valid: false, issuerPrefix: null, countryCode: null, countries: [] };
  const invalid = (code: string, key: MessageKey, params: MessageParams = {}) => {
    findings.push(finding('IccId', 'error', code, key, params));
    return { id, findings };
  };
  if (value === '') return invalid('iccid-empty', 'website.iccid.empty');
  if (!/^\d+$/.test(value)) return invalid('iccid-not-digits', 'website.iccid.notDigits');
  if (value.length < 19 || value.length > 20) return invalid('iccid-length', 'website.iccid.length', { length: value.length });
  if (!value.startsWith('89')) return invalid('iccid-prefix', 'website.iccid.prefix', { prefix: value.slice(0, 2) });
  const callingCode = callingCodeAt(value.slice(2));
  if (callingCode) {
    id.countryCode = callingCode.code;
    id.countries = callingCode.countries;
    id.issuerPrefix = `89${callingCode.code}`;
  } else {
    findings.push(finding('IccId', 'error', 'iccid-country-code', 'website.iccid.countryCode', { digits: value.slice(2, 5) }));
  }
  const expected = String(luhnCheckDigit(value.slice(0, -1)));
  const actual = value.slice(-1);
  if (expected !== actual) findings.push(finding('IccId', 'error', 'iccid-luhn', 'website.iccid.luhn', { expected, actual }));
  id.valid = findings.every((item) => item.severity !== 'error');
  return { id, findings };
}
