// provstudio dry-run FILE [--previous FILE] [--source operator-app|app|website] [--sim operator|none]
//   [--wifi yes|no] [--mbn yes|no] [--trusted CERT]... [-o PREDICTED.xml] [--format text|json]
// Predicts what Windows does with the file on a PC like that, citing the documented rule of each
// line, and writes the predicted CarrierProvisioningResult. Exit codes: 0 Windows applies all of
// it, 1 something fails or the file is refused, 2 usage or I/O error.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ProvisioningSource, SimPresence } from '../../shared/common/semantic/dry-run';
import { predictionText, renderPrediction } from '../../shared/common/semantic/dry-run-report';
import { dryRunFile } from '../../shared/node/dry-run';
import { readReportFile } from '../../shared/node/reports/index';
import { certificatesFromPemOrDer, readCertificate } from '../../shared/node/signing/certificates';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE_OR_IO, UsageError, type CliIo, type Command } from '../command';
import { cliLanguage } from '../language';

function choice<T extends string>(io: CliIo, option: string, value: string | undefined, choices: readonly T[]): T {
  if (value !== undefined && (choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(io.t('cli.dryRun.badChoice', { option, value: value ?? '', choices: choices.join(', ') }));
}

/** Writes next to the target, then renames: no half-written file if something fails. */
function writeAtomically(target: string, text: string): void {
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, text, 'utf8');
  renameSync(temporary, target);
}

export const dryRunCommand: Command = {
  name: 'dry-run',
  summaryKey: 'cli.dryRun.summary',
  usageKey: 'cli.dryRun.usage',
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({
      args,
      options: {
        previous: { type: 'string' },
        source: { type: 'string', default: 'operator-app' },
        sim: { type: 'string', default: 'operator' },
        wifi: { type: 'string', default: 'yes' },
        mbn: { type: 'string', default: 'yes' },
        trusted: { type: 'string', multiple: true, default: [] },
        output: { type: 'string', short: 'o' },
        format: { type: 'string', default: 'text' },
      },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length !== 1) throw new UsageError(io.t('cli.dryRun.needOneFile'));
    const source = choice<ProvisioningSource>(io, 'source', values.source, ['operator-app', 'app', 'website']);
    const sim = choice<SimPresence>(io, 'sim', values.sim, ['operator', 'none']);
    const wifi = choice(io, 'wifi', values.wifi, ['yes', 'no'] as const) === 'yes';
    const mbn = choice(io, 'mbn', values.mbn, ['yes', 'no'] as const) === 'yes';
    const format = choice(io, 'format', values.format, ['text', 'json'] as const);

    const trustedCertificates: Uint8Array[] = [];
    for (const file of values.trusted ?? []) {
      const certificatePath = path.resolve(io.cwd, file);
      try {
        const certificates = certificatesFromPemOrDer(new Uint8Array(readFileSync(certificatePath)));
        certificates.forEach((der) => readCertificate(der));
        trustedCertificates.push(...certificates);
      } catch (error) {
        io.stderr(io.t('cli.dryRun.badCertificate', { file: certificatePath, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message }) + '\n');
        return EXIT_USAGE_OR_IO;
      }
    }
    const fileName = positionals[0]!;
    const file = readReportFile(path.resolve(io.cwd, fileName));
    const previous = values.previous ? readReportFile(path.resolve(io.cwd, values.previous)) : undefined;

    const prediction = await dryRunFile({ bytes: file.bytes, text: file.text, ...(previous ? { previousText: previous.text } : {}), source, sim, wifi, mbn, trustedCertificates });
    const language = cliLanguage(io.env);
    const rendered = renderPrediction(language, prediction, file.text);

    if (values.output) {
      writeAtomically(path.resolve(io.cwd, values.output), prediction.resultXml);
      io.stderr(io.t('cli.dryRun.written', { path: values.output }) + '\n');
    }
    if (format === 'json') {
      io.stdout(JSON.stringify({ file: fileName, source, sim, wifi, mbn, previous: values.previous ?? null, signature: prediction.signature, deletedWlanProfiles: prediction.deletedWlanProfiles, ...rendered, resultXml: prediction.resultXml }, null, 2) + '\n');
    } else {
      const yes = (value: boolean) => (value ? 'yes' : 'no');
      io.stdout(io.t('cli.dryRun.heading', { file: fileName, source, sim, wifi: yes(wifi), mbn: yes(mbn) }) + '\n');
      io.stdout(predictionText(rendered, io.t('cli.dryRun.rule')));
    }
    return prediction.outcome === 'applied' ? EXIT_OK : EXIT_FINDINGS;
  },
};
