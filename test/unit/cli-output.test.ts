// The CLI's output written straight to its file descriptors (cli/output.ts): the same bytes in the
// same order as Node's streams gave, the stream only where a descriptor needs it.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { descriptorOutput } from '../../cli/output';
import { CLI_BIN } from '../support/cli';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'provstudio-output-'));
});
afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

/** A stand-in for process.stdout that keeps what is written to it. */
function keepingStream(kept: string[]): NodeJS.WriteStream {
  return { write: (text: string) => kept.push(String(text)) > 0, on: () => undefined } as unknown as NodeJS.WriteStream;
}

describe('CLI output', () => {
  it('writes UTF-8 to the descriptor, in order, without making the stream', () => {
    const file = path.join(directory, 'out.txt');
    const fd = openSync(file, 'w');
    const kept: string[] = [];
    try {
      const write = descriptorOutput(fd, () => keepingStream(kept), 'linux');
      write('première ligne\n');
      write('second: ação … ✓\n');
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(file, 'utf8')).toBe('première ligne\nsecond: ação … ✓\n');
    expect(kept).toEqual([]);
  });

  it('keeps Node`s stream for a Windows console (a character device), which takes Unicode', () => {
    const fd = openSync('/dev/null', 'w');
    const kept: string[] = [];
    try {
      const write = descriptorOutput(fd, () => keepingStream(kept), 'win32');
      write('ação\n');
    } finally {
      closeSync(fd);
    }
    expect(kept).toEqual(['ação\n']);
  });

  it('gives the whole output, in order, to a non-blocking pipe that fills up (the rest through the stream)', async () => {
    const corpus = path.join(ROOT, 'test/fixtures/corpus');
    const files = readdirSync(corpus, { recursive: true }).map(String).filter((name) => name.endsWith('.xml')).sort().slice(0, 200).map((name) => path.join(corpus, name));
    const reference = spawnSync(process.execPath, [CLI_BIN, 'validate', '--format', 'json', ...files], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    expect(reference.stdout.length).toBeGreaterThan(4 * 65536);
    // Making process.stdout first sets the pipe non-blocking (libuv); the CLI then runs in that
    // process ('placeholder' stands where the launcher expects its own path in process.argv).
    const script = `process.stdout; require(${JSON.stringify(CLI_BIN)});`;
    const child = spawn(process.execPath, ['-e', script, 'placeholder', 'validate', '--format', 'json', ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Nothing is read for a while: the pipe's buffer (64 kB) fills and writing would block.
    child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stdout.resume();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe(reference.stderr);
    expect(code).toBe(reference.status);
    const timings = /"timings": \{[^}]*\}/g;
    expect(Buffer.concat(chunks).toString('utf8').replace(timings, '')).toBe(reference.stdout.replace(timings, ''));
  }, 60_000);
});
