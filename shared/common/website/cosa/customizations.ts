// The COSA answer file for testing on an OEM image: customizations.xml in the documented
// multivariant format ("Customize the Country and Operator Settings Asset"; "Create a provisioning
// package with multivariant settings"). One Target per targeting row (conditions Mcc, Mnc, ICCID
// "range:start,end", SPN/PNN/GID1, uiname/uiorder), one Profile with the operator's cellular
// connections (CM_CellularEntries settings) and per-SIM settings (AccountExperienceURL, AppID,
// branding) for SimIccid="$(__ICCID)". Built into a .ppkg with Windows Configuration Designer and
// placed in %WINDIR%\Provisioning\COSA\OEM.
//
// What the format cannot carry: Country/Region and Update Type (portal fields), compression and
// auto-connect order (APN database only), the trusted signer (APN database), and IMSI ranges (no
// documented condition matches an IMSI range; exporting one is refused rather than widened to the
// whole MCC+MNC).
import { parseXml } from '../../xml/parse';
import { purposeGuids } from './checklist';
import { PURPOSES, type CosaApn, type CosaEntry, type CosaTarget, type Purpose } from './model';
import { attribute, attributeOf, childElement, childElements, element, stableGuid, textOf } from './xml-helpers';

export const PACKAGE_CONFIG_NAMESPACE = 'urn:schemas-Microsoft-com:Windows-ICD-Package-Config.v1.0';
export const PROVISIONING_NAMESPACE = 'urn:schemas-microsoft-com:windows-provisioning';

export class CosaExportError extends Error {
  constructor(
    readonly code: string,
    readonly path: string,
  ) {
    super(`${code} at ${path}`);
  }
}

/** AuthType as CM_CellularEntries spells it. */
const AUTH_TYPES: Record<NonNullable<CosaApn['authProtocol']>, string> = { NONE: 'None', PAP: 'PAP', CHAP: 'CHAP', MsCHAPv2: 'MSCHAPv2' };

/** What of an entry customizations.xml carries: the entry as reading the file back gives it. */
export function projectForCustomizations(entry: CosaEntry): CosaEntry {
  const projected: CosaEntry = {
    operator: entry.operator,
    country: '',
    updateType: 'Add',
    targets: entry.targets.map((target) => {
      const kept: CosaTarget = {};
      if (target.mcc) kept.mcc = target.mcc;
      if (target.mnc) kept.mnc = target.mnc;
      if (target.iccidRange) kept.iccidRange = { ...target.iccidRange };
      return kept;
    }),
    apns: entry.apns.map((apn) => {
      const kept: CosaApn = { accessString: apn.accessString };
      if (apn.friendlyName) kept.friendlyName = apn.friendlyName;
      if (apn.userName) kept.userName = apn.userName;
      if (apn.password) kept.password = apn.password;
      if (apn.authProtocol) kept.authProtocol = apn.authProtocol;
      if (apn.ipType) kept.ipType = apn.ipType;
      kept.purposes = apn.purposes && apn.purposes.length > 0 ? [...apn.purposes] : ['Internet'];
      kept.alwaysOn = apn.alwaysOn ?? true;
      if (apn.roaming !== undefined) kept.roaming = apn.roaming;
      return kept;
    }),
  };
  for (const key of ['spn', 'pnn', 'gid1', 'uiName', 'uiOrder', 'accountExperienceUrl', 'appId', 'supportDataMarketplace'] as const) {
    if (entry[key] !== undefined && entry[key] !== '') (projected as unknown as Record<string, unknown>)[key] = entry[key];
  }
  if (entry.uiName && entry.uiOrder === undefined) projected.uiOrder = 0;
  if (entry.branding && (entry.branding.name || entry.branding.icon || entry.branding.useOnRoaming !== undefined)) {
    projected.branding = {};
    if (entry.branding.name) projected.branding.name = entry.branding.name;
    if (entry.branding.icon) projected.branding.icon = entry.branding.icon;
    if (entry.branding.useOnRoaming !== undefined) projected.branding.useOnRoaming = entry.branding.useOnRoaming;
  }
  return projected;
}

export function writeCustomizations(entry: CosaEntry): string {
  entry.targets.forEach((target, index) => {
    if (target.imsiRange) throw new CosaExportError('cosa-customizations-imsi-range', `targets[${index}].imsiRange`);
  });
  const seed = `${entry.operator}|${entry.country}`;
  const targetIds = entry.targets.map((target) => stableGuid(`${seed}|target|${JSON.stringify(target)}`));
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<WindowsCustomizations>',
    `  <PackageConfig xmlns="${PACKAGE_CONFIG_NAMESPACE}">`,
    `    <ID>{${stableGuid(`${seed}|package`)}}</ID>`,
    ...element('    ', 'Name', `COSA.${entry.operator.replace(/[^A-Za-z0-9.]+/g, '')}`),
    '    <Version>1.0</Version>',
    '    <OwnerType>OEM</OwnerType>',
    '  </PackageConfig>',
    `  <Settings xmlns="${PROVISIONING_NAMESPACE}">`,
    '    <Customizations>',
    '      <Targets>',
  ];
  entry.targets.forEach((target, index) => {
    lines.push(`        <Target${attribute('Id', targetIds[index])}>`, '          <TargetState>');
    const condition = (name: string, value: string | number | undefined) => {
      if (value !== undefined && value !== '') lines.push(`            <Condition${attribute('Name', name)}${attribute('Value', value)} />`);
    };
    condition('Mcc', target.mcc);
    condition('Mnc', target.mnc);
    if (target.iccidRange) condition('ICCID', `range:${target.iccidRange.start},${target.iccidRange.end}`);
    condition('SPN', entry.spn);
    condition('PNN', entry.pnn);
    condition('GID1', entry.gid1);
    condition('uiname', entry.uiName);
    if (entry.uiName) condition('uiorder', entry.uiOrder ?? 0);
    lines.push('          </TargetState>', '        </Target>');
  });
  lines.push('      </Targets>', `      <Profile${attribute('Name', entry.operator)}>`, '        <TargetRefs>');
  for (const id of targetIds) lines.push(`          <TargetRef${attribute('Id', id)} />`);
  lines.push('        </TargetRefs>', '        <Settings>', '          <Connections>', '            <Cellular>');
  entry.apns.forEach((apn, index) => {
    lines.push(`              <Connection${attribute('ConnectionName', `${entry.operator}_i${index}$(__MVID)@WAP`)}>`);
    const indent = '                ';
    lines.push(
      ...element(indent, 'PurposeGroups', purposeGuids(apn.purposes)),
      ...element(indent, 'AlwaysOn', apn.alwaysOn === false ? 0 : 1),
      ...element(indent, 'FriendlyName', apn.friendlyName),
      ...element(indent, 'AccessPointName', apn.accessString),
      ...element(indent, 'UserName', apn.userName),
      ...element(indent, 'Password', apn.password),
      ...element(indent, 'AuthType', apn.authProtocol ? AUTH_TYPES[apn.authProtocol] : undefined),
      ...element(indent, 'IPType', apn.ipType),
      ...element(indent, 'Roaming', apn.roaming),
    );
    lines.push('              </Connection>');
  });
  lines.push('            </Cellular>', '          </Connections>');
  const perSim = [
    ...element('                ', 'AccountExperienceURL', entry.accountExperienceUrl || undefined),
    ...element('                ', 'AppID', entry.appId || undefined),
    ...element('                ', 'BrandingName', entry.branding?.name || undefined),
    ...element('                ', 'BrandingIcon', entry.branding?.icon || undefined),
    ...element('                ', 'UseBrandingNameOnRoaming', entry.branding?.useOnRoaming),
  ];
  if (perSim.length > 0) {
    lines.push('          <Cellular>', '            <PerSimSettings>', '              <SettingsForSim SimIccid="$(__ICCID)">', ...perSim, '              </SettingsForSim>', '            </PerSimSettings>', '          </Cellular>');
  }
  if (entry.supportDataMarketplace !== undefined) {
    lines.push(
      '          <DataMarketplace>',
      '            <PerSimSettings>',
      '              <SettingsForSim SimIccid="$(__ICCID)">',
      ...element('                ', 'SupportDataMarketplace', entry.supportDataMarketplace ? 1 : 0),
      '              </SettingsForSim>',
      '            </PerSimSettings>',
      '          </DataMarketplace>',
    );
  }
  lines.push('        </Settings>', '      </Profile>', '    </Customizations>', '  </Settings>', '</WindowsCustomizations>');
  return lines.join('\r\n') + '\r\n';
}

const PURPOSE_BY_GUID = new Map<string, Purpose>(Object.entries(PURPOSES).map(([name, guid]) => [guid, name as Purpose]));
const AUTH_BY_TYPE = new Map(Object.entries(AUTH_TYPES).map(([protocol, type]) => [type.toLowerCase(), protocol as NonNullable<CosaApn['authProtocol']>]));

/** Reads a customizations.xml this tool (or a person following the same format) wrote. Throws on a file of another shape. */
export function readCustomizations(text: string): CosaEntry {
  const parsed = parseXml(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const root = parsed.document.root;
  if (root.localName !== 'WindowsCustomizations') throw new Error(`root is ${root.localName}, not WindowsCustomizations`);
  const customizations = childElement(childElement(root, 'Settings'), 'Customizations');
  const profile = childElement(customizations, 'Profile') ?? childElement(customizations, 'Replace');
  if (!customizations || !profile) throw new Error('no Customizations/Profile');
  const targetsById = new Map(childElements(childElement(customizations, 'Targets') ?? customizations, 'Target').map((target) => [attributeOf(target, 'Id') ?? '', target]));
  const entry: CosaEntry = { operator: attributeOf(profile, 'Name') ?? '', country: '', updateType: 'Add', targets: [], apns: [] };
  for (const reference of childElements(childElement(profile, 'TargetRefs') ?? profile, 'TargetRef')) {
    const target = targetsById.get(attributeOf(reference, 'Id') ?? '');
    const conditions = new Map(childElements(childElement(target, 'TargetState') ?? profile, 'Condition').map((condition) => [(attributeOf(condition, 'Name') ?? '').toLowerCase(), attributeOf(condition, 'Value') ?? '']));
    const read: CosaTarget = {};
    if (conditions.has('mcc')) read.mcc = conditions.get('mcc') as string;
    if (conditions.has('mnc')) read.mnc = conditions.get('mnc') as string;
    const iccid = /^range:(\d+),\s*(\d+)$/i.exec(conditions.get('iccid') ?? '');
    if (iccid) read.iccidRange = { start: iccid[1] as string, end: iccid[2] as string };
    entry.targets.push(read);
    if (conditions.has('spn')) entry.spn = conditions.get('spn') as string;
    if (conditions.has('pnn')) entry.pnn = conditions.get('pnn') as string;
    if (conditions.has('gid1')) entry.gid1 = conditions.get('gid1') as string;
    if (conditions.has('uiname')) entry.uiName = conditions.get('uiname') as string;
    if (conditions.has('uiorder')) entry.uiOrder = Number(conditions.get('uiorder'));
  }
  const settings = childElement(profile, 'Settings');
  for (const connection of childElements(childElement(childElement(settings, 'Connections'), 'Cellular') ?? profile, 'Connection')) {
    const value = (name: string) => textOf(childElement(connection, name))?.trim();
    const apn: CosaApn = { accessString: value('AccessPointName') ?? '' };
    const friendlyName = value('FriendlyName');
    if (friendlyName) apn.friendlyName = friendlyName;
    const userName = value('UserName');
    if (userName) apn.userName = userName;
    const password = value('Password');
    if (password) apn.password = password;
    const auth = value('AuthType');
    if (auth) apn.authProtocol = AUTH_BY_TYPE.get(auth.toLowerCase()) ?? (auth as CosaApn['authProtocol']);
    const ipType = value('IPType');
    if (ipType) apn.ipType = ipType as CosaApn['ipType'];
    apn.purposes = (value('PurposeGroups') ?? '')
      .split(',')
      .map((guid) => guid.trim().replace(/^\{|\}$/g, '').toUpperCase())
      .filter((guid) => guid !== '')
      .map((guid) => PURPOSE_BY_GUID.get(guid) ?? (guid as Purpose));
    apn.alwaysOn = value('AlwaysOn') !== '0';
    const roaming = value('Roaming');
    if (roaming !== undefined) apn.roaming = Number(roaming);
    entry.apns.push(apn);
  }
  const perSim = childElement(childElement(childElement(settings, 'Cellular'), 'PerSimSettings'), 'SettingsForSim');
  const simValue = (name: string) => textOf(childElement(perSim, name))?.trim();
  const url = simValue('AccountExperienceURL');
  if (url) entry.accountExperienceUrl = url;
  const appId = simValue('AppID');
  if (appId) entry.appId = appId;
  const branding = { name: simValue('BrandingName'), icon: simValue('BrandingIcon'), roaming: simValue('UseBrandingNameOnRoaming') };
  if (branding.name || branding.icon || branding.roaming !== undefined) {
    entry.branding = {};
    if (branding.name) entry.branding.name = branding.name;
    if (branding.icon) entry.branding.icon = branding.icon;
    if (branding.roaming !== undefined) entry.branding.useOnRoaming = Number(branding.roaming);
  }
  const marketplace = textOf(childElement(childElement(childElement(childElement(settings, 'DataMarketplace'), 'PerSimSettings'), 'SettingsForSim'), 'SupportDataMarketplace'))?.trim();
  if (marketplace !== undefined) entry.supportDataMarketplace = marketplace === '1' || marketplace.toLowerCase() === 'true';
  return entry;
}
