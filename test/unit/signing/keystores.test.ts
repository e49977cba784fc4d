// Key stores with real parts where they run here: PFX and PEM files, SoftHSM2 through PKCS#11
// (hash-on-token and raw DigestInfo signing), an NSS database made by certutil/pk12util.
// Windows store and macOS keychain: their parsing and JSON protocol replayed from recorded outputs.
import { spawnSync } from 'node:child_process';
import { createPrivateKey, sign as rsaSign } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { MacKeychainKeyStore, parseFindCertificate, parseFindIdentity } from '../../../shared/node/keystores/macos-keychain';
import { PemKeyStore, PfxKeyStore } from '../../../shared/node/keystores/file-store';
import { Pkcs11KeyStore, SOFTHSM_CANDIDATES, nssKeyStore } from '../../../shared/node/keystores/pkcs11-store';
import { WindowsStoreKeyStore } from '../../../shared/node/keystores/windows-store';
import { parseHelperResponse, type JsonHelper } from '../../../shared/node/keystores/helper-process';
import { KeyStoreError } from '../../../shared/node/keystores/types';
import { sign } from '../../../shared/node/signing/sign';
import { verify } from '../../../shared/node/signing/verify';
import { makeTestEvKit, type TestEvKit } from '../../../shared/node/signing/test-ev-kit';
import { SAMPLE, temporaryDirectory, toolAvailable, writeFixture, xmlsecVerify } from './support';

const RECORDED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/signing/recorded');
const recorded = (name: string) => readFileSync(path.join(RECORDED, name), 'utf8');
const softhsmModule = SOFTHSM_CANDIDATES.find((candidate) => existsSync(candidate));

let kit: TestEvKit;
let directory: string;
const password = async () => 'kit-password';

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, args, { encoding: 'utf8', env });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}${result.stdout}`);
}

/** Signs, checks, and locks the store again (a token stays logged in until its store is closed). */
async function signAndCheck(
  store: { signer: (id: string, secrets: () => Promise<string>) => Promise<import('../../../shared/node/signing/sign').Signer>; close?(): Promise<void> },
  id: string,
  secret: string,
  name: string,
): Promise<void> {
  const signer = await store.signer(id, async () => secret);
  try {
    const signed = await sign(Buffer.from(SAMPLE), signer, {});
    expect((await verify(signed, { trustedRoots: [kit.root.der] })).accepted).toBe(true);
    const file = writeFixture(directory, `${name}.xml`, signed);
    if (toolAvailable('xmlsec1')) expect(xmlsecVerify(file, kit.rootPath).ok).toBe(true);
  } finally {
    await signer.close?.();
    await store.close?.();
  }
}

beforeAll(async () => {
  directory = temporaryDirectory();
  kit = await makeTestEvKit(path.join(directory, 'kit'), 'kit-password');
});

describe('file key stores', () => {
  it('PFX: lists the EV identity and signs', async () => {
    const store = new PfxKeyStore(kit.pfxPath, password);
    const [identity] = await store.listIdentities();
    expect(identity).toMatchObject({ ev: true, keyType: 'RSA 2048', subject: kit.signer.certificate.subject });
    const signer = await store.signer(identity!.id, password);
    expect(signer.certificates).toHaveLength(2);
    await signAndCheck(store, identity!.id, 'kit-password', 'pfx');
  });

  it('PFX: a wrong password is a clear error', async () => {
    await expect(new PfxKeyStore(kit.pfxPath, async () => 'nope').listIdentities()).rejects.toMatchObject({ code: 'wrongSecret' });
  });

  it('PEM: encrypted PKCS#8 key and certificate chain', async () => {
    const keyPath = path.join(directory, 'key.pem');
    const certPath = path.join(directory, 'chain.pem');
    writeFileSync(keyPath, createPrivateKey(kit.signer.privateKeyPem).export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'pem-pass' }));
    writeFileSync(certPath, [kit.root.der, kit.signer.der].map((der) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64')}\n-----END CERTIFICATE-----\n`).join(''));
    const store = new PemKeyStore(keyPath, certPath, async () => 'pem-pass');
    const [identity] = await store.listIdentities();
    await signAndCheck(store, identity!.id, 'pem-pass', 'pem');
    await expect(new PemKeyStore(keyPath, certPath, async () => 'bad').listIdentities()).rejects.toBeInstanceOf(KeyStoreError);
  });

  it('PEM: an EC key is listed but refused for signing (the profile is RSA)', async () => {
    const ec = await (await import('../../../shared/node/signing/test-ev-kit')).issueTestCertificate({ subject: 'CN=EC', keyType: 'EC', issuer: kit.root, ev: true });
    writeFileSync(path.join(directory, 'ec.pem'), ec.privateKeyPem);
    writeFileSync(path.join(directory, 'ec.crt'), Buffer.from(ec.der));
    const store = new PemKeyStore(path.join(directory, 'ec.pem'), path.join(directory, 'ec.crt'), password);
    expect((await store.listIdentities())[0]!.keyType).toBe('EC prime256v1');
    await expect(store.signer('', password)).rejects.toMatchObject({ code: 'unsupportedKey' });
  });
});

describe.runIf(softhsmModule && toolAvailable('softhsm2-util', ['--version']) && toolAvailable('pkcs11-tool', ['--version']))('PKCS#11 with SoftHSM2', () => {
  let tokenDirectory: string;
  beforeAll(() => {
    tokenDirectory = path.join(directory, 'softhsm');
    mkdirSync(path.join(tokenDirectory, 'tokens'), { recursive: true });
    const config = path.join(tokenDirectory, 'softhsm2.conf');
    writeFileSync(config, `directories.tokendir = ${path.join(tokenDirectory, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`);
    process.env.SOFTHSM2_CONF = config;
    run('softhsm2-util', ['--init-token', '--free', '--label', 'provstudio-test', '--pin', '4321', '--so-pin', '87654321']);
    writeFileSync(path.join(tokenDirectory, 'key.pem'), kit.signer.privateKeyPem);
    writeFileSync(path.join(tokenDirectory, 'cert.der'), kit.signer.der);
    writeFileSync(path.join(tokenDirectory, 'root.der'), kit.root.der);
    run('softhsm2-util', ['--import', path.join(tokenDirectory, 'key.pem'), '--token', 'provstudio-test', '--label', 'signer', '--id', 'c0ffee', '--pin', '4321']);
    for (const [file, id, label] of [['cert.der', 'c0ffee', 'signer'], ['root.der', '0a', 'root']]) {
      run('pkcs11-tool', ['--module', softhsmModule!, '--login', '--pin', '4321', '--token-label', 'provstudio-test', '--write-object', path.join(tokenDirectory, file!), '--type', 'cert', '--id', id!, '--label', label!]);
    }
  });

  it('lists the certificate paired by CKA_ID and signs on the token (CKM_SHA256_RSA_PKCS)', async () => {
    const store = new Pkcs11KeyStore({ modulePath: softhsmModule!, tokenLabel: 'provstudio-test' });
    const identities = await store.listIdentities();
    expect(identities.map((identity) => [identity.id, identity.label, identity.ev])).toEqual([['provstudio-test/c0ffee', 'signer', true]]);
    await signAndCheck(store, 'provstudio-test/c0ffee', '4321', 'softhsm');
  });

  it('falls back to raw CKM_RSA_PKCS with a DigestInfo prefix', async () => {
    const store = new Pkcs11KeyStore({ modulePath: softhsmModule!, mechanism: 'raw-with-digestinfo' });
    await signAndCheck(store, 'provstudio-test/c0ffee', '4321', 'softhsm-raw');
  });

  it('refuses a wrong PIN', async () => {
    const store = new Pkcs11KeyStore({ modulePath: softhsmModule! });
    await expect(store.signer('provstudio-test/c0ffee', async () => '0000')).rejects.toMatchObject({ code: 'wrongSecret' });
  });
});

describe.runIf(toolAvailable('certutil', ['-H']) || toolAvailable('pk12util', ['-h']))('NSS database through the softoken', () => {
  it('signs with a key imported by pk12util into a password-protected database', async () => {
    const database = path.join(directory, 'nssdb');
    mkdirSync(database);
    writeFileSync(path.join(directory, 'dbpass'), 'db-pass\n');
    writeFileSync(path.join(directory, 'pfxpass'), 'kit-password\n');
    run('certutil', ['-N', '-d', `sql:${database}`, '-f', path.join(directory, 'dbpass')]);
    run('pk12util', ['-i', kit.pfxPath, '-d', `sql:${database}`, '-w', path.join(directory, 'pfxpass'), '-k', path.join(directory, 'dbpass')]);
    const store = nssKeyStore(database);
    const identities = await store.listIdentities();
    expect(identities).toHaveLength(1);
    expect(identities[0]!.label).toBe('Provisioning Studio test signer');
    await signAndCheck(store, identities[0]!.id, 'db-pass', 'nss');
  });
});

describe('Windows certificate store (recorded helper answers)', () => {
  const leafKey = createPrivateKey(recorded('recorded-signer-key.pem'));
  const requests: Array<Record<string, unknown>> = [];
  const helper: JsonHelper = async (request) => {
    requests.push(request);
    if (request.action === 'list') return JSON.parse(recorded('windows-list.json'));
    if (request.action === 'chain') return request.thumbprint === recorded('leaf-sha1.txt').trim() ? JSON.parse(recorded('windows-chain.json')) : parseHelperResponse({ stdout: recorded('windows-error.json'), stderr: '', exitCode: 1 }, 'sign.ps1');
    // Stands in for CNG: the same RSA PKCS#1 v1.5 signature over the data the script receives.
    const data = Buffer.from(String(request.data), 'base64');
    return { signature: rsaSign(request.algorithm === 'rsa-sha1' ? 'sha1' : 'sha256', data, leafKey).toString('base64') };
  };

  it('lists only certificates with a private key and signs through the JSON protocol', async () => {
    const store = new WindowsStoreKeyStore('CurrentUser', helper);
    const identities = await store.listIdentities();
    expect(identities.map((identity) => identity.id)).toEqual([recorded('leaf-sha1.txt').trim()]);
    const signer = await store.signer(identities[0]!.id.toLowerCase(), password);
    const signed = await sign(Buffer.from(SAMPLE), signer, {});
    const root = readFileSync(path.join(RECORDED, 'recorded-root.cer'));
    const verdict = await verify(signed, { trustedRoots: [root], now: new Date(identities[0]!.notBefore) });
    expect(verdict.accepted).toBe(true);
    expect(requests.at(-1)).toMatchObject({ action: 'sign', store: 'CurrentUser', algorithm: 'rsa-sha256' });
    expect(Object.keys(requests.at(-1)!)).not.toContain('pin');
  });

  it('turns a helper error answer into a KeyStoreError', async () => {
    const store = new WindowsStoreKeyStore('CurrentUser', helper);
    await expect(store.signer('2222222222222222222222222222222222222222', password)).rejects.toMatchObject({ code: 'helperFailed' });
    await expect(store.signer('not-a-thumbprint', password)).rejects.toMatchObject({ code: 'noSuchIdentity' });
  });

  it('ships the PowerShell helper', () => {
    const script = readFileSync(path.resolve(RECORDED, '../../../../shared/node/keystores/windows/sign.ps1'), 'utf8');
    expect(script).toContain('GetRSAPrivateKey');
    expect(script).toContain('ConvertFrom-Json');
  });
});

describe('macOS keychain (recorded security output)', () => {
  it('parses find-identity and find-certificate output', () => {
    const identities = parseFindIdentity(recorded('macos-find-identity.txt'));
    expect(identities).toHaveLength(2);
    const certificates = parseFindCertificate(recorded('macos-find-certificate.txt'));
    expect([...certificates.keys()]).toEqual([recorded('leaf-sha1.txt').trim()]);
  });

  it('lists identities that have a certificate and signs through the Swift helper protocol', async () => {
    const leafKey = createPrivateKey(recorded('recorded-signer-key.pem'));
    const calls: string[][] = [];
    const store = new MacKeychainKeyStore({
      run: async (command, args) => {
        calls.push([command, ...args]);
        return { exitCode: 0, stderr: '', stdout: recorded(args[0] === 'find-identity' ? 'macos-find-identity.txt' : 'macos-find-certificate.txt') };
      },
      helper: async (request) => ({ signature: rsaSign('sha256', Buffer.from(String(request.data), 'base64'), leafKey).toString('base64') }),
    });
    const identities = await store.listIdentities();
    expect(identities.map((identity) => identity.label)).toEqual(['Provisioning Studio Test EV Signer']);
    expect(calls[0]).toEqual(['/usr/bin/security', 'find-identity', '-v', '-p', 'codesigning']);
    const signer = await store.signer('Provisioning Studio Test EV Signer', password);
    const signed = await sign(Buffer.from(SAMPLE), signer, {});
    const verdict = await verify(signed, { trustedRoots: [readFileSync(path.join(RECORDED, 'recorded-root.cer'))], now: new Date(identities[0]!.notBefore) });
    expect(verdict.accepted).toBe(true);
    expect(readFileSync(path.resolve(RECORDED, '../../../../shared/node/keystores/macos/sign.swift'), 'utf8')).toContain('SecKeyCreateSignature');
  });
});
