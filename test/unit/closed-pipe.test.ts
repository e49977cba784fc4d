// `provstudio … | head -1`: a reader that goes away must end the command quietly, never with an
// unhandled EPIPE stack trace. Checked on the built CLI with real pipes whose reading end is
// closed before the command writes.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_BIN } from '../support/cli';

const ROOT = path.resolve(import.meta.dirname, '../..');

function runWithClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PROVSTUDIO_LANG: 'en' } });
    // The reading end goes away before the command has written anything.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a closed output pipe', () => {
  it.each([
    ['new --list', ['new', '--list']],
    ['--help', ['--help']],
    ['inspect --format html', ['inspect', path.join(ROOT, 'test/fixtures/results/mixed-v1.valid.xml'), '--format', 'html']],
  ])('%s exits quietly', async (_name, args) => {
    const { stderr } = await runWithClosedStdout(args);
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
  });

  it('keeps the exit code decided so far (verify of an unsigned file: 1)', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'provstudio-pipe-'));
    const file = path.join(directory, 'unsigned.xml');
    writeFileSync(file, '<?xml version="1.0" encoding="utf-8"?>\n<CarrierProvisioning xmlns="http://www.microsoft.com/networking/CarrierControl/v1"/>\n');
    const { code, stderr } = await runWithClosedStdout(['verify', file]);
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
    expect(code).toBe(1);
  });
});
