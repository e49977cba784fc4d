// provstudio explain FILE [--format text|json]: what the file makes Windows do, one sentence per
// element, each with the line and column it comes from. Exit codes: 0 explained, 1 the file is not
// a provisioning file (not well-formed, or another root), 2 usage or I/O error.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readProvisioningModel } from '../../shared/common/semantic/model';
import { renderSentence, summarize } from '../../shared/common/semantic/summary';
import { rangeOf } from '../../shared/common/semantic/positions';
import { readReportFile } from '../../shared/node/reports/index';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIo, type Command } from '../command';
import { cliLanguage } from '../language';

export const explainCommand: Command = {
  name: 'explain',
  summaryKey: 'cli.explain.summary',
  usageKey: 'cli.explain.usage',
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({ args, options: { format: { type: 'string', default: 'text' } }, strict: true, allowPositionals: true });
    if (positionals.length !== 1) throw new UsageError(io.t('cli.explain.needOneFile'));
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError(io.t('cli.explain.badFormat', { value: values.format ?? '' }));
    const file = readReportFile(path.resolve(io.cwd, positionals[0]!));
    const model = readProvisioningModel(file.text);
    if (!model.ok) {
      const where = model.error ? `${model.error.range.start.line}:${model.error.range.start.column}` : '1:1';
      io.stderr(io.t('cli.explain.notProvisioning', { file: positionals[0]!, where, reason: model.error?.message ?? '' }) + '\n');
      return EXIT_FINDINGS;
    }
    const language = cliLanguage(io.env);
    const sentences = summarize(model).map((sentence) => ({ section: sentence.section, text: renderSentence(language, sentence), range: rangeOf(file.text, sentence.span) }));
    if (values.format === 'json') {
      io.stdout(JSON.stringify({ file: positionals[0], language, sentences }, null, 2) + '\n');
    } else {
      io.stdout(io.t('cli.explain.heading', { file: positionals[0]! }) + '\n');
      for (const sentence of sentences) io.stdout(`  ${String(sentence.range.start.line).padStart(4)}:${String(sentence.range.start.column).padEnd(3)} ${sentence.text}\n`);
    }
    return EXIT_OK;
  },
};
