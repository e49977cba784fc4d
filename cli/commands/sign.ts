// provstudio sign FILE -o OUT --<one key store option>: signs in the Windows profile and writes
// OUT atomically. Secrets come from --password-env / --pin-env or a no-echo prompt on the
// terminal, never from the command line. The key store options are shared with `certs list`.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { MessageKey } from '../../shared/common/i18n/index';
import { writeFileAtomic } from '../../shared/node/files/atomic-write';
import { cachedSecret, chooseIdentity, KeyStoreError, oneShotSigner, openKeyStore, promptOnTerminal, secretFromEnvironment, type KeyStoreChoice, type SecretProvider } from '../../shared/node/keystores/index';
import { summarizeCertificate, type SigningCertificateProblem } from '../../shared/node/signing/certificates';
import { HRESULT } from '../../shared/node/signing/profile';
import { sign, signerCertificateProblems, SigningError } from '../../shared/node/signing/sign';
import { XmlLocationError } from '../../shared/node/signing/xml-bytes';
import { EXIT_OK, EXIT_USAGE_OR_IO, UsageError, type CliIo, type Command } from '../command';

export const KEY_STORE_OPTIONS = {
  pfx: { type: 'string' },
  'pem-key': { type: 'string' },
  'pem-cert': { type: 'string' },
  'pkcs11-module': { type: 'string' },
  'token-label': { type: 'string' },
  'key-label': { type: 'string' },
  'key-id': { type: 'string' },
  'nss-db': { type: 'string' },
  'cert-nickname': { type: 'string' },
  'store-thumbprint': { type: 'string' },
  store: { type: 'string', default: 'CurrentUser' },
  'keychain-identity': { type: 'string' },
  'pin-env': { type: 'string' },
  'password-env': { type: 'string' },
} as const;

type KeyStoreValues = { [Name in keyof typeof KEY_STORE_OPTIONS]?: string };

/** Reads the one key store the options name; a usage error when there are none or several. */
export function keyStoreChoiceFrom(values: KeyStoreValues, io: CliIo, allowKeychainList = false): KeyStoreChoice {
  const resolve = (file: string) => path.resolve(io.cwd, file);
  const chosen: KeyStoreChoice[] = [];
  if (values.pfx) chosen.push({ kind: 'pfx', path: resolve(values.pfx) });
  if (values['pem-key'] || values['pem-cert']) {
    if (!values['pem-key'] || !values['pem-cert']) throw new UsageError(io.t('cli.sign.pemNeedsBoth'));
    chosen.push({ kind: 'pem', keyPath: resolve(values['pem-key']), certificatePath: resolve(values['pem-cert']) });
  }
  if (values['pkcs11-module']) {
    if (values['key-id'] && !/^([0-9a-fA-F]{2})+$/.test(values['key-id'])) throw new UsageError(io.t('cli.sign.badKeyId', { value: values['key-id'] }));
    chosen.push({
      kind: 'pkcs11',
      modulePath: values['pkcs11-module'],
      ...(values['token-label'] ? { tokenLabel: values['token-label'] } : {}),
      ...(values['key-label'] ? { keyLabel: values['key-label'] } : {}),
      ...(values['key-id'] ? { keyIdHex: values['key-id'] } : {}),
    });
  }
  if (values['nss-db'] !== undefined) chosen.push({ kind: 'nss', databaseDirectory: resolve(values['nss-db']), ...(values['cert-nickname'] ? { certificateNickname: values['cert-nickname'] } : {}) });
  if (values['store-thumbprint'] !== undefined) {
    if (values.store !== 'CurrentUser' && values.store !== 'LocalMachine') throw new UsageError(io.t('cli.sign.badStore', { value: values.store ?? '' }));
    chosen.push({ kind: 'windows', location: values.store, thumbprint: values['store-thumbprint'] });
  }
  if (values['keychain-identity'] !== undefined || (allowKeychainList && chosen.length === 0 && process.platform === 'darwin')) {
    chosen.push({ kind: 'keychain', ...(values['keychain-identity'] ? { identityName: values['keychain-identity'] } : {}) });
  }
  if (chosen.length !== 1) throw new UsageError(io.t('cli.sign.needOneStore'));
  return chosen[0]!;
}

/** Environment variable when named, otherwise a no-echo prompt on the terminal. */
export function secretProviderFrom(values: KeyStoreValues, io: CliIo): SecretProvider {
  const passwordEnv = values['password-env'];
  const pinEnv = values['pin-env'];
  const prompt = promptOnTerminal({
    label: (request) => io.t(request.kind === 'pin' ? 'cli.secret.promptPin' : 'cli.secret.promptPassword', { target: request.target }),
    noTerminal: (request) =>
      io.t('cli.secret.noTerminal', { secret: io.t(request.kind === 'pin' ? 'secret.pin' : 'secret.password'), target: request.target, option: request.kind === 'pin' ? '--pin-env' : '--password-env' }),
  });
  return cachedSecret(async (request) => {
    const variable = request.kind === 'pin' ? (pinEnv ?? passwordEnv) : (passwordEnv ?? pinEnv);
    if (variable) return secretFromEnvironment(variable, io.env)(request);
    return prompt(request);
  });
}

const KEY_STORE_ERROR_KEYS: Record<KeyStoreError['code'], MessageKey> = {
  unsupportedKey: 'cli.keystore.unsupportedKey',
  noSuchIdentity: 'cli.keystore.noSuchIdentity',
  noPrivateKey: 'cli.keystore.noPrivateKey',
  wrongSecret: 'cli.keystore.wrongSecret',
  secretMissing: 'cli.keystore.secretMissing',
  storeUnavailable: 'cli.keystore.storeUnavailable',
  helperFailed: 'cli.keystore.helperFailed',
  badFile: 'cli.keystore.badFile',
};

export function reportKeyStoreError(error: KeyStoreError, io: CliIo): number {
  io.stderr(io.t(KEY_STORE_ERROR_KEYS[error.code], { detail: error.message }) + '\n');
  return EXIT_USAGE_OR_IO;
}

function problemLines(problems: SigningCertificateProblem[], io: CliIo): string {
  return problems.map((problem) => `  - ${io.t(`signing.finding.${problem.code}`, problem.params)}\n`).join('');
}

export const signCommand: Command = {
  name: 'sign',
  summaryKey: 'cli.sign.summary',
  usageKey: 'cli.sign.usage',
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({
      args,
      options: {
        output: { type: 'string', short: 'o' },
        digest: { type: 'string', default: 'sha256' },
        'include-chain': { type: 'boolean', default: false },
        'allow-invalid-certificate': { type: 'boolean', default: false },
        ...KEY_STORE_OPTIONS,
      },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length !== 1) throw new UsageError(io.t('cli.sign.needOneFile'));
    if (!values.output) throw new UsageError(io.t('cli.sign.needOutput'));
    if (values.digest !== 'sha256' && values.digest !== 'sha1') throw new UsageError(io.t('cli.sign.badDigest', { value: values.digest ?? '' }));
    const choice = keyStoreChoiceFrom(values, io);
    const inputPath = path.resolve(io.cwd, positionals[0]!);
    const outputPath = path.resolve(io.cwd, values.output);
    let input: Uint8Array;
    try {
      input = await fs.readFile(inputPath);
    } catch (error) {
      io.stderr(io.t('cli.sign.cannotRead', { file: inputPath, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message }) + '\n');
      return EXIT_USAGE_OR_IO;
    }
    const secrets = secretProviderFrom(values, io);
    let signer;
    try {
      const store = openKeyStore(choice, secrets);
      let identityId: string;
      try {
        identityId = await chooseIdentity(store, choice);
      } catch (error) {
        await store.close?.();
        throw error;
      }
      signer = await oneShotSigner(store, identityId, secrets);
    } catch (error) {
      if (error instanceof KeyStoreError) return reportKeyStoreError(error, io);
      throw error;
    }
    let signed: Uint8Array;
    try {
      signed = await sign(input, signer, { digest: values.digest, includeChain: values['include-chain'], allowInvalidCertificate: values['allow-invalid-certificate'] });
    } catch (error) {
      if (error instanceof XmlLocationError) {
        io.stderr(io.t('cli.sign.xmlError', { file: inputPath, line: error.line, column: error.column, reason: error.reason }) + '\n');
        return EXIT_USAGE_OR_IO;
      }
      if (error instanceof SigningError && error.code === 'invalidCertificate') {
        io.stderr(io.t('cli.sign.invalidCertificate', { file: inputPath, hresult: error.hresult ?? '' }) + '\n' + problemLines(error.certificateProblems, io));
        return EXIT_USAGE_OR_IO;
      }
      if (error instanceof SigningError) {
        io.stderr(io.t('cli.sign.refused', { file: inputPath, reason: error.message }) + '\n');
        return EXIT_USAGE_OR_IO;
      }
      if (error instanceof KeyStoreError) return reportKeyStoreError(error, io);
      throw error;
    } finally {
      await signer.close?.();
    }
    try {
      await writeFileAtomic(outputPath, signed);
    } catch (error) {
      io.stderr(io.t('cli.sign.cannotWrite', { file: outputPath, reason: (error as Error).message }) + '\n');
      return EXIT_USAGE_OR_IO;
    }
    const leaf = summarizeCertificate(signer.certificates[0]!);
    io.stdout(io.t('cli.sign.signed', { file: inputPath, output: outputPath, subject: leaf.subject, thumbprint: leaf.thumbprintSha1 }) + '\n');
    const forced = signerCertificateProblems(signer);
    if (forced.length > 0) io.stderr(io.t('cli.sign.invalidCertificateForced', { output: outputPath, hresult: HRESULT.certificateNotValidForSigning }) + '\n' + problemLines(forced, io));
    return EXIT_OK;
  },
};
