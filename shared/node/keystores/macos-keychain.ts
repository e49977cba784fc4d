// The macOS keychain. Identities are listed with `security find-identity` (valid ones, for the
// chosen policy) and their certificates read with `security find-certificate -a -Z -p`; signing
// runs the Swift helper macos/sign.swift, which finds the identity by SHA-1 and calls
// SecKeyCreateSignature, so the key stays in the keychain (or its Secure Enclave / smart card).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { certificatesFromPemOrDer, thumbprintSha1 } from '../signing/certificates';
import type { SignatureAlgorithm } from '../signing/profile';
import { base64Field, jsonHelperFromCommand, runCommand, type CommandResult, type JsonHelper } from './helper-process';
import { identityFromCertificate } from './identity';
import { KeyStoreError, type Identity, type KeyStore, type SecretProvider, type Signer } from './types';

export interface KeychainIdentityLine {
  thumbprintSha1: string;
  name: string;
}

/** Parses `security find-identity -v` output: `  1) 0123…ABCD "Name"` lines. */
export function parseFindIdentity(output: string): KeychainIdentityLine[] {
  const identities: KeychainIdentityLine[] = [];
  for (const match of output.matchAll(/^\s*\d+\)\s+([0-9A-Fa-f]{40})\s+"(.*)"\s*$/gm)) {
    const thumbprint = (match[1] ?? '').toUpperCase();
    if (!identities.some((identity) => identity.thumbprintSha1 === thumbprint)) identities.push({ thumbprintSha1: thumbprint, name: match[2] ?? '' });
  }
  return identities;
}

/** Parses `security find-certificate -a -Z -p`: each PEM block is preceded by its "SHA-1 hash:" line. */
export function parseFindCertificate(output: string): Map<string, Uint8Array> {
  const byThumbprint = new Map<string, Uint8Array>();
  for (const match of output.matchAll(/SHA-1 hash:\s*([0-9A-Fa-f]{40})[\s\S]*?(-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----)/g)) {
    const [der] = certificatesFromPemOrDer(Buffer.from(match[2] ?? ''));
    if (der && thumbprintSha1(der) === (match[1] ?? '').toUpperCase()) byThumbprint.set(thumbprintSha1(der), der);
  }
  return byThumbprint;
}

export type CommandRunner = (command: string, args: string[]) => Promise<CommandResult>;

function moduleDirectory(): string {
  return typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
}

export function keychainHelperSource(): string {
  const candidates = [
    path.join(moduleDirectory(), 'macos', 'sign.swift'),
    path.join(moduleDirectory(), 'keystores', 'macos', 'sign.swift'),
    // In a packaged app the helper is unpacked beside app.asar, where a shell can run it.
    path.join(moduleDirectory().replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`), 'keystores', 'macos', 'sign.swift'),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new KeyStoreError('storeUnavailable', `the keychain helper sign.swift was not found (looked in ${candidates.join(', ')})`);
  return found;
}

export function swiftHelper(sourcePath = keychainHelperSource()): JsonHelper {
  return jsonHelperFromCommand('/usr/bin/swift', [sourcePath]);
}

export interface KeychainOptions {
  /** `security find-identity -p` policy; codesigning by default, "basic" lists every identity. */
  policy?: string;
  keychain?: string;
  run?: CommandRunner;
  helper?: JsonHelper;
}

export class MacKeychainKeyStore implements KeyStore {
  private readonly run: CommandRunner;

  constructor(private readonly options: KeychainOptions = {}) {
    this.run = options.run ?? ((command, args) => runCommand(command, args));
  }

  private async identitiesWithCertificates(): Promise<Array<{ line: KeychainIdentityLine; der: Uint8Array }>> {
    const keychainArgs = this.options.keychain ? [this.options.keychain] : [];
    const identities = await this.run('/usr/bin/security', ['find-identity', '-v', '-p', this.options.policy ?? 'codesigning', ...keychainArgs]);
    if (identities.exitCode !== 0) throw new KeyStoreError('storeUnavailable', `security find-identity failed: ${identities.stderr.trim()}`);
    const certificates = await this.run('/usr/bin/security', ['find-certificate', '-a', '-Z', '-p', ...keychainArgs]);
    if (certificates.exitCode !== 0) throw new KeyStoreError('storeUnavailable', `security find-certificate failed: ${certificates.stderr.trim()}`);
    const byThumbprint = parseFindCertificate(certificates.stdout);
    return parseFindIdentity(identities.stdout).flatMap((line) => {
      const der = byThumbprint.get(line.thumbprintSha1);
      return der ? [{ line, der }] : [];
    });
  }

  async listIdentities(): Promise<Identity[]> {
    return (await this.identitiesWithCertificates()).map(({ line, der }) => identityFromCertificate(line.thumbprintSha1, der, line.name));
  }

  /** identityId: the SHA-1 thumbprint, or the name `security find-identity` shows. */
  async signer(identityId: string, _secrets: SecretProvider): Promise<Signer> {
    const identities = await this.identitiesWithCertificates();
    const wanted = identityId.replace(/\s+/g, '').toUpperCase();
    const matches = identities.filter(({ line }) => line.thumbprintSha1 === wanted || line.name === identityId);
    if (matches.length === 0) throw new KeyStoreError('noSuchIdentity', `no valid keychain identity "${identityId}"`);
    if (matches.length > 1) throw new KeyStoreError('noSuchIdentity', `"${identityId}" names ${matches.length} identities; use the SHA-1 thumbprint`);
    const { line, der } = matches[0]!;
    const helper = this.options.helper ?? swiftHelper();
    return {
      certificates: [der],
      async sign(data: Uint8Array, algorithm: SignatureAlgorithm) {
        const response = await helper({ action: 'sign', thumbprint: line.thumbprintSha1, algorithm, data: Buffer.from(data).toString('base64') });
        return base64Field(response, 'signature');
      },
    };
  }
}
