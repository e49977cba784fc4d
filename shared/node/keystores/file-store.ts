// Keys in files: PKCS#12 (.pfx/.p12, read with node-forge, RSA keys) and PEM (key + certificates,
// read with node:crypto, encrypted PKCS#8 keys included). The key is decrypted in memory once and
// kept (as a KeyObject, never the password) until the store is closed.
import { createPrivateKey, createPublicKey, sign as signWithKey, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { certificatesFromPemOrDer, readCertificate, thumbprintSha1 } from '../signing/certificates';
import type { SignatureAlgorithm } from '../signing/profile';
import { identityFromCertificate } from './identity';
import { KeyStoreError, type Identity, type KeyStore, type SecretProvider, type Signer } from './types';

function hashOf(algorithm: SignatureAlgorithm): 'sha256' | 'sha1' {
  return algorithm === 'rsa-sha1' ? 'sha1' : 'sha256';
}

/** A Signer over a key held in this process (files, test kits). Refuses non-RSA keys: the Windows profile is RSA only. */
export function signerFromKeyObject(key: KeyObject, certificates: Uint8Array[]): Signer {
  if (key.asymmetricKeyType !== 'rsa') throw new KeyStoreError('unsupportedKey', `the Windows signing profile needs an RSA key; this key is ${key.asymmetricKeyType ?? 'unknown'}`);
  return {
    certificates,
    async sign(data, algorithm) {
      return new Uint8Array(signWithKey(hashOf(algorithm), data, key));
    },
  };
}

/** Puts the certificate matching `leaf` first and the others after it in issuer order where possible. */
function chainFrom(leaf: Uint8Array, all: Uint8Array[]): Uint8Array[] {
  const remaining = all.filter((der) => thumbprintSha1(der) !== thumbprintSha1(leaf));
  const chain = [leaf];
  for (;;) {
    const current = readCertificate(chain.at(-1)!);
    const index = remaining.findIndex((der) => {
      const candidate = readCertificate(der);
      return current.checkIssued(candidate) && candidate.fingerprint256 !== current.fingerprint256;
    });
    if (index === -1) break;
    chain.push(...remaining.splice(index, 1));
  }
  return [...chain, ...remaining];
}

function publicKeyMatches(key: KeyObject, certificateDer: Uint8Array): boolean {
  const certificateKey = readCertificate(certificateDer).publicKey.export({ format: 'der', type: 'spki' });
  return certificateKey.equals(createPublicKey(key).export({ format: 'der', type: 'spki' }));
}

interface PfxContents {
  keys: KeyObject[];
  certificates: Uint8Array[];
}

export class PfxKeyStore implements KeyStore {
  private contents: PfxContents | null = null;

  constructor(
    readonly filePath: string,
    private readonly listingSecrets: SecretProvider,
  ) {}

  private async open(secrets: SecretProvider): Promise<PfxContents> {
    if (this.contents) return this.contents;
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(this.filePath);
    } catch (error) {
      throw new KeyStoreError('badFile', `cannot read ${this.filePath}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const password = await secrets({ kind: 'password', target: path.basename(this.filePath) });
    if (password === null) throw new KeyStoreError('secretMissing', `no password given for ${this.filePath}`);
    let p12: forge.pkcs12.Pkcs12Pfx;
    try {
      p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary'))), false, password);
    } catch (error) {
      const message = (error as Error).message;
      if (/MAC could not be verified|Invalid password/i.test(message)) throw new KeyStoreError('wrongSecret', `wrong password for ${this.filePath}`);
      if (/OID is not RSA|Unknown OID|Cannot read private key/i.test(message))
        throw new KeyStoreError('unsupportedKey', `${this.filePath} holds a non-RSA key; the Windows signing profile needs RSA (PFX reader: RSA only)`);
      throw new KeyStoreError('badFile', `${this.filePath} is not a readable PKCS#12 file: ${message}`);
    }
    const keyBags = [...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []), ...(p12.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? [])];
    const certificateBags = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
    const keys = keyBags.filter((bag) => bag.key).map((bag) => createPrivateKey(forge.pki.privateKeyToPem(bag.key as forge.pki.rsa.PrivateKey)));
    const certificates = certificateBags
      .filter((bag) => bag.cert)
      .map((bag) => new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(bag.cert!)).getBytes(), 'binary')));
    this.contents = { keys, certificates };
    return this.contents;
  }

  async close(): Promise<void> {
    this.contents = null;
  }

  private pairs(contents: PfxContents): Array<{ key: KeyObject; certificate: Uint8Array }> {
    return contents.keys.flatMap((key) => {
      const certificate = contents.certificates.find((der) => publicKeyMatches(key, der));
      return certificate ? [{ key, certificate }] : [];
    });
  }

  async listIdentities(): Promise<Identity[]> {
    const contents = await this.open(this.listingSecrets);
    return this.pairs(contents).map(({ certificate }) => identityFromCertificate(thumbprintSha1(certificate), certificate, path.basename(this.filePath)));
  }

  async signer(identityId: string, secrets: SecretProvider): Promise<Signer> {
    const contents = await this.open(secrets);
    const pairs = this.pairs(contents);
    if (pairs.length === 0) throw new KeyStoreError('noPrivateKey', `${this.filePath} has no private key with a matching certificate`);
    const pair = identityId === '' ? pairs[0] : pairs.find(({ certificate }) => thumbprintSha1(certificate) === identityId.toUpperCase());
    if (!pair) throw new KeyStoreError('noSuchIdentity', `no identity ${identityId} in ${this.filePath}`);
    return signerFromKeyObject(pair.key, chainFrom(pair.certificate, contents.certificates));
  }
}

export class PemKeyStore implements KeyStore {
  private decrypted: KeyObject | null = null;

  constructor(
    readonly keyPath: string,
    readonly certificatePath: string,
    private readonly listingSecrets: SecretProvider,
  ) {}

  private async certificates(): Promise<Uint8Array[]> {
    try {
      const certificates = certificatesFromPemOrDer(await fs.readFile(this.certificatePath));
      certificates.forEach((der) => readCertificate(der));
      if (certificates.length === 0) throw new Error('no CERTIFICATE block');
      return certificates;
    } catch (error) {
      throw new KeyStoreError('badFile', `cannot read certificates from ${this.certificatePath}: ${(error as Error).message}`);
    }
  }

  private async key(secrets: SecretProvider): Promise<KeyObject> {
    this.decrypted ??= await this.decrypt(secrets);
    return this.decrypted;
  }

  async close(): Promise<void> {
    this.decrypted = null;
  }

  private async decrypt(secrets: SecretProvider): Promise<KeyObject> {
    let text: string;
    try {
      text = await fs.readFile(this.keyPath, 'utf8');
    } catch (error) {
      throw new KeyStoreError('badFile', `cannot read ${this.keyPath}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const encrypted = text.includes('ENCRYPTED');
    const passphrase = encrypted ? await secrets({ kind: 'password', target: path.basename(this.keyPath) }) : undefined;
    if (encrypted && passphrase === null) throw new KeyStoreError('secretMissing', `no password given for ${this.keyPath}`);
    try {
      return createPrivateKey(passphrase === undefined ? text : { key: text, passphrase: passphrase ?? '' });
    } catch (error) {
      if (encrypted) throw new KeyStoreError('wrongSecret', `wrong password for ${this.keyPath}`);
      throw new KeyStoreError('badFile', `${this.keyPath} is not a readable private key: ${(error as Error).message}`);
    }
  }

  private leafFor(key: KeyObject, certificates: Uint8Array[]): Uint8Array {
    const leaf = certificates.find((der) => publicKeyMatches(key, der));
    if (!leaf) throw new KeyStoreError('noPrivateKey', `the key in ${this.keyPath} matches no certificate in ${this.certificatePath}`);
    return leaf;
  }

  async listIdentities(): Promise<Identity[]> {
    const certificates = await this.certificates();
    const leaf = this.leafFor(await this.key(this.listingSecrets), certificates);
    return [identityFromCertificate(thumbprintSha1(leaf), leaf, path.basename(this.keyPath))];
  }

  async signer(identityId: string, secrets: SecretProvider): Promise<Signer> {
    const certificates = await this.certificates();
    const key = await this.key(secrets);
    const leaf = this.leafFor(key, certificates);
    if (identityId !== '' && thumbprintSha1(leaf) !== identityId.toUpperCase()) throw new KeyStoreError('noSuchIdentity', `no identity ${identityId} in ${this.keyPath}`);
    return signerFromKeyObject(key, chainFrom(leaf, certificates));
  }
}
