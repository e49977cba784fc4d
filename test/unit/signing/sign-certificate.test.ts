// `provstudio sign` refuses a signing certificate Windows refuses (issue 12, 1b): expired, not yet
// valid, or with a keyUsage extension that lacks digitalSignature. Certificates come from the
// openssl command line; OpenSSL's own verdict on each (openssl verify, its signing purpose check)
// and xmlsec1's verdict on the forced file are compared with ours. --allow-invalid-certificate signs
// anyway and prints the HRESULT Windows will answer, which `provstudio verify` then predicts.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main';
import { createHostHandlers, dispatch } from '../../../shared/node/host';
import { CA_EXTENSIONS, EV_SIGNER_EXTENSIONS, OpensslPki, YEAR_MS, opensslDate, type OpensslCertificate } from './openssl-pki';
import { SAMPLE, temporaryDirectory, toolAvailable } from './support';
import { captureCli } from '../../support/cli';

const NO_EKU_SIGNER = ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature', 'certificatePolicies=2.23.140.1.1', 'subjectKeyIdentifier=hash'];
const NO_EKU_ENCIPHER_ONLY = ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,keyEncipherment', 'certificatePolicies=2.23.140.1.1', 'subjectKeyIdentifier=hash'];

describe.runIf(toolAvailable('openssl', ['version']) && toolAvailable('xmlsec1'))('sign refuses certificates Windows refuses', () => {
  let directory: string;
  let root: OpensslCertificate;
  const leaves: Record<'valid' | 'expired' | 'notYetValid' | 'noDigitalSignature', OpensslCertificate> = {} as never;

  beforeAll(() => {
    directory = temporaryDirectory('provstudio-sign-cert-');
    const pki = new OpensslPki(path.join(directory, 'pki'));
    root = pki.issue({ name: 'Sign Check Root', extensions: CA_EXTENSIONS, startDate: '20180101000000Z', endDate: '20500101000000Z' });
    leaves.valid = pki.issue({ name: 'Valid Signer', issuer: root, extensions: NO_EKU_SIGNER });
    leaves.expired = pki.issue({ name: 'Expired Signer', issuer: root, extensions: EV_SIGNER_EXTENSIONS, startDate: '20200101000000Z', endDate: '20210101000000Z' });
    leaves.notYetValid = pki.issue({ name: 'Future Signer', issuer: root, extensions: EV_SIGNER_EXTENSIONS, startDate: opensslDate(new Date(Date.now() + YEAR_MS)), endDate: opensslDate(new Date(Date.now() + 3 * YEAR_MS)) });
    leaves.noDigitalSignature = pki.issue({ name: 'Encipher Only', issuer: root, extensions: NO_EKU_ENCIPHER_ONLY });
    writeFileSync(path.join(directory, 'in.xml'), SAMPLE);
  }, 120_000);

  const opensslVerify = (leaf: OpensslCertificate, purpose?: string) =>
    spawnSync('openssl', ['verify', '-CAfile', root.certificatePath, ...(purpose ? ['-purpose', purpose] : []), leaf.certificatePath], { encoding: 'utf8' });

  async function signWith(leaf: OpensslCertificate, output: string, force: boolean) {
    const run = captureCli({ cwd: directory });
    const exitCode = await runCli(['sign', 'in.xml', '-o', output, '--pem-key', leaf.keyPath, '--pem-cert', leaf.certificatePath, ...(force ? ['--allow-invalid-certificate'] : [])], run.io);
    return { exitCode, stdout: run.out(), stderr: run.err() };
  }

  async function ourVerdict(file: string) {
    const run = captureCli({ cwd: directory });
    const exitCode = await runCli(['verify', file, '--trusted-root', root.certificatePath, '--format', 'json'], run.io);
    return { exitCode, ...(JSON.parse(run.out()) as { hresult: string | null; code: string }) };
  }

  const xmlsecAccepts = (file: string) => spawnSync('xmlsec1', ['--verify', '--trusted-pem', root.certificatePath, path.join(directory, file)], { encoding: 'utf8' }).status === 0;

  it('signs with a valid certificate without a warning (control)', async () => {
    expect(opensslVerify(leaves.valid, 'smimesign').status).toBe(0);
    const result = await signWith(leaves.valid, 'valid.xml', false);
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(xmlsecAccepts('valid.xml')).toBe(true);
    expect(await ourVerdict('valid.xml')).toMatchObject({ exitCode: 0, hresult: null });
  });

  it.each([
    ['expired', 'certificateExpired', 'certificate has expired'],
    ['notYetValid', 'certificateNotYetValid', 'certificate is not yet valid'],
    ['noDigitalSignature', 'noDigitalSignatureUsage', 'unsuitable certificate purpose'],
  ] as const)('%s: refused by default, forced with --allow-invalid-certificate, predicted 0x8217000D', async (which, code, opensslReason) => {
    const leaf = leaves[which];
    // OpenSSL's own verdict on the certificate: dates for every purpose, key usage for its signing purpose.
    const openssl = opensslVerify(leaf, which === 'noDigitalSignature' ? 'smimesign' : undefined);
    expect(openssl.status).not.toBe(0);
    expect(openssl.stdout + openssl.stderr).toContain(opensslReason);

    const refused = await signWith(leaf, `${which}.xml`, false);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('0x8217000D');
    expect(refused.stderr).toContain('--allow-invalid-certificate');
    expect(refused.stderr).toContain(`CN=${leaf.name}`);
    expect(existsSync(path.join(directory, `${which}.xml`))).toBe(false);

    const forced = await signWith(leaf, `${which}.xml`, true);
    expect(forced.exitCode).toBe(0);
    expect(forced.stderr).toContain('Windows will answer 0x8217000D');
    expect(readFileSync(path.join(directory, `${which}.xml`), 'utf8')).toContain('<SignatureValue>');
    expect(await ourVerdict(`${which}.xml`)).toMatchObject({ exitCode: 1, hresult: '0x8217000D', code });
    // xmlsec1 refuses the dates as we do; it does not look at key usage, Windows (and we) do.
    expect(xmlsecAccepts(`${which}.xml`)).toBe(which === 'noDigitalSignature');
  });

  it('the app\'s sign channel refuses the same certificates, with the rule as its message', async () => {
    const handlers = createHostHandlers({ dataDirectory: path.join(directory, 'host'), kind: 'browser', version: '0.0.0', askSecret: async () => null, secretPrompt: 'promptPage' });
    const request = (leaf: OpensslCertificate) => ({ text: SAMPLE, encoding: 'utf-8' as const, store: { kind: 'pem' as const, keyPath: leaf.keyPath, certificatePath: leaf.certificatePath }, identityId: '', digest: 'sha256' as const, includeChain: false });
    await expect(dispatch(handlers, 'signing.sign', request(leaves.expired))).rejects.toMatchObject({ code: 'signing.invalidCertificate', messageKey: 'signing.finding.certificateExpired', params: { hresult: '0x8217000D', subject: 'CN=Expired Signer, O=OpenSSL Interop Test' } });
    await expect(dispatch(handlers, 'signing.sign', request(leaves.noDigitalSignature))).rejects.toMatchObject({ code: 'signing.invalidCertificate', messageKey: 'signing.finding.noDigitalSignatureUsage' });
    expect((await dispatch(handlers, 'signing.sign', request(leaves.valid))).text).toContain('<SignatureValue>');

    // The Sign dialog's explicit override: signed, and the Signature check predicts Windows' refusal.
    const forced = await dispatch(handlers, 'signing.sign', { ...request(leaves.expired), allowInvalidCertificate: true });
    expect(forced.text).toContain('<SignatureValue>');
    const report = await dispatch(handlers, 'signing.verify', { text: forced.text, encoding: 'utf-8', trustedRootPaths: [root.certificatePath], useSystemRoots: false });
    expect(report).toMatchObject({ hresult: '0x8217000D' });
    // Only a real boolean asks for it.
    await expect(dispatch(handlers, 'signing.sign', { ...request(leaves.expired), allowInvalidCertificate: 'true' as unknown as boolean })).rejects.toMatchObject({ code: 'request.invalid' });
  });
});
