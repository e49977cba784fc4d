// Where signing keys live, behind one interface: list the identities (certificate + private key)
// a store offers, and get a Signer for one of them. Secrets (PFX passwords, token PINs) are asked
// for through a SecretProvider at the moment they are needed and are never stored or logged.
import type { Signer } from '../signing/sign';

export type { Signer } from '../signing/sign';

export interface Identity {
  /** Stable within its store: what signer() takes. */
  id: string;
  subject: string;
  issuer: string;
  serial: string;
  thumbprintSha1: string;
  notBefore: string;
  notAfter: string;
  ev: boolean;
  /** "RSA 2048", "EC P-256", ... */
  keyType: string;
  /** Store-specific name a person recognises: PKCS#11 label, NSS nickname, keychain name. */
  label?: string;
}

export interface SecretRequest {
  kind: 'password' | 'pin';
  /** What the secret unlocks, for the prompt: a file name, a token label. */
  target: string;
}

/** Returns the secret, or null when the user gave none (cancelled). */
export type SecretProvider = (request: SecretRequest) => Promise<string | null>;

export interface KeyStore {
  listIdentities(): Promise<Identity[]>;
  signer(identityId: string, secrets: SecretProvider): Promise<Signer>;
}

export class KeyStoreError extends Error {
  constructor(
    readonly code: 'unsupportedKey' | 'noSuchIdentity' | 'noPrivateKey' | 'wrongSecret' | 'secretMissing' | 'storeUnavailable' | 'helperFailed' | 'badFile',
    message: string,
  ) {
    super(message);
  }
}
