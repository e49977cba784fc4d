// provstudio validate --target and provstudio fix, through the CLI entry point.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCommand } from '../../../cli/commands/validate';
import { fixCommand } from '../../../cli/commands/fix';
import { ROOT } from './schema-files';
import { runCaptured } from '../../support/cli';

async function run(...args: string[]) {
  const { exitCode, out, err } = await runCaptured(args, { cwd: ROOT }, [validateCommand, fixCommand]);
  return { code: exitCode, stdout: out, stderr: err };
}

const PASSPOINT = 'test/fixtures/passpoint/hgot07-passpoint-win-eap-ttls.xml';

describe('validate --target', () => {
  it('defaults to windows11, where Hotspot2 is known', async () => {
    // The public sample keeps example.com domains (placeholders, PS-L036): accepted here on purpose.
    expect((await run('validate', '--allow-placeholders', PASSPOINT)).code).toBe(0);
    expect((await run('validate', '--allow-placeholders', '--target', 'windows11', PASSPOINT)).code).toBe(0);
  });
  it('windows10 refuses Hotspot2 and names the version that introduced it', async () => {
    const result = await run('validate', '--target', 'windows10', '--format', 'json', PASSPOINT);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.files[0].target).toBe('windows10');
    expect(report.files[0].valid).toBe(false);
    expect(report.files[0].diagnostics.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['XSD_UNEXPECTED_ELEMENT', 'PS-L031']));
  });
  it('--schema-only gives the published schemas’ verdict: lax content passes, undeclared documented attributes do not', async () => {
    expect((await run('validate', '--schema-only', '--target', 'windows10', 'test/fixtures/corpus/wlan/seed-eap-sim-eacomputeronfig.windows10-accepts.valid.xml')).code).toBe(0);
    expect((await run('validate', '--schema-only', '--target', 'windows10', 'test/fixtures/corpus/signature/keyinfo-missing.windows10-accepts.valid.xml')).code).toBe(0);
    expect((await run('validate', '--schema-only', '--target', 'windows10', 'test/fixtures/corpus/cc/messages-ruleid-documented-not-published.invalid.xml')).code).toBe(1);
    // Without --schema-only the lint knows better.
    const full = await run('validate', '--target', 'windows10', 'test/fixtures/corpus/wlan/seed-eap-sim-eacomputeronfig.windows10-accepts.valid.xml');
    expect(full.code).toBe(1);
    expect(full.stdout).toContain('PS-L027');
  });
  it('refuses an unknown target', async () => {
    const result = await run('validate', '--target', 'windows12', PASSPOINT);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('windows12');
  });
});

describe('fix', () => {
  it('replaces only the almost-right namespace, keeping BOM, CRLF and everything else', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'provstudio-fix-'));
    const source = readFileSync(path.join(ROOT, 'test/fixtures/lint/PS-L032.fail.xml'), 'utf8').replace(/\n/g, '\r\n');
    const input = path.join(folder, 'in.xml');
    const output = path.join(folder, 'out.xml');
    writeFileSync(input, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(source, 'utf8')]));
    const result = await run('fix', input, '-o', output);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('-> http://www.microsoft.com/networking/OneX/v1');
    const written = readFileSync(output);
    expect([...written.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const expected = source.replace('https://www.microsoft.com/networking/OneX/v1/', 'http://www.microsoft.com/networking/OneX/v1');
    expect(written.subarray(3).toString('utf8')).toBe(expected);
    expect(readFileSync(input).subarray(3).toString('utf8')).toBe(source);
    const again = await run('validate', output);
    expect(again.stdout).not.toContain('PS-L032');
    expect((await run('fix', output)).stdout).toContain('nothing to fix');
  });
  it('refuses a file that is not well-formed, writing nothing', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'provstudio-fix-'));
    const input = path.join(folder, 'bad.xml');
    writeFileSync(input, '<CarrierProvisioning xmlns="https://www.microsoft.com/networking/CarrierControl/v1">');
    const result = await run('fix', input);
    expect(result.code).toBe(2);
    expect(readFileSync(input, 'utf8')).toBe('<CarrierProvisioning xmlns="https://www.microsoft.com/networking/CarrierControl/v1">');
  });
});
