// provstudio inspect RESULT [--source PROV] [--expected PREDICTED] [--format text|json|md|html] [-o OUT]
// Reads a CarrierProvisioningResult file, decodes every errorCode, links results to the source
// provisioning file when given, and prints or writes a report.
// Exit codes: 0 everything applied, 1 something failed (non-zero errorCode or an unreadable code,
// or a difference from --expected), 2 usage or I/O error, or a results file that could not be read
// at all (malformed, not results).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { languageFromLocales, type MessageKey } from '../../shared/common/i18n/core';
import { countedKey } from '../../shared/common/i18n/plural';
import { compareResults, type ResultsDifference } from '../../shared/common/results/compare';
import { escapeHtml } from '../../shared/common/results/report';
import { mapResultsToSource } from '../../shared/common/results/mapping';
import { readResults } from '../../shared/common/results/reader';
import { formatReport, type ReportFormat, type ReportInput } from '../../shared/common/results/report';
import { loadResultsValidator, readReportFile, sourceSigner } from '../../shared/node/reports/index';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE_OR_IO, UsageError, type CliIo, type Command } from '../command';

const FORMATS: readonly ReportFormat[] = ['text', 'json', 'md', 'html'];

/** The CLI's language (io.t speaks it: only its catalogue is loaded). */
function reportLanguage(io: CliIo) {
  const tags = [io.env.PROVSTUDIO_LANG, io.env.LC_ALL, io.env.LC_MESSAGES, io.env.LANG].filter((tag): tag is string => !!tag && tag !== 'C' && tag !== 'POSIX');
  return languageFromLocales(tags);
}

function differenceLine(io: CliIo, difference: ResultsDifference): string {
  const where = difference.actualRange ?? difference.expectedRange;
  const text = io.t(`semantic.compare.${difference.kind}` as MessageKey, { path: difference.path || 'CarrierProvisioningResult', expected: difference.expected ?? '', actual: difference.actual ?? '' });
  return where ? `${where.start.line}:${where.start.column} ${text}` : text;
}

/** Adds the "predicted versus returned" comparison to a report, in the report's format. */
function withDifferences(report: string, format: ReportFormat, differences: ResultsDifference[], expectedName: string, io: CliIo, language: ReturnType<typeof reportLanguage>): string {
  if (format === 'json') return JSON.stringify({ ...(JSON.parse(report) as object), expected: { file: expectedName, differences } }, null, 2) + '\n';
  const heading = io.t('semantic.compare.heading', { file: expectedName });
  const counted = countedKey(language, 'semantic.compare.count', differences.length);
  const summary = differences.length === 0 ? io.t('semantic.compare.none') : io.t(counted.key, { count: counted.count });
  const lines = differences.map((difference) => differenceLine(io, difference));
  if (format === 'html') {
    const items = lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('');
    return report.replace(/<\/body>\s*<\/html>\s*$/, `<section id="expected"><h2>${escapeHtml(heading)}</h2><p>${escapeHtml(summary)}</p><ul>${items}</ul></section></body></html>\n`);
  }
  const bullet = format === 'md' ? '- ' : '  ';
  return `${report.replace(/\n*$/, '\n')}\n${format === 'md' ? '## ' : ''}${heading}\n${summary}\n${lines.map((line) => bullet + line).join('\n')}${lines.length ? '\n' : ''}`;
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
        expected: { type: 'string' },
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
      translate: (key, params) => io.t(key, params),
    };
    if (source && values.source) {
      input.mapping = mapResultsToSource(model, source.text);
      input.source = { name: values.source, sha256: source.sha256, signer: await sourceSigner(source) };
    }

    let report = formatReport(format, input);
    let differences: ResultsDifference[] = [];
    if (values.expected) {
      const expected = readReportFile(path.resolve(io.cwd, values.expected));
      differences = compareResults(model, readResults(expected.text, validator ? { validator } : {}));
      report = withDifferences(report, format, differences, values.expected, io, input.language);
    }
    if (values.output) {
      const outputPath = path.resolve(io.cwd, values.output);
      writeFileSync(outputPath, report, 'utf8');
      io.stderr(io.t('cli.inspect.written', { path: values.output }) + '\n');
    } else {
      io.stdout(report);
    }
    if (!model.root) return EXIT_USAGE_OR_IO;
    return model.failed || differences.length > 0 ? EXIT_FINDINGS : EXIT_OK;
  },
};
