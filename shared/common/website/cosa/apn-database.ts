// The APN database entry for PCs before Windows 10 1703 (apndatabase.xml; schemas/apn-database.xsd,
// written from Microsoft's APN schema reference): one Operator named "Operator (Country/Region)",
// with the AccountExperienceURL, its access strings (ConnectionInfo), and the certificate trusted to
// sign provisioning files from the purchase web site (TrustedCertificate), OperatorGUID = Carrier GUID.
//
// HardwareId: Windows matches SIMs and devices by encoded hardware IDs that Microsoft's
// mbidgenerator tool computes; the encoding is not published. The export writes each target in a
// readable form instead (MCCMNC:20801, IMSI:start-end, ICCID:start-end), says so in a comment, and
// the CLI warns that these values must be encoded before the file is submitted or installed.
// Not carried: SPN/PNN/GID1, UI name and order, AppID, branding, IP type, roaming, always-on and
// purposes other than Purchase/Internet (COSA only).
import metadata from 'libphonenumber-js/min/metadata';
import { parseXml } from '../../xml/parse';
import { countryName } from '../networks';
import type { CosaApn, CosaEntry, CosaTarget, Purpose } from './model';
import { attribute, attributeOf, childElement, childElements } from './xml-helpers';

export const HARDWARE_ID_NOTE = 'HardwareId values name their targets (MCCMNC:, IMSI:, ICCID:); encode each with mbidgenerator.exe before submitting or installing this file.';

function hardwareId(target: CosaTarget): string {
  if (target.imsiRange) return `IMSI:${target.imsiRange.start}-${target.imsiRange.end}`;
  if (target.iccidRange) return `ICCID:${target.iccidRange.start}-${target.iccidRange.end}`;
  return `MCCMNC:${target.mcc ?? ''}${target.mnc ?? ''}`;
}

/** Purchase and Internet: the only purposes an APN database entry has. */
function databasePurposes(apn: CosaApn): { purchase: boolean; internet: boolean } {
  const purposes = apn.purposes && apn.purposes.length > 0 ? apn.purposes : ['Internet'];
  return { purchase: purposes.includes('Purchase'), internet: purposes.includes('Internet') };
}

/** What of an entry the APN database carries: the entry as reading the file back gives it. */
export function projectForApnDatabase(entry: CosaEntry): CosaEntry {
  const projected: CosaEntry = {
    operator: entry.operator,
    country: entry.country,
    updateType: 'Add',
    targets: entry.targets.map((target) => {
      if (target.imsiRange) return { imsiRange: { ...target.imsiRange } };
      if (target.iccidRange) return { iccidRange: { ...target.iccidRange } };
      return { mcc: target.mcc ?? '', mnc: target.mnc ?? '' };
    }),
    apns: entry.apns.map((apn) => {
      const kept: CosaApn = { accessString: apn.accessString };
      for (const key of ['friendlyName', 'userName', 'password', 'authProtocol', 'compression', 'autoConnectOrder'] as const) {
        if (apn[key] !== undefined && apn[key] !== '') (kept as unknown as Record<string, unknown>)[key] = apn[key];
      }
      const { purchase, internet } = databasePurposes(apn);
      const purposes: Purpose[] = [...(purchase ? (['Purchase'] as const) : []), ...(internet ? (['Internet'] as const) : [])];
      if (purposes.length > 0) kept.purposes = purposes;
      return kept;
    }),
  };
  if (entry.accountExperienceUrl) projected.accountExperienceUrl = entry.accountExperienceUrl;
  const signer = entry.trustedSigner;
  if (signer && (signer.subjectName || signer.issuerName || signer.carrierGuid)) {
    projected.trustedSigner = {};
    if (signer.subjectName && signer.issuerName) {
      projected.trustedSigner.subjectName = signer.subjectName;
      projected.trustedSigner.issuerName = signer.issuerName;
    }
    if (signer.carrierGuid) projected.trustedSigner.carrierGuid = signer.carrierGuid;
  }
  return projected;
}

export function writeApnDatabase(entry: CosaEntry): string {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', `<!-- ${HARDWARE_ID_NOTE} -->`, '<OperatorList>'];
  lines.push(
    `  <Operator${attribute('name', `${entry.operator} (${countryName(entry.country, 'en')})`)}${attribute('AccountExperienceURL', entry.accountExperienceUrl || undefined)}${attribute('OperatorGUID', entry.trustedSigner?.carrierGuid || undefined)}>`,
    '    <HardwareIdList>',
  );
  for (const target of entry.targets) lines.push(`      <HardwareId${attribute('id', hardwareId(target))} />`);
  lines.push('    </HardwareIdList>', '    <ConnectionInfoList>');
  for (const apn of entry.apns) {
    const { purchase, internet } = databasePurposes(apn);
    lines.push(
      `      <ConnectionInfo${attribute('AccessString', apn.accessString)}${attribute('Username', apn.userName || undefined)}${attribute('Password', apn.password || undefined)}${attribute('FriendlyName', apn.friendlyName || undefined)}${attribute('Purchase', String(purchase))}${attribute('Internet', String(internet))}${attribute('AutoConnectOrder', apn.autoConnectOrder)}${attribute('Compression', apn.compression)}${attribute('AuthProtocol', apn.authProtocol)} />`,
    );
  }
  lines.push('    </ConnectionInfoList>');
  const signer = entry.trustedSigner;
  if (signer?.subjectName && signer.issuerName) {
    lines.push('    <TrustedCertificateList>', `      <TrustedCertificate${attribute('SubjectName', signer.subjectName)}${attribute('IssuerName', signer.issuerName)} />`, '    </TrustedCertificateList>');
  }
  lines.push('  </Operator>', '</OperatorList>');
  return lines.join('\r\n') + '\r\n';
}

/** ISO code of an English country name, for reading "Operator (Country)" back. */
function countryCodeOf(name: string): string {
  for (const code of Object.keys((metadata as unknown as { countries: Record<string, unknown> }).countries)) if (countryName(code, 'en') === name) return code;
  return name;
}

export function readApnDatabase(text: string): CosaEntry {
  const parsed = parseXml(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const root = parsed.document.root;
  if (root.localName !== 'OperatorList' || root.namespaceUri !== '') throw new Error(`root is ${root.localName}, not OperatorList`);
  const operator = childElement(root, 'Operator');
  if (!operator) throw new Error('no Operator');
  const name = /^(.*) \(([^()]*)\)$/.exec(attributeOf(operator, 'name') ?? '');
  const entry: CosaEntry = { operator: name ? (name[1] as string) : (attributeOf(operator, 'name') ?? ''), country: name ? countryCodeOf(name[2] as string) : '', updateType: 'Add', targets: [], apns: [] };
  for (const hardware of childElements(childElement(operator, 'HardwareIdList') ?? operator, 'HardwareId')) {
    const id = attributeOf(hardware, 'id') ?? '';
    const range = /^(IMSI|ICCID):(\d+)-(\d+)$/.exec(id);
    if (range?.[1] === 'IMSI') entry.targets.push({ imsiRange: { start: range[2] as string, end: range[3] as string } });
    else if (range?.[1] === 'ICCID') entry.targets.push({ iccidRange: { start: range[2] as string, end: range[3] as string } });
    else {
      const mccMnc = /^MCCMNC:(\d{3})(\d{2,3})$/.exec(id);
      if (!mccMnc) throw new Error(`HardwareId "${id}" is encoded or unknown; only this tool's readable form can be read back`);
      entry.targets.push({ mcc: mccMnc[1] as string, mnc: mccMnc[2] as string });
    }
  }
  for (const info of childElements(childElement(operator, 'ConnectionInfoList') ?? operator, 'ConnectionInfo')) {
    const value = (attributeName: string) => attributeOf(info, attributeName);
    const apn: CosaApn = { accessString: value('AccessString') ?? '' };
    if (value('FriendlyName')) apn.friendlyName = value('FriendlyName') as string;
    if (value('Username')) apn.userName = value('Username') as string;
    if (value('Password')) apn.password = value('Password') as string;
    if (value('AuthProtocol')) apn.authProtocol = value('AuthProtocol') as CosaApn['authProtocol'];
    if (value('Compression')) apn.compression = value('Compression') as CosaApn['compression'];
    if (value('AutoConnectOrder')) apn.autoConnectOrder = Number(value('AutoConnectOrder'));
    const isTrue = (flag: string | undefined) => flag === 'true' || flag === '1';
    const purposes: Purpose[] = [...(isTrue(value('Purchase')) ? (['Purchase'] as const) : []), ...(isTrue(value('Internet')) ? (['Internet'] as const) : [])];
    if (purposes.length > 0) apn.purposes = purposes;
    entry.apns.push(apn);
  }
  const url = attributeOf(operator, 'AccountExperienceURL');
  if (url) entry.accountExperienceUrl = url;
  const certificate = childElement(childElement(operator, 'TrustedCertificateList'), 'TrustedCertificate');
  const guid = attributeOf(operator, 'OperatorGUID');
  if (certificate || guid) {
    entry.trustedSigner = {};
    if (certificate) {
      entry.trustedSigner.subjectName = attributeOf(certificate, 'SubjectName') ?? '';
      entry.trustedSigner.issuerName = attributeOf(certificate, 'IssuerName') ?? '';
    }
    if (guid) entry.trustedSigner.carrierGuid = guid;
  }
  return entry;
}
