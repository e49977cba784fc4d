// The COSA entry: COSA's documented rules with locations, the three exports and their round trips,
// the APN database entry against our XSD in libxml2-wasm and native xmllint, and the branding icon
// read from files written by icotool.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectForApnDatabase, readApnDatabase, writeApnDatabase } from '../../../shared/common/website/cosa/apn-database';
import { checklistCsv, checklistJson, checklistMarkdown, readChecklistCsv, readChecklistJson } from '../../../shared/common/website/cosa/checklist';
import { CosaExportError, projectForCustomizations, readCustomizations, writeCustomizations } from '../../../shared/common/website/cosa/customizations';
import { missingIconImages, readIcon, REQUIRED_ICON_IMAGES } from '../../../shared/common/website/cosa/icon';
import { normaliseEntry, readCosaJson, type CosaEntry } from '../../../shared/common/website/cosa/model';
import { checkCosaEntry } from '../../../shared/common/website/cosa/rules';
import { loadNetworkDirectory, type NetworkDirectory } from '../../../shared/common/website/networks';
import { ROOT, SCHEMA_DIRECTORY, sharedValidator } from '../schema/schema-files';
import { hasIcotool, iconWith } from './icons';

const FIXTURES = path.join(ROOT, 'test/fixtures/website');
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;

let directory: NetworkDirectory;
let contoso: CosaEntry;
beforeAll(async () => {
  directory = await loadNetworkDirectory();
  const read = readCosaJson(readFileSync(path.join(FIXTURES, 'contoso-cosa.json'), 'utf8'));
  expect(read.findings).toEqual([]);
  contoso = read.entry as CosaEntry;
});

describe('COSA rules', () => {
  it('accepts a complete entry', () => {
    expect(checkCosaEntry(contoso, directory)).toEqual([]);
  });

  it('reports every broken rule with its path and its line in COSA.json', () => {
    const text = readFileSync(path.join(FIXTURES, 'broken-cosa.json'), 'utf8');
    const read = readCosaJson(text);
    const findings = [...read.findings, ...checkCosaEntry(read.entry as CosaEntry, directory, { locate: read.locate })];
    const summary = findings.map((finding) => `${finding.line}:${finding.path}:${finding.code}`);
    const lineOf = (needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1;
    expect(summary.sort()).toEqual(
      [
        `${lineOf('"colour"')}:colour:cosa-unknown-key`,
        `${lineOf('"yes"')}:apns[1].alwaysOn:cosa-type`,
        `${lineOf('"France"')}:country:cosa-country`,
        `${lineOf('"Insert"')}:updateType:cosa-enum`,
        `${lineOf('"2080"')}:targets[0].mcc:cosa-mcc-format`,
        `${lineOf('"2080"')}:targets[0].mnc:cosa-mnc-format`,
        // IMSI range: must start with MCC+MNC 20801, start ...00 (it is), end ...99, start <= end
        `${lineOf('"208020000000000"')}:targets[1].imsiRange.start:cosa-imsi-range-prefix`,
        `${lineOf('"208020000000000"')}:targets[1].imsiRange.end:cosa-range-end-ending`,
        `${lineOf('"208020000000000"')}:targets[1].imsiRange:cosa-range-order`,
        // ICCID range: 89 prefix, ...00 start, same lengths
        `${lineOf('"9933010000000000001"')}:targets[2].iccidRange.start:cosa-iccid-range-prefix`,
        `${lineOf('"9933010000000000001"')}:targets[2].iccidRange.start:cosa-range-start-ending`,
        `${lineOf('"9933010000000000001"')}:targets[2].iccidRange:cosa-range-lengths`,
        `${lineOf('"http://')}:accountExperienceUrl:base-not-https`,
        `${lineOf('"http://')}:accountExperienceUrl:base-clash`,
        `${lineOf('"http://')}:accountExperienceUrl:base-has-query`,
        `${lineOf('"Contoso Mobile"')}:appId:cosa-appid-format`,
        `${lineOf('"Contoso Mobile"')}:appId:cosa-appid-overrides-url`,
        `${lineOf('"CHAP"')}:apns[0].purposes:cosa-purchase-and-internet`,
        `${lineOf('"CHAP"')}:apns[0].authProtocol:cosa-auth-without-credentials`,
        `${lineOf('"mms.contoso"')}:apns[1].authProtocol:cosa-credentials-without-auth`,
        `${lineOf('"mms.contoso"')}:apns[1].autoConnectOrder:cosa-autoconnect-duplicate`,
        `${lineOf('"apns"')}:apns:cosa-autoconnect-start`,
        `${lineOf('"trustedSigner"')}:trustedSigner:cosa-signer-incomplete`,
      ].sort(),
    );
    // An ICCID-range row may leave MCC and MNC out.
    expect(summary.filter((item) => item.includes('targets[2].mcc'))).toEqual([]);
  });

  it('reports a JSON syntax error with its place', () => {
    const read = readCosaJson('{\n  "operator": "Contoso",\n  "country": "FR"\n  "apns": []\n}');
    expect(read.findings[0]).toMatchObject({ code: 'cosa-json-syntax', line: 4 });
  });

  it('requires MCC 3 digits and MNC 2-3, and names an MNC missing from the list', () => {
    const check = (target: CosaEntry['targets'][number]) => checkCosaEntry({ ...contoso, targets: [target] }, directory).map((finding) => finding.code);
    expect(check({ mcc: '208', mnc: '10' })).toEqual([]);
    expect(check({ mcc: '310', mnc: '260' })).toEqual([]);
    expect(check({ mcc: '20', mnc: '01' })).toEqual(['cosa-mcc-format']);
    expect(check({ mcc: '208', mnc: '1234' })).toEqual(['cosa-mnc-format']);
    expect(check({ mcc: '208', mnc: '45' })).toEqual(['cosa-mnc-unknown']);
    expect(check({ mcc: '208', mnc: '01', imsiRange: { start: '208010000000000', end: '208010000099999' }, iccidRange: { start: '8933010000000000000', end: '8933019999999999999' } })).toEqual(['cosa-target-both-ranges']);
  });
});

describe.skipIf(!hasIcotool)('branding icon (written by icotool)', () => {
  it('accepts an icon with every required size and depth', () => {
    const icon = readIcon(iconWith(REQUIRED_ICON_IMAGES));
    expect(icon.ok && missingIconImages(icon.images)).toEqual([]);
    expect(checkCosaEntry({ ...contoso, branding: { name: 'Contoso', icon: 'contoso.ico' } }, directory, { iconBytes: iconWith(REQUIRED_ICON_IMAGES) })).toEqual([]);
  });

  it('names the missing images', () => {
    const images = REQUIRED_ICON_IMAGES.filter((image) => image.bitsPerPixel !== 4);
    const findings = checkCosaEntry({ ...contoso, branding: { icon: 'contoso.ico' } }, directory, { iconBytes: iconWith(images) });
    expect(findings).toEqual([expect.objectContaining({ code: 'cosa-icon-sizes', params: { missing: '48×48 4-bit, 32×32 4-bit, 24×24 4-bit, 16×16 4-bit' } })]);
  });

  it('refuses what is not an icon, and an unreadable file', () => {
    const notIcon = checkCosaEntry({ ...contoso, branding: { icon: 'contoso.ico' } }, directory, { iconBytes: new TextEncoder().encode('<svg/>') });
    expect(notIcon.map((finding) => finding.code)).toEqual(['cosa-icon-not-ico']);
    const unreadable = checkCosaEntry({ ...contoso, branding: { icon: 'logo.png' } }, directory, { iconBytes: null });
    expect(unreadable.map((finding) => finding.code)).toEqual(['cosa-icon-extension', 'cosa-icon-unreadable']);
  });
});

describe('exports round-trip', () => {
  it('checklist CSV: export, read back, same entry', () => {
    const csv = checklistCsv(contoso);
    expect(csv.split('\r\n')[0]).toMatch(/^Update Type,Country\/Region,Operator,MCC,MNC,/);
    expect(csv.split('\r\n').filter((line) => line !== '')).toHaveLength(1 + contoso.targets.length * contoso.apns.length);
    expect(normaliseEntry(readChecklistCsv(csv))).toEqual(normaliseEntry(contoso));
  });

  it('checklist CSV keeps commas, quotes and line breaks in values', () => {
    const tricky: CosaEntry = { ...contoso, operator: 'Contoso, "the" operator', apns: [{ ...(contoso.apns[0] as CosaEntry['apns'][number]), friendlyName: 'Line one\nline two' }] };
    expect(normaliseEntry(readChecklistCsv(checklistCsv(tricky)))).toEqual(normaliseEntry(tricky));
  });

  it('checklist JSON: export, read back, same entry', () => {
    expect(normaliseEntry(readChecklistJson(checklistJson(contoso)))).toEqual(normaliseEntry(contoso));
  });

  it('checklist Markdown lists the settings, targets and access strings', () => {
    const markdown = checklistMarkdown(contoso, 'fr');
    expect(markdown).toContain('# COSA / APN database: Contoso (France)');
    expect(markdown).toContain('| 2 | 208 | 01 | — | — | 8933010000000000000 | 8933019999999999999 |');
    expect(markdown).toContain('| 2 | shop.contoso | Contoso Shop |');
  });

  it('customizations.xml: export, read back, what the format carries', () => {
    const xml = writeCustomizations(contoso);
    expect(xml).toContain('<Condition Name="ICCID" Value="range:8933010000000000000,8933019999999999999" />');
    expect(xml).toContain('<PurposeGroups>{95522B2B-A6D1-4E40-960B-05E6D3F962AB}</PurposeGroups>');
    expect(xml).toContain('<SettingsForSim SimIccid="$(__ICCID)">');
    expect(xml).toContain('<AccountExperienceURL>https://shop.contoso.example/activate</AccountExperienceURL>');
    expect(readCustomizations(xml)).toEqual(projectForCustomizations(contoso));
    // Same entry, same IDs: the answer file is reproducible.
    expect(writeCustomizations(contoso)).toBe(xml);
  });

  it('customizations.xml refuses an IMSI range rather than widening it to the whole MCC+MNC', () => {
    const withImsi: CosaEntry = { ...contoso, targets: [{ mcc: '208', mnc: '01', imsiRange: { start: '208010000000000', end: '208010000099999' } }] };
    expect(() => writeCustomizations(withImsi)).toThrow(CosaExportError);
  });

  it('ApnDatabase.xml: export, read back, what the format carries', () => {
    const withImsi: CosaEntry = { ...contoso, targets: [...contoso.targets, { mcc: '208', mnc: '01', imsiRange: { start: '208010000000000', end: '208010000099999' } }] };
    const xml = writeApnDatabase(withImsi);
    expect(xml).toContain('<Operator name="Contoso (France)" AccountExperienceURL="https://shop.contoso.example/activate" OperatorGUID="{7240F79C-7567-4BA3-95C0-ABD31D02A385}">');
    expect(xml).toContain('<HardwareId id="ICCID:8933010000000000000-8933019999999999999" />');
    expect(readApnDatabase(xml)).toEqual(projectForApnDatabase(withImsi));
  });
});

describe('the COSA answer file validates', () => {
  it('in libxml2-wasm (schemas/windows-customizations.xsd through the driver) and in native xmllint', () => {
    const xml = writeCustomizations(contoso);
    const result = sharedValidator().validate(xml, { lint: false });
    expect(result.diagnostics).toEqual([]);
    expect(result.documentKind).toBe('customizations');
    if (!hasXmllint) return;
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'provstudio-customizations-')), 'customizations.xml');
    writeFileSync(file, xml);
    const native = spawnSync('xmllint', ['--noout', '--nonet', '--schema', path.join(SCHEMA_DIRECTORY, 'provisioning.xsd'), file], { encoding: 'utf8' });
    expect(native.stderr).toContain(`${file} validates`);
  });
});

describe('the APN database entry validates', () => {
  it('in libxml2-wasm against schemas/apn-database.xsd (through the driver), as an accepted root', () => {
    const result = sharedValidator().validate(writeApnDatabase(contoso), { lint: false });
    expect(result.diagnostics).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.documentKind).toBe('apn-database');
  });

  it.skipIf(!hasXmllint)('and native xmllint agrees, on the export and on a broken copy', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'provstudio-apndb-'));
    const good = path.join(folder, 'ApnDatabase.xml');
    const bad = path.join(folder, 'ApnDatabase-broken.xml');
    const text = writeApnDatabase(contoso);
    const broken = text.replace('Purchase="false"', 'Purchase="N"');
    writeFileSync(good, text);
    writeFileSync(bad, broken);
    for (const schema of ['apn-database.xsd', 'provisioning.xsd']) {
      const native = spawnSync('xmllint', ['--noout', '--nonet', '--schema', path.join(SCHEMA_DIRECTORY, schema), good, bad], { encoding: 'utf8' });
      expect(native.stderr).toContain(`${good} validates`);
      expect(native.stderr).toContain(`${bad} fails to validate`);
    }
    expect(sharedValidator().validate(broken, { lint: false }).valid).toBe(false);
  });
});
