// The AccountExperienceURL with SubId / DevId / IccId (seed 000): build and parse, every field checked.
// Known-good values are published examples (IMEI 490154203237518 and ICCID 89014103211118510720 from
// the IMEI/ICCID articles); check digits of the others were computed with an independent Luhn
// implementation (Python) while writing the tests, not with the code under test.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAccountUrl, parseAccountUrl } from '../../../shared/common/website/account-url';
import { decodeDeviceId, decodeIccid, decodeSubscriberId, hexLuhnCheckDigit } from '../../../shared/common/website/identifiers';
import { callingCodeAt, loadNetworkDirectory, type NetworkDirectory } from '../../../shared/common/website/networks';
import { analysisJson, formatAnalysisText } from '../../../shared/common/website/describe';

let directory: NetworkDirectory;
beforeAll(async () => {
  directory = await loadNetworkDirectory();
});

const codes = (findings: readonly { code: string }[]) => findings.map((item) => item.code);

describe('SubId', () => {
  it('decodes an IMSI: MCC and MNC named from the MCC/MNC list', () => {
    const { id, findings } = decodeSubscriberId('208011234567890', directory, null);
    expect(findings).toEqual([]);
    expect(id).toMatchObject({ kind: 'imsi', mcc: '208', mnc: '01', msin: '1234567890', mccCountries: ['FR'] });
    expect(id.kind === 'imsi' && id.network?.brand).toBe('Orange');
  });

  it('reads a three-digit MNC where the MCC uses them (310 260, T-Mobile US)', () => {
    const { id } = decodeSubscriberId('310260123456789', directory, null);
    expect(id).toMatchObject({ kind: 'imsi', mcc: '310', mnc: '260', msin: '123456789' });
  });

  it('takes 10 digits as a CDMA MIN, or as a short IMSI when the DevId is an IMEI', () => {
    expect(decodeSubscriberId('2125551234', directory, null).id.kind).toBe('min');
    expect(decodeSubscriberId('2125551234', directory, 'cdma').id.kind).toBe('min');
    expect(decodeSubscriberId('2080112345', directory, 'gsm').id.kind).toBe('imsi');
  });

  it.each([
    ['', 'subid-empty'],
    ['20801123456789A', 'subid-not-digits'],
    ['2080112345678901', 'subid-too-long'],
    ['20801', 'subid-too-short'],
    ['100011234567890', 'subid-unknown-mcc'],
  ])('refuses %j (%s)', (value, code) => {
    const { id, findings } = decodeSubscriberId(value, directory, null);
    expect(id.kind).toBe('invalid');
    expect(codes(findings)).toEqual([code]);
  });

  it('warns, without refusing, when the MNC is not in the list', () => {
    const { id, findings } = decodeSubscriberId('208991234567890', directory, null);
    expect(id).toMatchObject({ kind: 'imsi', mcc: '208', mnc: null });
    expect(findings.map((item) => [item.code, item.severity])).toEqual([['subid-unknown-mnc', 'warning']]);
  });
});

describe('DevId', () => {
  it('decodes an IMEI: Luhn check digit verified, TAC shown', () => {
    const { id, findings } = decodeDeviceId('490154203237518');
    expect(findings).toEqual([]);
    expect(id).toEqual({ kind: 'imei', digits: '490154203237518', tac: '49015420', serial: '323751', checkDigit: '8' });
  });

  it('names an IMEI Luhn failure with the expected and the found digit', () => {
    const { id, findings } = decodeDeviceId('490154203237519');
    expect(id.kind).toBe('invalid');
    expect(findings).toEqual([expect.objectContaining({ field: 'DevId', severity: 'error', code: 'devid-imei-luhn', params: { expected: '8', actual: '9' } })]);
  });

  it('decodes an 11-digit ESN (manufacturer code 0-255, 24-bit serial) and gives its hex form', () => {
    const { id, findings } = decodeDeviceId('12801234567');
    expect(findings).toEqual([]);
    expect(id).toEqual({ kind: 'esn', digits: '12801234567', manufacturerCode: 128, serial: 1234567, hex: '8012D687' });
    expect(codes(decodeDeviceId('25616777216').findings)).toEqual(['devid-esn-range']);
    expect(decodeDeviceId('8012D687').findings[0]).toMatchObject({ code: 'devid-esn-hex', params: { decimal: '12801234567' } });
  });

  it('accepts a 17-digit MEID as the seed documents it, and decodes the 18-digit and hex forms', () => {
    const documented = decodeDeviceId('12345678901234567');
    expect(documented.id).toMatchObject({ kind: 'meid', form: 'decimal-17' });
    expect(documented.findings.map((item) => item.severity)).toEqual(['info']);
    // A0000000 / 002329 in decimal: 2684354560 / 00009001.
    expect(decodeDeviceId('268435456000009001').id).toMatchObject({ kind: 'meid', form: 'decimal-18', hex: 'A0000000002329' });
    expect(decodeDeviceId('A0000000002329').id).toMatchObject({ kind: 'meid', form: 'hex', manufacturerCode: 'A0000000', serial: '002329' });
  });

  it('verifies a MEID hex check digit (Luhn over base 16)', () => {
    expect(hexLuhnCheckDigit('A0000000002329')).toBe('9');
    expect(hexLuhnCheckDigit('AF0123450ABCDE')).toBe('C');
    expect(decodeDeviceId('A00000000023299').id.kind).toBe('meid');
    expect(decodeDeviceId('A00000000023291').findings[0]).toMatchObject({ code: 'devid-meid-check', params: { expected: '9', actual: '1' } });
    expect(codes(decodeDeviceId('9F000000002329').findings)).toEqual(['devid-meid-region']);
  });

  it.each([
    ['', 'devid-empty'],
    ['4901542032375180', 'devid-imeisv'],
    ['12345', 'devid-length'],
    ['49015420323751Z', 'devid-not-digits'],
  ])('refuses %j (%s)', (value, code) => {
    expect(codes(decodeDeviceId(value).findings)).toEqual([code]);
  });

  it('warns on a 14-digit IMEI without its check digit and says which digit completes it', () => {
    const { id, findings } = decodeDeviceId('49015420323751');
    expect(id).toMatchObject({ kind: 'imei', checkDigit: null });
    expect(findings[0]).toMatchObject({ severity: 'warning', params: { expected: 8 } });
  });
});

describe('IccId', () => {
  it.each([
    ['89014103211118510720', '01', 'US'],
    ['8944110068256270054', '44', 'GB'],
    ['89331503191000000085', '33', 'FR'],
  ])('decodes %s: issuer prefix 89 + country code %s', (value, countryCode, country) => {
    const { id, findings } = decodeIccid(value);
    expect(findings).toEqual([]);
    expect(id).toMatchObject({ valid: true, countryCode, issuerPrefix: `89${countryCode}` });
    expect(id.countries).toContain(country);
  });

  it('names a Luhn failure', () => {
    const { id, findings } = decodeIccid('89014103211118510721');
    expect(id.valid).toBe(false);
    expect(findings).toEqual([expect.objectContaining({ code: 'iccid-luhn', params: { expected: '0', actual: '1' } })]);
  });

  it.each([
    ['', 'iccid-empty'],
    ['8901410321111851072F', 'iccid-not-digits'],
    ['890141032111185107', 'iccid-length'],
    ['890141032111185107201', 'iccid-length'],
    ['98014103211118510720', 'iccid-prefix'],
  ])('refuses %j (%s)', (value, code) => {
    expect(codes(decodeIccid(value).findings)).toEqual([code]);
  });

  it('knows the country codes an ICCID can carry, non-geographic ones included', () => {
    expect(callingCodeAt('33150')).toEqual({ code: '33', countries: ['FR'] });
    expect(callingCodeAt('3021')).toEqual({ code: '302', countries: ['CA'] });
    expect(callingCodeAt('882390')?.code).toBe('882');
    expect(callingCodeAt('0')).toBeNull();
  });
});

describe('buildAccountUrl', () => {
  const base = 'https://shop.example.com/activate';

  it('appends SubId, DevId and IccId in the documented form', () => {
    const analysis = buildAccountUrl(base, { SubId: '208011234567890', DevId: '490154203237518', IccId: '89331503191000000085' }, directory);
    expect(analysis.findings).toEqual([]);
    expect(analysis.valid).toBe(true);
    expect(analysis.url).toBe(`${base}?SubId=208011234567890&DevId=490154203237518&IccId=89331503191000000085`);
    expect(analysis.deviceClass).toBe('gsm');
  });

  it('leaves out a value the device does not report', () => {
    expect(buildAccountUrl(base, { SubId: '2125551234', DevId: '12801234567' }, directory).url).toBe(`${base}?SubId=2125551234&DevId=12801234567`);
    expect(buildAccountUrl(base, {}, directory).url).toBe(base);
  });

  it.each([
    ['http://shop.example.com/activate', 'base-not-https'],
    ['https://user:secret@shop.example.com/', 'base-credentials'],
    ['https://shop.example.com/#start', 'base-fragment'],
    ['not a url', 'base-invalid'],
  ])('refuses the base %s (%s)', (badBase, code) => {
    const analysis = buildAccountUrl(badBase, { SubId: '208011234567890' }, directory);
    expect(analysis.valid).toBe(false);
    expect(codes(analysis.findings)).toContain(code);
  });

  it('reports a base parameter that clashes with one Windows adds, whatever its case', () => {
    const analysis = buildAccountUrl(`${base}?imsi=1&subid=2`, { SubId: '208011234567890' }, directory);
    expect(analysis.findings.filter((item) => item.severity === 'error')).toEqual([expect.objectContaining({ field: 'base', code: 'base-clash', params: { name: 'subid', parameter: 'SubId' } })]);
    expect(codes(analysis.findings)).toContain('base-has-query');
  });

  it('refuses a value that cannot come from the device class (a MEID with an IMSI)', () => {
    const analysis = buildAccountUrl(base, { SubId: '208011234567890', DevId: 'A0000000002329' }, directory);
    expect(analysis.valid).toBe(false);
    expect(analysis.findings).toContainEqual(expect.objectContaining({ field: 'DevId', code: 'devid-class-clash', params: { device: 'MEID', subscriber: 'IMSI' } }));
    // and an ESN with an IMSI; an IMEI with a MIN reads the 10 digits as an IMSI instead
    expect(codes(buildAccountUrl(base, { SubId: '208011234567890', DevId: '12801234567' }, directory).findings)).toContain('devid-class-clash');
  });

  it('warns when ICCID and IMSI countries differ, and when a CDMA device sends an ICCID', () => {
    expect(codes(buildAccountUrl(base, { SubId: '208011234567890', IccId: '8944110068256270054' }, directory).findings)).toEqual(['iccid-country-mismatch']);
    expect(codes(buildAccountUrl(base, { SubId: '2125551234', DevId: '12801234567', IccId: '8944110068256270054' }, directory).findings)).toEqual(['iccid-with-cdma']);
  });
});

describe('parseAccountUrl', () => {
  it('takes a URL apart into the operator base and the device values', () => {
    const analysis = parseAccountUrl('https://shop.example.com/a?lang=fr&SubId=208011234567890&DevId=490154203237518&IccId=89331503191000000085', directory);
    expect(analysis.valid).toBe(true);
    expect(analysis.base).toBe('https://shop.example.com/a?lang=fr');
    expect(analysis.values).toEqual({ SubId: '208011234567890', DevId: '490154203237518', IccId: '89331503191000000085' });
    expect(analysis.otherParameters).toEqual(['lang']);
    expect(analysis.findings.map((item) => item.severity)).toEqual(['info']);
  });

  it('flags a duplicated parameter and a parameter whose case differs from what Windows sends', () => {
    const analysis = parseAccountUrl('https://shop.example.com/?SubId=208011234567890&subid=208011234567891&devid=490154203237518', directory);
    expect(analysis.valid).toBe(false);
    expect(codes(analysis.findings)).toEqual(expect.arrayContaining(['param-duplicate', 'param-case']));
    expect(analysis.values.DevId).toBe('490154203237518');
  });

  it('round-trips: parse(build(values)) gives the same values and base', () => {
    const values = { SubId: '310260123456789', DevId: '490154203237518', IccId: '89014103211118510720' };
    const built = buildAccountUrl('https://activate.example.net/start', values, directory);
    const parsed = parseAccountUrl(built.url as string, directory);
    expect(parsed.values).toEqual(values);
    expect(parsed.base).toBe('https://activate.example.net/start');
    expect(parsed.valid).toBe(true);
  });
});

describe('reports', () => {
  it('writes text in the three languages, names countries and networks', () => {
    const analysis = buildAccountUrl('https://shop.example.com/', { SubId: '208011234567890', DevId: '490154203237519' }, directory);
    const en = formatAnalysisText(analysis, 'en');
    expect(en).toContain('MCC 208 (France)');
    expect(en).toContain('IMEI check digit wrong (Luhn)');
    expect(formatAnalysisText(analysis, 'fr')).toContain('Chiffre de contrôle de l’IMEI erroné (Luhn)');
    expect(formatAnalysisText(analysis, 'pt')).toContain('Dígito verificador do IMEI errado (Luhn)');
    expect(formatAnalysisText(analysis, 'pt')).toContain('MCC 208 (França)');
  });

  it('gives stable codes in JSON', () => {
    const json = analysisJson(buildAccountUrl('http://x.example/', {}, directory), 'en') as { findings: { code: string }[]; valid: boolean };
    expect(json.valid).toBe(false);
    expect(json.findings.map((item) => item.code)).toEqual(['base-not-https']);
  });
});
