import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main';
import { translate } from '../../../shared/common/i18n/index';
import { CORPUS_RESULTS, MALFORMED, RESULTS_FIXTURES } from './helpers';
import { captureCli } from '../../support/cli';

const mixed = path.join(RESULTS_FIXTURES, 'mixed-v1.valid.xml');
const source = path.join(RESULTS_FIXTURES, 'source-similar-names.xml');

describe('provstudio inspect', () => {
  it('exit 0 when everything applied', async () => {
    const run = captureCli();
    expect(await runCli(['inspect', path.join(RESULTS_FIXTURES, 'all-applied.valid.xml')], run.io)).toBe(0);
    expect(run.out()).toContain('Everything applied');
  });

  it('exit 1 when something failed, with a readable tree', async () => {
    const run = captureCli();
    expect(await runCli(['inspect', mixed, '--source', source], run.io)).toBe(1);
    expect(run.out()).toContain('├─ WLANProfiles');
    expect(run.out()).toContain('Schema check: valid');
    expect(run.out()).toContain('Source signed by: not signed');
  });

  it('exit 2 for a malformed file (the seed example), and never "Nothing failed"', async () => {
    for (const format of ['text', 'md', 'html']) {
      const run = captureCli();
      expect(await runCli(['inspect', path.join(MALFORMED, 'results-curly-quotes.xml'), '--format', format], run.io)).toBe(2);
      expect(run.out()).toContain(':4:29');
      expect(run.out()).toContain('could not be read');
      expect(run.out()).not.toContain(translate('en', 'results.report.noFailures'));
    }
  });

  it('exit 2 for a file that is not a results file', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'provstudio-inspect-'));
    writeFileSync(path.join(directory, 'other.xml'), '<Something/>');
    const run = captureCli();
    expect(await runCli(['inspect', path.join(directory, 'other.xml')], run.io)).toBe(2);
    expect(run.out()).not.toContain(translate('en', 'results.report.noFailures'));
  });

  it('exit 1 for WLANProfiles 80070426 (corrected seed)', async () => {
    const run = captureCli();
    expect(await runCli(['inspect', path.join(CORPUS_RESULTS, 'seed-wlanprofiles-errorcode.valid.xml'), '--format', 'json'], run.io)).toBe(1);
    const json = JSON.parse(run.out());
    expect(json.failures[0].hresult.name).toBe('ERROR_SERVICE_NOT_ACTIVE');
    expect(json.result.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('md and html to a file with -o', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'inspect-'));
    for (const format of ['md', 'html']) {
      const run = captureCli({ cwd: directory });
      expect(await runCli(['inspect', mixed, '--source', source, '--format', format, '-o', `report.${format}`], run.io)).toBe(1);
      const written = readFileSync(path.join(directory, `report.${format}`), 'utf8');
      expect(written).toContain(format === 'md' ? 'E\\_ACCESSDENIED' : 'E_ACCESSDENIED');
      expect(run.err()).toContain(`report.${format}`);
    }
  });

  it('exit 2 for usage and I/O errors', async () => {
    expect(await runCli(['inspect'], captureCli().io)).toBe(2);
    expect(await runCli(['inspect', mixed, '--format', 'pdf'], captureCli().io)).toBe(2);
    expect(await runCli(['inspect', mixed, mixed], captureCli().io)).toBe(2);
    expect(await runCli(['inspect', mixed, '--bogus'], captureCli().io)).toBe(2);
    const missing = captureCli();
    expect(await runCli(['inspect', path.join(RESULTS_FIXTURES, 'does-not-exist.xml')], missing.io)).toBe(2);
    expect(missing.err()).toMatch(/ENOENT|does-not-exist/);
    const directory = mkdtempSync(path.join(tmpdir(), 'inspect-'));
    writeFileSync(path.join(directory, 'bad.xml'), Buffer.from([0x3c, 0x61, 0xff, 0xfe, 0x3e]));
    expect(await runCli(['inspect', path.join(directory, 'bad.xml')], captureCli().io)).toBe(2);
  });
});
