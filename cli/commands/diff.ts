// provstudio diff OLD NEW [--format text|json|md]: what changes on customers' PCs between two
// versions of a provisioning file, in Windows' terms. Exit codes: 0 no change removes profiles
// from PCs, 1 some change does (for CI gates) or a file is not a provisioning file, 2 usage or I/O.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { diffModels } from '../../shared/common/semantic/diff';
import { diffMarkdown, diffText, renderDiff } from '../../shared/common/semantic/diff-report';
import { readProvisioningModel } from '../../shared/common/semantic/model';
import { readReportFile } from '../../shared/node/reports/index';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIo, type Command } from '../command';
import { cliLanguage } from '../language';

export const diffCommand: Command = {
  name: 'diff',
  summaryKey: 'cli.diff.summary',
  usageKey: 'cli.diff.usage',
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({ args, options: { format: { type: 'string', default: 'text' } }, strict: true, allowPositionals: true });
    if (positionals.length !== 2) throw new UsageError(io.t('cli.diff.needTwoFiles'));
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json' && format !== 'md') throw new UsageError(io.t('cli.diff.badFormat', { value: format }));
    const [oldName, newName] = positionals as [string, string];
    const oldFile = readReportFile(path.resolve(io.cwd, oldName));
    const newFile = readReportFile(path.resolve(io.cwd, newName));
    const before = readProvisioningModel(oldFile.text);
    const after = readProvisioningModel(newFile.text);
    for (const [name, model] of [[oldName, before], [newName, after]] as const) {
      if (model.ok) continue;
      const where = model.error ? `${model.error.range.start.line}:${model.error.range.start.column}` : '1:1';
      io.stderr(io.t('cli.explain.notProvisioning', { file: name, where, reason: model.error?.message ?? '' }) + '\n');
      return EXIT_FINDINGS;
    }
    const diff = diffModels(before, after);
    const rendered = renderDiff(cliLanguage(io.env), diff, oldFile.text, newFile.text);
    const removesText = io.t('semantic.diff.removesProfiles');
    if (format === 'json') io.stdout(JSON.stringify({ old: oldName, new: newName, ...rendered }, null, 2) + '\n');
    else if (format === 'md') io.stdout(diffMarkdown(rendered, io.t('cli.diff.mdHeading', { old: oldName, new: newName }), removesText));
    else io.stdout(io.t('cli.diff.heading', { old: oldName, new: newName }) + '\n' + diffText(rendered, removesText));
    return diff.removesProfiles ? EXIT_FINDINGS : EXIT_OK;
  },
};
