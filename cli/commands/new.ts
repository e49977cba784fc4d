// provstudio new --list | provstudio new --template NAME -o FILE [--force]
// Prints the template names, or writes one template to FILE atomically (refusing to replace an
// existing file unless --force). Templates: shared/common/templates.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { TEMPLATES, templateByName } from '../../shared/common/templates/index';
import { AtomicWriteError, writeFileAtomic } from '../../shared/node/files/atomic-write';
import { EXIT_OK, EXIT_USAGE_OR_IO, UsageError, type CliIo, type Command } from '../command';

export const newCommand: Command = {
  name: 'new',
  summaryKey: 'cli.new.summary',
  usageKey: 'cli.new.usage',
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({
      args,
      options: { list: { type: 'boolean' }, template: { type: 'string', short: 't' }, output: { type: 'string', short: 'o' }, force: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length > 0) throw new UsageError(io.t('cli.unexpectedArgument', { argument: positionals[0]! }));
    if (values.list) {
      if (values.template !== undefined || values.output !== undefined) throw new UsageError(io.t('cli.new.listAlone'));
      for (const template of TEMPLATES) io.stdout(`${template.name}\n`);
      return EXIT_OK;
    }
    if (values.template === undefined) throw new UsageError(io.t('cli.new.needTemplate'));
    const template = templateByName(values.template);
    if (!template) throw new UsageError(io.t('cli.new.unknownTemplate', { name: values.template }));
    if (values.output === undefined) throw new UsageError(io.t('cli.new.needOutput'));
    const target = path.resolve(io.cwd, values.output);
    try {
      await writeFileAtomic(target, new TextEncoder().encode(template.text), values.force ? {} : { refuseOverwrite: true });
    } catch (error) {
      if (error instanceof AtomicWriteError && error.kind === 'exists') {
        io.stderr(`${io.t('cli.new.exists', { file: values.output })}\n`);
        return EXIT_USAGE_OR_IO;
      }
      io.stderr(`${io.t('cli.new.failed', { file: values.output, reason: error instanceof Error ? error.message : String(error) })}\n`);
      return EXIT_USAGE_OR_IO;
    }
    io.stderr(`${io.t('cli.new.written', { file: values.output, name: template.name })}\n`);
    return EXIT_OK;
  },
};
