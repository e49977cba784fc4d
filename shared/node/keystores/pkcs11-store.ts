// Keys on PKCS#11 tokens (smart cards, HSMs, SoftHSM) and in Linux NSS databases (NSS's softoken
// is a PKCS#11 module too). An identity is a private key and its certificate, paired by CKA_ID,
// or by the RSA modulus when the key's CKA_ID is empty or names no certificate; the key and the
// certificate usually carry different CKA_LABELs, and both are listed. Private keys are only
// visible after C_Login, so listing logs in when the token needs it and a PIN is given. The PIN is
// asked for through the SecretProvider, used for C_Login and dropped; the logged-in session is
// kept until the store is closed. Tokens that cannot hash
// (CKM_SHA256_RSA_PKCS missing) get the digest computed here and signed with raw CKM_RSA_PKCS.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Pkcs11Types from 'pkcs11js';
import type { SignatureAlgorithm } from '../signing/profile';
import { readCertificate, summarizeCertificate } from '../signing/certificates';
import { identityFromCertificate, orderLeafFirst } from './identity';
import { KeyStoreError, type Identity, type KeyStore, type SecretProvider, type Signer } from './types';

type Pkcs11Module = typeof Pkcs11Types;
let pkcs11Module: Pkcs11Module | null = null;

/** pkcs11js is a native addon: loaded on first use so that merely importing this file never fails. */
function pkcs11js(): Pkcs11Module {
  pkcs11Module ??= createRequire(typeof __filename === 'string' ? __filename : import.meta.url)('pkcs11js') as Pkcs11Module;
  return pkcs11Module;
}

export type MechanismChoice = 'auto' | 'hash-on-token' | 'raw-with-digestinfo';

export interface Pkcs11StoreOptions {
  modulePath: string;
  /** Only this token (CKA token label, trailing spaces ignored). */
  tokenLabel?: string;
  /** NSS softoken configuration string (configdir=...). */
  libraryParameters?: string;
  mechanism?: MechanismChoice;
}

/** DER DigestInfo headers (RFC 8017, 9.2 note 1) put before the hash for raw CKM_RSA_PKCS. */
const DIGEST_INFO_PREFIX: Record<'sha256' | 'sha1', Buffer> = {
  sha256: Buffer.from('3031300d060960864801650304020105000420', 'hex'),
  sha1: Buffer.from('3021300906052b0e03021a05000414', 'hex'),
};

interface TokenCertificate {
  der: Uint8Array;
  idHex: string;
  label: string;
}

interface TokenKey {
  handle: Buffer;
  idHex: string;
  label: string;
  /** RSA modulus without leading zero bytes; null for other key types. */
  modulus: Buffer | null;
  /** false for a public key listed in place of a private key the session cannot see. */
  isPrivate: boolean;
}

/** A private key (or, before login, its public half) with the certificate it belongs to. */
interface TokenIdentity {
  id: string;
  certificate: TokenCertificate;
  /** null when the token shows no key objects at all before login (then CKA_ID alone pairs). */
  key: TokenKey | null;
}

function withoutLeadingZeros(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  return bytes.subarray(start);
}

function certificateModulus(der: Uint8Array): Buffer | null {
  const key = readCertificate(der).publicKey;
  if (key.asymmetricKeyType !== 'rsa') return null;
  return withoutLeadingZeros(Buffer.from(key.export({ format: 'jwk' }).n ?? '', 'base64url'));
}

/**
 * Pairs keys with certificates: the certificate with the key's CKA_ID, else the one with the same
 * RSA modulus. Without visible keys (no login, no public key objects) certificates with a CKA_ID
 * stand alone. The identity id is "token/CKA_ID", or "token/modulus:<SHA-1 of the modulus>" for a
 * key without CKA_ID.
 */
function pairKeysWithCertificates(tokenLabel: string, keys: TokenKey[], certificates: TokenCertificate[]): TokenIdentity[] {
  const signing = certificates.filter((certificate) => !summarizeCertificate(certificate.der).isCertificateAuthority);
  if (keys.length === 0) return signing.filter((certificate) => certificate.idHex !== '').map((certificate) => ({ id: `${tokenLabel}/${certificate.idHex}`, certificate, key: null }));
  const identities: TokenIdentity[] = [];
  for (const key of keys) {
    const byId = key.idHex === '' ? undefined : signing.find((certificate) => certificate.idHex === key.idHex);
    const certificate = byId ?? (key.modulus ? signing.find((candidate) => certificateModulus(candidate.der)?.equals(key.modulus!)) : undefined);
    if (!certificate) continue;
    const id = key.idHex !== '' ? `${tokenLabel}/${key.idHex}` : `${tokenLabel}/modulus:${createHash('sha1').update(key.modulus!).digest('hex')}`;
    identities.push({ id, certificate, key });
  }
  return identities;
}

function attributeText(value: Buffer | undefined): string {
  return value ? value.toString('utf8') : '';
}

function errorCode(error: unknown): number | undefined {
  return (error as { code?: number }).code;
}

class Pkcs11Session {
  private readonly library: Pkcs11Types.PKCS11;
  private sessions: Buffer[] = [];

  private constructor(readonly options: Pkcs11StoreOptions) {
    const module = pkcs11js();
    this.library = new module.PKCS11();
    try {
      this.library.load(options.modulePath);
    } catch (error) {
      throw new KeyStoreError('storeUnavailable', `cannot load PKCS#11 module ${options.modulePath}: ${(error as Error).message}`);
    }
    try {
      this.library.C_Initialize(options.libraryParameters ? { libraryParameters: options.libraryParameters } : { flags: module.CKF_OS_LOCKING_OK });
    } catch (error) {
      if (errorCode(error) !== module.CKR_CRYPTOKI_ALREADY_INITIALIZED) {
        this.library.close();
        throw new KeyStoreError('storeUnavailable', `PKCS#11 module ${options.modulePath} did not initialise: ${(error as Error).message}`);
      }
    }
  }

  static open(options: Pkcs11StoreOptions): Pkcs11Session {
    return new Pkcs11Session(options);
  }

  get lib(): Pkcs11Types.PKCS11 {
    return this.library;
  }

  /** Slots whose token matches the wanted label, with the label. */
  tokens(): Array<{ slot: Buffer; label: string; loginRequired: boolean; initialized: boolean }> {
    const module = pkcs11js();
    return this.library
      .C_GetSlotList(true)
      .map((slot) => {
        const info = this.library.C_GetTokenInfo(slot);
        return { slot, label: info.label.trim(), loginRequired: (info.flags & module.CKF_LOGIN_REQUIRED) !== 0, initialized: (info.flags & module.CKF_TOKEN_INITIALIZED) !== 0 };
      })
      .filter((token) => token.initialized)
      .filter((token) => this.options.tokenLabel === undefined || token.label === this.options.tokenLabel.trim());
  }

  openSession(slot: Buffer): Buffer {
    const session = this.library.C_OpenSession(slot, pkcs11js().CKF_SERIAL_SESSION);
    this.sessions.push(session);
    return session;
  }

  find(session: Buffer, template: Pkcs11Types.Template): Buffer[] {
    this.library.C_FindObjectsInit(session, template);
    try {
      const found: Buffer[] = [];
      for (let handle = this.library.C_FindObjects(session); handle; handle = this.library.C_FindObjects(session)) found.push(handle);
      return found;
    } finally {
      this.library.C_FindObjectsFinal(session);
    }
  }

  certificates(session: Buffer): TokenCertificate[] {
    const module = pkcs11js();
    const handles = this.find(session, [
      { type: module.CKA_CLASS, value: module.CKO_CERTIFICATE },
      { type: module.CKA_CERTIFICATE_TYPE, value: module.CKC_X_509 },
    ]);
    return handles.map((handle) => {
      const [value, id, label] = this.library.C_GetAttributeValue(session, handle, [{ type: module.CKA_VALUE }, { type: module.CKA_ID }, { type: module.CKA_LABEL }]);
      return {
        der: new Uint8Array(value?.value as Buffer),
        idHex: ((id?.value as Buffer | undefined) ?? Buffer.alloc(0)).toString('hex'),
        label: attributeText(label?.value as Buffer | undefined),
      };
    });
  }

  /** Private keys the session can see; before login, the public keys (which tokens label and number like their private halves). */
  keys(session: Buffer): TokenKey[] {
    const module = pkcs11js();
    const read = (objectClass: number, isPrivate: boolean): TokenKey[] =>
      this.find(session, [{ type: module.CKA_CLASS, value: objectClass }]).map((handle) => {
        const [id, label] = this.library.C_GetAttributeValue(session, handle, [{ type: module.CKA_ID }, { type: module.CKA_LABEL }]);
        let modulus: Buffer | null = null;
        try {
          const [value] = this.library.C_GetAttributeValue(session, handle, [{ type: module.CKA_MODULUS }]);
          if (value?.value instanceof Buffer && value.value.length > 0) modulus = withoutLeadingZeros(value.value);
        } catch {
          // Not an RSA key: it can only be paired by CKA_ID.
        }
        return { handle, idHex: ((id?.value as Buffer | undefined) ?? Buffer.alloc(0)).toString('hex'), label: attributeText(label?.value as Buffer | undefined), modulus, isPrivate };
      });
    const privateKeys = read(module.CKO_PRIVATE_KEY, true);
    return privateKeys.length > 0 ? privateKeys : read(module.CKO_PUBLIC_KEY, false);
  }

  /** C_Login as the user; already logged in (another session of this process) is fine. */
  login(session: Buffer, tokenLabel: string, pin: string): void {
    const module = pkcs11js();
    try {
      this.library.C_Login(session, module.CKU_USER, pin);
    } catch (error) {
      if (errorCode(error) === module.CKR_PIN_INCORRECT) throw new KeyStoreError('wrongSecret', `wrong PIN for token "${tokenLabel}"`);
      if (errorCode(error) !== module.CKR_USER_ALREADY_LOGGED_IN) throw new KeyStoreError('storeUnavailable', `login to token "${tokenLabel}" failed: ${(error as Error).message}`);
    }
  }

  close(): void {
    for (const session of this.sessions) {
      try {
        this.library.C_CloseSession(session);
      } catch {
        // The session may already be gone with its token; finalising below cleans up either way.
      }
    }
    this.sessions = [];
    try {
      this.library.C_Finalize();
    } finally {
      this.library.close();
    }
  }
}

export class Pkcs11KeyStore implements KeyStore {
  /** The loaded module, from first use until close(). */
  private connection: Pkcs11Session | null = null;
  /** One session per token, kept (logged in once a PIN was given) until close(). */
  private readonly tokenSessions = new Map<string, { session: Buffer; loggedIn: boolean }>();

  /** `listingSecrets`: where the PIN comes from to see private keys (and their labels) when listing. */
  constructor(
    readonly options: Pkcs11StoreOptions,
    private readonly listingSecrets?: SecretProvider,
  ) {}

  private open(): Pkcs11Session {
    this.connection ??= Pkcs11Session.open(this.options);
    return this.connection;
  }

  /** The token's session, logged in when it needs it and a PIN is given (null: stay logged out). */
  private async tokenSession(pkcs11: Pkcs11Session, token: { slot: Buffer; label: string; loginRequired: boolean }, secrets: SecretProvider | undefined, pinRequired: boolean): Promise<Buffer> {
    let entry = this.tokenSessions.get(token.label);
    if (!entry) {
      entry = { session: pkcs11.openSession(token.slot), loggedIn: false };
      this.tokenSessions.set(token.label, entry);
    }
    if (entry.loggedIn || !token.loginRequired) return entry.session;
    const pin = secrets ? await secrets({ kind: 'pin', target: token.label }) : null;
    if (pin === null) {
      if (pinRequired) throw new KeyStoreError('secretMissing', `no PIN given for token "${token.label}"`);
      return entry.session;
    }
    pkcs11.login(entry.session, token.label, pin);
    entry.loggedIn = true;
    return entry.session;
  }

  /** Runs `action` on the token; a failure of the module itself (token removed, session gone) closes the store. */
  private async guarded<T>(action: (pkcs11: Pkcs11Session) => Promise<T>): Promise<T> {
    try {
      return await action(this.open());
    } catch (error) {
      if (error instanceof KeyStoreError && error.code !== 'storeUnavailable') throw error;
      await this.close();
      if (error instanceof KeyStoreError) throw error;
      throw new KeyStoreError('storeUnavailable', `PKCS#11 module ${path.basename(this.options.modulePath)}: ${(error as Error).message}`);
    }
  }

  async listIdentities(): Promise<Identity[]> {
    return this.guarded(async (pkcs11) => {
      const identities: Identity[] = [];
      for (const token of pkcs11.tokens()) {
        const session = await this.tokenSession(pkcs11, token, this.listingSecrets, false);
        for (const { id, certificate, key } of pairKeysWithCertificates(token.label, pkcs11.keys(session), pkcs11.certificates(session))) {
          identities.push({
            ...identityFromCertificate(id, certificate.der, certificate.label),
            certificateLabel: certificate.label,
            ...(key ? { keyLabel: key.label } : {}),
            keyIdHex: key ? key.idHex : certificate.idHex,
          });
        }
      }
      return identities;
    });
  }

  async signer(identityId: string, secrets: SecretProvider): Promise<Signer> {
    const module = pkcs11js();
    const wantedToken = identityId.slice(0, identityId.lastIndexOf('/'));
    return this.guarded(async (pkcs11) => {
      const token = pkcs11.tokens().find((candidate) => candidate.label === wantedToken);
      if (!token) throw new KeyStoreError('noSuchIdentity', `no token labelled "${wantedToken}" in ${path.basename(this.options.modulePath)}`);
      const session = await this.tokenSession(pkcs11, token, secrets, true);
      const certificates = pkcs11.certificates(session);
      const identity = pairKeysWithCertificates(token.label, pkcs11.keys(session), certificates).find((candidate) => candidate.id.toLowerCase() === identityId.toLowerCase());
      if (!identity) throw new KeyStoreError('noSuchIdentity', `no private key with a certificate for ${identityId} on token "${token.label}"`);
      const key = identity.key;
      if (!key?.isPrivate) throw new KeyStoreError('noPrivateKey', `no private key for ${identityId} on token "${token.label}"`);
      const leaf = identity.certificate;
      if (readCertificate(leaf.der).publicKey.asymmetricKeyType !== 'rsa') throw new KeyStoreError('unsupportedKey', 'the Windows signing profile needs an RSA key');
      const mechanisms = new Set(pkcs11.lib.C_GetMechanismList(token.slot));
      const choice = this.options.mechanism ?? 'auto';
      const chain = orderLeafFirst(
        leaf.der,
        certificates.map((certificate) => certificate.der),
      );
      const signRaw = (data: Uint8Array, hash: 'sha256' | 'sha1') => {
        const digestInfo = Buffer.concat([DIGEST_INFO_PREFIX[hash], createHash(hash).update(data).digest()]);
        pkcs11.lib.C_SignInit(session, { mechanism: module.CKM_RSA_PKCS }, key.handle);
        return pkcs11.lib.C_Sign(session, digestInfo, Buffer.alloc(1024));
      };
      const signOnToken = (data: Uint8Array, hash: 'sha256' | 'sha1') => {
        pkcs11.lib.C_SignInit(session, { mechanism: hash === 'sha1' ? module.CKM_SHA1_RSA_PKCS : module.CKM_SHA256_RSA_PKCS }, key.handle);
        return pkcs11.lib.C_Sign(session, Buffer.from(data), Buffer.alloc(1024));
      };
      // The session belongs to the store: the signer works until the store is closed.
      return {
        certificates: chain,
        sign: (data: Uint8Array, algorithm: SignatureAlgorithm) =>
          this.guarded(async () => {
            const hash = algorithm === 'rsa-sha1' ? 'sha1' : 'sha256';
            const tokenHashes = mechanisms.has(hash === 'sha1' ? module.CKM_SHA1_RSA_PKCS : module.CKM_SHA256_RSA_PKCS);
            const useRaw = choice === 'raw-with-digestinfo' || (choice === 'auto' && !tokenHashes);
            return new Uint8Array(useRaw ? signRaw(data, hash) : signOnToken(data, hash));
          }),
      };
    });
  }

  /** Logs out (closing the sessions does) and unloads the module. */
  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = null;
    this.tokenSessions.clear();
    connection?.close();
  }
}

const NSS_SOFTOKEN_CANDIDATES = [
  '/usr/lib/x86_64-linux-gnu/libsoftokn3.so',
  '/usr/lib/aarch64-linux-gnu/libsoftokn3.so',
  '/usr/lib64/libsoftokn3.so',
  '/usr/lib/libsoftokn3.so',
  '/usr/lib/x86_64-linux-gnu/nss/libsoftokn3.so',
  '/usr/lib64/nss/libsoftokn3.so',
];

export function nssSoftokenPath(): string {
  const found = NSS_SOFTOKEN_CANDIDATES.find((candidate) => existsSync(candidate));
  if (!found) throw new KeyStoreError('storeUnavailable', 'NSS softoken (libsoftokn3.so) not found; install libnss3');
  return found;
}

export function defaultNssDatabase(home = process.env.HOME ?? ''): string {
  return path.join(home, '.pki', 'nssdb');
}

/** An NSS database (cert9.db/key4.db) read through NSS's own softoken, read-only. */
export function nssKeyStore(databaseDirectory: string, options: { modulePath?: string; mechanism?: MechanismChoice } = {}): Pkcs11KeyStore {
  if (!existsSync(path.join(databaseDirectory, 'cert9.db'))) throw new KeyStoreError('storeUnavailable', `no NSS database (cert9.db) in ${databaseDirectory}`);
  const quoted = databaseDirectory.replace(/'/g, "\\'");
  return new Pkcs11KeyStore({
    modulePath: options.modulePath ?? nssSoftokenPath(),
    libraryParameters: `configdir='sql:${quoted}' certPrefix='' keyPrefix='' secmod='secmod.db' flags=readOnly`,
    tokenLabel: 'NSS Certificate DB',
    ...(options.mechanism ? { mechanism: options.mechanism } : {}),
  });
}

export const SOFTHSM_CANDIDATES = ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so', '/usr/local/lib/softhsm/libsofthsm2.so', '/opt/homebrew/lib/softhsm/libsofthsm2.so'];
