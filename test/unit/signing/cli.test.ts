// provstudio certs make-test-ev, sign, verify and certs list through runCli, with secrets from
// environment variables (never argv) and exit codes 0 / 1 / 2.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translate } from '../../../shared/common/i18n/index';
import { runCli } from '../../../cli/main';
import type { CliIo } from '../../../cli/command';
import { SAMPLE, temporaryDirectory } from './support';

function testIo(cwd: string, env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (text) => out.push(text), stderr: (text) => err.push(text), env, cwd, t: (key, params) => translate('en', key, params), interrupted: new Promise(() => undefined) };
  return { io, out, err };
}

describe('provstudio sign / verify / certs', () => {
  it('makes a kit, signs with it, verifies, and refuses a tampered file', async () => {
    const directory = temporaryDirectory();
    const env = { KIT_PASSWORD: 'cli-secret' };
    const made = testIo(directory, env);
    expect(await runCli(['certs', 'make-test-ev', '--out', 'kit', '--password-env', 'KIT_PASSWORD'], made.io)).toBe(0);
    expect(readFileSync(path.join(directory, 'kit', 'README.txt'), 'utf8')).toContain('Cert:\\LocalMachine\\Root');

    const listed = testIo(directory, env);
    expect(await runCli(['certs', 'list', '--pfx', 'kit/signer.pfx', '--password-env', 'KIT_PASSWORD'], listed.io)).toBe(0);
    expect(listed.out.join('')).toContain('EV: yes');

    writeFileSync(path.join(directory, 'in.xml'), SAMPLE);
    const signing = testIo(directory, env);
    expect(await runCli(['sign', 'in.xml', '-o', 'out.xml', '--pfx', 'kit/signer.pfx', '--password-env', 'KIT_PASSWORD'], signing.io)).toBe(0);
    expect(signing.out.join('') + signing.err.join('')).not.toContain('cli-secret');

    const verifying = testIo(directory);
    expect(await runCli(['verify', 'out.xml', '--trusted-root', 'kit/root.cer'], verifying.io)).toBe(0);
    expect(verifying.out.join('')).toContain('ACCEPTED');

    const untrusted = testIo(directory);
    expect(await runCli(['verify', 'out.xml'], untrusted.io)).toBe(1);
    expect(untrusted.out.join('')).toContain('0x82170004');

    writeFileSync(path.join(directory, 'tampered.xml'), readFileSync(path.join(directory, 'out.xml'), 'utf8').replace('310260', '310261'));
    const tampered = testIo(directory);
    expect(await runCli(['verify', 'tampered.xml', '--trusted-root', 'kit/root.cer', '--format', 'json'], tampered.io)).toBe(1);
    expect(JSON.parse(tampered.out.join(''))).toMatchObject({ accepted: false, hresult: '0x82170005' });
  });

  it('without a terminal, names the option that gives the secret; the kit holds the root as root.cer and root.pem', async () => {
    const directory = temporaryDirectory();
    expect(process.stdin.isTTY).toBeFalsy();
    const noTerminal = testIo(directory);
    expect(await runCli(['certs', 'make-test-ev', '--out', 'kit'], noTerminal.io)).toBe(2);
    expect(noTerminal.err.join('')).toContain('No terminal to ask for the password of signer.pfx: name an environment variable that holds it with --password-env VARIABLE.');

    expect(await runCli(['certs', 'make-test-ev', '--out', 'kit', '--password-env', 'KIT_PASSWORD'], testIo(directory, { KIT_PASSWORD: 'cli-secret' }).io)).toBe(0);
    writeFileSync(path.join(directory, 'in.xml'), SAMPLE);
    const signing = testIo(directory);
    expect(await runCli(['sign', 'in.xml', '-o', 'out.xml', '--pfx', 'kit/signer.pfx'], signing.io)).toBe(2);
    expect(signing.err.join('')).toContain('with --password-env VARIABLE');

    // OpenSSL reads root.pem as the very certificate root.cer holds.
    const der = spawnSync('openssl', ['x509', '-in', path.join(directory, 'kit', 'root.pem'), '-outform', 'DER']);
    expect(der.status).toBe(0);
    expect(Buffer.compare(der.stdout, readFileSync(path.join(directory, 'kit', 'root.cer')))).toBe(0);
    expect(readFileSync(path.join(directory, 'kit', 'README.txt'), 'utf8')).toContain('root.pem');
  });

  it('exits 2 for usage and I/O problems', async () => {
    const directory = temporaryDirectory();
    expect(await runCli(['sign', 'missing.xml', '-o', 'x.xml'], testIo(directory).io)).toBe(2);
    expect(await runCli(['sign', 'missing.xml', '-o', 'x.xml', '--pfx', 'a.pfx', '--nss-db', 'db'], testIo(directory).io)).toBe(2);
    expect(await runCli(['verify', 'missing.xml'], testIo(directory).io)).toBe(2);
    const noSecret = testIo(directory);
    writeFileSync(path.join(directory, 'in.xml'), SAMPLE);
    expect(await runCli(['sign', 'in.xml', '-o', 'x.xml', '--pfx', 'a.pfx', '--password-env', 'UNSET_VARIABLE'], noSecret.io)).toBe(2);
  });

  it('lists a certificate in TrustedCertificates (certs trust), valid, and only once', async () => {
    const directory = temporaryDirectory();
    const env = { KIT_PASSWORD: 'cli-secret' };
    expect(await runCli(['certs', 'make-test-ev', '--out', 'kit', '--password-env', 'KIT_PASSWORD'], testIo(directory, env).io)).toBe(0);
    writeFileSync(path.join(directory, 'in.xml'), SAMPLE);
    const trusting = testIo(directory);
    expect(await runCli(['certs', 'trust', 'in.xml', '--cert', 'kit/root.cer', '-o', 'out.xml'], trusting.io)).toBe(0);
    const trusted = readFileSync(path.join(directory, 'out.xml'), 'utf8');
    expect(trusted).toContain('<TrustedCertificates>');
    expect(trusted).toContain('Provisioning Studio Test Root CA');
    expect(readFileSync(path.join(directory, 'in.xml'), 'utf8')).toBe(SAMPLE);
    const again = testIo(directory);
    expect(await runCli(['certs', 'trust', 'out.xml', '--cert', 'kit/root.cer'], again.io)).toBe(0);
    expect(again.out.join('')).toContain('already listed');
    expect(readFileSync(path.join(directory, 'out.xml'), 'utf8')).toBe(trusted);
    writeFileSync(path.join(directory, 'broken.xml'), '<CarrierProvisioning>');
    expect(await runCli(['certs', 'trust', 'broken.xml', '--cert', 'kit/root.cer'], testIo(directory).io)).toBe(2);
    expect(await runCli(['certs', 'trust', 'in.xml'], testIo(directory).io)).toBe(2);
  });
});
