// The signing channels of the host contract: which key stores this machine offers, the
// identities in one, signing a document's text, and predicting Windows' verdict. Private keys stay
// in their store; PINs and passwords are asked for by the host itself (askSecret, through its
// prompt window), once per store: the opened store is kept unlocked (UnlockedStores) until it is
// idle for keepUnlockedMs, locked on request or at the end of the session. Secrets are never part
// of a request, a response, a log line or a file, and are not kept once the store is open.
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import {
  HostError,
  type CertificateInfo,
  type KeyStoreKind,
  type KeyStoreOffer,
  type KeyStoreSelection,
  type SecretQuestion,
  type SignatureReport,
  type UnlockedStoreInfo,
  type SignRequest,
  type SigningIdentity,
  type VerifyRequest,
} from '../common/ipc';
import { decodeText, encodeText } from './files/encoding';
import {
  defaultNssDatabase,
  KeyStoreError,
  nssSoftokenPath,
  openKeyStore,
  SOFTHSM_CANDIDATES,
  type KeyStoreChoice,
  type SecretProvider,
} from './keystores/index';
import { DEFAULT_KEEP_UNLOCKED_MS, UnlockedStores } from './keystores/unlocked-stores';
import type { SecretQuestions } from './secret-prompt/questions';
import { certificatesFromPemOrDer, summarizeCertificate, type CertificateSummary } from './signing/certificates';
import { sign, SigningError, type Signer } from './signing/sign';
import { verify } from './signing/verify';
import { XmlLocationError } from './signing/xml-bytes';

/** Common places of PKCS#11 modules for smart cards and HSMs, besides SoftHSM. */
const OTHER_PKCS11_MODULES = [
  '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so',
  '/usr/lib/opensc-pkcs11.so',
  '/usr/lib/x86_64-linux-gnu/pkcs11/opensc-pkcs11.so',
  '/Library/OpenSC/lib/opensc-pkcs11.so',
  'C:\\Windows\\System32\\opensc-pkcs11.dll',
  'C:\\Windows\\System32\\eTPKCS11.dll',
];

export interface SigningServiceOptions {
  askSecret: SecretProvider;
  secretPrompt: KeyStoreOffer['secretPrompt'];
  /** The questions askSecret has open, for the app to show and cancel. */
  questions: SecretQuestions;
  /** How long a store stays unlocked without use; DEFAULT_KEEP_UNLOCKED_MS when not given. */
  keepUnlockedMs?: number;
}

/** A document the key cannot sign (not well-formed, a certificate Windows refuses) leaves the store unlocked. */
function locksStore(error: unknown): boolean {
  return !(error instanceof SigningError || error instanceof XmlLocationError);
}

function choiceOf(store: KeyStoreSelection): KeyStoreChoice {
  return store.kind === 'nss' ? { kind: 'nss', databaseDirectory: store.databaseDirectory } : store;
}

function certificateInfo(summary: CertificateSummary): CertificateInfo {
  const { subject, issuer, serial, thumbprintSha1, notBefore, notAfter, ev, keyType } = summary;
  return { subject, issuer, serial, thumbprintSha1, notBefore, notAfter, ev, keyType };
}

/** Key-store and signing failures as translatable host errors; secrets never appear in them. */
export function signingError(error: unknown): HostError {
  if (error instanceof HostError) return error;
  if (error instanceof KeyStoreError) return new HostError(`keystore.${error.code}`, `cli.keystore.${error.code}`, { detail: error.message });
  if (error instanceof XmlLocationError) {
    return new HostError('signing.notWellFormed', 'signing.finding.notWellFormed', { line: error.line, column: error.column, reason: error.reason });
  }
  if (error instanceof SigningError) {
    const [problem] = error.certificateProblems;
    // The app refuses a certificate Windows refuses; the message says which rule it breaks.
    if (problem) return new HostError('signing.invalidCertificate', `signing.finding.${problem.code}`, { ...problem.params, hresult: error.hresult ?? '' });
    return new HostError(`signing.${error.code}`, 'error.signing.failed', { detail: error.message });
  }
  return new HostError('unexpected', 'error.unexpected', { detail: error instanceof Error ? error.message : String(error) });
}

/**
 * A PKCS#11 module is native code loaded into the host: the page may name only an absolute path
 * to an existing regular file (after links), never a bare name that the system's library search
 * path would resolve.
 */
export async function checkPkcs11Module(modulePath: string): Promise<void> {
  const refuse = (reason: 'notAbsolute' | 'notFile') => new HostError('signing.pkcs11ModuleRefused', `error.signing.pkcs11Module.${reason}`, { path: modulePath });
  if (!path.isAbsolute(modulePath)) throw refuse('notAbsolute');
  try {
    if (!(await fs.stat(modulePath)).isFile()) throw refuse('notFile');
  } catch (error) {
    if (error instanceof HostError) throw error;
    throw refuse('notFile');
  }
}

async function checkStore(store: KeyStoreSelection): Promise<void> {
  if (store.kind === 'pkcs11') await checkPkcs11Module(store.modulePath);
}

/** The key store the page named, checked as the Sign dialog's are (a PKCS#11 module only by absolute path). */
export async function keyStoreChoiceFor(store: KeyStoreSelection): Promise<KeyStoreChoice> {
  await checkStore(store);
  return choiceOf(store);
}

function kindsAvailableHere(): KeyStoreKind[] {
  const kinds: KeyStoreKind[] = ['pfx', 'pem', 'pkcs11'];
  try {
    nssSoftokenPath();
    kinds.push('nss');
  } catch {
    // No NSS softoken on this machine: the Linux OS store is not offered.
  }
  if (process.platform === 'win32') kinds.push('windows');
  if (process.platform === 'darwin') kinds.push('keychain');
  return kinds;
}

export function createSigningService(options: SigningServiceOptions) {
  let keepUnlockedMs = options.keepUnlockedMs ?? DEFAULT_KEEP_UNLOCKED_MS;
  const unlocked = new UnlockedStores({ idleMs: keepUnlockedMs, open: openKeyStore });
  return {
    /** The app's setting changed: stores stay unlocked this long without use from now on. */
    setKeepUnlockedMs(milliseconds: number): void {
      keepUnlockedMs = milliseconds;
      unlocked.setIdleMs(milliseconds);
    },

    async keyStores(): Promise<KeyStoreOffer> {
      const nssDatabase = defaultNssDatabase();
      return {
        kinds: kindsAvailableHere(),
        pkcs11Modules: [...SOFTHSM_CANDIDATES, ...OTHER_PKCS11_MODULES].filter((candidate) => existsSync(candidate)),
        nssDatabase: existsSync(nssDatabase) ? nssDatabase : null,
        secretPrompt: options.secretPrompt,
        keepUnlockedMs,
      };
    },

    async listIdentities(store: KeyStoreSelection): Promise<SigningIdentity[]> {
      await checkStore(store);
      try {
        const identities = await unlocked.use(choiceOf(store), options.askSecret, (opened) => opened.listIdentities());
        return identities.map(({ id, label, certificateLabel, keyLabel, keyIdHex, subject, issuer, serial, thumbprintSha1, notBefore, notAfter, ev, keyType }) => ({
          id,
          ...(label ? { label } : {}),
          ...(certificateLabel !== undefined ? { certificateLabel } : {}),
          ...(keyLabel !== undefined ? { keyLabel } : {}),
          ...(keyIdHex !== undefined ? { keyIdHex } : {}),
          subject,
          issuer,
          serial,
          thumbprintSha1,
          notBefore,
          notAfter,
          ev,
          keyType,
        }));
      } catch (error) {
        throw signingError(error);
      }
    },

    async sign(request: SignRequest): Promise<{ text: string }> {
      // The store asks for its PIN or password only when it is locked.
      await checkStore(request.store);
      try {
        return await unlocked.use(
          choiceOf(request.store),
          options.askSecret,
          async (opened) => {
            const signer = await opened.signer(request.identityId, options.askSecret);
            try {
              const signed = await sign(encodeText(request.text, request.encoding), signer, {
                digest: request.digest,
                includeChain: request.includeChain,
                allowInvalidCertificate: request.allowInvalidCertificate === true,
              });
              return { text: decodeText(signed).text };
            } finally {
              await signer.close?.().catch(() => undefined);
            }
          },
          locksStore,
        );
      } catch (error) {
        throw signingError(error);
      }
    },

    /**
     * Runs `action` (a batch) with a signer of the store, unlocked as for signing: the store stays
     * busy (other operations on it wait) until the action ends; only key-store failures lock it.
     */
    async withUnlockedSigner<T>(store: KeyStoreSelection, identityId: string, action: (signer: Signer) => Promise<T>): Promise<T> {
      await checkStore(store);
      return unlocked.use(
        choiceOf(store),
        options.askSecret,
        async (opened) => {
          const signer = await opened.signer(identityId, options.askSecret);
          try {
            return await action(signer);
          } finally {
            await signer.close?.().catch(() => undefined);
          }
        },
        (error) => error instanceof KeyStoreError,
      );
    },

    async secretQuestions(): Promise<SecretQuestion[]> {
      return options.questions.pending();
    },

    async cancelSecretQuestion(id: string): Promise<void> {
      options.questions.cancel(id);
    },

    async unlockedStores(): Promise<UnlockedStoreInfo[]> {
      return unlocked.list();
    },

    /** Locks one store or all; cancels open questions too when locking all (the session ends). */
    async lock(key?: string): Promise<void> {
      if (key === undefined) options.questions.cancelAll();
      await unlocked.lock(key);
    },

    async certificateNames(certificatePath: string): Promise<{ subjectName: string; issuerName: string }> {
      let leaf: Uint8Array | undefined;
      try {
        [leaf] = certificatesFromPemOrDer(await fs.readFile(certificatePath));
      } catch (error) {
        throw new HostError('signing.certificateUnreadable', 'error.signing.certificateUnreadable', { path: certificatePath, detail: error instanceof Error ? error.message : String(error) });
      }
      if (!leaf) throw new HostError('signing.certificateUnreadable', 'error.signing.certificateUnreadable', { path: certificatePath, detail: 'no certificate' });
      const { subject, issuer } = summarizeCertificate(leaf);
      return { subjectName: subject, issuerName: issuer };
    },

    async verify(request: VerifyRequest): Promise<SignatureReport> {
      const trustedRoots: Uint8Array[] = [];
      for (const rootPath of request.trustedRootPaths) {
        try {
          trustedRoots.push(...certificatesFromPemOrDer(await fs.readFile(rootPath)));
        } catch (error) {
          throw new HostError('signing.certificateUnreadable', 'error.signing.certificateUnreadable', { path: rootPath, detail: error instanceof Error ? error.message : String(error) });
        }
      }
      try {
        const verdict = await verify(encodeText(request.text, request.encoding), {
          trustedRoots,
          useSystemRoots: request.useSystemRoots,
          requireEv: request.requireEv,
        });
        return {
          signed: verdict.code !== 'notSigned',
          accepted: verdict.accepted,
          hresult: verdict.hresult,
          code: verdict.code,
          messageKey: verdict.messageKey,
          params: verdict.params,
          signer: verdict.signer ? certificateInfo(verdict.signer) : null,
          chain: verdict.chain.map(certificateInfo),
          chainTrusted: verdict.chainTrusted,
          findings: verdict.findings.map(({ code, hresult, messageKey, params }) => ({ code, hresult, messageKey, params })),
          consentRequired: verdict.consentRequired ?? false,
        };
      } catch (error) {
        throw signingError(error);
      }
    },
  };
}
