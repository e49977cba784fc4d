import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main';
import { cliLanguage } from '../../cli/language';
import { translate } from '../../shared/common/i18n/index';
import { COMMANDS } from '../../cli/commands/index';
import { captureCli } from '../support/cli';

describe('provstudio entry point', () => {
  it('prints help listing the registered commands and exit codes', async () => {
    const capture = captureCli();
    expect(await runCli(['--help'], capture.io)).toBe(0);
    expect(capture.out()).toMatch(/^Usage: provstudio <command>/);
    expect(capture.out()).toContain('serve');
    expect(capture.out()).toContain('Exit codes: 0 success, 1 findings, 2 usage or I/O error.');
  });

  it('prints the version', async () => {
    const capture = captureCli();
    expect(await runCli(['--version'], capture.io)).toBe(0);
    expect(capture.out().trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits 2 on an unknown command, a bad option, or no command', async () => {
    const unknown = captureCli();
    expect(await runCli(['frobnicate'], unknown.io)).toBe(2);
    expect(unknown.err()).toContain('Unknown command "frobnicate"');
    const badOption = captureCli();
    expect(await runCli(['serve', '--bogus'], badOption.io)).toBe(2);
    expect(badOption.err()).toContain('provstudio serve [--port N]');
    const badPort = captureCli();
    expect(await runCli(['serve', '--port', '99999'], badPort.io)).toBe(2);
    expect(await runCli([], captureCli().io)).toBe(2);
  });

  it.each(COMMANDS.map((command) => command.name))('%s: an unknown option prints a one-line reason and the usage, exit 2', async (name) => {
    const command = COMMANDS.find((candidate) => candidate.name === name)!;
    // Commands with subcommands read their options after the subcommand.
    const subcommand = ({ certs: ['list'], website: ['url', 'parse'] } as Record<string, string[]>)[name] ?? [];
    const capture = captureCli();
    expect(await runCli([name, ...subcommand, '--no-such-option'], capture.io)).toBe(2);
    expect(capture.out()).toBe('');
    expect(capture.err()).toBe(`Unknown option --no-such-option.\n${translate('en', command.usageKey)}\n`);
    const french = captureCli({ language: 'fr' });
    expect(await runCli([name, ...subcommand, '--no-such-option'], french.io)).toBe(2);
    expect(french.err().split('\n')[0]).toBe('Option inconnue --no-such-option.');
  });

  it('says which option lacks its value, in one line', async () => {
    const capture = captureCli();
    expect(await runCli(['validate', '--target'], capture.io)).toBe(2);
    expect(capture.err()).toBe(`The option --target needs a value.\n${translate('en', 'cli.validate.usage')}\n`);
  });

  it('validate of a missing file prints only the error, no summary', async () => {
    const capture = captureCli();
    expect(await runCli(['validate', 'no-such-file.xml'], capture.io)).toBe(2);
    expect(capture.out()).toBe('');
    expect(capture.err()).toBe('Cannot read no-such-file.xml: no such file\n');
  });

  it('speaks French when the environment asks for it', async () => {
    expect(cliLanguage({ LANG: 'fr_FR.UTF-8' })).toBe('fr');
    expect(cliLanguage({ PROVSTUDIO_LANG: 'pt', LANG: 'fr_FR.UTF-8' })).toBe('pt');
    expect(cliLanguage({ LANG: 'C' })).toBe('en');
    const capture = captureCli({ language: 'fr' });
    await runCli(['--help'], capture.io);
    expect(capture.out()).toContain('Utilisation : provstudio');
  });
});
