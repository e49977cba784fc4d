// Plain-language descriptions of decoded SubId / DevId / IccId values, shared by the CLI's text
// output and the app's panel, in the user's language.
import { translate, type Language } from '../i18n/index';
import type { AccountUrlAnalysis } from './account-url';
import type { DeviceId, Finding, Iccid, SubscriberId } from './identifiers';
import { countryName } from './networks';

function countries(codes: readonly string[], language: Language): string {
  return codes.map((code) => countryName(code, language)).join(', ');
}

export function describeSubscriber(id: SubscriberId, language: Language): string {
  const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(language, key, params);
  switch (id.kind) {
    case 'min':
      return t('website.describe.min');
    case 'invalid':
      return t('website.describe.invalid');
    case 'imsi': {
      const parts = [t('website.describe.imsi'), t('website.describe.mcc', { mcc: id.mcc, country: countries(id.mccCountries, language) || '—' })];
      if (id.mnc && id.network) {
        const name = [id.network.brand, id.network.operator].filter((part, index, all) => part && all.indexOf(part) === index).join(' — ');
        parts.push(t('website.describe.mnc', { mnc: id.mnc, network: name || '—' }));
        if (id.network.status && id.network.status !== 'Operational') parts.push(t('website.describe.status', { status: id.network.status }));
        parts.push(t('website.describe.msin', { msin: id.msin ?? '' }));
      } else {
        parts.push(t('website.describe.mncUnknown'));
      }
      return parts.join(' · ');
    }
  }
}

export function describeDevice(id: DeviceId, language: Language): string {
  const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(language, key, params);
  switch (id.kind) {
    case 'imei':
      return [
        t('website.describe.imei'),
        t('website.describe.tac', { tac: id.tac }),
        t('website.describe.serial', { serial: id.serial }),
        id.checkDigit === null ? t('website.describe.noCheckDigit') : t('website.describe.checkDigitOk', { digit: id.checkDigit }),
      ].join(' · ');
    case 'esn':
      return [t('website.describe.esn'), t('website.describe.manufacturer', { code: id.manufacturerCode }), t('website.describe.serial', { serial: id.serial }), t('website.describe.hex', { hex: id.hex })].join(' · ');
    case 'meid': {
      const parts = [t('website.describe.meid')];
      if (id.manufacturerCode && id.serial) parts.push(t('website.describe.manufacturer', { code: id.manufacturerCode }), t('website.describe.serial', { serial: id.serial }));
      if (id.hex) parts.push(t('website.describe.hex', { hex: id.hex }));
      return parts.join(' · ');
    }
    case 'invalid':
      return t('website.describe.invalid');
  }
}

export function describeIccid(id: Iccid, language: Language): string {
  if (!id.valid && !id.issuerPrefix) return translate(language, 'website.describe.invalid');
  const parts = [translate(language, 'website.describe.iccid')];
  if (id.issuerPrefix) parts.push(translate(language, 'website.describe.issuer', { prefix: id.issuerPrefix, country: countries(id.countries, language) || translate(language, 'website.describe.international') }));
  if (id.valid) parts.push(translate(language, 'website.describe.checkDigitOk', { digit: id.digits.slice(-1) }));
  return parts.join(' · ');
}

/** One finding as a sentence in the user's language; country codes in parameters become names. */
export function findingMessage(item: Finding, language: Language): string {
  const params = { ...item.params };
  for (const key of ['iccidCountry', 'imsiCountry'] as const) {
    const value = params[key];
    if (typeof value === 'string') params[key] = countryName(value, language);
  }
  return translate(language, item.key, params);
}

const SEVERITY_KEYS = { error: 'website.severity.error', warning: 'website.severity.warning', info: 'website.severity.info' } as const;

/** The analysis as aligned text lines (the CLI's text format). */
export function formatAnalysisText(analysis: AccountUrlAnalysis, language: Language): string {
  const lines: string[] = [];
  const row = (label: string, value: string, description = '') => lines.push(`${label.padEnd(6)} ${value}${description ? `\n${' '.repeat(7)}${description}` : ''}`);
  row('URL', analysis.url ?? '—');
  row('Base', analysis.base);
  if (analysis.values.SubId !== undefined) row('SubId', analysis.values.SubId, analysis.subscriber ? describeSubscriber(analysis.subscriber, language) : '');
  if (analysis.values.DevId !== undefined) row('DevId', analysis.values.DevId, analysis.device ? describeDevice(analysis.device, language) : '');
  if (analysis.values.IccId !== undefined) row('IccId', analysis.values.IccId, analysis.iccid ? describeIccid(analysis.iccid, language) : '');
  for (const name of ['SubId', 'DevId', 'IccId'] as const) {
    if (analysis.values[name] === undefined && !analysis.findings.some((item) => item.field === name)) lines.push(`${name.padEnd(6)} ${translate(language, 'website.notSent')}`);
  }
  if (analysis.findings.length > 0) lines.push('');
  for (const item of analysis.findings) lines.push(`${translate(language, SEVERITY_KEYS[item.severity])} ${item.field}: ${findingMessage(item, language)}`);
  lines.push('', translate(language, analysis.valid ? 'website.verdict.valid' : 'website.verdict.invalid'));
  return lines.join('\n') + '\n';
}

/** The analysis as JSON (the CLI's json format): stable codes, values, decodings and messages. */
export function analysisJson(analysis: AccountUrlAnalysis, language: Language): unknown {
  return {
    url: analysis.url,
    base: analysis.base,
    valid: analysis.valid,
    values: analysis.values,
    deviceClass: analysis.deviceClass,
    subscriber: analysis.subscriber,
    device: analysis.device,
    iccid: analysis.iccid,
    otherParameters: analysis.otherParameters,
    findings: analysis.findings.map((item) => ({ field: item.field, severity: item.severity, code: item.code, message: findingMessage(item, language) })),
  };
}
