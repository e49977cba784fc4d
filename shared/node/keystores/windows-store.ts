// The Windows certificate store (CurrentUser\My or LocalMachine\My). Keys there are usually not
// exportable, so signing happens inside Windows (CNG through .NET's GetRSAPrivateKey) in the
// PowerShell helper windows/sign.ps1; only the canonical SignedInfo and the signature cross over.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { SignatureAlgorithm } from '../signing/profile';
import { base64Field, jsonHelperFromCommand, type JsonHelper } from './helper-process';
import { identityFromCertificate } from './identity';
import { KeyStoreError, type Identity, type KeyStore, type SecretProvider, type Signer } from './types';

export type WindowsStoreLocation = 'CurrentUser' | 'LocalMachine';

function moduleDirectory(): string {
  return typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
}

/** Where sign.ps1 is: next to this file in the source tree, or under keystores/windows in a build. */
export function windowsHelperScript(): string {
  const candidates = [
    path.join(moduleDirectory(), 'windows', 'sign.ps1'),
    path.join(moduleDirectory(), 'keystores', 'windows', 'sign.ps1'),
    // In a packaged app the helper is unpacked beside app.asar, where a shell can run it.
    path.join(moduleDirectory().replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`), 'keystores', 'windows', 'sign.ps1'),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new KeyStoreError('storeUnavailable', `the Windows store helper sign.ps1 was not found (looked in ${candidates.join(', ')})`);
  return found;
}

export function powershellHelper(scriptPath = windowsHelperScript()): JsonHelper {
  return jsonHelperFromCommand('powershell.exe', ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', scriptPath]);
}

interface ListedCertificate {
  thumbprint: string;
  certificate: string;
  hasPrivateKey: boolean;
}

export class WindowsStoreKeyStore implements KeyStore {
  constructor(
    readonly location: WindowsStoreLocation,
    private readonly helper: JsonHelper = powershellHelper(),
  ) {}

  async listIdentities(): Promise<Identity[]> {
    const response = await this.helper({ action: 'list', store: this.location });
    const listed = (response.certificates ?? []) as ListedCertificate[];
    return listed.filter((entry) => entry.hasPrivateKey).map((entry) => identityFromCertificate(entry.thumbprint.toUpperCase(), Buffer.from(entry.certificate, 'base64'), `${this.location}\\My`));
  }

  async signer(identityId: string, _secrets: SecretProvider): Promise<Signer> {
    const thumbprint = identityId.replace(/\s+/g, '').toUpperCase();
    if (!/^[0-9A-F]{40}$/.test(thumbprint)) throw new KeyStoreError('noSuchIdentity', `"${identityId}" is not a SHA-1 thumbprint (40 hex digits)`);
    const chainResponse = await this.helper({ action: 'chain', store: this.location, thumbprint });
    const certificates = ((chainResponse.certificates ?? []) as string[]).map((base64) => new Uint8Array(Buffer.from(base64, 'base64')));
    if (certificates.length === 0) throw new KeyStoreError('noSuchIdentity', `no certificate ${thumbprint} in ${this.location}\\My`);
    const helper = this.helper;
    const location = this.location;
    return {
      certificates,
      async sign(data: Uint8Array, algorithm: SignatureAlgorithm) {
        const response = await helper({ action: 'sign', store: location, thumbprint, algorithm, data: Buffer.from(data).toString('base64') });
        return base64Field(response, 'signature');
      },
    };
  }
}
