import { describe, expect, it } from 'vitest';
import { decodeHresult, describeHresult, knownHresults, parseErrorCode } from '../../../shared/common/results/hresult';
import { HRESULT_TABLE, WIN32_TABLE } from '../../../shared/common/results/hresult-table';

const PROVCORE: [number, string][] = [
  [0x82170001, 'PROVCORE_E_XML_MALFORMED'],
  [0x82170002, 'PROVCORE_E_XML_INVALID'],
  [0x82170003, 'PROVCORE_E_XML_SIGNATURE_INVALID'],
  [0x82170004, 'PROVCORE_E_XML_SIGNATURE_UNTRUSTED'],
  [0x82170005, 'PROVCORE_E_XML_DIGEST_INVALID'],
  [0x82170006, 'PROVCORE_E_XML_SIGNER_UNTRUSTED'],
  [0x82170007, 'PROVCORE_E_NO_LEAF_CERT'],
  [0x8217000d, 'PROVCORE_E_SIGNING_CERTIFICATE_INVALID_FOR_SIGNING'],
  [0x8217000e, 'PROVCORE_E_XML_MISSING_SIGNATURE'],
];

describe('documented codes', () => {
  it.each(PROVCORE)('0x%s decodes to its PROVCORE name', (value, symbol) => {
    const decoded = decodeHresult(value);
    expect(decoded.symbol).toBe(symbol);
    expect(decoded.kind).toBe('provcore');
    expect(decoded.failure).toBe(true);
    expect(decoded.facility).toBe(0x217);
    for (const language of ['en', 'fr', 'pt'] as const) {
      const text = describeHresult(value, language);
      expect(text.name).toBe(symbol);
      expect(text.meaning.length).toBeGreaterThan(10);
      expect(text.advice.length).toBeGreaterThan(10);
    }
  });

  it('E_ACCESSDENIED is also ERROR_ACCESS_DENIED (HRESULT_FROM_WIN32(5))', () => {
    const decoded = decodeHresult(0x80070005);
    expect(decoded).toMatchObject({ symbol: 'E_ACCESSDENIED', alias: 'ERROR_ACCESS_DENIED', win32: 5, facility: 7, facilityName: 'FACILITY_WIN32' });
    expect(describeHresult(decoded, 'en').meaning).toMatch(/another operator/);
  });

  it('80070426 is ERROR_SERVICE_NOT_ACTIVE (the WLAN service is not running), in three languages', () => {
    expect(decodeHresult(0x80070426).symbol).toBe('ERROR_SERVICE_NOT_ACTIVE');
    expect(describeHresult(0x80070426, 'en').meaning).toMatch(/WLAN AutoConfig/);
    expect(describeHresult(0x80070426, 'fr').meaning).toMatch(/Configuration automatique WLAN/);
    expect(describeHresult(0x80070426, 'pt').meaning).toMatch(/Configuração Automática de WLAN/);
  });

  it.each([
    [0x80070002, 'ERROR_FILE_NOT_FOUND'],
    [0x80070490, 'ERROR_NOT_FOUND'],
    [0x80070057, 'E_INVALIDARG'],
    [0x80070032, 'ERROR_NOT_SUPPORTED'],
    [0x800704c7, 'ERROR_CANCELLED'],
    [0x8007000d, 'ERROR_INVALID_DATA'],
    [0x800704b6, 'ERROR_BAD_PROFILE'],
    [0x80070015, 'ERROR_NOT_READY'],
    [0x800700b7, 'ERROR_ALREADY_EXISTS'],
    [0x8007000e, 'E_OUTOFMEMORY'],
    [0x800705b4, 'ERROR_TIMEOUT'],
    [0x8007139f, 'ERROR_INVALID_STATE'],
    [0x8007048f, 'ERROR_DEVICE_NOT_CONNECTED'],
    [0x80004005, 'E_FAIL'],
    [0x80004001, 'E_NOTIMPL'],
    [0x8000ffff, 'E_UNEXPECTED'],
    [0x80342002, 'ERROR_NDIS_DOT11_POWER_STATE_INVALID'],
    [0x8054820a, 'E_MBN_SIM_NOT_INSERTED'],
    [0x800b0109, 'CERT_E_UNTRUSTEDROOT'],
  ])('0x%s is %s', (value, symbol) => {
    expect(decodeHresult(value).symbol).toBe(symbol);
  });

  it('0x00000000 is success', () => {
    expect(decodeHresult(0)).toMatchObject({ symbol: 'S_OK', kind: 'success', failure: false });
  });

  it('every table entry has real, distinct texts in en, fr and pt', () => {
    const entries = [...HRESULT_TABLE.values(), ...WIN32_TABLE.values()];
    expect(WIN32_TABLE.size).toBeGreaterThanOrEqual(25);
    for (const entry of entries) {
      for (const texts of [entry.meaning, entry.advice]) {
        expect(texts.every((text) => text.trim().length > 5)).toBe(true);
        if (entry.symbol !== 'S_OK') expect(texts[1]).not.toBe(texts[0]);
        expect(texts[2]).not.toBe(texts[0]);
      }
    }
    expect(knownHresults().length).toBe(entries.length);
  });
});

describe('unknown codes', () => {
  it('are split into severity, facility and code and said to be unknown', () => {
    const decoded = decodeHresult(0x82170abc);
    expect(decoded).toMatchObject({ known: false, kind: 'unknown', failure: true, facility: 0x217, code: 0xabc });
    const text = describeHresult(decoded, 'en');
    expect(text.name).toBe('Unknown code');
    expect(text.meaning).toContain('facility 535 (PROVCORE');
    expect(text.meaning).toContain('code 2748 (0x0abc)');
    expect(describeHresult(decoded, 'fr').name).toBe('Code inconnu');
    expect(describeHresult(decoded, 'pt').name).toBe('Código desconhecido');
  });

  it('name the facility when it is a known one, and say when it is a Win32 code we do not list', () => {
    expect(decodeHresult(0x80090abc).facilityName).toBe('FACILITY_SECURITY');
    const win32 = describeHresult(0x8007270f, 'en');
    expect(win32.name).toBe('HRESULT_FROM_WIN32(9999)');
    expect(win32.meaning).toContain('Win32 error 9999');
  });

  it('a success code other than S_OK is not a failure', () => {
    expect(decodeHresult(0x00040001)).toMatchObject({ failure: false, facility: 4, code: 1, known: false });
  });
});

describe('parseErrorCode', () => {
  it.each([
    ['80070005', '80070005', []],
    ['8007000E', '8007000e', ['uppercase']],
    ['0x80070005', '80070005', ['prefix']],
    ['0X8007000E', '8007000e', ['prefix', 'uppercase']],
    ['5', '00000005', ['short']],
    ['-2147024891', '80070005', ['decimal']],
    ['S_OK', '00000000', ['symbol']],
    [' 00000000 ', '00000000', ['whitespace']],
  ])('%j reads as %s with deviations %j', (raw, hex, deviations) => {
    expect(parseErrorCode(raw)).toEqual({ value: parseInt(hex, 16), hex, deviations });
  });

  it.each(['', 'failed', '800700051', '0x', '-99999999999', '12.5'])('%j is unreadable', (raw) => {
    expect(parseErrorCode(raw).value).toBeUndefined();
  });
});
