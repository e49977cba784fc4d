// What every provstudio subcommand is: a module with a name, help text keys and a run function.
// Later subcommands (validate, sign, verify, inspect, ...) add a module to commands/index.ts.
import type { MessageKey, MessageParams } from '../shared/common/i18n/index';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE_OR_IO = 2;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Translates into the language chosen from PROVSTUDIO_LANG / LC_ALL / LC_MESSAGES / LANG. */
  t(key: MessageKey, params?: MessageParams): string;
  /** Resolves when the user asks to stop a long-running command (Ctrl+C). */
  interrupted: Promise<void>;
}

export interface Command {
  name: string;
  summaryKey: MessageKey;
  usageKey: MessageKey;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Wrong arguments: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}
