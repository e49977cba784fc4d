// provstudio certs list --<key store option>: the signing identities a store offers.
// provstudio certs make-test-ev --out DIR: a test root CA and an EV signer (see test-ev-kit.ts).
// provstudio certs trust FILE --cert CERT [-o OUT]: lists CERT in FILE's Provisioning/TrustedCertificates.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { addTrustedCertificate } from '../../shared/common/edit/trusted-certificates';
import { BUNDLED_SCHEMA_MODEL } from '../../shared/common/schema-model/bundled';
import { writeFileAtomic } from '../../shared/node/files/atomic-write';
import { decodeText, encodeText } from '../../shared/node/files/encoding';
import { certificatesFromPemOrDer, summarizeCertificate } from '../../shared/node/signing/certificates';
import { parseArgs } from 'node:util';
import { KeyStoreError, openKeyStore } from '../../shared/node/keystores/index';
import { makeTestEvKit } from '../../shared/node/signing/test-ev-kit';
import { EXIT_OK, EXIT_USAGE_OR_IO, UsageError, type CliIo, type Command } from '../command';
import { KEY_STORE_OPTIONS, keyStoreChoiceFrom, reportKeyStoreError, secretProviderFrom } from './sign';

async function listIdentities(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { ...KEY_STORE_OPTIONS, format: { type: 'string', default: 'text' } }, strict: true, allowPositionals: true });
  if (positionals.length > 0) throw new UsageError(io.t('cli.certs.unexpected', { value: positionals[0]! }));
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(io.t('cli.verify.badFormat', { value: values.format ?? '' }));
  const choice = keyStoreChoiceFrom(values, io, true);
  const store = openKeyStore(choice, secretProviderFrom(values, io));
  try {
    const identities = await store.listIdentities();
    if (values.format === 'json') {
      io.stdout(JSON.stringify(identities, null, 2) + '\n');
      return EXIT_OK;
    }
    if (identities.length === 0) io.stdout(io.t('cli.certs.none') + '\n');
    for (const identity of identities) {
      io.stdout(
        io.t('cli.certs.identity', {
          id: identity.id,
          label: identity.label ?? '',
          subject: identity.subject,
          issuer: identity.issuer,
          thumbprint: identity.thumbprintSha1,
          serial: identity.serial,
          notBefore: identity.notBefore,
          notAfter: identity.notAfter,
          keyType: identity.keyType,
          ev: io.t(identity.ev ? 'cli.yes' : 'cli.no'),
        }) + '\n',
      );
      if (identity.keyIdHex !== undefined) {
        const none = io.t('cli.certs.noValue');
        io.stdout(io.t('cli.certs.tokenObjects', { keyLabel: identity.keyLabel ?? none, certificateLabel: identity.certificateLabel ?? none, keyId: identity.keyIdHex || none }) + '\n');
      }
    }
    return EXIT_OK;
  } catch (error) {
    if (error instanceof KeyStoreError) return reportKeyStoreError(error, io);
    throw error;
  } finally {
    await store.close?.();
  }
}

async function makeTestEv(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' }, 'password-env': { type: 'string' }, name: { type: 'string' } }, strict: true, allowPositionals: false });
  if (!values.out) throw new UsageError(io.t('cli.certs.needOut'));
  const secrets = secretProviderFrom(values, io);
  let password: string | null;
  try {
    password = await secrets({ kind: 'password', target: 'signer.pfx' });
  } catch (error) {
    if (error instanceof KeyStoreError) return reportKeyStoreError(error, io);
    throw error;
  }
  if (!password) {
    io.stderr(io.t('cli.certs.needPassword') + '\n');
    return EXIT_USAGE_OR_IO;
  }
  const kit = await makeTestEvKit(path.resolve(io.cwd, values.out), password, values.name);
  io.stdout(io.t('cli.certs.made', { root: kit.rootPath, rootPem: kit.rootPemPath, pfx: kit.pfxPath, readme: kit.readmePath, subject: kit.signer.certificate.subject }) + '\n');
  return EXIT_OK;
}

/** Adds the certificate's subject and issuer names to the file's TrustedCertificates, keeping every other byte. */
async function trustCertificate(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { cert: { type: 'string' }, output: { type: 'string', short: 'o' } }, strict: true, allowPositionals: true });
  if (positionals.length !== 1 || !values.cert) throw new UsageError(io.t('cli.certs.trustUsage'));
  const filePath = path.resolve(io.cwd, positionals[0]!);
  const [leaf] = certificatesFromPemOrDer(await fs.readFile(path.resolve(io.cwd, values.cert)));
  if (!leaf) throw new UsageError(io.t('cli.certs.noCertificate', { path: values.cert }));
  const { subject, issuer } = summarizeCertificate(leaf);
  const { text, encoding } = decodeText(await fs.readFile(filePath));
  const outcome = addTrustedCertificate(text, { subjectName: subject, issuerName: issuer }, BUNDLED_SCHEMA_MODEL);
  if (outcome === null) {
    io.stderr(io.t('cli.certs.notWellFormed', { path: filePath }) + '\n');
    return EXIT_USAGE_OR_IO;
  }
  if (!outcome.ok) {
    io.stderr(io.t(outcome.messageKey, outcome.params) + '\n');
    return EXIT_USAGE_OR_IO;
  }
  const target = path.resolve(io.cwd, values.output ?? filePath);
  await writeFileAtomic(target, encodeText(outcome.text, encoding));
  io.stdout(io.t(outcome.alreadyListed ? 'cli.certs.alreadyTrusted' : 'cli.certs.trusted', { subject, issuer, path: target }) + '\n');
  return EXIT_OK;
}

export const certsCommand: Command = {
  name: 'certs',
  summaryKey: 'cli.certs.summary',
  usageKey: 'cli.certs.usage',
  async run(args: string[], io: CliIo): Promise<number> {
    const [subcommand, ...rest] = args;
    if (subcommand === 'list') return listIdentities(rest, io);
    if (subcommand === 'make-test-ev') return makeTestEv(rest, io);
    if (subcommand === 'trust') return trustCertificate(rest, io);
    throw new UsageError(io.t('cli.certs.unknownSubcommand', { value: subcommand ?? '' }));
  },
};
