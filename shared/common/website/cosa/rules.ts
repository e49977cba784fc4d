// COSA's documented rules for an entry ("Planning your desktop COSA/APN database submission",
// "Desktop COSA database settings", CM_CellularEntries):
//   - Country/Region and Operator required; MCC 3 digits, MNC 2 or 3 (required unless the row is an
//     ICCID range); one row is an MCC+MNC alone, with an IMSI range, or with an ICCID range;
//   - IMSI range: 15 digits starting with MCC+MNC, from ...00 to ...99;
//   - ICCID range: 19 or 20 digits starting with 89, from ...00 to ...99;
//   - AccountExperienceURL: https, and the checks of the URL Windows builds from it; AppID
//     (PFN!AppId) takes precedence over it;
//   - branding icon sizes and colour depths; UseBrandingNameOnRoaming 0-2;
//   - APNs: access string up to 100 characters, names and credentials up to 255; Purchase and
//     Internet exclusive; user name and password required when AuthType is not NONE; auto-connect
//     order starting at 1 when there are several; at least one always-on Internet connection;
//   - trusted signer: Cert Subject Name, Cert Issuer Name and Carrier GUID together or not at all.
import type { MessageKey, MessageParams } from '../../i18n/index';
import { checkAccountExperienceUrl } from '../account-url';
import type { Severity } from '../identifiers';
import type { NetworkDirectory } from '../networks';
import { missingIconImages, readIcon } from './icon';
import { AUTH_PROTOCOLS, COMPRESSIONS, IP_TYPES, PURPOSES, UPDATE_TYPES, type CosaEntry, type CosaFinding, type NumberRange } from './model';

export interface CheckOptions {
  /** The branding icon's bytes; null when the file could not be read; undefined when not looked at. */
  iconBytes?: Uint8Array | null;
  /** Where a path is in the source file, to give findings a line and column. */
  locate?: (path: string) => { line: number; column: number } | undefined;
}

const GUID_BRACED = /^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$/;
/** Package family name (Name_PublisherId, the publisher ID 13 base-32 characters) ! application ID. */
const APP_ID = /^[A-Za-z0-9.-]{3,50}_[a-hjkmnp-tv-z0-9]{13}![A-Za-z][A-Za-z0-9.]*$/;

export function checkCosaEntry(entry: CosaEntry, directory: NetworkDirectory, options: CheckOptions = {}): CosaFinding[] {
  const findings: CosaFinding[] = [];
  const add = (path: string, severity: Severity, code: string, key: MessageKey, params: MessageParams = {}) => {
    findings.push({ path, severity, code, key, params, ...(options.locate?.(path) ?? {}) });
  };
  const required = (path: string, value: unknown) => {
    if (value === undefined || value === '') add(path, 'error', 'cosa-required', 'cosa.required', { field: path });
  };
  const oneOf = (path: string, value: string | number | undefined, allowed: readonly (string | number)[]) => {
    if (value !== undefined && !allowed.includes(value)) add(path, 'error', 'cosa-enum', 'cosa.enum', { value: String(value), allowed: allowed.join(', ') });
  };
  const maxLength = (path: string, value: string | undefined, limit: number) => {
    if (value !== undefined && value.length > limit) add(path, 'error', 'cosa-too-long', 'cosa.tooLong', { length: value.length, limit });
  };

  required('operator', entry.operator);
  required('country', entry.country);
  if (entry.country && !/^[A-Z]{2}$/.test(entry.country)) add('country', 'error', 'cosa-country', 'cosa.country', { value: entry.country });
  required('updateType', entry.updateType);
  oneOf('updateType', entry.updateType, UPDATE_TYPES);

  // ---- targets
  if (entry.targets.length === 0) add('targets', 'error', 'cosa-targets-empty', 'cosa.targetsEmpty');
  entry.targets.forEach((target, index) => {
    const at = `targets[${index}]`;
    if (target.imsiRange && target.iccidRange) add(at, 'error', 'cosa-target-both-ranges', 'cosa.targetBothRanges');
    if (!target.iccidRange || target.mcc !== undefined || target.mnc !== undefined) {
      required(`${at}.mcc`, target.mcc);
      required(`${at}.mnc`, target.mnc);
    }
    if (target.mcc !== undefined && target.mcc !== '') {
      if (!/^\d{3}$/.test(target.mcc)) add(`${at}.mcc`, 'error', 'cosa-mcc-format', 'cosa.mccFormat', { value: target.mcc });
      else if (!directory.knowsMcc(target.mcc)) add(`${at}.mcc`, 'warning', 'cosa-mcc-unknown', 'cosa.mccUnknown', { mcc: target.mcc });
    }
    if (target.mnc !== undefined && target.mnc !== '') {
      if (!/^\d{2,3}$/.test(target.mnc)) add(`${at}.mnc`, 'error', 'cosa-mnc-format', 'cosa.mncFormat', { value: target.mnc });
      else if (target.mcc && /^\d{3}$/.test(target.mcc) && directory.knowsMcc(target.mcc) && !directory.network(target.mcc, target.mnc)) {
        add(`${at}.mnc`, 'warning', 'cosa-mnc-unknown', 'cosa.mncUnknown', { mcc: target.mcc, mnc: target.mnc });
      }
    }
    if (target.imsiRange) checkRange(`${at}.imsiRange`, target.imsiRange, 'imsi', `${target.mcc ?? ''}${target.mnc ?? ''}`, add, required);
    if (target.iccidRange) checkRange(`${at}.iccidRange`, target.iccidRange, 'iccid', '89', add, required);
  });

  // ---- the web site and the app
  if (entry.accountExperienceUrl !== undefined && entry.accountExperienceUrl !== '') {
    for (const item of checkAccountExperienceUrl(entry.accountExperienceUrl)) add('accountExperienceUrl', item.severity, item.code, item.key, item.params);
  }
  if (entry.appId !== undefined && entry.appId !== '') {
    if (!APP_ID.test(entry.appId)) add('appId', 'error', 'cosa-appid-format', 'cosa.appIdFormat', { value: entry.appId });
    if (entry.accountExperienceUrl) add('appId', 'warning', 'cosa-appid-overrides-url', 'cosa.appIdOverridesUrl');
  }
  if (entry.uiOrder !== undefined && (!Number.isInteger(entry.uiOrder) || entry.uiOrder < 0)) add('uiOrder', 'error', 'cosa-ui-order', 'cosa.uiOrder', { value: entry.uiOrder });

  // ---- branding
  if (entry.branding) {
    oneOf('branding.useOnRoaming', entry.branding.useOnRoaming, [0, 1, 2]);
    if (entry.branding.icon) {
      if (!/\.ico$/i.test(entry.branding.icon)) add('branding.icon', 'error', 'cosa-icon-extension', 'cosa.iconExtension');
      if (options.iconBytes === null) add('branding.icon', 'error', 'cosa-icon-unreadable', 'cosa.iconUnreadable', { path: entry.branding.icon });
      else if (options.iconBytes) {
        const icon = readIcon(options.iconBytes);
        if (!icon.ok) add('branding.icon', 'error', 'cosa-icon-not-ico', 'cosa.iconNotIco', { path: entry.branding.icon });
        else {
          const missing = missingIconImages(icon.images);
          if (missing.length > 0) add('branding.icon', 'error', 'cosa-icon-sizes', 'cosa.iconSizes', { missing: missing.map((item) => `${item.size}×${item.size} ${item.bitsPerPixel}-bit`).join(', ') });
        }
      }
    }
  }

  // ---- APNs
  if (entry.apns.length === 0) add('apns', 'error', 'cosa-apns-empty', 'cosa.apnsEmpty');
  const orders: number[] = [];
  entry.apns.forEach((apn, index) => {
    const at = `apns[${index}]`;
    required(`${at}.accessString`, apn.accessString);
    maxLength(`${at}.accessString`, apn.accessString, 100);
    for (const field of ['friendlyName', 'userName', 'password'] as const) maxLength(`${at}.${field}`, apn[field], 255);
    oneOf(`${at}.authProtocol`, apn.authProtocol, AUTH_PROTOCOLS);
    oneOf(`${at}.compression`, apn.compression, COMPRESSIONS);
    oneOf(`${at}.ipType`, apn.ipType, IP_TYPES);
    oneOf(`${at}.roaming`, apn.roaming, [0, 1, 2, 3, 4, 5]);
    (apn.purposes ?? []).forEach((purpose, purposeIndex) => oneOf(`${at}.purposes[${purposeIndex}]`, purpose, Object.keys(PURPOSES)));
    const purposes = apn.purposes ?? ['Internet'];
    if (purposes.includes('Purchase') && purposes.includes('Internet')) add(`${at}.purposes`, 'error', 'cosa-purchase-and-internet', 'cosa.purchaseAndInternet');
    const hasCredentials = !!apn.userName || !!apn.password;
    if (apn.authProtocol && apn.authProtocol !== 'NONE' && (!apn.userName || !apn.password)) add(`${at}.authProtocol`, 'error', 'cosa-auth-without-credentials', 'cosa.authWithoutCredentials', { auth: apn.authProtocol });
    if (hasCredentials && (!apn.authProtocol || apn.authProtocol === 'NONE')) add(`${at}.authProtocol`, 'warning', 'cosa-credentials-without-auth', 'cosa.credentialsWithoutAuth');
    if (apn.autoConnectOrder !== undefined) {
      if (!Number.isInteger(apn.autoConnectOrder) || apn.autoConnectOrder < 1) add(`${at}.autoConnectOrder`, 'error', 'cosa-autoconnect-positive', 'cosa.autoConnectPositive', { value: apn.autoConnectOrder });
      else if (orders.includes(apn.autoConnectOrder)) add(`${at}.autoConnectOrder`, 'error', 'cosa-autoconnect-duplicate', 'cosa.autoConnectDuplicate', { value: apn.autoConnectOrder });
      orders.push(apn.autoConnectOrder);
    }
  });
  if (entry.apns.length > 1 && orders.length > 0 && !orders.includes(1)) add('apns', 'error', 'cosa-autoconnect-start', 'cosa.autoConnectStart');
  if (entry.apns.length > 0 && !entry.apns.some((apn) => (apn.purposes ?? ['Internet']).includes('Internet') && apn.alwaysOn !== false)) {
    add('apns', 'warning', 'cosa-no-always-on-internet', 'cosa.noAlwaysOnInternet');
  }

  // ---- trusted signer (APN database)
  if (entry.trustedSigner) {
    const signer = entry.trustedSigner;
    const given = [signer.subjectName, signer.issuerName, signer.carrierGuid].filter((value) => value !== undefined && value !== '').length;
    if (given > 0 && given < 3) add('trustedSigner', 'error', 'cosa-signer-incomplete', 'cosa.signerIncomplete');
    if (signer.carrierGuid && !GUID_BRACED.test(signer.carrierGuid)) add('trustedSigner.carrierGuid', 'error', 'cosa-guid-format', 'cosa.guidFormat', { value: signer.carrierGuid });
  }
  return findings;
}

function checkRange(
  path: string,
  range: NumberRange,
  kind: 'imsi' | 'iccid',
  prefix: string,
  add: (path: string, severity: Severity, code: string, key: MessageKey, params?: MessageParams) => void,
  required: (path: string, value: unknown) => void,
): void {
  required(`${path}.start`, range.start);
  required(`${path}.end`, range.end);
  if (!range.start || !range.end) return;
  let wellFormed = true;
  for (const [bound, value, ending] of [
    ['start', range.start, '00'],
    ['end', range.end, '99'],
  ] as const) {
    const where = `${path}.${bound}`;
    const lengthOk = kind === 'imsi' ? /^\d{15}$/.test(value) : /^\d{19,20}$/.test(value);
    if (!lengthOk) {
      add(where, 'error', `cosa-${kind}-range-digits`, kind === 'imsi' ? 'cosa.imsiRangeDigits' : 'cosa.iccidRangeDigits', { value });
      wellFormed = false;
      continue;
    }
    if (prefix && !value.startsWith(prefix)) add(where, 'error', `cosa-${kind}-range-prefix`, kind === 'imsi' ? 'cosa.imsiRangePrefix' : 'cosa.iccidRangePrefix', { prefix });
    if (!value.endsWith(ending)) add(where, 'error', `cosa-range-${bound}-ending`, bound === 'start' ? 'cosa.rangeStartEnding' : 'cosa.rangeEndEnding');
  }
  if (!wellFormed) return;
  if (range.start.length !== range.end.length) add(path, 'error', 'cosa-range-lengths', 'cosa.rangeLengths');
  else if (range.start > range.end) add(path, 'error', 'cosa-range-order', 'cosa.rangeOrder');
}
