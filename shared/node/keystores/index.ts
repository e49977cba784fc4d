// Choosing a key store and an identity in it from plain options (the CLI and the app host both
// build these options; neither hands over argv or secrets).
import { PemKeyStore, PfxKeyStore } from './file-store';
import { MacKeychainKeyStore } from './macos-keychain';
import { Pkcs11KeyStore, defaultNssDatabase, nssKeyStore } from './pkcs11-store';
import { KeyStoreError, type Identity, type KeyStore, type SecretProvider, type Signer } from './types';
import { WindowsStoreKeyStore, type WindowsStoreLocation } from './windows-store';

export * from './types';
export { PemKeyStore, PfxKeyStore, signerFromKeyObject } from './file-store';
export { Pkcs11KeyStore, nssKeyStore, nssSoftokenPath, defaultNssDatabase, SOFTHSM_CANDIDATES } from './pkcs11-store';
export { WindowsStoreKeyStore } from './windows-store';
export { MacKeychainKeyStore, parseFindCertificate, parseFindIdentity } from './macos-keychain';
export { secretFromEnvironment, promptOnTerminal, cachedSecret, type TerminalPromptTexts } from './secrets';

export type KeyStoreChoice =
  | { kind: 'pfx'; path: string }
  | { kind: 'pem'; keyPath: string; certificatePath: string }
  | { kind: 'pkcs11'; modulePath: string; tokenLabel?: string; keyLabel?: string; keyIdHex?: string }
  | { kind: 'nss'; databaseDirectory?: string; certificateNickname?: string }
  | { kind: 'windows'; location: WindowsStoreLocation; thumbprint?: string }
  | { kind: 'keychain'; identityName?: string };

export function openKeyStore(choice: KeyStoreChoice, listingSecrets: SecretProvider): KeyStore {
  switch (choice.kind) {
    case 'pfx':
      return new PfxKeyStore(choice.path, listingSecrets);
    case 'pem':
      return new PemKeyStore(choice.keyPath, choice.certificatePath, listingSecrets);
    case 'pkcs11':
      return new Pkcs11KeyStore({ modulePath: choice.modulePath, ...(choice.tokenLabel ? { tokenLabel: choice.tokenLabel } : {}) }, listingSecrets);
    case 'nss':
      return nssKeyStore(choice.databaseDirectory ?? defaultNssDatabase());
    case 'windows':
      return new WindowsStoreKeyStore(choice.location);
    case 'keychain':
      return new MacKeychainKeyStore();
  }
}

/**
 * For one-shot use (the CLI, a batch): the store's signer, whose close() also locks the store.
 * A failure locks the store at once.
 */
export async function oneShotSigner(store: KeyStore, identityId: string, secrets: SecretProvider): Promise<Signer> {
  try {
    const signer = await store.signer(identityId, secrets);
    return {
      ...signer,
      close: async () => {
        await signer.close?.();
        await store.close?.();
      },
    };
  } catch (error) {
    await store.close?.();
    throw error;
  }
}

/** The identity the options point at: by thumbprint, label, nickname or key id, or the only one there is. */
export async function chooseIdentity(store: KeyStore, choice: KeyStoreChoice): Promise<string> {
  if (choice.kind === 'windows' && choice.thumbprint) return choice.thumbprint;
  if (choice.kind === 'keychain' && choice.identityName) return choice.identityName;
  const identities = await store.listIdentities();
  let candidates: Identity[] = identities;
  // PKCS#11: --key-id is the private key's CKA_ID, --key-label its CKA_LABEL (the certificate's label may differ).
  if (choice.kind === 'pkcs11' && choice.keyIdHex) candidates = candidates.filter((identity) => identity.keyIdHex?.toLowerCase() === choice.keyIdHex!.toLowerCase());
  if (choice.kind === 'pkcs11' && choice.keyLabel) candidates = candidates.filter((identity) => identity.keyLabel === choice.keyLabel);
  if (choice.kind === 'nss' && choice.certificateNickname) candidates = candidates.filter((identity) => identity.label === choice.certificateNickname);
  if (candidates.length === 0) throw new KeyStoreError('noSuchIdentity', 'no signing identity matches the options given');
  if (candidates.length > 1) throw new KeyStoreError('noSuchIdentity', `${candidates.length} identities match; choose one (${candidates.map((identity) => identity.label ?? identity.id).join(', ')})`);
  return candidates[0]!.id;
}
