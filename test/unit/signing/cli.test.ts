// provstudio certs make-test-ev, sign, verify and certs list through runCli, with secrets from
// environment variables (never argv) and exit codes 0 / 1 / 2.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main';
import { SAMPLE, temporaryDirectory } from './support';
import { captureCli } from '../../support/cli';

describe('provstudio sign / verify / certs', () => {
  it('makes a kit, signs with it, verifies, and refuses a tampered file', async () => {
    const directory = temporaryDirectory();
    const env = { KIT_PASSWORD: 'cli-secret' };
    const made = captureCli({ cwd: directory, env });
    expect(await runCli(['certs', 'make-test-ev', '--out', 'kit', '--password-env', 'KIT_PASSWORD'], made.io)).toBe(0);
    expect(readFileSync(path.join(directory, 'kit', 'README.txt'), 'utf8')).toContain('Cert:\\LocalMachine\\Root');

    const listed = captureCli({ cwd: directory, env });
    expect(await runCli(['certs', 'list', '--pfx', 'kit/signer.pfx', '--password-env', 'KIT_PASSWORD'], listed.io)).toBe(0);
    expect(listed.out()).toContain('EV: yes');

    writeFileSync(path.join(directory, 'in.xml'), SAMPLE);
    const signing = captureCli({ cwd: directory, env });
    expect(await runCli(['sign', 'in.xml', '-o', 'out.xml', '--pfx', 'kit/signer.pfx', '--password-env', 'KIT_PASSWORD'], signing.io)).toBe(0);
    expect(signing.out() + signing.err()).not.toContain('cli-secret');

    const verifying = captureCli({ cwd: directory });
    expect(await runCli(['verify', 'out.xml', '--trusted-root', 'kit/root.cer'], verifying.io)).toBe(0);
    expect(verifying.out()).toContain('ACCEPTED');

    const untrusted = captureCli({ cwd: directory });
    expect(await runCli(['verify', 'out.xml'], untrusted.io)).toBe(1);
    expect(untrusted.out()).toContain('0x82170004');

    writeFileSync(path.join(directory, 'tampered.xml'), readFileSync(path.join(directory, 'out.xml'), 'utf8').replace('310260', '310261'));
    const tampered = captureCli({ cwd: directory });
    expect(await runCli(['verify', 'tampered.xml', '--trusted-root', 'kit/root.cer', '--format', 'json'], tampered.io)).toBe(1);
    expect(JSON.parse(tampered.out())).toMatchObject({ accepted: false, hresult: '0x82170005' });
  });

  it('without a terminal, names the option that gives the secret; the kit holds the root as root.cer and root.pem', async () => {
    const directory = temporaryDirectory();
    expect(process.stdin.isTTY).toBeFalsy();
    const noTerminal = captureCli({ cwd: directory });
    expect(await runCli(['certs', 'make-test-ev', '--out', 'kit'], noTerminal.io)).toBe(2);
    expect(noTerminal.err()).toContain('No terminal to ask for the password of signer.pfx: name an environment variable that holds it with --password-env VARIABLE.');

    expect(await runCli(['certs', 'make-test-ev', '--out', 'kit', '--password-env', 'KIT_PASSWORD'], captureCli({ cwd: directory, env: { KIT_PASSWORD: 'cli-secret' } }).io)).toBe(0);
    writeFileSync(path.join(directory, 'in.xml'), SAMPLE);
    const signing = captureCli({ cwd: directory });
    expect(await runCli(['sign', 'in.xml', '-o', 'out.xml', '--pfx', 'kit/signer.pfx'], signing.io)).toBe(2);
    expect(signing.err()).toContain('with --password-env VARIABLE');

    // OpenSSL reads root.pem as the very certificate root.cer holds.
    const der = spawnSync('openssl', ['x509', '-in', path.join(directory, 'kit', 'root.pem'), '-outform', 'DER']);
    expect(der.status).toBe(0);
    expect(Buffer.compare(der.stdout, readFileSync(path.join(directory, 'kit', 'root.cer')))).toBe(0);
    expect(readFileSync(path.join(directory, 'kit', 'README.txt'), 'utf8')).toContain('root.pem');
  });

  it('exits 2 for usage and I/O problems', async () => {
    const directory = temporaryDirectory();
    expect(await runCli(['sign', 'missing.xml', '-o', 'x.xml'], captureCli({ cwd: directory }).io)).toBe(2);
    expect(await runCli(['sign', 'missing.xml', '-o', 'x.xml', '--pfx', 'a.pfx', '--nss-db', 'db'], captureCli({ cwd: directory }).io)).toBe(2);
    expect(await runCli(['verify', 'missing.xml'], captureCli({ cwd: directory }).io)).toBe(2);
    const noSecret = captureCli({ cwd: directory });
    writeFileSync(path.join(directory, 'in.xml'), SAMPLE);
    expect(await runCli(['sign', 'in.xml', '-o', 'x.xml', '--pfx', 'a.pfx', '--password-env', 'UNSET_VARIABLE'], noSecret.io)).toBe(2);
  });

  it('lists a certificate in TrustedCertificates (certs trust), valid, and only once', async () => {
    const directory = temporaryDirectory();
    const env = { KIT_PASSWORD: 'cli-secret' };
    expect(await runCli(['certs', 'make-test-ev', '--out', 'kit', '--password-env', 'KIT_PASSWORD'], captureCli({ cwd: directory, env }).io)).toBe(0);
    writeFileSync(path.join(directory, 'in.xml'), SAMPLE);
    const trusting = captureCli({ cwd: directory });
    expect(await runCli(['certs', 'trust', 'in.xml', '--cert', 'kit/root.cer', '-o', 'out.xml'], trusting.io)).toBe(0);
    const trusted = readFileSync(path.join(directory, 'out.xml'), 'utf8');
    expect(trusted).toContain('<TrustedCertificates>');
    expect(trusted).toContain('Provisioning Studio Test Root CA');
    expect(readFileSync(path.join(directory, 'in.xml'), 'utf8')).toBe(SAMPLE);
    const again = captureCli({ cwd: directory });
    expect(await runCli(['certs', 'trust', 'out.xml', '--cert', 'kit/root.cer'], again.io)).toBe(0);
    expect(again.out()).toContain('already listed');
    expect(readFileSync(path.join(directory, 'out.xml'), 'utf8')).toBe(trusted);
    writeFileSync(path.join(directory, 'broken.xml'), '<CarrierProvisioning>');
    expect(await runCli(['certs', 'trust', 'broken.xml', '--cert', 'kit/root.cer'], captureCli({ cwd: directory }).io)).toBe(2);
    expect(await runCli(['certs', 'trust', 'in.xml'], captureCli({ cwd: directory }).io)).toBe(2);
  });
});
