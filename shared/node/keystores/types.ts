// Where signing keys live, behind one interface: list the identities (certificate + private key)
// a store offers, and get a Signer for one of them. Secrets (PFX passwords, token PINs) are asked
// for through a SecretProvider at the moment they are needed and are never stored or logged.
import type { SigningIdentity } from '../../common/ipc';
import type { Signer } from '../signing/sign';

export type { Signer } from '../signing/sign';

/** A certificate with its private key in a store: what the Sign dialog lists (shared/common/ipc.ts). */
export type Identity = SigningIdentity;

export interface SecretRequest {
  kind: 'password' | 'pin';
  /** What the secret unlocks, for the prompt: a file name, a token label. */
  target: string;
}

/** Returns the secret, or null when the user gave none (cancelled). */
export type SecretProvider = (request: SecretRequest) => Promise<string | null>;

/**
 * A store stays unlocked once a secret opened it (the decrypted key, the logged-in token
 * session), never the secret itself, until close() locks it again. Whoever opens a store closes it.
 */
export interface KeyStore {
  listIdentities(): Promise<Identity[]>;
  signer(identityId: string, secrets: SecretProvider): Promise<Signer>;
  /** Locks the store: drops decrypted keys, logs out and closes token sessions. */
  close?(): Promise<void>;
}

export class KeyStoreError extends Error {
  constructor(
    readonly code: 'unsupportedKey' | 'noSuchIdentity' | 'noPrivateKey' | 'wrongSecret' | 'secretMissing' | 'storeUnavailable' | 'helperFailed' | 'badFile',
    message: string,
  ) {
    super(message);
  }
}
