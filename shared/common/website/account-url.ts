// The URL Windows opens from the COSA AccountExperienceURL (seed 000, "Device information"):
//   <Operator URL>[?propN=valN[&propN=valN]*]   with propN one of SubId, DevId, IccId
// A property the device does not report is left out. `buildAccountUrl` makes that URL from a base
// and the device's values; `parseAccountUrl` takes one apart. Both check every part and say, per
// field, what is wrong.
import type { MessageKey, MessageParams } from '../i18n/index';
import {
  decodeDeviceId,
  decodeIccid,
  decodeSubscriberId,
  deviceClassOfDevice,
  deviceClassOfSubscriber,
  type DeviceClass,
  type DeviceId,
  type Finding,
  type Iccid,
  type SubscriberId,
  type UrlField,
} from './identifiers';
import type { NetworkDirectory } from './networks';
import { parseUrl, type ParsedUrl } from './whatwg-url';

/** The parameter names Windows appends, in the documented order. */
export const DEVICE_PARAMETERS = ['SubId', 'DevId', 'IccId'] as const;
export type DeviceParameter = (typeof DEVICE_PARAMETERS)[number];

export interface DeviceValues {
  SubId?: string;
  DevId?: string;
  IccId?: string;
}

export interface AccountUrlAnalysis {
  /** The full URL (built, or as given to parse); null when the base cannot be used. */
  url: string | null;
  /** The operator's URL without the device parameters. */
  base: string;
  values: DeviceValues;
  subscriber: SubscriberId | null;
  device: DeviceId | null;
  iccid: Iccid | null;
  deviceClass: DeviceClass | null;
  /** The base's own query parameters (other than the device parameters). */
  otherParameters: string[];
  findings: Finding[];
  valid: boolean;
}

function finding(field: UrlField, severity: Finding['severity'], code: string, key: MessageKey, params: MessageParams = {}): Finding {
  return { field, severity, code, key, params };
}

/** The findings about an operator's AccountExperienceURL on its own (what COSA stores). */
export function checkAccountExperienceUrl(base: string): Finding[] {
  return checkBase(base.trim(), 'build').findings;
}

/** Checks the operator's URL itself: https only, no credentials, no fragment, no clashing parameters. */
function checkBase(base: string, mode: 'build' | 'parse'): { url: ParsedUrl | null; findings: Finding[] } {
  const findings: Finding[] = [];
  let url: ParsedUrl;
  try {
    url = parseUrl(base);
  } catch {
    return { url: null, findings: [finding('base', 'error', 'base-invalid', 'website.base.invalid')] };
  }
  if (url.protocol !== 'https:') findings.push(finding('base', 'error', 'base-not-https', 'website.base.notHttps', { scheme: url.protocol.replace(/:$/, '') }));
  if (url.username || url.password) findings.push(finding('base', 'error', 'base-credentials', 'website.base.credentials'));
  if (url.hash) findings.push(finding('base', 'error', 'base-fragment', 'website.base.fragment'));
  if (mode === 'build') {
    for (const name of new Set(url.searchParams.keys())) {
      const clash = DEVICE_PARAMETERS.find((parameter) => parameter.toLowerCase() === name.toLowerCase());
      if (clash) findings.push(finding('base', 'error', 'base-clash', 'website.base.clash', { name, parameter: clash }));
    }
    if (url.search) findings.push(finding('base', 'warning', 'base-has-query', 'website.base.hasQuery'));
  }
  return { url, findings };
}

/** Decodes the three values and checks that they can come from one device. */
function analyseValues(values: DeviceValues, directory: NetworkDirectory): Pick<AccountUrlAnalysis, 'subscriber' | 'device' | 'iccid' | 'deviceClass' | 'findings'> {
  const findings: Finding[] = [];
  const device = values.DevId !== undefined ? decodeDeviceId(values.DevId) : null;
  const deviceHint = device ? deviceClassOfDevice(device.id) : null;
  const subscriber = values.SubId !== undefined ? decodeSubscriberId(values.SubId, directory, deviceHint) : null;
  const iccid = values.IccId !== undefined ? decodeIccid(values.IccId) : null;
  for (const part of [subscriber, device, iccid]) if (part) findings.push(...part.findings);

  const subscriberClass = subscriber ? deviceClassOfSubscriber(subscriber.id) : null;
  if (subscriber && device && subscriberClass && deviceHint && subscriberClass !== deviceHint) {
    findings.push(finding('DevId', 'error', 'devid-class-clash', 'website.devid.classClash', { device: device.id.kind.toUpperCase(), subscriber: subscriber.id.kind.toUpperCase() }));
  }
  const deviceClass = subscriberClass ?? deviceHint ?? (iccid ? 'gsm' : null);
  if (iccid && (subscriberClass === 'cdma' || (!subscriberClass && deviceHint === 'cdma'))) {
    findings.push(finding('IccId', 'warning', 'iccid-with-cdma', 'website.iccid.withCdma'));
  }
  // An IMSI and an ICCID from the same SIM normally share a country; MVNOs and global SIMs may not.
  if (subscriber?.id.kind === 'imsi' && iccid?.id.countryCode && subscriber.id.mccCountries.length > 0 && iccid.id.countries.length > 0) {
    const imsiCountries = subscriber.id.mccCountries;
    if (!iccid.id.countries.some((country) => imsiCountries.includes(country))) {
      findings.push(finding('IccId', 'warning', 'iccid-country-mismatch', 'website.iccid.countryMismatch', { iccidCountry: iccid.id.countries[0] as string, imsiCountry: imsiCountries[0] as string }));
    }
  }
  return { subscriber: subscriber?.id ?? null, device: device?.id ?? null, iccid: iccid?.id ?? null, deviceClass, findings };
}

function isValid(findings: readonly Finding[]): boolean {
  return findings.every((item) => item.severity !== 'error');
}

/** The URL Windows would open for this base and these device values (each one optional). */
export function buildAccountUrl(base: string, values: DeviceValues, directory: NetworkDirectory): AccountUrlAnalysis {
  const checked = checkBase(base.trim(), 'build');
  const decoded = analyseValues(values, directory);
  const findings = [...checked.findings, ...decoded.findings];
  let url: string | null = null;
  if (checked.url) {
    const query = DEVICE_PARAMETERS.filter((name) => values[name] !== undefined)
      .map((name) => `${name}=${encodeURIComponent(values[name] as string)}`)
      .join('&');
    const withoutHash = checked.url.href.replace(/#.*$/, '');
    url = query ? `${withoutHash}${checked.url.search ? '&' : '?'}${query}` : withoutHash;
  }
  return {
    url,
    base: checked.url?.href ?? base,
    values,
    ...decoded,
    otherParameters: checked.url ? [...new Set(checked.url.searchParams.keys())] : [],
    findings,
    valid: isValid(findings),
  };
}

/** Takes a URL as Windows opened it apart: the operator's base, the device values, and every finding. */
export function parseAccountUrl(text: string, directory: NetworkDirectory): AccountUrlAnalysis {
  const checked = checkBase(text.trim(), 'parse');
  if (!checked.url) {
    return { url: null, base: text, values: {}, subscriber: null, device: null, iccid: null, deviceClass: null, otherParameters: [], findings: checked.findings, valid: false };
  }
  const findings = [...checked.findings];
  const values: DeviceValues = {};
  const baseUrl = parseUrl(checked.url.href);
  const others: string[] = [];
  for (const name of new Set(checked.url.searchParams.keys())) {
    const parameter = DEVICE_PARAMETERS.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    if (!parameter) {
      others.push(name);
      continue;
    }
    baseUrl.searchParams.delete(name);
    const all = checked.url.searchParams.getAll(name);
    if (name !== parameter) findings.push(finding(parameter, 'warning', 'param-case', 'website.param.case', { name, parameter }));
    if (all.length > 1 || values[parameter] !== undefined) {
      findings.push(finding(parameter, 'error', 'param-duplicate', 'website.param.duplicate', { parameter }));
      continue;
    }
    values[parameter] = all[0] as string;
  }
  const decoded = analyseValues(values, directory);
  findings.push(...decoded.findings);
  if (others.length > 0) findings.push(finding('base', 'info', 'base-other-parameters', 'website.base.otherParameters', { names: others.join(', ') }));
  return { url: checked.url.href, base: baseUrl.href, values, ...decoded, otherParameters: others, findings, valid: isValid(findings) };
}
