// PKCS#11 identities as real tokens are set up (issue 12, section 2): the private key imported by
// `softhsm2-util --import` under one label, its certificate written by `pkcs11-tool --write-object`
// under another; a second key on the same token; a third key written by pkcs11-tool without any
// CKA_ID, whose certificate is found by the public key (RSA modulus). `--key-label` matches the
// private key's CKA_LABEL, `--key-id` its CKA_ID, and `certs list` shows both labels and the id.
// Signed files are checked by xmlsec1 against the openssl-made root.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main';
import { SOFTHSM_CANDIDATES } from '../../../shared/node/keystores/pkcs11-store';
import { createHostHandlers, dispatch } from '../../../shared/node/host';
import { CA_EXTENSIONS, EV_SIGNER_EXTENSIONS, OpensslPki, type OpensslCertificate } from './openssl-pki';
import { SAMPLE, temporaryDirectory, toolAvailable } from './support';
import { captureCli } from '../../support/cli';

const softhsmModule = SOFTHSM_CANDIDATES.find((candidate) => existsSync(candidate));
const TOKEN = 'label-test';
const PIN = '2468';

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', env: process.env });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}${result.stdout}`);
  return result.stdout;
}

function testIo(cwd: string) {
  return captureCli({ cwd, env: { TOKEN_PIN: PIN } });
}

const tools = Boolean(softhsmModule) && toolAvailable('softhsm2-util', ['--version']) && toolAvailable('pkcs11-tool', ['--version']) && toolAvailable('openssl', ['version']) && toolAvailable('xmlsec1');

describe.runIf(tools)('PKCS#11 keys found by their own label and id (SoftHSM2)', () => {
  let directory: string;
  let root: OpensslCertificate;
  let leafA: OpensslCertificate;
  let leafB: OpensslCertificate;
  let leafC: OpensslCertificate;
  const token = ['--pkcs11-module', '', '--token-label', TOKEN, '--pin-env', 'TOKEN_PIN'];

  beforeAll(() => {
    directory = temporaryDirectory('provstudio-p11-labels-');
    token[1] = softhsmModule!;
    const pki = new OpensslPki(path.join(directory, 'pki'));
    root = pki.issue({ name: 'Token Root', extensions: CA_EXTENSIONS });
    leafA = pki.issue({ name: 'Token Signer A', issuer: root, extensions: EV_SIGNER_EXTENSIONS });
    leafB = pki.issue({ name: 'Token Signer B', issuer: root, extensions: EV_SIGNER_EXTENSIONS });
    leafC = pki.issue({ name: 'Token Signer Without Id', issuer: root, extensions: EV_SIGNER_EXTENSIONS });

    const tokens = path.join(directory, 'tokens');
    mkdirSync(tokens);
    const config = path.join(directory, 'softhsm2.conf');
    writeFileSync(config, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
    process.env.SOFTHSM2_CONF = config;
    run('softhsm2-util', ['--init-token', '--free', '--label', TOKEN, '--pin', PIN, '--so-pin', '13579135']);
    const p11 = (args: string[]) => run('pkcs11-tool', ['--module', softhsmModule!, '--token-label', TOKEN, '--login', '--pin', PIN, ...args]);
    const der = (certificate: OpensslCertificate) => {
      const file = path.join(directory, `${certificate.name}.der`);
      writeFileSync(file, certificate.der);
      return file;
    };
    // Keys under their own labels, certificates under others, as most tokens are provisioned.
    run('softhsm2-util', ['--import', leafA.keyPath, '--token', TOKEN, '--label', 'Provisioning signing key A', '--id', 'a1a1', '--pin', PIN]);
    p11(['--write-object', der(leafA), '--type', 'cert', '--id', 'a1a1', '--label', 'Contoso EV certificate 2026']);
    run('softhsm2-util', ['--import', leafB.keyPath, '--token', TOKEN, '--label', 'Provisioning signing key B', '--id', 'b2b2', '--pin', PIN]);
    p11(['--write-object', der(leafB), '--type', 'cert', '--id', 'b2b2', '--label', 'Fabrikam EV certificate']);
    p11(['--write-object', der(root), '--type', 'cert', '--id', 'ca', '--label', 'Token Root']);
    // No CKA_ID at all on this key and its certificate: the modulus pairs them.
    const keyDer = path.join(directory, 'leafC.key.der');
    run('openssl', ['pkcs8', '-topk8', '-nocrypt', '-in', leafC.keyPath, '-outform', 'DER', '-out', keyDer]);
    p11(['--write-object', keyDer, '--type', 'privkey', '--label', 'Key without id']);
    p11(['--write-object', der(leafC), '--type', 'cert', '--label', 'Certificate without id']);
    writeFileSync(path.join(directory, 'in.xml'), SAMPLE);
    const objects = p11(['--list-objects']);
    expect(objects).toContain('Provisioning signing key A');
    expect(objects).toContain('Contoso EV certificate 2026');
  }, 120_000);

  async function signWith(selection: string[], output: string) {
    const { io, out, err } = testIo(directory);
    const exitCode = await runCli(['sign', 'in.xml', '-o', output, ...token, ...selection], io);
    return { exitCode, out: out(), err: err() };
  }

  /** xmlsec1 accepts the file, and provstudio verify names the certificate it was signed with. */
  async function signerOf(file: string): Promise<string> {
    const result = spawnSync('xmlsec1', ['--verify', '--trusted-pem', root.certificatePath, path.join(directory, file)], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const { io, out } = testIo(directory);
    expect(await runCli(['verify', file, '--trusted-root', root.certificatePath, '--format', 'json'], io)).toBe(0);
    return (JSON.parse(out()) as { signer: { subject: string } }).signer.subject;
  }

  it('certs list shows the key label, the certificate label and the key id of each identity', async () => {
    const { io, out } = testIo(directory);
    expect(await runCli(['certs', 'list', ...token], io)).toBe(0);
    const text = out();
    expect(text).toContain('Key label: Provisioning signing key A  Certificate label: Contoso EV certificate 2026  Key id (CKA_ID): a1a1');
    expect(text).toContain('Key label: Provisioning signing key B  Certificate label: Fabrikam EV certificate  Key id (CKA_ID): b2b2');
    expect(text).toContain('Key label: Key without id  Certificate label: Certificate without id  Key id (CKA_ID): (none)');
    expect(text).not.toContain('CN=Token Root, O=OpenSSL Interop Test\n  Issuer');
    const json = testIo(directory);
    expect(await runCli(['certs', 'list', ...token, '--format', 'json'], json.io)).toBe(0);
    const identities = JSON.parse(json.out()) as Array<{ id: string; keyLabel: string; certificateLabel: string; keyIdHex: string; subject: string }>;
    expect(identities.map(({ id, keyLabel, certificateLabel, keyIdHex }) => ({ id, keyLabel, certificateLabel, keyIdHex }))).toEqual(
      expect.arrayContaining([
        { id: `${TOKEN}/a1a1`, keyLabel: 'Provisioning signing key A', certificateLabel: 'Contoso EV certificate 2026', keyIdHex: 'a1a1' },
        { id: `${TOKEN}/b2b2`, keyLabel: 'Provisioning signing key B', certificateLabel: 'Fabrikam EV certificate', keyIdHex: 'b2b2' },
        { id: expect.stringMatching(new RegExp(`^${TOKEN}/modulus:[0-9a-f]{40}$`)), keyLabel: 'Key without id', certificateLabel: 'Certificate without id', keyIdHex: '' },
      ]),
    );
    expect(identities).toHaveLength(3);
  });

  it('the Sign dialog\'s host channel lists the same labels and id, asking the host for the PIN', async () => {
    const asked: string[] = [];
    const handlers = createHostHandlers({
      dataDirectory: path.join(directory, 'host'),
      kind: 'browser',
      version: '0.0.0',
      askSecret: async (request) => {
        asked.push(`${request.kind}:${request.target}`);
        return PIN;
      },
      secretPrompt: 'promptPage',
    });
    const identities = await dispatch(handlers, 'signing.listIdentities', { store: { kind: 'pkcs11', modulePath: softhsmModule!, tokenLabel: TOKEN } });
    expect(asked).toEqual([`pin:${TOKEN}`]);
    expect(identities.find((identity) => identity.id === `${TOKEN}/a1a1`)).toMatchObject({ keyLabel: 'Provisioning signing key A', certificateLabel: 'Contoso EV certificate 2026', keyIdHex: 'a1a1', subject: 'CN=Token Signer A, O=OpenSSL Interop Test' });
    const signed = await dispatch(handlers, 'signing.sign', { text: SAMPLE, encoding: 'utf-8', store: { kind: 'pkcs11', modulePath: softhsmModule!, tokenLabel: TOKEN }, identityId: identities.find((identity) => identity.keyLabel === 'Key without id')!.id, digest: 'sha256', includeChain: false });
    writeFileSync(path.join(directory, 'from-host.xml'), signed.text);
    expect(await signerOf('from-host.xml')).toBe('CN=Token Signer Without Id, O=OpenSSL Interop Test');
  });

  it('--key-label is the private key\'s CKA_LABEL, even when the certificate is labelled differently', async () => {
    expect(await signWith(['--key-label', 'Provisioning signing key A'], 'by-key-label-a.xml')).toMatchObject({ exitCode: 0 });
    expect(await signerOf('by-key-label-a.xml')).toBe('CN=Token Signer A, O=OpenSSL Interop Test');
    expect(await signWith(['--key-label', 'Provisioning signing key B'], 'by-key-label-b.xml')).toMatchObject({ exitCode: 0 });
    expect(await signerOf('by-key-label-b.xml')).toBe('CN=Token Signer B, O=OpenSSL Interop Test');
  });

  it('--key-id is the private key\'s CKA_ID', async () => {
    expect(await signWith(['--key-id', 'B2B2'], 'by-key-id-b.xml')).toMatchObject({ exitCode: 0 });
    expect(await signerOf('by-key-id-b.xml')).toBe('CN=Token Signer B, O=OpenSSL Interop Test');
  });

  it('pairs a key without CKA_ID with its certificate by the public key', async () => {
    expect(await signWith(['--key-label', 'Key without id'], 'no-id.xml')).toMatchObject({ exitCode: 0 });
    expect(await signerOf('no-id.xml')).toBe('CN=Token Signer Without Id, O=OpenSSL Interop Test');
  });

  it('says which identities there are when the choice is ambiguous or matches nothing', async () => {
    const ambiguous = await signWith([], 'ambiguous.xml');
    expect(ambiguous.exitCode).toBe(2);
    expect(ambiguous.err).toContain('3 identities match');
    const certificateLabel = await signWith(['--key-label', 'Contoso EV certificate 2026'], 'certificate-label.xml');
    expect(certificateLabel.exitCode).toBe(2);
    expect(certificateLabel.err).toContain('no signing identity matches');
    expect(existsSync(path.join(directory, 'certificate-label.xml'))).toBe(false);
  });
});
