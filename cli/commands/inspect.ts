// provstudio inspect RESULT [--source PROV] [--format text|json|md|html] [-o OUT]
// Reads a CarrierProvisioningResult file, decodes every errorCode, links results to the source
// provisioning file when given, and prints or writes a report.
// Exit codes: 0 everything applied, 1 something failed (non-zero errorCode, unreadable code, or a
// malformed/non-results file), 2 usage or I/O error.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { languageFromLocales, type Language } from '../../shared/common/i18n/index';
import { mapResultsToSource } from '../../shared/common/results/mapping';
import { readResults } from '../../shared/common/results/reader';
import { formatReport, type ReportFormat, type ReportInput } from '../../shared/common/results/report';
import { loadResultsValidator, readReportFile, sourceSigner } from '../../shared/node/reports/index';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIo, type Command } from '../command';

const FORMATS: readonly ReportFormat[] = ['text', 'json', 'md', 'html'];

function reportLanguage(io: CliIo): Language {
  const tags = [io.env.PROVSTUDIO_LANG, io.env.LC_ALL, io.env.LC_MESSAGES, io.env.LANG].filter((tag): tag is string => !!tag && tag !== 'C' && tag !== 'POSIX');
  return languageFromLocales(tags);
}

export const inspectCommand: Command = {
  name: 'inspect',
  summaryKey: 'cli.inspect.summary',
  usageKey: 'cli.inspect.usage',
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({
      args,
      options: {
        source: { type: 'string' },
        format: { type: 'string', default: 'text' },
        output: { type: 'string', short: 'o' },
      },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length === 0) throw new UsageError(io.t('cli.inspect.missingResult'));
    if (positionals.length > 1) throw new UsageError(io.t('cli.inspect.tooManyFiles', { count: positionals.length }));
    const format = (values.format ?? 'text') as ReportFormat;
    if (!FORMATS.includes(format)) throw new UsageError(io.t('cli.inspect.badFormat', { format: values.format ?? '' }));

    const resultPath = positionals[0] as string;
    // I/O errors propagate to runCli, which prints them and exits with 2.
    const result = readReportFile(path.resolve(io.cwd, resultPath));
    const source = values.source ? readReportFile(path.resolve(io.cwd, values.source)) : undefined;

    const validator = loadResultsValidator();
    const model = readResults(result.text, validator ? { validator } : {});
    const input: ReportInput = {
      model,
      result: { name: resultPath, sha256: result.sha256 },
      date: new Date().toISOString(),
      language: reportLanguage(io),
    };
    if (source && values.source) {
      input.mapping = mapResultsToSource(model, source.text);
      input.source = { name: values.source, sha256: source.sha256, signer: await sourceSigner(source) };
    }

    const report = formatReport(format, input);
    if (values.output) {
      const outputPath = path.resolve(io.cwd, values.output);
      writeFileSync(outputPath, report, 'utf8');
      io.stderr(io.t('cli.inspect.written', { path: values.output }) + '\n');
    } else {
      io.stdout(report);
    }
    return model.failed ? EXIT_FINDINGS : EXIT_OK;
  },
};
