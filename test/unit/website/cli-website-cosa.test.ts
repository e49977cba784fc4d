// provstudio website cosa check|export: exit 0 / 1 / 2, findings with file:line:column, nothing
// written when the entry breaks a rule, the written file identical to the library's export.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main';
import { checklistCsv } from '../../../shared/common/website/cosa/checklist';
import { readCosaJson, writeCosaJson, type CosaEntry } from '../../../shared/common/website/cosa/model';
import { captureCli } from '../../support/cli';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const GOOD = path.join(ROOT, 'test/fixtures/website/contoso-cosa.json');
const BROKEN = path.join(ROOT, 'test/fixtures/website/broken-cosa.json');

describe('provstudio website cosa', () => {
  it('check: exit 0 for a valid entry, 1 with file:line:column findings for a broken one', async () => {
    const good = captureCli({ cwd: ROOT });
    expect(await runCli(['website', 'cosa', 'check', GOOD], good.io)).toBe(0);
    const broken = captureCli({ cwd: ROOT });
    expect(await runCli(['website', 'cosa', 'check', BROKEN], broken.io)).toBe(1);
    expect(broken.out()).toContain(`${BROKEN}:6:14: error targets[0].mcc: The MCC "2080" must have exactly 3 digits. [cosa-mcc-format]`);
    const json = captureCli({ cwd: ROOT });
    expect(await runCli(['website', 'cosa', 'check', BROKEN, '--format', 'json'], json.io)).toBe(1);
    const report = JSON.parse(json.out()) as { valid: boolean; findings: { code: string; line: number }[] };
    expect(report.valid).toBe(false);
    expect(report.findings).toContainEqual(expect.objectContaining({ code: 'cosa-range-order', line: 7 }));
  });

  it('export: writes the file atomically, identical to the library export', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'provstudio-cosa-'));
    const capture = captureCli({ cwd: folder });
    expect(await runCli(['website', 'cosa', 'export', GOOD, '--format', 'checklist-csv', '-o', 'checklist.csv'], capture.io)).toBe(0);
    const entry = readCosaJson(readFileSync(GOOD, 'utf8')).entry as CosaEntry;
    expect(readFileSync(path.join(folder, 'checklist.csv'), 'utf8')).toBe(checklistCsv(entry));
    const apndb = captureCli({ cwd: folder });
    expect(await runCli(['website', 'cosa', 'export', GOOD, '--format', 'apndb', '-o', 'ApnDatabase.xml'], apndb.io)).toBe(0);
    expect(apndb.err()).toContain('mbidgenerator');
  });

  it('export: writes nothing and exits 1 when the entry breaks a rule or the format cannot hold it', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'provstudio-cosa-'));
    const capture = captureCli({ cwd: folder });
    expect(await runCli(['website', 'cosa', 'export', BROKEN, '--format', 'customizations', '-o', 'customizations.xml'], capture.io)).toBe(1);
    expect(existsSync(path.join(folder, 'customizations.xml'))).toBe(false);
    expect(capture.err()).toContain('Nothing was written');
  });

  it('export: refuses an IMSI range in customizations.xml (exit 1, nothing written) but writes it to the APN database', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'provstudio-cosa-'));
    const entry = readCosaJson(readFileSync(GOOD, 'utf8')).entry as CosaEntry;
    entry.targets = [{ mcc: '208', mnc: '01', imsiRange: { start: '208010000000000', end: '208010000099999' } }];
    writeFileSync(path.join(folder, 'COSA.json'), writeCosaJson(entry));
    const refused = captureCli({ cwd: folder });
    expect(await runCli(['website', 'cosa', 'export', 'COSA.json', '--format', 'customizations', '-o', 'customizations.xml'], refused.io)).toBe(1);
    expect(refused.err()).toContain('targets[0].imsiRange');
    expect(refused.err()).toContain('[cosa-customizations-imsi-range]');
    expect(existsSync(path.join(folder, 'customizations.xml'))).toBe(false);
    const written = captureCli({ cwd: folder });
    expect(await runCli(['website', 'cosa', 'export', 'COSA.json', '--format', 'apndb', '-o', 'ApnDatabase.xml'], written.io)).toBe(0);
    expect(readFileSync(path.join(folder, 'ApnDatabase.xml'), 'utf8')).toContain('<HardwareId id="IMSI:208010000000000-208010000099999" />');
  });

  it.each([
    [['website', 'cosa']],
    [['website', 'cosa', 'check']],
    [['website', 'cosa', 'export', GOOD]],
    [['website', 'cosa', 'export', GOOD, '--format', 'xlsx']],
    [['website', 'cosa', 'export', path.join(ROOT, 'no-such-file.json'), '--format', 'apndb']],
  ])('exits 2 on a usage or I/O error: %j', async (args) => {
    expect(await runCli(args, captureCli({ cwd: ROOT }).io)).toBe(2);
  });
});
