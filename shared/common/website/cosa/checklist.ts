// The checklist the operator configuration portal asks for: the settings of Microsoft's COSA/APN
// update spreadsheet, one row per target and access string (the spreadsheet's layout: every APN
// of an operator is listed for each of its MCC+MNC / IMSI range / ICCID range rows). Exported as
// CSV (papaparse, RFC 4180 quoting) and JSON (the same rows) for the portal, and as Markdown for
// people; CSV and JSON read back into the same entry. papaparse runs in the browser as it is
// (no Node built-ins, no Buffer); streamed data files are read with csv-parse instead, on purpose
// (see shared/node/subscriber/rows.ts and docs/architecture.md).
import Papa from 'papaparse';
import { countryName } from '../networks';
import type { Language } from '../../i18n/index';
import { PURPOSES, type CosaApn, type CosaEntry, type CosaTarget, type Purpose } from './model';

// The spreadsheet's setting names by group, each written once: the operator's own settings (before
// and after the targets), the targets, the access strings and the trusted signer.
const OPERATOR_HEAD_COLUMNS = ['Update Type', 'Country/Region', 'Operator'] as const;
const TARGET_COLUMNS = ['MCC', 'MNC', 'IMSI Range - Start', 'IMSI Range - End', 'ICCID Range - Start', 'ICCID Range - End'] as const;
const OPERATOR_COLUMNS = ['SPN', 'PNN', 'GID1', 'UIName', 'UIOrder', 'Account Experience URL', 'AppID', 'Branding Name', 'Branding Icon', 'Use Branding Name On Roaming', 'Data Marketplace support'] as const;
const APN_COLUMNS = [
  'Connection Information – Friendly Name',
  'Connection Information – Access String',
  'Connection Information – User Name',
  'Connection Information - Password',
  'Auth Protocol',
  'Compression',
  'IP Type',
  'Purpose groups',
  'AlwaysOn',
  'Roaming',
  'Connection Information – Auto-Connect Order',
  'Connection Information – Purchase Flag',
  'Connection Information – Connect Flag',
] as const;
const SIGNER_COLUMNS = ['Cert Subject Name', 'Cert Issuer Name', 'Carrier GUID'] as const;

/** The spreadsheet's setting names, in its order (the portal's column headings). */
export const CHECKLIST_COLUMNS = [...OPERATOR_HEAD_COLUMNS, ...TARGET_COLUMNS, ...OPERATOR_COLUMNS, ...APN_COLUMNS, ...SIGNER_COLUMNS] as const;
export type ChecklistColumn = (typeof CHECKLIST_COLUMNS)[number];
export type ChecklistRow = Record<ChecklistColumn, string>;

const text = (value: string | number | undefined): string => (value === undefined ? '' : String(value));
const flag = (value: boolean | undefined): string => (value === undefined ? '' : value ? 'true' : 'false');
const yesNo = (value: boolean): string => (value ? 'Y' : 'N');

export function checklistRows(entry: CosaEntry): ChecklistRow[] {
  const rows: ChecklistRow[] = [];
  for (const target of entry.targets) {
    for (const apn of entry.apns) {
      const purposes = apn.purposes ?? [];
      rows.push({
        'Update Type': entry.updateType,
        'Country/Region': entry.country,
        Operator: entry.operator,
        MCC: text(target.mcc),
        MNC: text(target.mnc),
        'IMSI Range - Start': text(target.imsiRange?.start),
        'IMSI Range - End': text(target.imsiRange?.end),
        'ICCID Range - Start': text(target.iccidRange?.start),
        'ICCID Range - End': text(target.iccidRange?.end),
        SPN: text(entry.spn),
        PNN: text(entry.pnn),
        GID1: text(entry.gid1),
        UIName: text(entry.uiName),
        UIOrder: text(entry.uiOrder),
        'Account Experience URL': text(entry.accountExperienceUrl),
        AppID: text(entry.appId),
        'Branding Name': text(entry.branding?.name),
        'Branding Icon': text(entry.branding?.icon),
        'Use Branding Name On Roaming': text(entry.branding?.useOnRoaming),
        'Data Marketplace support': flag(entry.supportDataMarketplace),
        'Connection Information – Friendly Name': text(apn.friendlyName),
        'Connection Information – Access String': apn.accessString,
        'Connection Information – User Name': text(apn.userName),
        'Connection Information - Password': text(apn.password),
        'Auth Protocol': text(apn.authProtocol),
        Compression: text(apn.compression),
        'IP Type': text(apn.ipType),
        // The spreadsheet asks for purpose names; customizations.xml gets their GUIDs.
        'Purpose groups': purposes.join(','),
        AlwaysOn: flag(apn.alwaysOn),
        Roaming: text(apn.roaming),
        'Connection Information – Auto-Connect Order': text(apn.autoConnectOrder),
        'Connection Information – Purchase Flag': yesNo(purposes.includes('Purchase')),
        'Connection Information – Connect Flag': yesNo((purposes.length === 0 ? ['Internet'] : purposes).includes('Internet')),
        'Cert Subject Name': text(entry.trustedSigner?.subjectName),
        'Cert Issuer Name': text(entry.trustedSigner?.issuerName),
        'Carrier GUID': text(entry.trustedSigner?.carrierGuid),
      });
    }
  }
  return rows;
}

export function checklistCsv(entry: CosaEntry): string {
  return Papa.unparse({ fields: [...CHECKLIST_COLUMNS], data: checklistRows(entry).map((row) => CHECKLIST_COLUMNS.map((column) => row[column])) }, { newline: '\r\n' }) + '\r\n';
}

export function checklistJson(entry: CosaEntry): string {
  return JSON.stringify({ columns: CHECKLIST_COLUMNS, rows: checklistRows(entry) }, null, 2) + '\n';
}

// ---- Reading the checklist back ----------------------------------------------------------------

export class ChecklistError extends Error {
  constructor(
    message: string,
    /** 1-based row (data rows; the heading is row 0) where the problem is, when there is one. */
    readonly row?: number,
  ) {
    super(message);
  }
}

const optionalNumber = (value: string | undefined): number | undefined => (value === undefined || value === '' ? undefined : Number(value));
const optionalText = (value: string | undefined): string | undefined => (value === undefined || value === '' ? undefined : value);
const optionalFlag = (value: string | undefined): boolean | undefined => (value === 'true' ? true : value === 'false' ? false : undefined);

function targetOf(row: ChecklistRow): CosaTarget {
  const target: CosaTarget = {};
  if (row.MCC) target.mcc = row.MCC;
  if (row.MNC) target.mnc = row.MNC;
  if (row['IMSI Range - Start'] || row['IMSI Range - End']) target.imsiRange = { start: row['IMSI Range - Start'], end: row['IMSI Range - End'] };
  if (row['ICCID Range - Start'] || row['ICCID Range - End']) target.iccidRange = { start: row['ICCID Range - Start'], end: row['ICCID Range - End'] };
  return target;
}

function apnOf(row: ChecklistRow): CosaApn {
  const apn: CosaApn = { accessString: row['Connection Information – Access String'] };
  const assign = <K extends keyof CosaApn>(key: K, value: CosaApn[K] | undefined) => {
    if (value !== undefined) apn[key] = value;
  };
  assign('friendlyName', optionalText(row['Connection Information – Friendly Name']));
  assign('userName', optionalText(row['Connection Information – User Name']));
  assign('password', optionalText(row['Connection Information - Password']));
  assign('authProtocol', optionalText(row['Auth Protocol']) as CosaApn['authProtocol']);
  assign('compression', optionalText(row.Compression) as CosaApn['compression']);
  assign('ipType', optionalText(row['IP Type']) as CosaApn['ipType']);
  const purposes = row['Purpose groups'] ? (row['Purpose groups'].split(',').map((purpose) => purpose.trim()) as Purpose[]) : [];
  if (purposes.length > 0) apn.purposes = purposes;
  assign('alwaysOn', optionalFlag(row.AlwaysOn));
  assign('roaming', optionalNumber(row.Roaming));
  assign('autoConnectOrder', optionalNumber(row['Connection Information – Auto-Connect Order']));
  return apn;
}

/** The entry the rows describe. Rows must be the targets × APNs grid the export writes. */
export function entryFromChecklistRows(rows: readonly ChecklistRow[]): CosaEntry {
  if (rows.length === 0) throw new ChecklistError('no rows');
  const first = rows[0] as ChecklistRow;
  const targetKey = (row: ChecklistRow) => JSON.stringify(targetOf(row));
  const targetKeys = [...new Set(rows.map(targetKey))];
  const apnRows = rows.filter((row) => targetKey(row) === targetKeys[0]);
  if (apnRows.length * targetKeys.length !== rows.length) throw new ChecklistError('every target must list the same access strings');
  rows.forEach((row, index) => {
    const expected = apnRows[index % apnRows.length] as ChecklistRow;
    if (row['Connection Information – Access String'] !== expected['Connection Information – Access String'] || row.Operator !== first.Operator) {
      throw new ChecklistError('rows must be grouped by target, with the same access strings in the same order', index + 1);
    }
  });
  const entry: CosaEntry = {
    operator: first.Operator,
    country: first['Country/Region'],
    updateType: first['Update Type'] as CosaEntry['updateType'],
    targets: targetKeys.map((key) => JSON.parse(key) as CosaTarget),
    apns: apnRows.map(apnOf),
  };
  const assign = <K extends keyof CosaEntry>(key: K, value: CosaEntry[K] | undefined) => {
    if (value !== undefined) entry[key] = value;
  };
  assign('spn', optionalText(first.SPN));
  assign('pnn', optionalText(first.PNN));
  assign('gid1', optionalText(first.GID1));
  assign('uiName', optionalText(first.UIName));
  assign('uiOrder', optionalNumber(first.UIOrder));
  assign('accountExperienceUrl', optionalText(first['Account Experience URL']));
  assign('appId', optionalText(first.AppID));
  const branding = { name: optionalText(first['Branding Name']), icon: optionalText(first['Branding Icon']), useOnRoaming: optionalNumber(first['Use Branding Name On Roaming']) };
  if (branding.name !== undefined || branding.icon !== undefined || branding.useOnRoaming !== undefined) {
    entry.branding = Object.fromEntries(Object.entries(branding).filter(([, value]) => value !== undefined));
  }
  assign('supportDataMarketplace', optionalFlag(first['Data Marketplace support']));
  const signer = { subjectName: optionalText(first['Cert Subject Name']), issuerName: optionalText(first['Cert Issuer Name']), carrierGuid: optionalText(first['Carrier GUID']) };
  if (signer.subjectName !== undefined || signer.issuerName !== undefined || signer.carrierGuid !== undefined) {
    entry.trustedSigner = Object.fromEntries(Object.entries(signer).filter(([, value]) => value !== undefined));
  }
  return entry;
}

function checkColumns(columns: readonly string[]): void {
  const missing = CHECKLIST_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length > 0) throw new ChecklistError(`missing columns: ${missing.join(', ')}`);
}

export function readChecklistCsv(csv: string): CosaEntry {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  const problem = parsed.errors[0];
  if (problem) throw new ChecklistError(problem.message, problem.row === undefined ? undefined : problem.row + 1);
  checkColumns(parsed.meta.fields ?? []);
  return entryFromChecklistRows(parsed.data as ChecklistRow[]);
}

export function readChecklistJson(json: string): CosaEntry {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch (error) {
    throw new ChecklistError((error as Error).message);
  }
  const rows = (document as { rows?: unknown }).rows;
  if (!Array.isArray(rows)) throw new ChecklistError('no "rows" array');
  rows.forEach((row, index) => {
    if (typeof row !== 'object' || row === null) throw new ChecklistError('a row is not an object', index + 1);
    checkColumns(Object.keys(row));
  });
  return entryFromChecklistRows(rows as ChecklistRow[]);
}

// ---- Markdown, for people ------------------------------------------------------------------------

const cell = (value: string): string => (value === '' ? '—' : value.replace(/\|/g, '\\|').replace(/\r?\n/g, ' '));

/** The checklist as Markdown: the operator's settings, then the targets, then the access strings. */
export function checklistMarkdown(entry: CosaEntry, language: Language): string {
  const row = checklistRows({ ...entry, targets: [entry.targets[0] ?? {}], apns: [entry.apns[0] ?? { accessString: '' }] })[0] as ChecklistRow;
  const lines = [`# COSA / APN database: ${entry.operator} (${countryName(entry.country, language)})`, '', '| Setting | Value |', '|---|---|'];
  const operatorColumns: ChecklistColumn[] = [...OPERATOR_HEAD_COLUMNS, ...OPERATOR_COLUMNS, ...SIGNER_COLUMNS];
  for (const column of operatorColumns) lines.push(`| ${column} | ${cell(row[column])} |`);
  const targetColumns: ChecklistColumn[] = [...TARGET_COLUMNS];
  lines.push('', '## Targets', '', `| # | ${targetColumns.join(' | ')} |`, `|---|${targetColumns.map(() => '---').join('|')}|`);
  checklistRows({ ...entry, apns: [{ accessString: '' }] }).forEach((target, index) => lines.push(`| ${index + 1} | ${targetColumns.map((column) => cell(target[column])).join(' | ')} |`));
  // The access string first: it names the row.
  const [friendlyName, accessString, ...otherApnColumns] = APN_COLUMNS;
  const apnColumns: ChecklistColumn[] = [accessString, friendlyName, ...otherApnColumns];
  lines.push('', '## Access strings', '', `| # | ${apnColumns.join(' | ')} |`, `|---|${apnColumns.map(() => '---').join('|')}|`);
  checklistRows({ ...entry, targets: [{}] }).forEach((apn, index) => lines.push(`| ${index + 1} | ${apnColumns.map((column) => cell(apn[column])).join(' | ')} |`));
  return lines.join('\n') + '\n';
}

/** Purpose names to the GUID list PurposeGroups takes (braced, comma-separated). */
export function purposeGuids(purposes: readonly Purpose[] | undefined): string {
  return (purposes && purposes.length > 0 ? purposes : (['Internet'] as Purpose[])).map((purpose) => `{${PURPOSES[purpose]}}`).join(',');
}
