// The registry of subcommands. Each capability adds its module here. Help needs only names and
// message keys, so a command's module (and everything it imports: libxml2, crypto, the schema
// model) is imported when that command runs, not when the CLI starts.
import type { MessageKey } from '../../shared/common/i18n/core';
import type { CliIo, Command } from '../command';
import { loadLibxml2 } from '../libxml2';

/**
 * `preload`: libxml2-wasm is imported before the command's module (cli/libxml2.ts), for every
 * command but `validate`, which imports it itself once it has chosen how V8 compiles it.
 */
type Libxml2Loading = 'preload' | 'by-command';

function lazyCommand(name: string, summaryKey: MessageKey, usageKey: MessageKey, importModule: () => Promise<Command>, libxml2: Libxml2Loading = 'preload'): Command & { load(): Promise<Command> } {
  const load = async () => {
    if (libxml2 === 'preload') await loadLibxml2();
    return importModule();
  };
  return {
    name,
    summaryKey,
    usageKey,
    load,
    async run(args: string[], io: CliIo): Promise<number> {
      return (await load()).run(args, io);
    },
  };
}

export const COMMANDS = [
  lazyCommand('new', 'cli.new.summary', 'cli.new.usage', async () => (await import('./new')).newCommand),
  lazyCommand('validate', 'cli.validate.summary', 'cli.validate.usage', async () => (await import('./validate')).validateCommand, 'by-command'),
  lazyCommand('fix', 'cli.fix.summary', 'cli.fix.usage', async () => (await import('./fix')).fixCommand),
  lazyCommand('set', 'cli.set.summary', 'cli.set.usage', async () => (await import('./edit')).setCommand),
  lazyCommand('insert', 'cli.insert.summary', 'cli.insert.usage', async () => (await import('./edit')).insertCommand),
  lazyCommand('remove', 'cli.remove.summary', 'cli.remove.usage', async () => (await import('./edit')).removeCommand),
  lazyCommand('sign', 'cli.sign.summary', 'cli.sign.usage', async () => (await import('./sign')).signCommand),
  lazyCommand('generate', 'cli.generate.summary', 'cli.generate.usage', async () => (await import('./generate')).generateCommand),
  lazyCommand('verify', 'cli.verify.summary', 'cli.verify.usage', async () => (await import('./verify')).verifyCommand),
  lazyCommand('certs', 'cli.certs.summary', 'cli.certs.usage', async () => (await import('./certs')).certsCommand),
  lazyCommand('inspect', 'cli.inspect.summary', 'cli.inspect.usage', async () => (await import('./inspect')).inspectCommand),
  lazyCommand('explain', 'cli.explain.summary', 'cli.explain.usage', async () => (await import('./explain')).explainCommand),
  lazyCommand('dry-run', 'cli.dryRun.summary', 'cli.dryRun.usage', async () => (await import('./dry-run')).dryRunCommand),
  lazyCommand('diff', 'cli.diff.summary', 'cli.diff.usage', async () => (await import('./diff')).diffCommand),
  lazyCommand('serve', 'cli.serve.summary', 'cli.serve.usage', async () => (await import('./serve')).serveCommand),
  lazyCommand('website', 'cli.website.summary', 'cli.website.usage', async () => (await import('./website')).websiteCommand),
] as const;
