// The one way tests run `provstudio`:
// - in process: `captureCli()` gives an io for `runCli` (cli/main.ts) that keeps what the command
//   writes, in English unless asked otherwise (`runCaptured` does both in one call);
// - as a real process: `runBuiltCli()` runs bin/provstudio.cjs (the built CLI) with Node and
//   returns its exit status and output; `CLI_BIN` is its path for tests that need their own spawn
//   (pipes, start-up traces, long-running servers);
// - `makeTestEvKit()`: a test EV kit (root, signer.pfx) made by the built CLI, as a user would.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { CliIo, Command } from '../../cli/command';
import { runCli } from '../../cli/main';
import { translate, type Language } from '../../shared/common/i18n/index';
import { ROOT } from './serve';

export const CLI_BIN = path.join(ROOT, 'bin', 'provstudio.cjs');

export interface CliCaptureOptions {
  /** The command's working folder (default: the process's). */
  cwd?: string;
  /** The command's environment: these variables (and PROVSTUDIO_LANG when `language` is given), nothing of the test's own. */
  env?: NodeJS.ProcessEnv;
  /** The language of the messages (default English, which an environment without LANG gives too). */
  language?: Language;
}

export interface CliCapture {
  io: CliIo;
  /** What the command wrote to stdout. */
  out(): string;
  /** What the command wrote to stderr. */
  err(): string;
  /** Both, in the order it wrote them. */
  text(): string;
}

export function captureCli(options: CliCaptureOptions = {}): CliCapture {
  const language = options.language ?? 'en';
  const out: string[] = [];
  const err: string[] = [];
  const both: string[] = [];
  const io: CliIo = {
    stdout: (text) => void (out.push(text), both.push(text)),
    stderr: (text) => void (err.push(text), both.push(text)),
    env: { ...(options.language ? { PROVSTUDIO_LANG: options.language } : {}), ...options.env },
    cwd: options.cwd ?? process.cwd(),
    t: (key, params) => translate(language, key, params),
    interrupted: new Promise(() => undefined),
  };
  return { io, out: () => out.join(''), err: () => err.join(''), text: () => both.join('') };
}

export interface CapturedRun {
  exitCode: number;
  out: string;
  err: string;
  text: string;
}

/** Runs the CLI in process (with every command, or only `commands`) and returns its exit code and what it wrote. */
export async function runCaptured(args: string[], options: CliCaptureOptions = {}, commands?: readonly Command[]): Promise<CapturedRun> {
  const capture = captureCli(options);
  const exitCode = await runCli(args, capture.io, commands);
  return { exitCode, out: capture.out(), err: capture.err(), text: capture.text() };
}

export interface BuiltCliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI in its own process; `env` is added to the test's environment. */
export function runBuiltCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): BuiltCliRun {
  const result = spawnSync(process.execPath, [CLI_BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `provstudio certs make-test-ev --out <folder>`: root.cer (DER), root.pem and signer.pfx under `password`. */
export function makeTestEvKit(folder: string, password: string): { pfxPath: string; rootPath: string } {
  const made = runBuiltCli(['certs', 'make-test-ev', '--out', folder, '--password-env', 'KIT_PASSWORD'], { env: { KIT_PASSWORD: password } });
  if (made.status !== 0) throw new Error(`certs make-test-ev failed: ${made.stdout}${made.stderr}`);
  return { pfxPath: path.join(folder, 'signer.pfx'), rootPath: path.join(folder, 'root.cer') };
}
