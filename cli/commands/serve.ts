import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createHostHandlers, defaultDataDirectory } from '../../shared/node/host';
import { startHttpHost } from '../../shared/node/http-host';
import { startSecretPromptServer } from '../../shared/node/secret-prompt/prompt-server';
import { EXIT_OK, EXIT_USAGE_OR_IO, UsageError, type CliIo, type Command } from '../command';
import { cliLanguage } from '../language';
import { PRODUCT_VERSION } from '../version';

/** dist/cli/cli-…js (every built CLI script is in dist/cli) -> dist/renderer */
export function defaultRendererDirectory(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
}

function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command as string, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser launcher on this machine: the printed URL is enough.
  }
}

export const serveCommand: Command = {
  name: 'serve',
  summaryKey: 'cli.serve.summary',
  usageKey: 'cli.serve.usage',
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseArgs({
      args,
      options: {
        port: { type: 'string', default: '0' },
        'data-dir': { type: 'string' },
        'renderer-dir': { type: 'string' },
        open: { type: 'boolean', default: false },
        'keep-unlocked': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port ?? '') || port > 65535) throw new UsageError(io.t('cli.serve.badPort', { port: values.port ?? '' }));
    const rendererDirectory = path.resolve(io.cwd, values['renderer-dir'] ?? defaultRendererDirectory());
    if (!existsSync(path.join(rendererDirectory, 'index.html'))) {
      io.stderr(io.t('cli.serve.noRenderer', { path: path.join(rendererDirectory, 'index.html') }) + '\n');
      return EXIT_USAGE_OR_IO;
    }
    // Given: this run's time, over the app's setting (Settings, 5 minutes by default) until the user changes it.
    const keepUnlocked = values['keep-unlocked'];
    if (keepUnlocked !== undefined && !/^\d{1,4}$/.test(keepUnlocked)) throw new UsageError(io.t('cli.serve.badKeepUnlocked', { value: keepUnlocked }));
    const dataDirectory = values['data-dir'] ? path.resolve(io.cwd, values['data-dir']) : defaultDataDirectory();
    // PINs and passwords are typed in a prompt page of a server of their own (another origin), which
    // the app opens as a window: never in the app's page, never in this terminal.
    const prompt = await startSecretPromptServer({ language: () => cliLanguage(io.env) });
    const handlers = createHostHandlers({
      dataDirectory,
      kind: 'browser',
      version: PRODUCT_VERSION,
      askSecret: prompt.askSecret,
      secretQuestions: prompt.questions,
      secretPrompt: 'promptPage',
      ...(keepUnlocked !== undefined ? { keepUnlockedMs: Number(keepUnlocked) * 60_000 } : {}),
    });
    const running = await startHttpHost({ handlers, rendererDirectory, port });
    io.stdout(io.t('cli.serve.listening', { url: running.url }) + '\n');
    io.stdout(io.t('cli.serve.tokenNote') + '\n');
    const minutes = keepUnlocked ?? String((await handlers['settings.get']()).keepUnlockedMinutes);
    io.stdout(io.t('cli.serve.secretPromptAt', { origin: prompt.origin, minutes }) + '\n');
    io.stdout(io.t('cli.serve.stop') + '\n');
    // The browser's command line is visible to every user (ps): it gets a one-time launch
    // address, never the token.
    if (values.open) openInBrowser(running.launchUrl());
    await io.interrupted;
    // The session ends: every store locks (token sessions closed, decrypted keys dropped).
    await handlers['signing.lock']({});
    await prompt.close();
    await running.close();
    return EXIT_OK;
  },
};
