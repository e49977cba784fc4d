// Starts the real `provstudio serve` (the built CLI) in a child process for end-to-end tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The repository: the first folder upwards with bin/provstudio.cjs (from test/support, or from a bundled benchmark in .bench/). */
function findRoot(start: string): string {
  for (let directory = start; ; directory = path.dirname(directory)) {
    if (existsSync(path.join(directory, 'bin', 'provstudio.cjs'))) return directory;
    if (path.dirname(directory) === directory) return process.cwd();
  }
}

export const ROOT = findRoot(import.meta.dirname);

export interface ServedApp {
  /** Everything the host printed so far (stdout and stderr). */
  output(): string;
  url: string;
  origin: string;
  token: string;
  dataDirectory: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** `args`: more options for `provstudio serve` (e.g. --keep-unlocked). */
export async function startServe(options: { dataDirectory?: string; env?: NodeJS.ProcessEnv; args?: string[] } = {}): Promise<ServedApp> {
  const dataDirectory = options.dataDirectory ?? mkdtempSync(path.join(os.tmpdir(), 'provstudio-data-'));
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/provstudio.cjs'), 'serve', '--port', '0', '--data-dir', dataDirectory, ...(options.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, PROVSTUDIO_LANG: 'en', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
  const parsed = new URL(url);
  return {
    output: () => output,
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token')!,
    dataDirectory,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
