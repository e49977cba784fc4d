// provstudio certs list --<key store option>: the signing identities a store offers.
// provstudio certs make-test-ev --out DIR: a test root CA and an EV signer (see test-ev-kit.ts).
import path from 'node:path';
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
  try {
    const identities = await openKeyStore(choice, secretProviderFrom(values, io)).listIdentities();
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
    }
    return EXIT_OK;
  } catch (error) {
    if (error instanceof KeyStoreError) return reportKeyStoreError(error, io);
    throw error;
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
  io.stdout(io.t('cli.certs.made', { root: kit.rootPath, pfx: kit.pfxPath, readme: kit.readmePath, subject: kit.signer.certificate.subject }) + '\n');
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
    throw new UsageError(io.t('cli.certs.unknownSubcommand', { value: subcommand ?? '' }));
  },
};
