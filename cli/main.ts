// provstudio: the command-line entry point. Exit codes: 0 ok, 1 findings, 2 usage or I/O error.
import { translateWith } from '../shared/common/i18n/core';
import { loadCatalogue } from '../shared/common/i18n/load';
import { EXIT_USAGE_OR_IO, UsageError, type CliIo, type Command } from './command';
import { COMMANDS } from './commands/index';
import { cliLanguage } from './language';
import { descriptorOutput } from './output';
import { PRODUCT_VERSION } from './version';

function helpText(io: CliIo, commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.name.length)) + 2;
  const lines = [
    io.t('cli.usage'),
    '',
    io.t('cli.commands'),
    ...commands.map((command) => `  ${command.name.padEnd(width)}${io.t(command.summaryKey)}`),
    '',
    io.t('cli.options'),
    `  ${'--help'.padEnd(width)}${io.t('cli.option.help')}`,
    `  ${'--version'.padEnd(width)}${io.t('cli.option.version')}`,
    '',
    io.t('cli.exitCodes'),
  ];
  return lines.join('\n') + '\n';
}

/**
 * node:util parseArgs' error as one translated line ("Unknown option --bogus."); its own messages
 * are English and run over several sentences. The option is the quoted name in that message.
 */
function argumentProblem(io: CliIo, code: string, message: string): string {
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  const option = quoted.split(' ')[0] ?? quoted;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return io.t('cli.unknownOption', { option });
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return io.t('cli.optionNeedsValue', { option });
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return io.t('cli.unexpectedArgument', { argument: quoted });
    default:
      return io.t('cli.badArguments', { detail: message.split('\n')[0] ?? message });
  }
}

export async function runCli(argv: string[], io: CliIo, commands: readonly Command[] = COMMANDS): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? commands.find((command) => command.name === rest[0]) : undefined;
    io.stdout(topic ? `${io.t(topic.usageKey)}\n  ${io.t(topic.summaryKey)}\n` : helpText(io, commands));
    return first === undefined ? EXIT_USAGE_OR_IO : 0;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${PRODUCT_VERSION}\n`);
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === first);
  if (!command) {
    io.stderr(io.t('cli.unknownCommand', { command: first }) + '\n');
    return EXIT_USAGE_OR_IO;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${io.t(command.usageKey)}\n  ${io.t(command.summaryKey)}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    // node:util parseArgs throws TypeErrors with codes ERR_PARSE_ARGS_* for bad options.
    const code = (error as { code?: string }).code ?? '';
    if (error instanceof UsageError || code.startsWith('ERR_PARSE_ARGS')) {
      const reason = error instanceof UsageError ? error.message : argumentProblem(io, code, (error as Error).message);
      io.stderr(`${reason}\n${io.t(command.usageKey)}\n`);
      return EXIT_USAGE_OR_IO;
    }
    io.stderr(io.t('cli.ioError', { message: error instanceof Error ? error.message : String(error) }) + '\n');
    return EXIT_USAGE_OR_IO;
  }
}

/** The real process's streams, environment and language (only that language's catalogue is loaded). */
export async function processIo(): Promise<CliIo> {
  const catalogue = await loadCatalogue(cliLanguage(process.env));
  const interrupted = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  return {
    stdout: descriptorOutput(1, () => process.stdout),
    stderr: descriptorOutput(2, () => process.stderr),
    env: process.env,
    cwd: process.cwd(),
    t: (key, params) => translateWith(catalogue, key, params),
    interrupted,
  };
}
