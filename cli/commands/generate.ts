// provstudio generate --template T.xml [--bindings T.bindings.json] --data rows.csv|rows.jsonl
//   --out DIR [--name "{SubscriberId}.xml"] [--jobs N] [--fail-fast] [--no-lint] [key store options]
// One file per row, validated, signed when a key store is named (the options of `provstudio sign`),
// written atomically, with manifest.csv / manifest.json beside them; a second run resumes.
//   exit 0 every row gave a valid file, 1 some rows were rejected or invalid, 2 usage, I/O,
//   a template or bindings error, a key-store error, or an interruption (run again to resume).
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { MessageKey } from '../../shared/common/i18n/index';
import { BindingsError, bindingsPathFor, parseBindings, progressFraction, progressWords, TemplateError, type Bindings } from '../../shared/common/subscriber/index';
import { DecodeError, decodeText } from '../../shared/node/files/encoding';
import { KeyStoreError } from '../../shared/node/keystores/index';
import { BatchError, runBatch, type BatchProgress, type BatchSigning } from '../../shared/node/subscriber/batch';
import { DataFileError } from '../../shared/node/subscriber/rows';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE_OR_IO, UsageError, type CliIo, type Command } from '../command';
import { cliLanguage } from '../language';
import { KEY_STORE_OPTIONS, keyStoreChoiceFrom, reportKeyStoreError, secretProviderFrom } from './sign';
import { defaultSchemaDirectory, readSchemaDirectory } from './validate';

/** The options that name a key store (the others only qualify one). */
const STORE_NAMING_OPTIONS = ['pfx', 'pem-key', 'pem-cert', 'pkcs11-module', 'nss-db', 'store-thumbprint', 'keychain-identity'] as const;

/** One line, redrawn in place: a bar, the count, the rate and the time left. */
export function progressLine(progress: BatchProgress, io: CliIo, width = 24): string {
  const filled = Math.round(progressFraction(progress) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${progressWords(progress, io.t)}`;
}

async function readText(file: string, io: CliIo): Promise<{ text: string; encoding: ReturnType<typeof decodeText>['encoding'] } | null> {
  try {
    return decodeText(await fs.readFile(file));
  } catch (error) {
    const reason = error instanceof DecodeError ? error.message : ((error as NodeJS.ErrnoException).code ?? (error as Error).message);
    io.stderr(io.t('generate.cannotRead', { file, reason }) + '\n');
    return null;
  }
}

function messageOf(error: { messageKey: MessageKey; params: Record<string, string> }, io: CliIo): string {
  return io.t(error.messageKey, error.params);
}

export const generateCommand: Command = {
  name: 'generate',
  summaryKey: 'cli.generate.summary',
  usageKey: 'cli.generate.usage',
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseArgs({
      args,
      options: {
        template: { type: 'string' },
        bindings: { type: 'string' },
        data: { type: 'string' },
        out: { type: 'string' },
        name: { type: 'string' },
        jobs: { type: 'string' },
        'fail-fast': { type: 'boolean', default: false },
        'no-lint': { type: 'boolean', default: false },
        digest: { type: 'string', default: 'sha256' },
        'include-chain': { type: 'boolean', default: false },
        'allow-invalid-certificate': { type: 'boolean', default: false },
        ...KEY_STORE_OPTIONS,
      },
      strict: true,
      allowPositionals: false,
    });
    if (!values.template) throw new UsageError(io.t('cli.generate.missing', { option: '--template' }));
    if (!values.data) throw new UsageError(io.t('cli.generate.missing', { option: '--data' }));
    if (!values.out) throw new UsageError(io.t('cli.generate.missing', { option: '--out' }));
    const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
    if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) throw new UsageError(io.t('cli.generate.badJobs', { value: values.jobs ?? '' }));
    if (values.digest !== 'sha256' && values.digest !== 'sha1') throw new UsageError(io.t('cli.sign.badDigest', { value: values.digest ?? '' }));
    const signs = STORE_NAMING_OPTIONS.some((option) => values[option] !== undefined);
    const signing: BatchSigning | undefined = signs
      ? { choice: keyStoreChoiceFrom(values, io), secrets: secretProviderFrom(values, io), options: { digest: values.digest, includeChain: values['include-chain'], allowInvalidCertificate: values['allow-invalid-certificate'] } }
      : undefined;

    const templatePath = path.resolve(io.cwd, values.template);
    const bindingsPath = path.resolve(io.cwd, values.bindings ?? bindingsPathFor(values.template));
    const dataPath = path.resolve(io.cwd, values.data);
    const template = await readText(templatePath, io);
    const bindingsText = template && (await readText(bindingsPath, io));
    if (!template || !bindingsText) return EXIT_USAGE_OR_IO;
    if (!existsSync(dataPath)) {
      io.stderr(io.t('generate.cannotRead', { file: dataPath, reason: 'ENOENT' }) + '\n');
      return EXIT_USAGE_OR_IO;
    }
    let bindings: Bindings;
    try {
      bindings = parseBindings(bindingsText.text);
    } catch (error) {
      if (!(error instanceof BindingsError)) throw error;
      io.stderr(`${bindingsPath}: ${messageOf(error, io)}\n`);
      return EXIT_USAGE_OR_IO;
    }
    const schemaDirectory = defaultSchemaDirectory(import.meta.url, io.env);

    const controller = new AbortController();
    void io.interrupted.then(() => controller.abort());
    const terminal = process.stderr.isTTY === true;
    let drawn = false;
    try {
      const summary = await runBatch({
        templateText: template.text,
        encoding: template.encoding,
        bindings,
        dataPath,
        outputDirectory: path.resolve(io.cwd, values.out),
        ...(values.name !== undefined ? { nameTemplate: values.name } : {}),
        ...(jobs !== undefined ? { jobs } : {}),
        failFast: values['fail-fast'],
        lint: !values['no-lint'],
        language: cliLanguage(io.env),
        schemaFiles: readSchemaDirectory(schemaDirectory),
        ...(signing ? { signing } : {}),
        signal: controller.signal,
        ...(terminal
          ? {
              onProgress: (progress: BatchProgress) => {
                drawn = true;
                io.stderr(`\r${progressLine(progress, io)}\x1b[K`);
              },
            }
          : {}),
      });
      if (drawn) io.stderr('\n');
      for (const entry of summary.firstProblems) {
        const reasons = [...entry.problems.map((problem) => problem.message), ...entry.findings.filter((finding) => finding.severity === 'error').map((finding) => `${finding.code} ${finding.line}:${finding.column} ${finding.message}`)];
        io.stderr(io.t('generate.badRow', { row: entry.row, line: entry.line, verdict: entry.verdict, reason: reasons.join('; ') }) + '\n');
      }
      io.stdout(
        io.t('generate.summary', {
          valid: summary.counts.valid,
          unchanged: summary.counts.unchanged,
          invalid: summary.counts.invalid,
          rejected: summary.counts.rejected,
          seconds: (summary.elapsedMs / 1000).toFixed(1),
          manifest: summary.manifestCsv,
        }) + '\n',
      );
      if (summary.interrupted) {
        io.stderr(io.t('generate.interrupted') + '\n');
        return EXIT_USAGE_OR_IO;
      }
      return summary.counts.invalid + summary.counts.rejected > 0 ? EXIT_FINDINGS : EXIT_OK;
    } catch (error) {
      if (drawn) io.stderr('\n');
      if (error instanceof TemplateError) io.stderr(`${templatePath}: ${messageOf(error, io)}\n`);
      else if (error instanceof KeyStoreError) return reportKeyStoreError(error, io);
      else if (error instanceof DataFileError) io.stderr(io.t('generate.badDataFile', { file: dataPath, line: error.line, reason: error.reason }) + '\n');
      else if (error instanceof BatchError) io.stderr(error.message + '\n');
      else throw error;
      return EXIT_USAGE_OR_IO;
    }
  },
};
